import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CATEGORY_PREFIX_PATTERN,
  FinancingInstrument,
  MAX_AMOUNT_WAN,
  MAX_PROJECT_TAGS,
  MAX_TAG_LENGTH,
  ProjectSource,
  ProjectStage,
  ProjectStatus,
  REVIEWER_ACTIONS,
  ReviewAction,
  ReviewStage,
  FINANCING_INSTRUMENT_LABELS,
  PROJECT_SOURCE_LABELS,
  PROJECT_STAGE_LABELS,
  PROJECT_STATUS_LABELS,
  REVIEW_STAGE_LABELS,
  TEXT_LIMITS,
  type ProjectBulkReviewInput,
  type ProjectCategoryInput,
  type ProjectInput,
  type ProjectListFilters,
  type ProjectReviewInput,
  type ProjectUpdateInput,
} from '@zj/shared';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDateString,
  IsEnum,
  IsIn,
  IsInt,
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
import { IsDecimalString, IsDivisionCode, Trim } from '../../common/validation/validators';
import { TextLength } from '../../common/validation/text-length';
import { oneOf } from '../../common/validation/messages';

export class ProjectCategoryDto implements ProjectCategoryInput {
  @ApiProperty({ example: 'GIC-2019' })
  @IsString({ message: '分类标准版本应为字符串' })
  @Length(1, 40, { message: '分类标准版本应为1至40个字符' })
  version: string;

  @ApiProperty({ example: '5.2.2', description: '三级分类代码' })
  @Matches(/^\d{1,2}\.\d{1,2}\.\d{1,2}$/, { message: '绿色产业分类应为三级分类代码，如 5.2.2' })
  code: string;

  @ApiPropertyOptional({ description: '主分类；未指定时第一个为主分类' })
  @IsOptional()
  @IsBoolean({ message: '主分类应为是或否' })
  primary?: boolean;
}

const QUANTITY = { min: 0, max: 1e11 };

export class ProjectFieldsDto {
  @ApiProperty({ example: '麻章临港产业园厂房屋顶分布式光伏项目' })
  @Trim()
  @IsString({ message: '项目名称应为文字' })
  @TextLength(TEXT_LIMITS.projectName, '项目名称')
  name: string;

  @ApiPropertyOptional({ example: '440811', description: '项目所在县（市、区）或园区；默认为企业所在地' })
  @IsOptional()
  @IsDivisionCode({ message: '所在县（市、区）应为湛江市的县（市、区）或园区' })
  divisionCode?: string;

  @ApiPropertyOptional({ example: '湛江市麻章区临港产业园' })
  @IsOptional()
  @Trim()
  @IsString({ message: '项目地点应为文字' })
  @TextLength(TEXT_LIMITS.projectLocation, '项目地点')
  location?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString({ message: '项目简介应为文字' })
  @TextLength(TEXT_LIMITS.projectDescription, '项目简介')
  description?: string | null;

  @ApiProperty({ enum: ProjectStage })
  @IsEnum(ProjectStage, { message: oneOf('项目阶段', PROJECT_STAGE_LABELS) })
  stage: ProjectStage;

  @ApiProperty({ example: '4800.00', description: '总投资（万元）' })
  @IsDecimalString({ min: 0.01, max: MAX_AMOUNT_WAN, label: '总投资', unit: '万元' })
  totalInvestment: string;

  @ApiPropertyOptional({ example: '2024-03-01' })
  @IsOptional()
  @IsDateString({ strict: true }, { message: '建设期开始日期格式应为 YYYY-MM-DD' })
  constructionStart?: string | null;

  @ApiPropertyOptional({ example: '2025-12-31' })
  @IsOptional()
  @IsDateString({ strict: true }, { message: '建设期结束日期格式应为 YYYY-MM-DD' })
  constructionEnd?: string | null;

