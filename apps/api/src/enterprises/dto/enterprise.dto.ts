import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CertificationKind, EnterpriseSize, EnvCreditRating, MAX_AMOUNT_WAN, ScorecardIndicatorKind } from '@zj/shared';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDateString,
  IsEmail,
  IsEnum,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { PageQueryDto } from '../../common/http/pagination';
import { IsCreditCode, IsDecimalString, IsDivisionCode, Trim } from '../../common/validation/validators';

const DATE = { message: '日期格式应为 YYYY-MM-DD' };

export class CertificationDto {
  @ApiProperty({ enum: CertificationKind })
  @IsEnum(CertificationKind, { message: '认证类型无效' })
  kind: CertificationKind;

  @ApiPropertyOptional() @IsOptional() @Trim() @IsString() @MaxLength(100, { message: '认证名称不超过100字' })
  name?: string | null;

  @ApiPropertyOptional() @IsOptional() @Trim() @IsString() @MaxLength(60, { message: '证书编号不超过60字' })
  number?: string | null;

  @ApiPropertyOptional() @IsOptional() @IsDateString({ strict: true }, DATE)
  validUntil?: string | null;
}

/** The profile fields of an enterprise; every field optional on update. */
export class EnterpriseProfileDto {
  @ApiPropertyOptional({ description: '读取时的版本号（修改已有资料时）' })
  @IsOptional()
  @IsInt({ message: '版本号应为整数' })
  version?: number;

  @ApiPropertyOptional({ example: 'D', description: '国民经济行业门类（A–T）' })
  @IsOptional()
  @Matches(/^[A-T]$/, { message: '行业门类应为A至T的字母' })
  industrySection?: string | null;

  @ApiPropertyOptional({ example: '44', description: '行业大类（两位数字）' })
  @IsOptional()
  @Matches(/^\d{2}$/, { message: '行业大类应为两位数字' })
  industryDivision?: string | null;

  @ApiPropertyOptional({ example: '电力、热力生产和供应业' })
  @IsOptional() @Trim() @IsString() @MaxLength(100, { message: '行业名称不超过100字' })
  industryName?: string | null;

  @ApiPropertyOptional({ enum: EnterpriseSize })
  @IsOptional()
  @IsEnum(EnterpriseSize, { message: '企业规模应为大型、中型、小型或微型' })
  size?: EnterpriseSize | null;

  @ApiPropertyOptional({ example: '2000.00', description: '注册资本（万元）' })
  @IsOptional()
  @IsDecimalString({ min: 0, max: MAX_AMOUNT_WAN })
  registeredCapital?: string | null;

  @ApiPropertyOptional() @IsOptional() @IsDateString({ strict: true }, DATE)
  establishedOn?: string | null;

  @ApiPropertyOptional() @IsOptional() @Trim() @IsString() @MaxLength(50, { message: '法定代表人不超过50字' })
  legalRepresentative?: string | null;

  @ApiPropertyOptional() @IsOptional() @Trim() @IsString() @MaxLength(200, { message: '地址不超过200字' })
  address?: string | null;

  @ApiPropertyOptional() @IsOptional() @Trim() @IsString() @MaxLength(2000, { message: '经营范围不超过2000字' })
  businessScope?: string | null;

  @ApiPropertyOptional() @IsOptional() @Trim() @IsString() @Length(1, 50, { message: '联系人为1至50字' })
  contactName?: string | null;

  @ApiPropertyOptional({ example: '0759-1234567' })
  @IsOptional()
  @Matches(/^[0-9+\-() ]{7,20}$/, { message: '联系电话格式不正确' })
  contactPhone?: string | null;

  @ApiPropertyOptional() @IsOptional() @Trim('lower') @IsEmail({}, { message: '电子邮箱格式不正确' })
  contactEmail?: string | null;

  @ApiPropertyOptional({ enum: EnvCreditRating })
  @IsOptional()
  @IsEnum(EnvCreditRating, { message: '环境信用评价等级无效' })
  envCreditRating?: EnvCreditRating | null;

  @ApiPropertyOptional() @IsOptional() @IsInt({ message: '年份应为整数' }) @Min(2000, { message: '年份不早于2000' }) @Max(2100, { message: '年份无效' })
  envCreditRatingYear?: number | null;

