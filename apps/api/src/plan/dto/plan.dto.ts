import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IndicatorComparison, IndicatorComputation, IndicatorSource, ReportingFrequency, ReportStatus, WorkItemStatus } from '@zj/shared';
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

const DATE = { message: '日期格式应为 YYYY-MM-DD' };
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const VALUE = { min: -999_999_999_999.99, max: 999_999_999_999.99 };

export class YearQuery {
  @ApiPropertyOptional({ example: 2023, description: '工作清单年度；不填为全部年度' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '年度应为整数' })
  @Min(2000)
  @Max(2100)
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
  @IsInt({ message: '年度应为整数' })
  @Min(2000)
  @Max(2100)
  year: number;

  @ApiProperty()
  @Trim()
  @IsString({ message: '工作内容应为文字' })
  @Length(2, 2000, { message: '工作内容应为2至2000字' })
  text: string;
}

export class WorkListItemDto {
  @ApiProperty()
  @IsUUID('all', { message: '重点工作编号无效' })
  keyWorkId: string;

  @ApiProperty()
  @Trim()
  @IsString({ message: '工作内容应为文字' })
  @Length(2, 2000, { message: '工作内容应为2至2000字' })
  text: string;
}

export class WorkListDto {
  @ApiProperty({ example: 2024, description: '新一年度的工作清单' })
  @IsInt({ message: '年度应为整数' })
  @Min(2000)
  @Max(2100)
  year: number;

  @ApiProperty({ type: () => [WorkListItemDto], description: '至少一项；可复制上一年度清单后修改，或逐项填写' })
  @IsArray({ message: '应为列表' })
  @ArrayMinSize(1, { message: '工作清单至少应有一项' })
  @ArrayMaxSize(200, { message: '工作清单不能超过200项' })
  @ValidateNested({ each: true })
  @Type(() => WorkListItemDto)
  items: WorkListItemDto[];
}

export class UpdateWorkItemDto extends VersionDto {
  @ApiProperty()
  @Trim()
  @IsString({ message: '工作内容应为文字' })
  @Length(2, 2000, { message: '工作内容应为2至2000字' })
  text: string;
}

export class TargetDto {
  @ApiProperty({ enum: IndicatorComparison })
  @IsEnum(IndicatorComparison, { message: '比较方式应为 AT_LEAST、AT_MOST 或 ABOUT' })
  comparison: IndicatorComparison;

  @ApiProperty({ example: '10.00' })
  @IsDecimalString(VALUE)
  value: string;

  @ApiProperty({ example: '2025-12-31' })
  @IsISO8601({ strict: true }, DATE)
  @Matches(DATE_RE, DATE)
  deadline: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200, { message: '不能超过200字' })
  note?: string;
}

export class CreateIndicatorDto {
  @ApiProperty()
  @IsUUID('all', { message: '任务编号无效' })
  taskId: string;

  @ApiProperty({ example: 'green-bonds-issued' })
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: '代码应为小写字母、数字和连字符' })
  @MaxLength(60)
  code: string;

  @ApiProperty()
  @Trim()
  @IsString({ message: '名称应为文字' })
  @Length(2, 200, { message: '名称应为2至200字' })
  name: string;

  @ApiProperty({ example: '%' })
  @Trim()
  @IsString({ message: '计量单位应为文字' })
  @Length(1, 20, { message: '计量单位应为1至20字' })
  unit: string;

  @ApiProperty({ enum: IndicatorSource })
  @IsEnum(IndicatorSource, { message: '来源应为 COMPUTED 或 REPORTED' })
  source: IndicatorSource;

  @ApiPropertyOptional({ enum: IndicatorComputation })
  @IsOptional()
  @IsEnum(IndicatorComputation, { message: '计算方式无效' })
  computation?: IndicatorComputation;

  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(500, { message: '不能超过500字' })
  description?: string;

  @ApiProperty({ type: [TargetDto] })
  @IsArray({ message: '应为列表' })
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => TargetDto)
  targets: TargetDto[];
}