  @ApiPropertyOptional({ example: '7530', description: '年减排二氧化碳（吨）' })
  @IsOptional()
  @IsDecimalString({ ...QUANTITY, label: '年减排二氧化碳', unit: '吨' })
  co2AvoidedT?: string | null;

  @ApiPropertyOptional({ example: '3960', description: '年节约标准煤（吨标准煤）' })
  @IsOptional()
  @IsDecimalString({ ...QUANTITY, label: '年节约标准煤', unit: '吨标准煤' })
  coalSavedTce?: string | null;

  @ApiPropertyOptional({ description: '年节水（吨）' })
  @IsOptional()
  @IsDecimalString({ ...QUANTITY, label: '年节水', unit: '吨' })
  waterSavedT?: string | null;

  @ApiPropertyOptional({ description: '其他环境效益' })
  @IsOptional()
  @Trim()
  @IsString({ message: '其他环境效益应为文字' })
  @TextLength(TEXT_LIMITS.projectOtherBenefits, '其他环境效益')
  otherBenefits?: string | null;

  @ApiPropertyOptional({ example: ['分布式光伏'], type: [String] })
  @IsOptional()
  @IsArray({ message: '标签应为列表' })
  @ArrayMaxSize(MAX_PROJECT_TAGS, { message: `标签最多${MAX_PROJECT_TAGS}个` })
  @IsString({ each: true, message: '每个标签应为文字' })
  @Length(1, MAX_TAG_LENGTH, { each: true, message: `每个标签应为1至${MAX_TAG_LENGTH}个字` })
  tags?: string[];

  @ApiPropertyOptional({ minimum: 1, maximum: 3, description: '绿色建筑星级（建筑类项目）' })
  @IsOptional()
  @IsInt({ message: '绿色建筑星级应为1至3' })
  @Min(1, { message: '绿色建筑星级应为1至3' })
  @Max(3, { message: '绿色建筑星级应为1至3' })
  greenBuildingStars?: number | null;

  @ApiProperty({ type: [ProjectCategoryDto], description: '绿色产业分类（可多个，一个为主分类）' })
  @IsArray({ message: '请选择绿色产业分类' })
  @ArrayMinSize(1, { message: '请至少选择一个绿色产业分类' })
  @ArrayMaxSize(5, { message: '绿色产业分类最多5个' })
  @ValidateNested({ each: true, message: '绿色产业分类的每一项格式无效' })
  @Type(() => ProjectCategoryDto)
  categories: ProjectCategoryDto[];
}

export class CreateProjectDto extends ProjectFieldsDto implements ProjectInput {
  @ApiPropertyOptional({ description: '所属企业（机构 id）；企业用户可省略' })
  @IsOptional()
  @IsUUID('all', { message: '所属企业无效' })
  enterpriseOrgId?: string;
}

/** Editing replaces the given fields; `version` is the version the editor saw. */
export class UpdateProjectDto implements ProjectUpdateInput {
  @ApiProperty({ description: '读取时的版本号，用于防止覆盖他人的修改' })
  @IsInt({ message: '版本号应为整数' })
  version: number;

  @ApiPropertyOptional() @IsOptional() @Trim() @IsString({ message: '项目名称应为文字' }) @TextLength(TEXT_LIMITS.projectName, '项目名称')
  name?: string;

  @ApiPropertyOptional() @IsOptional() @IsDivisionCode({ message: '所在县（市、区）应为湛江市的县（市、区）或园区' })
  divisionCode?: string;

  @ApiPropertyOptional() @IsOptional() @Trim() @IsString({ message: '项目地点应为文字' }) @TextLength(TEXT_LIMITS.projectLocation, '项目地点')
  location?: string | null;

  @ApiPropertyOptional() @IsOptional() @Trim() @IsString({ message: '项目简介应为文字' }) @TextLength(TEXT_LIMITS.projectDescription, '项目简介')
  description?: string | null;