  @ApiPropertyOptional({ type: [CertificationDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20, { message: '认证最多20项' })
  @ValidateNested({ each: true })
  @Type(() => CertificationDto)
  certifications?: CertificationDto[];

  @ApiPropertyOptional({ example: '12500.00', description: '年碳排放量（吨二氧化碳当量）' })
  @IsOptional()
  @IsDecimalString({ min: 0 })
  carbonEmissionsT?: string | null;

  @ApiPropertyOptional({ example: '0.8500', description: '碳排放强度' })
  @IsOptional()
  @IsDecimalString({ precision: 14, scale: 4, min: 0 })
  carbonIntensity?: string | null;

  @ApiPropertyOptional({ example: 'tCO2e/万元产值' })
  @IsOptional() @Trim() @IsString() @MaxLength(40)
  carbonIntensityUnit?: string | null;

  @ApiPropertyOptional() @IsOptional() @IsInt({ message: '年份应为整数' }) @Min(2000, { message: '年份不早于2000' }) @Max(2100, { message: '年份无效' })
  carbonYear?: number | null;

  @ApiPropertyOptional() @IsOptional() @IsBoolean({ message: '应为是或否' })
  envDisclosure?: boolean;

  @ApiPropertyOptional() @IsOptional() @Trim() @IsString() @MaxLength(500) @Matches(/^https?:\/\//, { message: '披露网址应以 http:// 或 https:// 开头' })
  envDisclosureUrl?: string | null;

  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(2000) @Max(2100)
  envDisclosureYear?: number | null;
}

export class CreateEnterpriseDto extends EnterpriseProfileDto {
  @ApiProperty({ example: '湛江某某环保科技有限公司' })
  @Trim()
  @IsString({ message: '企业名称应为文字' })
  @Length(2, 200, { message: '企业名称为2至200字' })
  name: string;

  @ApiProperty()
  @Trim('upper')
  @IsCreditCode()
  creditCode: string;

  @ApiProperty({ example: '440811' })
  @IsDivisionCode()
  divisionCode: string;
}

const toBool = ({ value }: { value: unknown }) => (value === 'true' || value === true ? true : value === 'false' || value === false ? false : value);

export class ListEnterprisesQuery extends PageQueryDto {
  @ApiPropertyOptional({ description: '关键词：企业名称或信用代码' })
  @IsOptional() @Trim() @IsString() @Length(1, 100)
  q?: string;

  @ApiPropertyOptional() @IsOptional() @IsDivisionCode()
  divisionCode?: string;

  @ApiPropertyOptional({ enum: EnterpriseSize }) @IsOptional() @IsEnum(EnterpriseSize, { message: '企业规模无效' })
  size?: EnterpriseSize;

  @ApiPropertyOptional() @IsOptional() @Matches(/^[A-T]$/, { message: '行业门类应为A至T' })
  industrySection?: string;

  @ApiPropertyOptional({ enum: EnvCreditRating }) @IsOptional() @IsEnum(EnvCreditRating)
  envCreditRating?: EnvCreditRating;

  @ApiPropertyOptional({ example: 'A' }) @IsOptional() @IsString() @Length(1, 10)
  grade?: string;

  @ApiPropertyOptional({ description: '有有效的绿色企业认定' }) @IsOptional() @Transform(toBool) @IsBoolean()
  identified?: boolean;

  @ApiPropertyOptional({ description: '有已入库项目' }) @IsOptional() @Transform(toBool) @IsBoolean()
  hasListedProject?: boolean;
}

export class ApplyIdentificationDto {
  @ApiProperty({ description: '申请说明：主营业务、绿色属性、依据' })
  @Trim()
  @IsString({ message: '申请说明应为文字' })
  @Length(10, 5000, { message: '申请说明为10至5000字' })
  statement: string;
}

export class DecideIdentificationDto {
  @ApiProperty({ enum: ['APPROVE', 'REJECT', 'REVOKE'] })
  @IsIn(['APPROVE', 'REJECT', 'REVOKE'], { message: '操作应为认定、不予认定或撤销' })
  decision: 'APPROVE' | 'REJECT' | 'REVOKE';

  @ApiPropertyOptional() @IsOptional() @IsDateString({ strict: true }, DATE)
  validFrom?: string;

  @ApiPropertyOptional() @IsOptional() @IsDateString({ strict: true }, DATE)
  validUntil?: string;

  @ApiPropertyOptional() @IsOptional() @Trim() @IsString() @MaxLength(1000, { message: '意见不超过1000字' })
  note?: string;

  @ApiPropertyOptional() @IsOptional() @IsInt()
  version?: number;
}

export class ScorecardIndicatorDto {
  @ApiProperty() @Matches(/^[A-Za-z][A-Za-z0-9_]{0,39}$/, { message: '指标代码为字母开头的字母数字' })
  key: string;

  @ApiProperty() @Trim() @IsString() @Length(1, 40, { message: '指标名称为1至40字' })
  label: string;

  @ApiProperty({ enum: ScorecardIndicatorKind }) @IsEnum(ScorecardIndicatorKind, { message: '指标类型无效' })
  kind: ScorecardIndicatorKind;

  @ApiProperty() @IsNumber({}, { message: '权重应为数字' }) @Min(0, { message: '权重不能为负' }) @Max(100, { message: '权重不超过100' })
  weight: number;

  @ApiPropertyOptional() @IsOptional() @IsObject()
  points?: Record<string, number>;

  @ApiPropertyOptional() @IsOptional() @IsArray() @ArrayMaxSize(10)
  bands?: { max?: number; min?: number; points: number }[];

  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(10)
  maxAgeYears?: number;
}

export class ScorecardBandDto {
  @ApiProperty({ example: 'A' }) @Matches(/^[A-Z][A-Z0-9+-]{0,9}$/, { message: '等级代码如 A、B' })
  grade: string;

  @ApiProperty({ example: '深绿' }) @Trim() @IsString() @Length(1, 20)
  label: string;

  @ApiProperty({ example: 80 }) @IsNumber() @Min(0) @Max(100)
  minScore: number;
}

export class CreateScorecardDto {
  @ApiProperty() @Trim() @IsString() @Length(2, 100, { message: '名称为2至100字' })
  name: string;

  @ApiProperty({ type: [ScorecardIndicatorDto] })
  @IsArray() @ArrayMinSize(1, { message: '至少一个指标' }) @ArrayMaxSize(20)
  @ValidateNested({ each: true }) @Type(() => ScorecardIndicatorDto)
  indicators: ScorecardIndicatorDto[];

  @ApiProperty({ type: [ScorecardBandDto] })
  @IsArray() @ArrayMinSize(2, { message: '至少两个等级' }) @ArrayMaxSize(10)
  @ValidateNested({ each: true }) @Type(() => ScorecardBandDto)
  bands: ScorecardBandDto[];
}
