import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { type BankLoanReportInput, type BankProfileInput, TEXT_LIMITS } from '@zj/shared';
import { IsBoolean, IsInt, IsISO8601, IsOptional, IsString, IsUrl, IsUUID, Matches, Max, Min } from 'class-validator';
import { PageQueryDto } from '../../common/http/pagination';
import { IsDecimalString, IsYearMonth, Trim } from '../../common/validation/validators';
import { TextLength } from '../../common/validation/text-length';

const AMOUNT = { min: 0, max: 999_999_999_999.99 };

export class PutBankProfileDto implements BankProfileInput {
  @ApiPropertyOptional({ description: '修改已有资料时必填：读取时的版本号' })
  @IsOptional()
  @IsInt({ message: '版本号应为整数' })
  version?: number;

  @ApiProperty({ description: '已组建绿色金融服务团队' })
  @IsBoolean({ message: '已组建绿色金融服务团队应为是或否' })
  hasGreenFinanceTeam: boolean;

  @ApiPropertyOptional({ example: '2023-06-01', description: '团队组建日期（有团队时必填）' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: '组建日期格式应为 YYYY-MM-DD' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '组建日期格式应为 YYYY-MM-DD' })
  greenTeamSince?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString({ message: '团队说明应为文字' })
  @TextLength(TEXT_LIMITS.greenTeamNote, '团队说明')
  greenTeamNote?: string;

  @ApiProperty({ description: '本行为法人农商行' })
  @IsBoolean({ message: '本行为法人农商行应为是或否' })
  isLocalRuralCommercialBank: boolean;

  @ApiProperty({ description: '已开展环境信息披露' })
  @IsBoolean({ message: '已开展环境信息披露应为是或否' })
  disclosesEnvironmentalInfo: boolean;

  @ApiPropertyOptional({ description: '环境信息披露报告链接' })
  @IsOptional()
  @IsUrl({ require_protocol: true, protocols: ['http', 'https'] }, { message: '披露报告链接应为 http(s) 网址' })
  @TextLength(TEXT_LIMITS.disclosureUrl, '披露报告链接', '个字符')
  disclosureUrl?: string;

  @ApiPropertyOptional({ description: '首次披露年度（已披露时必填）' })
  @IsOptional()
  @IsInt({ message: '首次披露年度应为2000至2100的整数' })
  @Min(2000, { message: '首次披露年度应为2000至2100的整数' })
  @Max(2100, { message: '首次披露年度应为2000至2100的整数' })
  disclosureYear?: number;
}

export class PutLoanReportDto implements BankLoanReportInput {
  @ApiPropertyOptional({ description: '更正已报送的月报时必填：读取时的版本号' })
  @IsOptional()
  @IsInt({ message: '版本号应为整数' })
  version?: number;

  @ApiProperty({ example: '125000.00', description: '月末绿色贷款余额（万元）' })
  @IsDecimalString({ ...AMOUNT, label: '月末绿色贷款余额', unit: '万元' })
  greenLoanBalance: string;

  @ApiProperty({ example: '1180000.00', description: '月末各项贷款余额（万元）' })
  @IsDecimalString({ ...AMOUNT, min: 0.01, label: '月末各项贷款余额', unit: '万元' })
  totalLoanBalance: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString({ message: '说明应为文字' })
  @TextLength(TEXT_LIMITS.loanReportNote, '说明')
  note?: string;
}

export class MonthParam {
  @IsYearMonth({ label: '月份' })
  month: string;
}

export class ListLoanReportsQuery extends PageQueryDto {
  @ApiPropertyOptional({ example: '2026-03' })
  @IsOptional()
  @IsYearMonth({ label: '月份' })
  month?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all', { message: '金融机构无效' })
  bankOrgId?: string;
}

export class RatioQuery {
  @ApiPropertyOptional({ example: '2025-01' })
  @IsOptional()
  @IsYearMonth({ label: '开始月份' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-03' })
  @IsOptional()
  @IsYearMonth({ label: '结束月份' })
  to?: string;
}

export class CoverageQuery {
  @ApiProperty({ example: '2026-03' })
  @IsYearMonth({ label: '月份' })
  month: string;
}