  @ApiPropertyOptional({ enum: ProjectStage }) @IsOptional() @IsEnum(ProjectStage, { message: oneOf('项目阶段', PROJECT_STAGE_LABELS) })
  stage?: ProjectStage;

  @ApiPropertyOptional() @IsOptional() @IsDecimalString({ min: 0.01, max: MAX_AMOUNT_WAN, label: '总投资', unit: '万元' })
  totalInvestment?: string;

  @ApiPropertyOptional() @IsOptional() @IsDateString({ strict: true }, { message: '建设期开始日期格式应为 YYYY-MM-DD' })
  constructionStart?: string | null;

  @ApiPropertyOptional() @IsOptional() @IsDateString({ strict: true }, { message: '建设期结束日期格式应为 YYYY-MM-DD' })
  constructionEnd?: string | null;

  @ApiPropertyOptional() @IsOptional() @IsDecimalString({ ...QUANTITY, label: '年减排二氧化碳', unit: '吨' })
  co2AvoidedT?: string | null;

  @ApiPropertyOptional() @IsOptional() @IsDecimalString({ ...QUANTITY, label: '年节约标准煤', unit: '吨标准煤' })
  coalSavedTce?: string | null;

  @ApiPropertyOptional() @IsOptional() @IsDecimalString({ ...QUANTITY, label: '年节水', unit: '吨' })
  waterSavedT?: string | null;

  @ApiPropertyOptional() @IsOptional() @Trim() @IsString({ message: '其他环境效益应为文字' }) @TextLength(TEXT_LIMITS.projectOtherBenefits, '其他环境效益')
  otherBenefits?: string | null;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray({ message: '标签应为列表' })
  @ArrayMaxSize(MAX_PROJECT_TAGS, { message: `标签最多${MAX_PROJECT_TAGS}个` })
  @IsString({ each: true, message: '每个标签应为文字' })
  @Length(1, MAX_TAG_LENGTH, { each: true, message: `每个标签应为1至${MAX_TAG_LENGTH}个字` })
  tags?: string[];

  @ApiPropertyOptional() @IsOptional() @IsInt({ message: '绿色建筑星级应为1至3' }) @Min(1, { message: '绿色建筑星级应为1至3' }) @Max(3, { message: '绿色建筑星级应为1至3' })
  greenBuildingStars?: number | null;

  @ApiPropertyOptional({ type: [ProjectCategoryDto] })
  @IsOptional()
  @IsArray({ message: '请选择绿色产业分类' })
  @ArrayMinSize(1, { message: '请至少选择一个绿色产业分类' })
  @ArrayMaxSize(5, { message: '绿色产业分类最多5个' })
  @ValidateNested({ each: true, message: '绿色产业分类的每一项格式无效' })
  @Type(() => ProjectCategoryDto)
  categories?: ProjectCategoryDto[];
}

export class ReturnReasonDto {
  @ApiPropertyOptional({ example: 'totalInvestment', description: '涉及的字段（可选）' })
  @IsOptional()
  @IsString({ message: '涉及的字段应为文字' })
  @MaxLength(60, { message: '涉及的字段不能超过60个字符' })
  field?: string | null;

  @ApiProperty({ example: '总投资与可研报告不一致，请核实' })
  @Trim()
  @IsString({ message: '退回理由应为文字' })
  @Length(2, 500, { message: '退回理由应为2至500个字' })
  message: string;
}

export class ReviewActionDto implements ProjectReviewInput {
  @ApiProperty({ enum: REVIEWER_ACTIONS })
  @IsIn(REVIEWER_ACTIONS, { message: '审核操作应为受理、初审通过、入库或退回' })
  action: (typeof REVIEWER_ACTIONS)[number];

  @ApiPropertyOptional({ description: '审核人看到的版本号；他人已处理时返回409' })
  @IsOptional()
  @IsInt({ message: '版本号应为整数' })
  version?: number;

