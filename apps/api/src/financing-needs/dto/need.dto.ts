import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CollateralKind, FinancingInstrument, MAX_AMOUNT_WAN, MAX_RATE_PERCENT, MAX_TERM_MONTHS, NeedSharing, NeedStatus, COLLATERAL_KIND_LABELS, FINANCING_INSTRUMENT_LABELS, NEED_SHARING_LABELS, NEED_STATUS_LABELS, type NeedInput, type NeedUpdateInput, TEXT_LIMITS } from '@zj/shared';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDateString, IsEnum, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { PageQueryDto } from '../../common/http/pagination';
import { IsDecimalString, IsDivisionCode, Trim } from '../../common/validation/validators';
import { TextLength } from '../../common/validation/text-length';
import { oneOf } from '../../common/validation/messages';

export class NeedFieldsDto {
  @ApiProperty({ example: '3500.00', description: '金额（万元）；保险为保险金额' })
  @IsDecimalString({ min: 0.01, max: MAX_AMOUNT_WAN, label: '融资金额', unit: '万元' })
  amount: string;

  @ApiProperty({ example: 96, description: '期限（月）' })
  @IsInt({ message: `期限应为1至${MAX_TERM_MONTHS}个月（整数）` })
  @Min(1, { message: `期限应为1至${MAX_TERM_MONTHS}个月（整数）` })
  @Max(MAX_TERM_MONTHS, { message: `期限应为1至${MAX_TERM_MONTHS}个月（整数）` })
  termMonths: number;

  @ApiProperty({ enum: FinancingInstrument })
  @IsEnum(FinancingInstrument, { message: oneOf('融资方式', FINANCING_INSTRUMENT_LABELS) })
  instrument: FinancingInstrument;

  @ApiProperty({ example: '光伏组件、逆变器采购及安装' })
  @Trim()
  @IsString({ message: '资金用途应为文字' })
  @TextLength(TEXT_LIMITS.needPurpose, '资金用途')
  purpose: string;

  @ApiProperty({ enum: CollateralKind, isArray: true })
  @IsArray({ message: '请选择可提供的担保方式' })
  @ArrayMinSize(1, { message: '请选择可提供的担保方式（至少1项，无担保请选“无”）' })
  @ArrayMaxSize(9, { message: '可提供的担保方式最多9项' })
  @IsEnum(CollateralKind, { each: true, message: oneOf('可提供的担保方式', COLLATERAL_KIND_LABELS) })
  collateral: CollateralKind[];

  @ApiPropertyOptional({ description: '担保说明' })
  @IsOptional()
  @Trim()
  @IsString({ message: '担保说明应为文字' })
  @TextLength(TEXT_LIMITS.needCollateralNote, '担保说明')
  collateralNote?: string | null;

  @ApiPropertyOptional({ example: '3.85', description: '可接受的最高年利率（%）' })
  @IsOptional()
  @IsDecimalString({ precision: 5, scale: 2, min: 0, max: MAX_RATE_PERCENT, label: '可接受的最高年利率', unit: '%' })
  maxRatePercent?: string | null;

  @ApiPropertyOptional({ example: '2026-06-30', description: '希望到位日期' })
  @IsOptional()
  @IsDateString({ strict: true }, { message: '希望到位日期格式应为 YYYY-MM-DD' })
  wantedBy?: string | null;

  @ApiProperty({ enum: NeedSharing, description: '企业同意共享的范围' })
  @IsEnum(NeedSharing, { message: oneOf('同意共享的范围', NEED_SHARING_LABELS) })
  sharing: NeedSharing;

  @ApiPropertyOptional({ type: [String], description: '指定的金融机构（共享范围为指定机构时）' })
  @IsOptional()
  @IsArray({ message: '指定金融机构应为列表' })
  @ArrayMaxSize(50, { message: '指定金融机构最多50家' })
  @IsUUID('all', { each: true, message: '指定金融机构无效' })
  bankOrgIds?: string[];
}

export class CreateNeedDto extends NeedFieldsDto implements NeedInput {
  @ApiPropertyOptional({ description: '对应项目；不填为企业整体融资需求' })
  @IsOptional()
  @IsUUID('all', { message: '所属项目无效' })
  projectId?: string;

  @ApiPropertyOptional({ description: '所属企业（政府部门、县区代为登记时必填）' })
  @IsOptional()
  @IsUUID('all', { message: '所属企业无效' })
  enterpriseOrgId?: string;
}

export class UpdateNeedDto implements NeedUpdateInput {
  @ApiProperty() @IsInt({ message: '版本号应为整数' })
  version: number;

