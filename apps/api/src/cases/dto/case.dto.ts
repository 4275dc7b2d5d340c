import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  type CaseApplyInput,
  type CaseClaimInput,
  type CasePushInput,
  type CaseReassignInput,
  type CaseReferInput,
  CaseState,
  type CaseTrancheInput,
  type CaseTransitionInput,
  DeclineReason,
  type FundUseCheckInput,
  FundUseResult,
  CASE_STATE_LABELS,
  DECLINE_REASON_LABELS,
  FUND_USE_RESULT_LABELS,
} from '@zj/shared';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsEnum, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { PageQueryDto } from '../../common/http/pagination';
import { IsCalendarDate, IsDecimalString, IsDivisionCode, Trim } from '../../common/validation/validators';
import { oneOf } from '../../common/validation/messages';

const AMOUNT = { min: 0.01, max: 10_000_000 };

export class ApplyDto implements CaseApplyInput {
  @ApiProperty()
  @IsUUID('all', { message: '融资需求无效' })
  needId: string;

  @ApiProperty()
  @IsUUID('all', { message: '产品无效' })
  productId: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString({ message: '说明应为文字' })
  @Length(1, 1000, { message: '说明应为1至1000个字' })
  comment?: string;
}

export class ClaimDto implements CaseClaimInput {
  @ApiProperty()
  @IsUUID('all', { message: '融资需求无效' })
  needId: string;

  @ApiPropertyOptional({ description: '拟用的本机构产品' })
  @IsOptional()
  @IsUUID('all', { message: '拟用产品无效' })
  productId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString({ message: '说明应为文字' })
  @Length(1, 1000, { message: '说明应为1至1000个字' })
  comment?: string;
}

export class PushDto implements CasePushInput {
  @ApiProperty()
  @IsUUID('all', { message: '融资需求无效' })
  needId: string;

  @ApiProperty({ type: [String] })
  @IsArray({ message: '金融机构应为列表' })
  @ArrayMinSize(1, { message: '金融机构至少1项' })
  @ArrayMaxSize(20, { message: '金融机构最多20项' })
  @IsUUID('all', { each: true, message: '金融机构无效' })
  bankOrgIds: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString({ message: '说明应为文字' })
  @Length(1, 1000, { message: '说明应为1至1000个字' })
  comment?: string;
}

export class TransitionDto implements CaseTransitionInput {
  @ApiProperty({ enum: CaseState })
  @IsEnum(CaseState, { message: oneOf('目标状态', CASE_STATE_LABELS) })
  to: CaseState;

  @ApiPropertyOptional({ description: '读到的版本号；带上时，他人已改动则 409' })
  @IsOptional()
  @IsInt({ message: '版本号应为不小于1的整数' })
  @Min(1, { message: '版本号应为不小于1的整数' })
  version?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString({ message: '备注应为文字' })
  @Length(1, 1000, { message: '备注应为1至1000个字' })
  comment?: string;

  @ApiPropertyOptional({ enum: DeclineReason, description: '婉拒原因（DECLINED 必填）' })
  @IsOptional()
  @IsEnum(DeclineReason, { message: oneOf('婉拒原因', DECLINE_REASON_LABELS) })
  reasonCode?: DeclineReason;

  @ApiPropertyOptional({ description: '原因说明（REJECTED 必填）' })
  @IsOptional()
  @Trim()
  @IsString({ message: '原因说明应为文字' })
  @Length(1, 500, { message: '原因说明应为1至500个字' })
  reasonText?: string;

  @ApiPropertyOptional({ example: '450.00', description: '授信金额（万元，APPROVED 必填）' })
  @IsOptional()
  @IsDecimalString({ ...AMOUNT, label: '授信金额', unit: '万元' })
  approvedAmount?: string;

  @ApiPropertyOptional({ example: '3.45', description: '年利率 %（APPROVED 必填）' })
  @IsOptional()
  @IsDecimalString({ precision: 5, scale: 2, min: 0, max: 36, label: '年利率', unit: '%' })
  ratePercent?: string;

  @ApiPropertyOptional({ example: 36, description: '期限（月，APPROVED 必填）' })
  @IsOptional()
  @IsInt({ message: '期限应为1至600个月（整数）' })
  @Min(1, { message: '期限应为1至600个月（整数）' })
  @Max(600, { message: '期限应为1至600个月（整数）' })
  termMonths?: number;