  @ApiPropertyOptional({ description: '审核意见' })
  @IsOptional()
  @Trim()
  @IsString({ message: '审核意见应为文字' })
  @MaxLength(1000, { message: '审核意见不能超过1000个字' })
  comment?: string;

  @ApiPropertyOptional({ type: [ReturnReasonDto], description: '退回理由（退回时必填）' })
  @IsOptional()
  @IsArray({ message: '退回理由应为列表' })
  @ArrayMaxSize(20, { message: '退回理由最多20项' })
  @ValidateNested({ each: true, message: '退回理由的每一项格式无效' })
  @Type(() => ReturnReasonDto)
  reasons?: ReturnReasonDto[];
}

export class BulkReviewItemDto {
  @ApiProperty() @IsUUID('all', { message: '项目无效' })
  id: string;

  @ApiPropertyOptional() @IsOptional() @IsInt({ message: '版本号应为整数' })
  version?: number;
}

export class BulkReviewDto implements ProjectBulkReviewInput {
  @ApiProperty({ enum: [ReviewAction.START_REVIEW, ReviewAction.PASS, ReviewAction.LIST] })
  @IsIn([ReviewAction.START_REVIEW, ReviewAction.PASS, ReviewAction.LIST], { message: '批量操作仅支持受理、初审通过、入库' })
  action: ReviewAction.START_REVIEW | ReviewAction.PASS | ReviewAction.LIST;

  @ApiProperty({ type: [BulkReviewItemDto] })
  @IsArray({ message: '项目应为列表' })
  @ArrayMinSize(1, { message: '请至少选择1个项目' })
  @ArrayMaxSize(200, { message: '一次最多处理200个项目' })
  @ValidateNested({ each: true, message: '项目的每一项格式无效' })
  @Type(() => BulkReviewItemDto)
  items: BulkReviewItemDto[];

  @ApiPropertyOptional() @IsOptional() @Trim() @IsString({ message: '审核意见应为文字' }) @MaxLength(1000, { message: '审核意见不能超过1000个字' })
  comment?: string;
}

export class StateActionDto {
  @ApiPropertyOptional({ description: '看到的版本号' })
  @IsOptional()
  @IsInt({ message: '版本号应为整数' })
  version?: number;

  @ApiPropertyOptional() @IsOptional() @Trim() @IsString({ message: '说明应为文字' }) @MaxLength(1000, { message: '说明不能超过1000个字' })
  comment?: string;
}

/** Filters shared by the list, statistics and export. */
export class ProjectFilterDto extends PageQueryDto implements ProjectListFilters {
  @ApiPropertyOptional({ description: '关键词：项目名称、地点、简介（子串匹配）' })
  @IsOptional()
  @Trim()
  @IsString({ message: '关键词应为文字' })
  @Length(1, 100, { message: '关键词应为1至100个字' })
  q?: string;

  @ApiPropertyOptional({ example: '440882' })
  @IsOptional()
  @IsDivisionCode({ message: '县区应为湛江市的县（市、区）或园区' })
  divisionCode?: string;

  @ApiPropertyOptional({ example: '5.2', description: '分类代码前缀，如 5 或 5.2' })
  @IsOptional()
  @Matches(CATEGORY_PREFIX_PATTERN, { message: '分类应为分类代码或前缀，如 5、5.2 或 5.2.1' })
  categoryPrefix?: string;

  @ApiPropertyOptional({ example: 'GIC-2019' })
  @IsOptional()
  @IsString({ message: '分类标准版本应为文字' })
  @Length(1, 40, { message: '分类标准版本应为1至40个字符' })
  taxonomyVersion?: string;

  @ApiPropertyOptional({ enum: ProjectStatus })
  @IsOptional()
  @IsEnum(ProjectStatus, { message: oneOf('状态', PROJECT_STATUS_LABELS) })
  status?: ProjectStatus;

  @ApiPropertyOptional({ enum: ProjectStage })
  @IsOptional()
  @IsEnum(ProjectStage, { message: oneOf('阶段', PROJECT_STAGE_LABELS) })
  stage?: ProjectStage;

