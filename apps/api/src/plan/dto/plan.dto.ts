import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IndicatorComparison, IndicatorComputation, IndicatorSource, ReportingFrequency, ReportStatus, WorkItemStatus, INDICATOR_COMPUTATION_LABELS, INDICATOR_SOURCE_LABELS, REPORTING_FREQUENCY_LABELS, REPORT_STATUS_LABELS, WORK_ITEM_STATUS_LABELS, TEXT_LIMITS, type PlanPeriodInput, type PlanReportInput, type IndicatorInput, type IndicatorTargetInput, type IndicatorUpdateInput, type IndicatorValueInput } from '@zj/shared';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDateString,
  IsEnum,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { PageQueryDto } from '../../common/http/pagination';
import { IsDecimalString, Trim } from '../../common/validation/validators';
import { TextLength } from '../../common/validation/text-length';
import { oneOf } from '../../common/validation/messages';

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const VALUE = { min: -999_999_999_999.99, max: 999_999_999_999.99 };

export class YearQuery {
  @ApiPropertyOptional({ example: 2023, description: '工作清单年度；不填为全部年度' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '年度应为2000至2100的整数' })
  @Min(2000, { message: '年度应为2000至2100的整数' })
  @Max(2100, { message: '年度应为2000至2100的整数' })
  year?: number;
}

export class VersionDto {
  @ApiProperty({ description: '读取时的版本号' })
  @IsInt({ message: '版本号应为整数' })
  version: number;
}

export class CreateWorkItemDto {
  @ApiProperty()
  @IsUUID('all', { message: '重点工作编号无效' })
  keyWorkId: string;

  @ApiProperty({ example: 2024 })
  @IsInt({ message: '年度应为2000至2100的整数' })
  @Min(2000, { message: '年度应为2000至2100的整数' })
  @Max(2100, { message: '年度应为2000至2100的整数' })
  year: number;

  @ApiProperty()
  @Trim()
  @IsString({ message: '具体工作内容应为文字' })
  @TextLength(TEXT_LIMITS.workItemText, '具体工作内容')
  text: string;
}

export class WorkListItemDto {
  @ApiProperty()
  @IsUUID('all', { message: '重点工作编号无效' })
  keyWorkId: string;

  @ApiProperty()
  @Trim()
  @IsString({ message: '工作内容应为文字' })
  @TextLength(TEXT_LIMITS.workItemText, '工作内容', '字')
  text: string;
}

export class WorkListDto {
  @ApiProperty({ example: 2024, description: '新一年度的工作清单' })
  @IsInt({ message: '清单年度应为2000至2100的整数' })
  @Min(2000, { message: '清单年度应为2000至2100的整数' })
  @Max(2100, { message: '清单年度应为2000至2100的整数' })
  year: number;

  @ApiProperty({ type: () => [WorkListItemDto], description: '至少一项；可复制上一年度清单后修改，或逐项填写' })
  @IsArray({ message: '工作清单应为列表' })
  @ArrayMinSize(1, { message: '工作清单至少应有一项' })
  @ArrayMaxSize(200, { message: '工作清单不能超过200项' })
  @ValidateNested({ each: true, message: '工作清单的每一项格式无效' })
  @Type(() => WorkListItemDto)
  items: WorkListItemDto[];
}

export class UpdateWorkItemDto extends VersionDto {
  @ApiProperty()
  @Trim()
  @IsString({ message: '具体工作内容应为文字' })
  @TextLength(TEXT_LIMITS.workItemText, '具体工作内容')
  text: string;
}

export class TargetDto implements IndicatorTargetInput {
  @ApiProperty({ enum: IndicatorComparison })
  @IsEnum(IndicatorComparison, { message: '比较方式应为 ≥ 不低于、≤ 不高于或约（左右）' })
  comparison: IndicatorComparison;

  @ApiProperty({ example: '10.00' })
  @IsDecimalString({ ...VALUE, label: '目标值' })
  value: string;

  @ApiProperty({ example: '2025-12-31' })
  @IsISO8601({ strict: true }, { message: '截止日期格式应为 YYYY-MM-DD' })
  @Matches(DATE_RE, { message: '截止日期格式应为 YYYY-MM-DD' })
  deadline: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString({ message: '备注应为文字' })
  @MaxLength(200, { message: '备注不能超过200个字' })
  note?: string;
}

export class CreateIndicatorDto implements IndicatorInput {
  @ApiProperty()
  @IsUUID('all', { message: '所属重点任务无效' })
  taskId: string;