export class UpdateIndicatorDto extends VersionDto {
  @ApiPropertyOptional({ description: '移至另一项重点任务（已登记的数值随指标保留）' })
  @IsOptional()
  @IsUUID('all', { message: '重点任务编号无效' })
  taskId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString({ message: '名称应为文字' })
  @Length(2, 200, { message: '名称应为2至200字' })
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
  @IsString()
  @MaxLength(500, { message: '不能超过500字' })
  description?: string;

  @ApiPropertyOptional({ type: [TargetDto], description: '整体替换目标' })
  @IsOptional()
  @IsArray({ message: '应为列表' })
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => TargetDto)
  targets?: TargetDto[];
}

export class IndicatorValueDto {
  @ApiProperty({ example: '32.50' })
  @IsDecimalString(VALUE)
  value: string;

  @ApiProperty({ example: '2023-12-31' })
  @IsISO8601({ strict: true }, DATE)
  @Matches(DATE_RE, DATE)
  asOf: string;

  @ApiProperty({ description: '佐证：来源文件、统计口径等' })
  @Trim()
  @IsString({ message: '佐证应为文字' })
  @Length(2, 1000, { message: '佐证应为2至1000字' })
  evidence: string;
}

export class CreatePeriodDto {
  @ApiProperty({ enum: ReportingFrequency })
  @IsEnum(ReportingFrequency, { message: '频率应为 MONTHLY 或 QUARTERLY' })
  frequency: ReportingFrequency;

  @ApiProperty({ example: 2026 })
  @IsInt({ message: '年份应为整数' })
  @Min(2000)
  @Max(2100)
  year: number;

  @ApiProperty({ example: 3, description: '月份（1–12）或季度（1–4）' })
  @IsInt({ message: '应为整数' })
  @Min(1)
  @Max(12)
  index: number;

  @ApiPropertyOptional({ description: '报告所对应的工作清单年度，默认与年份相同；该年度无清单时取最近一年' })
  @IsOptional()
  @IsInt()
  @Min(2000)
  @Max(2100)
  workYear?: number;

  @ApiProperty({ example: '2026-04-10T18:00:00+08:00' })
  @IsDateString({ strict: true }, { message: '截止时间格式应为 ISO 8601' })
  dueAt: string;

  @ApiPropertyOptional({ example: '2026年3月' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(2, 60)
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
  @IsString()
  @Length(2, 60)
  name?: string;
}

export class ReportItemDto {
  @ApiProperty()
  @IsUUID('all', { message: '工作事项编号无效' })
  workItemId: string;

  @ApiProperty({ enum: WorkItemStatus })
  @IsEnum(WorkItemStatus, { message: '进展状态应为 NOT_STARTED、ON_TRACK、AT_RISK 或 DONE' })
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
  @IsUUID('all', { message: '指标编号无效' })
  indicatorId: string;

  @ApiProperty({ example: '32.50' })
  @IsDecimalString(VALUE)
  value: string;

  @ApiProperty({ example: '2026-03-31' })
  @IsISO8601({ strict: true }, DATE)
  @Matches(DATE_RE, DATE)
  asOf: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(500, { message: '不能超过500字' })
  note?: string;
}

export class SaveReportDto {
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
  @IsArray({ message: '应为列表' })
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ReportItemDto)
  items: ReportItemDto[];

  @ApiPropertyOptional({ type: [ReportIndicatorValueDto] })
  @IsOptional()
  @IsArray({ message: '应为列表' })
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
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
  @IsString()
  @MaxLength(1000)
  comment?: string;
}

export class ListReportsQuery extends PageQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all')
  periodId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all')
  taskId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all')
  organizationId?: string;

  @ApiPropertyOptional({ enum: ReportStatus })
  @IsOptional()
  @IsEnum(ReportStatus)
  status?: ReportStatus;
}