  @ApiPropertyOptional({ enum: ProjectSource })
  @IsOptional()
  @IsEnum(ProjectSource, { message: oneOf('来源', PROJECT_SOURCE_LABELS) })
  source?: ProjectSource;

  @ApiPropertyOptional({ enum: ReviewStage })
  @IsOptional()
  @IsEnum(ReviewStage, { message: oneOf('审核环节', REVIEW_STAGE_LABELS) })
  reviewStage?: ReviewStage;

  @ApiPropertyOptional({ example: '红树林' })
  @IsOptional()
  @Trim()
  @IsString({ message: '标签应为文字' })
  @Length(1, MAX_TAG_LENGTH, { message: `标签应为1至${MAX_TAG_LENGTH}个字` })
  tag?: string;

  @ApiPropertyOptional({ description: '总投资下限（万元）' })
  @IsOptional()
  @IsDecimalString({ min: 0, label: '总投资下限', unit: '万元' })
  minAmount?: string;

  @ApiPropertyOptional({ description: '总投资上限（万元）' })
  @IsOptional()
  @IsDecimalString({ min: 0, label: '总投资上限', unit: '万元' })
  maxAmount?: string;

  @ApiPropertyOptional({ enum: FinancingInstrument, description: '有该融资方式的待对接或对接中需求' })
  @IsOptional()
  @IsEnum(FinancingInstrument, { message: oneOf('融资方式', FINANCING_INSTRUMENT_LABELS) })
  instrument?: FinancingInstrument;

  @ApiPropertyOptional({ description: '所属企业（机构 id）' })
  @IsOptional()
  @IsUUID('all', { message: '所属企业无效' })
  enterpriseOrgId?: string;

  @ApiPropertyOptional({ description: 'mine=当前轮到本单位审核的项目' })
  @IsOptional()
  @IsIn(['mine'], { message: '审核队列只能为 mine（轮到本单位审核的项目）' })
  queue?: 'mine';
}

export class ProjectStatsQuery extends ProjectFilterDto {
  @ApiPropertyOptional({ enum: [1, 2], default: 1, description: '按分类统计的层级' })
  @IsOptional()
  @Type(() => Number)
  @IsIn([1, 2], { message: '分类层级应为1或2' })
  categoryLevel?: 1 | 2;
}

export class RouteItemDto {
  @ApiProperty({ example: '5.2' })
  @Matches(CATEGORY_PREFIX_PATTERN, { message: '分类应为分类代码或前缀，如 5 或 5.2' })
  prefix: string;

  @ApiProperty()
  @IsUUID('all', { message: '负责部门无效' })
  departmentOrgId: string;
}

export class PutRoutesDto {
  @ApiProperty({ example: 'GIC-2019' })
  @IsString({ message: '分类标准版本应为文字' })
  @Length(1, 40, { message: '分类标准版本应为1至40个字符' })
  version: string;

  @ApiProperty({ type: [RouteItemDto] })
  @IsArray({ message: '分派规则应为列表' })
  @ArrayMaxSize(500, { message: '分派规则最多500项' })
  @ValidateNested({ each: true, message: '分派规则的每一项格式无效' })
  @Type(() => RouteItemDto)
  routes: RouteItemDto[];
}

export class RoutesQuery {
  @ApiPropertyOptional({ example: 'GIC-2019' })
  @IsOptional()
  @IsString({ message: '分类标准版本应为文字' })
  @Length(1, 40, { message: '分类标准版本应为1至40个字符' })
  version?: string;
}

export class AttachmentUploadDto {
  @ApiProperty({ description: '附件类型' })
  @IsString({ message: '附件类型应为文字' })
  @Length(1, 30, { message: '附件类型应为1至30个字符' })
  kind: string;

  @IsOptional()
  @ApiProperty({ type: 'string', format: 'binary' })
  file?: unknown;
}