  @ApiProperty({ example: 'green-bonds-issued' })
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: '指标代码应为小写字母、数字和连字符，如 insurance-coverage' })
  @MaxLength(60, { message: '指标代码不能超过60个字符' })
  code: string;

  @ApiProperty()
  @Trim()
  @IsString({ message: '指标名称应为文字' })
  @Length(2, 200, { message: '指标名称应为2至200个字' })
  name: string;

  @ApiProperty({ example: '%' })
  @Trim()
  @IsString({ message: '计量单位应为文字' })
  @Length(1, 20, { message: '计量单位应为1至20字' })
  unit: string;

  @ApiProperty({ enum: IndicatorSource })
  @IsEnum(IndicatorSource, { message: oneOf('数据来源', INDICATOR_SOURCE_LABELS) })
  source: IndicatorSource;

  @ApiPropertyOptional({ enum: IndicatorComputation })
  @IsOptional()
  @IsEnum(IndicatorComputation, { message: oneOf('计算方式', INDICATOR_COMPUTATION_LABELS) })
  computation?: IndicatorComputation;

  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString({ message: '说明应为文字' })
  @MaxLength(500, { message: '说明不能超过500个字' })
  description?: string;

  @ApiProperty({ type: [TargetDto] })
  @IsArray({ message: '目标应为列表' })
  @ArrayMaxSize(20, { message: '目标最多20项' })
  @ValidateNested({ each: true, message: '目标的每一项格式无效' })
  @Type(() => TargetDto)
  targets: TargetDto[];
}

export class UpdateIndicatorDto extends VersionDto implements IndicatorUpdateInput {
  @ApiPropertyOptional({ description: '移至另一项重点任务（已登记的数值随指标保留）' })
  @IsOptional()
  @IsUUID('all', { message: '所属重点任务无效' })
  taskId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString({ message: '指标名称应为文字' })
  @Length(2, 200, { message: '指标名称应为2至200个字' })
  name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString({ message: '计量单位应为文字' })
  @Length(1, 20, { message: '计量单位应为1至20字' })
  unit?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString({ message: '说明应为文字' })
  @MaxLength(500, { message: '说明不能超过500个字' })
  description?: string;

  @ApiPropertyOptional({ type: [TargetDto], description: '整体替换目标' })
  @IsOptional()
  @IsArray({ message: '目标应为列表' })
  @ArrayMaxSize(20, { message: '目标最多20项' })
  @ValidateNested({ each: true, message: '目标的每一项格式无效' })
  @Type(() => TargetDto)
  targets?: TargetDto[];
}

export class IndicatorValueDto implements IndicatorValueInput {
  @ApiProperty({ example: '32.50' })
  @IsDecimalString({ ...VALUE, label: '数值' })
  value: string;

  @ApiProperty({ example: '2023-12-31' })
  @IsISO8601({ strict: true }, { message: '截至日期格式应为 YYYY-MM-DD' })
  @Matches(DATE_RE, { message: '截至日期格式应为 YYYY-MM-DD' })
  asOf: string;

  @ApiProperty({ description: '佐证：来源文件、统计口径等' })
  @Trim()
  @IsString({ message: '佐证应为文字' })
  @Length(2, 1000, { message: '佐证应为2至1000字' })
  evidence: string;
}

export class CreatePeriodDto implements PlanPeriodInput {
  @ApiProperty({ enum: ReportingFrequency })
  @IsEnum(ReportingFrequency, { message: oneOf('频率', REPORTING_FREQUENCY_LABELS) })
  frequency: ReportingFrequency;

  @ApiProperty({ example: 2026 })
  @IsInt({ message: '年份应为2000至2100的整数' })
  @Min(2000, { message: '年份应为2000至2100的整数' })
  @Max(2100, { message: '年份应为2000至2100的整数' })
  year: number;

  @ApiProperty({ example: 3, description: '月份（1–12）或季度（1–4）' })
  @IsInt({ message: '月份/季度应为1至12的整数（按月为1至12，按季为1至4）' })
  @Min(1, { message: '月份/季度应为1至12的整数（按月为1至12，按季为1至4）' })
  @Max(12, { message: '月份/季度应为1至12的整数（按月为1至12，按季为1至4）' })
  index: number;

  @ApiPropertyOptional({ description: '报告所对应的工作清单年度，默认与年份相同；该年度无清单时取最近一年' })
  @IsOptional()
  @IsInt({ message: '工作清单年度应为2000至2100的整数' })
  @Min(2000, { message: '工作清单年度应为2000至2100的整数' })
  @Max(2100, { message: '工作清单年度应为2000至2100的整数' })
  workYear?: number;

