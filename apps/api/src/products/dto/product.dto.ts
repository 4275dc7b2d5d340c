import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { CATEGORY_PREFIX_PATTERN, CollateralKind, EnterpriseSize, ProductStatus, ProductType, RateKind } from '@zj/shared';
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

const AMOUNT = { min: 0.01, max: 10_000_000 };

export class CategoryRuleDto {
  @ApiProperty({ example: 'GIC-2019' })
  @IsString()
  @Length(1, 40, { message: '分类标准版本无效' })
  version: string;

  @ApiProperty({ example: '4.3', description: '分类代码或其前缀（一级、二级或三级）' })
  @Matches(CATEGORY_PREFIX_PATTERN, { message: '应为分类代码或前缀，如 4、4.3、4.3.2' })
  prefix: string;
}

/** Every field of a product; all optional on update. */
export class ProductFieldsDto {
  @ApiProperty({ example: '红树林生态修复贷（演示）' })
  @Trim()
  @IsString()
  @Length(2, 100, { message: '产品名称长度应为2–100个字' })
  name: string;

  @ApiProperty({ enum: ProductType })
  @IsEnum(ProductType, { message: '产品类型无效' })
  type: ProductType;

  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(4000)
  description?: string;

  @ApiPropertyOptional({ example: '50.00', description: '最低金额（万元）' })
  @IsOptional()
  @IsDecimalString(AMOUNT)
  minAmount?: string | null;

  @ApiPropertyOptional({ example: '500.00', description: '最高金额（万元）' })
  @IsOptional()
  @IsDecimalString(AMOUNT)
  maxAmount?: string | null;

  @ApiPropertyOptional({ example: 12 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(600)
  minTermMonths?: number | null;

  @ApiPropertyOptional({ example: 60 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(600)
  maxTermMonths?: number | null;

  @ApiPropertyOptional({ enum: RateKind })
  @IsOptional()
  @IsEnum(RateKind, { message: '利率方式无效' })
  rateKind?: RateKind;

  @ApiPropertyOptional({ example: '3.20', description: '年利率下限（%）' })
  @IsOptional()
  @IsDecimalString({ precision: 5, scale: 2, min: 0, max: 36 })
  rateMinPercent?: string | null;

  @ApiPropertyOptional({ example: '4.20' })
  @IsOptional()
  @IsDecimalString({ precision: 5, scale: 2, min: 0, max: 36 })
  rateMaxPercent?: string | null;

  @ApiPropertyOptional({ example: -20, description: 'LPR 加点下限（基点，可为负）' })
  @IsOptional()
  @IsInt()
  @Min(-500)
  @Max(2000)
  lprBasisPointsMin?: number | null;

  @ApiPropertyOptional({ example: 60 })
  @IsOptional()
  @IsInt()
  @Min(-500)
  @Max(2000)
  lprBasisPointsMax?: number | null;

  @ApiPropertyOptional({ enum: CollateralKind, isArray: true, description: '接受的担保方式；含 NONE 或为空表示接受信用方式' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(9)
  @IsEnum(CollateralKind, { each: true, message: '担保方式无效' })
  collateralAccepted?: CollateralKind[];

  @ApiPropertyOptional({ type: [CategoryRuleDto], description: '支持的绿色类别；为空表示不限' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => CategoryRuleDto)
  categoryRules?: CategoryRuleDto[];

  @ApiPropertyOptional({ example: ['440882'], description: '服务的县（市、区）；为空表示全市' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(13)
  @IsDivisionCode({ each: true })
  counties?: string[];

  @ApiPropertyOptional({ enum: EnterpriseSize, isArray: true })
  @IsOptional()
  @IsArray()
  @IsEnum(EnterpriseSize, { each: true, message: '企业规模无效' })
  enterpriseSizes?: EnterpriseSize[];

  @ApiPropertyOptional({ example: 'B', description: '最低绿色评级（A 最优）' })
  @IsOptional()
  @Matches(/^[A-E]$/, { message: '绿色评级应为 A–E 中的一个字母' })
  minGreenGrade?: string | null;

  @ApiPropertyOptional({ example: ['碳减排支持工具'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @Length(1, 30, { each: true, message: '标签长度应为1–30个字' })
  tags?: string[];

  @ApiPropertyOptional({ example: ['营业执照', '项目环评批复'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  requiredMaterials?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 50)
  contactName?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @Matches(/^[0-9+\-() ]{5,30}$/, { message: '联系电话格式无效' })
  contactPhone?: string | null;

  @ApiPropertyOptional({ example: '2026-01-01' })
  @IsOptional()
  @IsCalendarDate()
  validFrom?: string | null;

  @ApiPropertyOptional({ example: '2026-12-31' })
  @IsOptional()
  @IsCalendarDate()
  validUntil?: string | null;
}

export class CreateProductDto extends ProductFieldsDto {}

/** A change: any fields, and the version the editor read. */
export class UpdateProductDto extends PartialType(ProductFieldsDto) {
  @ApiProperty({ description: '修改前读到的版本号（防止覆盖他人的修改）' })
  @IsInt()
  @Min(1)
  version: number;
}

export class ProductVersionDto {
  @ApiProperty()
  @IsInt()
  @Min(1)
  version: number;
}

export class ListProductsQuery extends PageQueryDto {
  @ApiPropertyOptional({ description: '名称关键字' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 50)
  q?: string;

  @ApiPropertyOptional({ enum: ProductType })
  @IsOptional()
  @IsEnum(ProductType)
  type?: ProductType;

  @ApiPropertyOptional({ description: '服务该县（市、区）的产品（含全市）' })
  @IsOptional()
  @IsDivisionCode()
  county?: string;

  @ApiPropertyOptional({ description: '支持该分类代码（或其上级）的产品，如 4.3.2；不限类别的产品也列出' })
  @IsOptional()
  @Matches(CATEGORY_PREFIX_PATTERN)
  category?: string;

  @ApiPropertyOptional({ description: '额度覆盖该金额（万元）' })
  @IsOptional()
  @IsDecimalString(AMOUNT)
  amount?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 30)
  tag?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  bankOrgId?: string;
}

export class MyProductsQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: ProductStatus })
  @IsOptional()
  @IsIn(Object.values(ProductStatus))
  status?: ProductStatus;
}
