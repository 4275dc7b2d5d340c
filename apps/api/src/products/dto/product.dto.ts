import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { CATEGORY_PREFIX_PATTERN, CollateralKind, EnterpriseSize, ProductStatus, ProductType, RateKind, COLLATERAL_KIND_LABELS, ENTERPRISE_SIZE_LABELS, PRODUCT_STATUS_LABELS, PRODUCT_TYPE_LABELS, RATE_KIND_LABELS, type CategoryRule, type ProductInput, type ProductUpdateInput } from '@zj/shared';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
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
import { IsCalendarDate, IsDecimalString, IsDivisionCode, Trim } from '../../common/validation/validators';
import { oneOf } from '../../common/validation/messages';

const AMOUNT = { min: 0.01, max: 10_000_000 };

export class CategoryRuleDto implements CategoryRule {
  @ApiProperty({ example: 'GIC-2019' })
  @IsString({ message: '分类标准版本应为文字' })
  @Length(1, 40, { message: '分类标准版本应为1至40个字符' })
  version: string;

  @ApiProperty({ example: '4.3', description: '分类代码或其前缀（一级、二级或三级）' })
  @Matches(CATEGORY_PREFIX_PATTERN, { message: '支持的绿色类别应为分类代码或前缀，如 4、4.3、4.3.2' })
  prefix: string;
}

/** Every field of a product; all optional on update. */
export class ProductFieldsDto {
  @ApiProperty({ example: '红树林生态修复贷（演示）' })
  @Trim()
  @IsString({ message: '产品名称应为文字' })
  @Length(2, 100, { message: '产品名称长度应为2–100个字' })
  name: string;

  @ApiProperty({ enum: ProductType })
  @IsEnum(ProductType, { message: oneOf('产品类型', PRODUCT_TYPE_LABELS) })
  type: ProductType;

  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString({ message: '产品介绍应为文字' })
  @MaxLength(4000, { message: '产品介绍不能超过4000个字' })
  description?: string;

  @ApiPropertyOptional({ example: '50.00', description: '最低金额（万元）' })
  @IsOptional()
  @IsDecimalString({ ...AMOUNT, label: '最低额度', unit: '万元' })
  minAmount?: string | null;

  @ApiPropertyOptional({ example: '500.00', description: '最高金额（万元）' })
  @IsOptional()
  @IsDecimalString({ ...AMOUNT, label: '最高额度', unit: '万元' })
  maxAmount?: string | null;

  @ApiPropertyOptional({ example: 12 })
  @IsOptional()
  @IsInt({ message: '最短期限应为1至600个月（整数）' })
  @Min(1, { message: '最短期限应为1至600个月（整数）' })
  @Max(600, { message: '最短期限应为1至600个月（整数）' })
  minTermMonths?: number | null;

  @ApiPropertyOptional({ example: 60 })
  @IsOptional()
  @IsInt({ message: '最长期限应为1至600个月（整数）' })
  @Min(1, { message: '最长期限应为1至600个月（整数）' })
  @Max(600, { message: '最长期限应为1至600个月（整数）' })
  maxTermMonths?: number | null;

  @ApiPropertyOptional({ enum: RateKind })
  @IsOptional()
  @IsEnum(RateKind, { message: oneOf('利率方式', RATE_KIND_LABELS) })
  rateKind?: RateKind;

  @ApiPropertyOptional({ example: '3.20', description: '年利率下限（%）' })
  @IsOptional()
  @IsDecimalString({ precision: 5, scale: 2, min: 0, max: 36, label: '年利率下限', unit: '%' })
  rateMinPercent?: string | null;

  @ApiPropertyOptional({ example: '4.20' })
  @IsOptional()
  @IsDecimalString({ precision: 5, scale: 2, min: 0, max: 36, label: '年利率上限', unit: '%' })
  rateMaxPercent?: string | null;

  @ApiPropertyOptional({ example: -20, description: 'LPR 加点下限（基点，可为负）' })
  @IsOptional()
  @IsInt({ message: 'LPR加点下限应为-500至2000个基点（整数）' })
  @Min(-500, { message: 'LPR加点下限应为-500至2000个基点（整数）' })
  @Max(2000, { message: 'LPR加点下限应为-500至2000个基点（整数）' })
  lprBasisPointsMin?: number | null;

  @ApiPropertyOptional({ example: 60 })
  @IsOptional()
  @IsInt({ message: 'LPR加点上限应为-500至2000个基点（整数）' })
  @Min(-500, { message: 'LPR加点上限应为-500至2000个基点（整数）' })
  @Max(2000, { message: 'LPR加点上限应为-500至2000个基点（整数）' })
  lprBasisPointsMax?: number | null;

  @ApiPropertyOptional({ enum: CollateralKind, isArray: true, description: '接受的担保方式；含 NONE 或为空表示接受信用方式' })
  @IsOptional()
  @IsArray({ message: '接受的担保方式应为列表' })
  @ArrayMaxSize(9, { message: '接受的担保方式最多9项' })
  @IsEnum(CollateralKind, { each: true, message: oneOf('接受的担保方式', COLLATERAL_KIND_LABELS) })
  collateralAccepted?: CollateralKind[];