  @ApiPropertyOptional({ example: '200.00', description: '首笔放款金额（万元，DISBURSED 必填）' })
  @IsOptional()
  @IsDecimalString({ ...AMOUNT, label: '首笔放款金额', unit: '万元' })
  amount?: string;

  @ApiPropertyOptional({ example: '2026-03-02' })
  @IsOptional()
  @IsCalendarDate({ label: '放款日期' })
  disbursedOn?: string;
}

export class TrancheDto implements CaseTrancheInput {
  @ApiProperty({ example: '100.00' })
  @IsDecimalString({ ...AMOUNT, label: '放款金额', unit: '万元' })
  amount: string;

  @ApiPropertyOptional({ example: '2026-03-02' })
  @IsOptional()
  @IsCalendarDate({ label: '放款日期' })
  disbursedOn?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString({ message: '备注应为文字' })
  @Length(1, 500, { message: '备注应为1至500个字' })
  note?: string;
}

export class FundUseCheckDto implements FundUseCheckInput {
  @ApiProperty({ example: '2026-06-30' })
  @IsCalendarDate({ label: '检查日期' })
  checkedOn: string;

  @ApiProperty({ enum: FundUseResult })
  @IsEnum(FundUseResult, { message: oneOf('检查结果', FUND_USE_RESULT_LABELS) })
  result: FundUseResult;

  @ApiPropertyOptional({ description: '偏离时必填：用途偏离的情况' })
  @IsOptional()
  @Trim()
  @IsString({ message: '偏离情况应为文字' })
  @Length(1, 1000, { message: '偏离情况应为1至1000个字' })
  detail?: string;
}

export class ReassignDto implements CaseReassignInput {
  @ApiProperty()
  @IsUUID('all', { message: '金融机构无效' })
  bankOrgId: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString({ message: '说明应为文字' })
  @Length(1, 1000, { message: '说明应为1至1000个字' })
  comment?: string;
}

export class ResolveWarningDto {
  @ApiProperty()
  @Trim()
  @IsString({ message: '处理说明应为文字' })
  @Length(1, 1000, { message: '处理说明应为1至1000个字' })
  note: string;
}

export class ListCasesQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: CaseState })
  @IsOptional()
  @IsEnum(CaseState, { message: oneOf('状态', CASE_STATE_LABELS) })
  state?: CaseState;

  @ApiPropertyOptional({ description: '仅超时的' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: '仅看超时应为是或否' })
  overdue?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all', { message: '融资需求无效' })
  needId?: string;

  @ApiPropertyOptional({ description: '市金融工作局：按金融机构筛选' })
  @IsOptional()
  @IsUUID('all', { message: '金融机构无效' })
  bankOrgId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsDivisionCode({ message: '县区应为湛江市的县（市、区）或园区' })
  divisionCode?: string;
}

export class StatisticsQuery {
  @ApiPropertyOptional({ example: '2025-01-01' })
  @IsOptional()
  @IsCalendarDate({ label: '开始日期' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31' })
  @IsOptional()
  @IsCalendarDate({ label: '结束日期' })
  to?: string;
}

export class WarningsQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['OPEN', 'RESOLVED'] })
  @IsOptional()
  @IsEnum({ OPEN: 'OPEN', RESOLVED: 'RESOLVED' }, { message: '状态应为未处理（OPEN）或已处理（RESOLVED）' })
  status?: 'OPEN' | 'RESOLVED';
}

/** POST /cases/:id/refer: a product of another bank (the enterprise or the bureau), or a bank (the bureau). */
export class ReferDto implements CaseReferInput {
  @ApiPropertyOptional({ description: '转介到的产品（另一金融机构的发布中产品）' })
  @IsOptional()
  @IsUUID('all', { message: '产品编号无效' })
  productId?: string;

  @ApiPropertyOptional({ description: '转介到的金融机构（仅市金融工作局，可不指定产品）' })
  @IsOptional()
  @IsUUID('all', { message: '金融机构编号无效' })
  bankOrgId?: string;

  @ApiPropertyOptional({ description: '转介说明' })
  @IsOptional()
  @Trim()
  @IsString({ message: '转介说明应为文字' })
  @Length(1, 1000, { message: '转介说明应为1至1000字' })
  comment?: string;
}