  @ApiPropertyOptional() @IsOptional() @IsDecimalString({ min: 0.01, max: MAX_AMOUNT_WAN, label: '融资金额', unit: '万元' })
  amount?: string;

  @ApiPropertyOptional() @IsOptional() @IsInt({ message: `期限应为1至${MAX_TERM_MONTHS}个月（整数）` }) @Min(1, { message: `期限应为1至${MAX_TERM_MONTHS}个月（整数）` }) @Max(MAX_TERM_MONTHS, { message: `期限应为1至${MAX_TERM_MONTHS}个月（整数）` })
  termMonths?: number;

  @ApiPropertyOptional({ enum: FinancingInstrument }) @IsOptional() @IsEnum(FinancingInstrument, { message: oneOf('融资方式', FINANCING_INSTRUMENT_LABELS) })
  instrument?: FinancingInstrument;

  @ApiPropertyOptional() @IsOptional() @Trim() @IsString({ message: '资金用途应为文字' }) @TextLength(TEXT_LIMITS.needPurpose, '资金用途')
  purpose?: string;

  @ApiPropertyOptional({ enum: CollateralKind, isArray: true })
  @IsOptional()
  @IsArray({ message: '可提供的担保方式应为列表' })
  @ArrayMinSize(1, { message: '请选择可提供的担保方式（至少1项，无担保请选“无”）' })
  @ArrayMaxSize(9, { message: '可提供的担保方式最多9项' })
  @IsEnum(CollateralKind, { each: true, message: oneOf('可提供的担保方式', COLLATERAL_KIND_LABELS) })
  collateral?: CollateralKind[];

  @ApiPropertyOptional() @IsOptional() @Trim() @IsString({ message: '担保说明应为文字' }) @TextLength(TEXT_LIMITS.needCollateralNote, '担保说明')
  collateralNote?: string | null;

  @ApiPropertyOptional() @IsOptional() @IsDecimalString({ precision: 5, scale: 2, min: 0, max: MAX_RATE_PERCENT, label: '可接受的最高年利率', unit: '%' })
  maxRatePercent?: string | null;

  @ApiPropertyOptional() @IsOptional() @IsDateString({ strict: true }, { message: '希望到位日期格式应为 YYYY-MM-DD' })
  wantedBy?: string | null;

  @ApiPropertyOptional({ enum: NeedSharing }) @IsOptional() @IsEnum(NeedSharing, { message: oneOf('同意共享的范围', NEED_SHARING_LABELS) })
  sharing?: NeedSharing;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray({ message: '指定金融机构应为列表' })
  @ArrayMaxSize(50, { message: '指定金融机构最多50家' })
  @IsUUID('all', { each: true, message: '指定金融机构无效' })
  bankOrgIds?: string[];
}

export class WithdrawNeedDto {
  @ApiPropertyOptional() @IsOptional() @IsInt({ message: '版本号应为整数' })
  version?: number;
}

export class ListNeedsQuery extends PageQueryDto {
  @ApiPropertyOptional({ description: '关键词：资金用途、项目名称、企业名称' })
  @IsOptional()
  @Trim()
  @IsString({ message: '关键词应为文字' })
  @Length(1, 100, { message: '关键词应为1至100个字' })
  q?: string;

  @ApiPropertyOptional({ enum: NeedStatus })
  @IsOptional()
  @IsEnum(NeedStatus, { message: oneOf('状态', NEED_STATUS_LABELS) })
  status?: NeedStatus;

  @ApiPropertyOptional({ enum: FinancingInstrument })
  @IsOptional()
  @IsEnum(FinancingInstrument, { message: oneOf('融资方式', FINANCING_INSTRUMENT_LABELS) })
  instrument?: FinancingInstrument;

  @ApiPropertyOptional()
  @IsOptional()
  @IsDivisionCode({ message: '县区应为湛江市的县（市、区）或园区' })
  divisionCode?: string;

  @ApiPropertyOptional({ description: '金额下限（万元）' })
  @IsOptional()
  @IsDecimalString({ min: 0, label: '金额下限', unit: '万元' })
  minAmount?: string;

  @ApiPropertyOptional({ description: '金额上限（万元）' })
  @IsOptional()
  @IsDecimalString({ min: 0, label: '金额上限', unit: '万元' })
  maxAmount?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all', { message: '项目无效' })
  projectId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all', { message: '企业无效' })
  enterpriseOrgId?: string;

  @ApiPropertyOptional({ description: '分类前缀（项目主分类）' })
  @IsOptional()
  @Type(() => String)
  @IsString({ message: '分类前缀应为文字' })
  @Length(1, 20, { message: '分类前缀应为1至20个字符' })
  categoryPrefix?: string;
}