  @ApiPropertyOptional({ type: [CategoryRuleDto], description: '支持的绿色类别；为空表示不限' })
  @IsOptional()
  @IsArray({ message: '支持的绿色类别应为列表' })
  @ArrayMaxSize(50, { message: '支持的绿色类别最多50项' })
  @ValidateNested({ each: true, message: '支持的绿色类别的每一项格式无效' })
  @Type(() => CategoryRuleDto)
  categoryRules?: CategoryRuleDto[];

  @ApiPropertyOptional({ example: ['440882'], description: '服务的县（市、区）；为空表示全市' })
  @IsOptional()
  @IsArray({ message: '服务区县应为列表' })
  @ArrayMaxSize(13, { message: '服务区县最多13项' })
  @IsDivisionCode({ each: true, message: '服务区县应为湛江市的县（市、区）或园区' })
  counties?: string[];

  @ApiPropertyOptional({ enum: EnterpriseSize, isArray: true })
  @IsOptional()
  @IsArray({ message: '企业规模应为列表' })
  @IsEnum(EnterpriseSize, { each: true, message: oneOf('企业规模', ENTERPRISE_SIZE_LABELS) })
  enterpriseSizes?: EnterpriseSize[];

  @ApiPropertyOptional({ example: 'B', description: '最低绿色评级（A 最优）' })
  @IsOptional()
  @Matches(/^[A-E]$/, { message: '最低绿色评级应为 A 至 E 中的一个字母' })
  minGreenGrade?: string | null;

  @ApiPropertyOptional({ example: ['碳减排支持工具'] })
  @IsOptional()
  @IsArray({ message: '标签应为列表' })
  @ArrayMaxSize(10, { message: '标签最多10项' })
  @IsString({ each: true, message: '每个标签应为文字' })
  @Length(1, 30, { each: true, message: '标签长度应为1–30个字' })
  tags?: string[];

  @ApiPropertyOptional({ example: ['营业执照', '项目环评批复'] })
  @IsOptional()
  @IsArray({ message: '所需材料应为列表' })
  @ArrayMaxSize(30, { message: '所需材料最多30项' })
  @IsString({ each: true, message: '每项所需材料应为文字' })
  @Length(1, 100, { each: true, message: '每项所需材料应为1至100个字' })
  requiredMaterials?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString({ message: '联系人应为文字' })
  @Length(1, 50, { message: '联系人应为1至50个字' })
  contactName?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @Matches(/^[0-9+\-() ]{5,30}$/, { message: '联系电话应为5至30位数字（可含空格、+、-、括号）' })
  contactPhone?: string | null;

  @ApiPropertyOptional({ example: '2026-01-01' })
  @IsOptional()
  @IsCalendarDate({ label: '有效期开始日期' })
  validFrom?: string | null;

  @ApiPropertyOptional({ example: '2026-12-31' })
  @IsOptional()
  @IsCalendarDate({ label: '有效期截止日期' })
  validUntil?: string | null;
}

export class CreateProductDto extends ProductFieldsDto implements ProductInput {}

/** A change: any fields, and the version the editor read. */
export class UpdateProductDto extends PartialType(ProductFieldsDto) implements ProductUpdateInput {
  @ApiProperty({ description: '修改前读到的版本号（防止覆盖他人的修改）' })
  @IsInt({ message: '版本号应为不小于1的整数' })
  @Min(1, { message: '版本号应为不小于1的整数' })
  version: number;
}

export class ProductVersionDto {
  @ApiProperty()
  @IsInt({ message: '版本号应为不小于1的整数' })
  @Min(1, { message: '版本号应为不小于1的整数' })
  version: number;
}

export class ListProductsQuery extends PageQueryDto {
  @ApiPropertyOptional({ description: '名称关键字' })
  @IsOptional()
  @Trim()
  @IsString({ message: '关键词应为文字' })
  @Length(1, 50, { message: '关键词应为1至50个字' })
  q?: string;

  @ApiPropertyOptional({ enum: ProductType })
  @IsOptional()
  @IsEnum(ProductType, { message: oneOf('产品类型', PRODUCT_TYPE_LABELS) })
  type?: ProductType;

  @ApiPropertyOptional({ description: '服务该县（市、区）的产品（含全市）' })
  @IsOptional()
  @IsDivisionCode({ message: '服务区县应为湛江市的县（市、区）或园区' })
  county?: string;

  @ApiPropertyOptional({ description: '支持该分类代码（或其上级）的产品，如 4.3.2；不限类别的产品也列出' })
  @IsOptional()
  @Matches(CATEGORY_PREFIX_PATTERN, { message: '绿色类别应为分类代码或前缀，如 4、4.3、4.3.2' })
  category?: string;

  @ApiPropertyOptional({ description: '额度覆盖该金额（万元）' })
  @IsOptional()
  @IsDecimalString({ ...AMOUNT, label: '金额', unit: '万元' })
  amount?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString({ message: '标签应为文字' })
  @Length(1, 30, { message: '标签应为1至30个字' })
  tag?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all', { message: '金融机构无效' })
  bankOrgId?: string;
}

export class MyProductsQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: ProductStatus })
  @IsOptional()
  @IsIn(Object.values(ProductStatus), { message: oneOf('状态', PRODUCT_STATUS_LABELS) })
  status?: ProductStatus;
}
