import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CaseState, DeclineReason, FundUseResult } from '@zj/shared';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsEnum, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { PageQueryDto } from '../../common/http/pagination';
import { IsCalendarDate, IsDecimalString, IsDivisionCode, Trim } from '../../common/validation/validators';

const AMOUNT = { min: 0.01, max: 10_000_000 };

export class ApplyDto {
  @ApiProperty()
  @IsUUID('all', { message: '融资需求编号无效' })
  needId: string;

  @ApiProperty()
  @IsUUID('all', { message: '产品编号无效' })
  productId: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 1000)
  comment?: string;
}

export class ClaimDto {
  @ApiProperty()
  @IsUUID('all', { message: '融资需求编号无效' })
  needId: string;

  @ApiPropertyOptional({ description: '拟用的本机构产品' })
  @IsOptional()
  @IsUUID()
  productId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 1000)
  comment?: string;
}

export class PushDto {
  @ApiProperty()
  @IsUUID()
  needId: string;

  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  bankOrgIds: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 1000)
  comment?: string;
}

export class TransitionDto {
  @ApiProperty({ enum: CaseState })
  @IsEnum(CaseState, { message: '目标状态无效' })
  to: CaseState;

  @ApiPropertyOptional({ description: '读到的版本号；带上时，他人已改动则 409' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 1000)
  comment?: string;

  @ApiPropertyOptional({ enum: DeclineReason, description: '婉拒原因（DECLINED 必填）' })
  @IsOptional()
  @IsEnum(DeclineReason, { message: '婉拒原因无效' })
  reasonCode?: DeclineReason;

  @ApiPropertyOptional({ description: '原因说明（REJECTED 必填）' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 500)
  reasonText?: string;

  @ApiPropertyOptional({ example: '450.00', description: '授信金额（万元，APPROVED 必填）' })
  @IsOptional()
  @IsDecimalString(AMOUNT)
  approvedAmount?: string;

  @ApiPropertyOptional({ example: '3.45', description: '年利率 %（APPROVED 必填）' })
  @IsOptional()
  @IsDecimalString({ precision: 5, scale: 2, min: 0, max: 36 })
  ratePercent?: string;

  @ApiPropertyOptional({ example: 36, description: '期限（月，APPROVED 必填）' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(600)
  termMonths?: number;

  @ApiPropertyOptional({ example: '200.00', description: '首笔放款金额（万元，DISBURSED 必填）' })
  @IsOptional()
  @IsDecimalString(AMOUNT)
  amount?: string;

  @ApiPropertyOptional({ example: '2026-03-02' })
  @IsOptional()
  @IsCalendarDate()
  disbursedOn?: string;
}

export class TrancheDto {
  @ApiProperty({ example: '100.00' })
  @IsDecimalString(AMOUNT)
  amount: string;

  @ApiPropertyOptional({ example: '2026-03-02' })
  @IsOptional()
  @IsCalendarDate()
  disbursedOn?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 500)
  note?: string;
}

export class FundUseCheckDto {
  @ApiProperty({ example: '2026-06-30' })
  @IsCalendarDate()
  checkedOn: string;

  @ApiProperty({ enum: FundUseResult })
  @IsEnum(FundUseResult, { message: '检查结果无效' })
  result: FundUseResult;

  @ApiPropertyOptional({ description: '偏离时必填：用途偏离的情况' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 1000)
  detail?: string;
}

export class ReassignDto {
  @ApiProperty()
  @IsUUID()
  bankOrgId: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 1000)
  comment?: string;
}

export class ResolveWarningDto {
  @ApiProperty()
  @Trim()
  @IsString()
  @Length(1, 1000)
  note: string;
}

export class ListCasesQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: CaseState })
  @IsOptional()
  @IsEnum(CaseState)
  state?: CaseState;

  @ApiPropertyOptional({ description: '仅超时的' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  needId?: string;

  @ApiPropertyOptional({ description: '市金融工作局：按金融机构筛选' })
  @IsOptional()
  @IsUUID()
  bankOrgId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsDivisionCode()
  divisionCode?: string;
}

export class StatisticsQuery {
  @ApiPropertyOptional({ example: '2025-01-01' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;
}

export class WarningsQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['OPEN', 'RESOLVED'] })
  @IsOptional()
  @IsEnum({ OPEN: 'OPEN', RESOLVED: 'RESOLVED' })
  status?: 'OPEN' | 'RESOLVED';
}