  @ApiProperty({ example: '2026-04-10T18:00:00+08:00' })
  @IsDateString({ strict: true }, { message: '截止时间格式应为 ISO 8601' })
  dueAt: string;

  @ApiPropertyOptional({ example: '2026年3月' })
  @IsOptional()
  @Trim()
  @IsString({ message: '报告期名称应为文字' })
  @Length(2, 60, { message: '报告期名称应为2至60个字' })
  name?: string;
}

export class UpdatePeriodDto extends VersionDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsDateString({ strict: true }, { message: '截止时间格式应为 ISO 8601' })
  dueAt?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString({ message: '报告期名称应为文字' })
  @Length(2, 60, { message: '报告期名称应为2至60个字' })
  name?: string;
}

export class ReportItemDto {
  @ApiProperty()
  @IsUUID('all', { message: '工作事项无效' })
  workItemId: string;

  @ApiProperty({ enum: WorkItemStatus })
  @IsEnum(WorkItemStatus, { message: oneOf('进展状态', WORK_ITEM_STATUS_LABELS) })
  status: WorkItemStatus;

  @ApiProperty()
  @Trim()
  @IsString({ message: '进展情况应为文字' })
  @MaxLength(5000, { message: '进展情况不能超过5000字' })
  narrative: string;

  @ApiProperty({ minimum: 0, maximum: 100 })
  @IsInt({ message: '完成比例应为0至100的整数' })
  @Min(0, { message: '完成比例应为0至100的整数' })
  @Max(100, { message: '完成比例应为0至100的整数' })
  shareDone: number;
}

export class ReportIndicatorValueDto {
  @ApiProperty()
  @IsUUID('all', { message: '指标无效' })
  indicatorId: string;

  @ApiProperty({ example: '32.50' })
  @IsDecimalString({ ...VALUE, label: '指标数值' })
  value: string;

  @ApiProperty({ example: '2026-03-31' })
  @IsISO8601({ strict: true }, { message: '截至日期格式应为 YYYY-MM-DD' })
  @Matches(DATE_RE, { message: '截至日期格式应为 YYYY-MM-DD' })
  asOf: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString({ message: '备注应为文字' })
  @MaxLength(500, { message: '备注不能超过500个字' })
  note?: string;
}

export class SaveReportDto implements PlanReportInput {
  @ApiPropertyOptional({ description: '修改已有报告时必填' })
  @IsOptional()
  @IsInt({ message: '版本号应为整数' })
  version?: number;

  @ApiProperty({ description: '总体进展' })
  @Trim()
  @IsString({ message: '总体进展应为文字' })
  @MaxLength(10000, { message: '总体进展不能超过10000字' })
  summary: string;

  @ApiProperty({ type: [ReportItemDto] })
  @IsArray({ message: '工作事项进展应为列表' })
  @ArrayMaxSize(100, { message: '工作事项进展最多100项' })
  @ValidateNested({ each: true, message: '工作事项进展的每一项格式无效' })
  @Type(() => ReportItemDto)
  items: ReportItemDto[];

  @ApiPropertyOptional({ type: [ReportIndicatorValueDto] })
  @IsOptional()
  @IsArray({ message: '指标数值应为列表' })
  @ArrayMaxSize(50, { message: '指标数值最多50项' })
  @ValidateNested({ each: true, message: '指标数值的每一项格式无效' })
  @Type(() => ReportIndicatorValueDto)
  indicatorValues?: ReportIndicatorValueDto[];
}

export class ReturnReportDto extends VersionDto {
  @ApiProperty({ description: '退回意见' })
  @Trim()
  @IsString({ message: '退回意见应为文字' })
  @Length(2, 1000, { message: '退回意见应为2至1000字' })
  comment: string;
}

export class AcceptReportDto extends VersionDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString({ message: '意见应为文字' })
  @MaxLength(1000, { message: '意见不能超过1000个字' })
  comment?: string;
}

export class ListReportsQuery extends PageQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all', { message: '报告期无效' })
  periodId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all', { message: '重点任务无效' })
  taskId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all', { message: '填报单位无效' })
  organizationId?: string;

  @ApiPropertyOptional({ enum: ReportStatus })
  @IsOptional()
  @IsEnum(ReportStatus, { message: oneOf('状态', REPORT_STATUS_LABELS) })
  status?: ReportStatus;
}
