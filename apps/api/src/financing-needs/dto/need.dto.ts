import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CollateralKind, FinancingInstrument, MAX_AMOUNT_WAN, MAX_RATE_PERCENT, MAX_TERM_MONTHS, NeedSharing, NeedStatus } from '@zj/shared';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDateString, IsEnum, IsInt, IsOptional, IsString, IsUUID, Length, Max, MaxLength, Min } from 'class-validator';
import { PageQueryDto } from '../../common/http/pagination';
import { IsDecimalString, IsDivisionCode, Trim } from '../../common/validation/validators';

export class NeedFieldsDto {
  @ApiProperty({ example: '3500.00', description: '金额（万元）；保险为保险金额' })
  @IsDecimalString({ min: 0.01, max: MAX_AMOUNT_WAN })
  amount: string;

  @ApiProperty({ example: 96, description: '期限（月）' })
  @IsInt({ message: '期限应为整数月' })
  @Min(1, { message: '期限至少1个月' })
  @Max(MAX_TERM_MONTHS, { message: `期限不超过${MAX_TERM_MONTHS}个月` })
  termMonths: number;

  @ApiProperty({ enum: FinancingInstrument })
  @IsEnum(FinancingInstrument, { message: '融资方式应为贷款、债券、保险、融资租赁、股权融资或供应链金融' })
  instrument: FinancingInstrument;

  @ApiProperty({ example: '光伏组件、逆变器采购及安装' })
  @Trim()
  @IsString({ message: '资金用途应为文字' })
  @Length(2, 500, { message: '资金用途为2至500字' })
  purpose: string;

  @ApiProperty({ enum: CollateralKind, isArray: true })
  @IsArray({ message: '请选择可提供的担保方式' })
  @ArrayMinSize(1, { message: '请选择可提供的担保方式（无担保请选“无”）' })
  @ArrayMaxSize(9)
  @IsEnum(CollateralKind, { each: true, message: '担保方式无效' })
  collateral: CollateralKind[];

  @ApiPropertyOptional({ description: '担保说明' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200, { message: '担保说明不超过200字' })
  collateralNote?: string | null;

  @ApiPropertyOptional({ example: '3.85', description: '可接受的最高年利率（%）' })
  @IsOptional()
  @IsDecimalString({ precision: 5, scale: 2, min: 0, max: MAX_RATE_PERCENT })
  maxRatePercent?: string | null;

  @ApiPropertyOptional({ example: '2026-06-30', description: '希望到位日期' })
  @IsOptional()
  @IsDateString({ strict: true }, { message: '日期格式应为 YYYY-MM-DD' })
  wantedBy?: string | null;

  @ApiProperty({ enum: NeedSharing, description: '企业同意共享的范围' })
  @IsEnum(NeedSharing, { message: '共享范围无效' })
  sharing: NeedSharing;

  @ApiPropertyOptional({ type: [String], description: '指定的金融机构（共享范围为指定机构时）' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50, { message: '最多指定50家机构' })
  @IsUUID('all', { each: true, message: '金融机构 id 无效' })
  bankOrgIds?: string[];
}

export class CreateNeedDto extends NeedFieldsDto {
  @ApiPropertyOptional({ description: '对应项目；不填为企业整体融资需求' })
  @IsOptional()
  @IsUUID('all', { message: '项目 id 无效' })
  projectId?: string;

  @ApiPropertyOptional({ description: '所属企业（政府部门、县区代为登记时必填）' })
  @IsOptional()
  @IsUUID('all', { message: '企业 id 无效' })
  enterpriseOrgId?: string;
}

export class UpdateNeedDto {
  @ApiProperty() @IsInt({ message: '版本号应为整数' })
  version: number;

  @ApiPropertyOptional() @IsOptional() @IsDecimalString({ min: 0.01, max: MAX_AMOUNT_WAN })
  amount?: string;

  @ApiPropertyOptional() @IsOptional() @IsInt({ message: '期限应为整数月' }) @Min(1, { message: '期限至少1个月' }) @Max(MAX_TERM_MONTHS, { message: `期限不超过${MAX_TERM_MONTHS}个月` })
  termMonths?: number;

  @ApiPropertyOptional({ enum: FinancingInstrument }) @IsOptional() @IsEnum(FinancingInstrument, { message: '融资方式无效' })
  instrument?: FinancingInstrument;

  @ApiPropertyOptional() @IsOptional() @Trim() @IsString() @Length(2, 500, { message: '资金用途为2至500字' })
  purpose?: string;

  @ApiPropertyOptional({ enum: CollateralKind, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1, { message: '请选择可提供的担保方式（无担保请选“无”）' })
  @ArrayMaxSize(9)
  @IsEnum(CollateralKind, { each: true, message: '担保方式无效' })
  collateral?: CollateralKind[];

  @ApiPropertyOptional() @IsOptional() @Trim() @IsString() @MaxLength(200, { message: '担保说明不超过200字' })
  collateralNote?: string | null;

  @ApiPropertyOptional() @IsOptional() @IsDecimalString({ precision: 5, scale: 2, min: 0, max: MAX_RATE_PERCENT })
  maxRatePercent?: string | null;

  @ApiPropertyOptional() @IsOptional() @IsDateString({ strict: true }, { message: '日期格式应为 YYYY-MM-DD' })
  wantedBy?: string | null;

  @ApiPropertyOptional({ enum: NeedSharing }) @IsOptional() @IsEnum(NeedSharing, { message: '共享范围无效' })
  sharing?: NeedSharing;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true, message: '金融机构 id 无效' })
  bankOrgIds?: string[];
}

export class WithdrawNeedDto {
  @ApiPropertyOptional() @IsOptional() @IsInt()
  version?: number;
}

export class ListNeedsQuery extends PageQueryDto {
  @ApiPropertyOptional({ description: '关键词：资金用途、项目名称、企业名称' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 100)
  q?: string;

  @ApiPropertyOptional({ enum: NeedStatus })
  @IsOptional()
  @IsEnum(NeedStatus, { message: '状态无效' })
  status?: NeedStatus;

  @ApiPropertyOptional({ enum: FinancingInstrument })
  @IsOptional()
  @IsEnum(FinancingInstrument, { message: '融资方式无效' })
  instrument?: FinancingInstrument;

  @ApiPropertyOptional()
  @IsOptional()
  @IsDivisionCode()
  divisionCode?: string;

  @ApiPropertyOptional({ description: '金额下限（万元）' })
  @IsOptional()
  @IsDecimalString({ min: 0 })
  minAmount?: string;

  @ApiPropertyOptional({ description: '金额上限（万元）' })
  @IsOptional()
  @IsDecimalString({ min: 0 })
  maxAmount?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all')
  projectId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all')
  enterpriseOrgId?: string;

  @ApiPropertyOptional({ description: '分类前缀（项目主分类）' })
  @IsOptional()
  @Type(() => String)
  @IsString()
  @Length(1, 20)
  categoryPrefix?: string;
}
