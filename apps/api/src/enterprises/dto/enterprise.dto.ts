import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CertificationKind, EnterpriseSize, EnvCreditRating, MAX_AMOUNT_WAN, ScorecardIndicatorKind, CERTIFICATION_KIND_LABELS, ENTERPRISE_SIZE_LABELS, ENV_CREDIT_RATING_LABELS, SCORECARD_INDICATOR_KIND_LABELS, TEXT_LIMITS, type EnterpriseProfileInput, type GreenIdentificationDecisionInput } from '@zj/shared';
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
import { TextLength } from '../../common/validation/text-length';
import { oneOf } from '../../common/validation/messages';

export class CertificationDto {
  @ApiProperty({ enum: CertificationKind })
  @IsEnum(CertificationKind, { message: oneOf('认证类型', CERTIFICATION_KIND_LABELS) })
  kind: CertificationKind;

  @ApiPropertyOptional() @IsOptional() @Trim() @IsString({ message: '认证名称应为文字' }) @MaxLength(100, { message: '认证名称不能超过100个字' })
  name?: string | null;

  @ApiPropertyOptional() @IsOptional() @Trim() @IsString({ message: '证书编号应为文字' }) @MaxLength(60, { message: '证书编号不能超过60个字符' })
  number?: string | null;

  @ApiPropertyOptional() @IsOptional() @IsDateString({ strict: true }, { message: '证书有效期至格式应为 YYYY-MM-DD' })
  validUntil?: string | null;
}

/** The profile fields of an enterprise; every field optional on update. */
export class EnterpriseProfileDto implements EnterpriseProfileInput {
  @ApiPropertyOptional({ description: '读取时的版本号（修改已有资料时）' })
  @IsOptional()
  @IsInt({ message: '版本号应为整数' })
  version?: number;

  @ApiPropertyOptional({ example: 'D', description: '国民经济行业门类（A–T）' })
  @IsOptional()
  @Matches(/^[A-T]$/, { message: '行业门类应为 A 至 T 中的一个字母' })
  industrySection?: string | null;

  @ApiPropertyOptional({ example: '44', description: '行业大类（两位数字）' })
  @IsOptional()
  @Matches(/^\d{2}$/, { message: '行业大类应为两位数字' })
  industryDivision?: string | null;

  @ApiPropertyOptional({ example: '电力、热力生产和供应业' })
  @IsOptional() @Trim() @IsString({ message: '行业名称应为文字' }) @TextLength(TEXT_LIMITS.industryName, '行业名称')
  industryName?: string | null;

  @ApiPropertyOptional({ enum: EnterpriseSize })
  @IsOptional()
  @IsEnum(EnterpriseSize, { message: oneOf('企业规模', ENTERPRISE_SIZE_LABELS) })
  size?: EnterpriseSize | null;

  @ApiPropertyOptional({ example: '2000.00', description: '注册资本（万元）' })
  @IsOptional()
  @IsDecimalString({ min: 0, max: MAX_AMOUNT_WAN, label: '注册资本', unit: '万元' })
  registeredCapital?: string | null;

  @ApiPropertyOptional() @IsOptional() @IsDateString({ strict: true }, { message: '成立日期格式应为 YYYY-MM-DD' })
  establishedOn?: string | null;

  @ApiPropertyOptional() @IsOptional() @Trim() @IsString({ message: '法定代表人应为文字' }) @TextLength(TEXT_LIMITS.enterpriseLegalRepresentative, '法定代表人')
  legalRepresentative?: string | null;

  @ApiPropertyOptional() @IsOptional() @Trim() @IsString({ message: '地址应为文字' }) @TextLength(TEXT_LIMITS.enterpriseAddress, '地址')
  address?: string | null;

  @ApiPropertyOptional() @IsOptional() @Trim() @IsString({ message: '经营范围应为文字' }) @TextLength(TEXT_LIMITS.enterpriseBusinessScope, '经营范围')
  businessScope?: string | null;

  @ApiPropertyOptional() @IsOptional() @Trim() @IsString({ message: '联系人应为文字' }) @TextLength(TEXT_LIMITS.enterpriseContactName, '联系人')
  contactName?: string | null;

  @ApiPropertyOptional({ example: '0759-1234567' })
  @IsOptional()
  @Matches(/^[0-9+\-() ]{7,20}$/, { message: '联系电话应为7至20位数字（可含空格、+、-、括号）' })
  contactPhone?: string | null;

  @ApiPropertyOptional() @IsOptional() @Trim('lower') @IsEmail({}, { message: '电子邮箱格式不正确' })
  contactEmail?: string | null;

  @ApiPropertyOptional({ enum: EnvCreditRating })
  @IsOptional()
  @IsEnum(EnvCreditRating, { message: oneOf('环境信用评价', ENV_CREDIT_RATING_LABELS) })
  envCreditRating?: EnvCreditRating | null;

  @ApiPropertyOptional() @IsOptional() @IsInt({ message: '环境信用评价年份应为2000至2100的整数' }) @Min(2000, { message: '环境信用评价年份应为2000至2100的整数' }) @Max(2100, { message: '环境信用评价年份应为2000至2100的整数' })
  envCreditRatingYear?: number | null;

  @ApiPropertyOptional({ type: [CertificationDto] })
  @IsOptional()
  @IsArray({ message: '绿色认证应为列表' })
  @ArrayMaxSize(20, { message: '绿色认证最多20项' })
  @ValidateNested({ each: true, message: '绿色认证的每一项格式无效' })
  @Type(() => CertificationDto)
  certifications?: CertificationDto[];

  @ApiPropertyOptional({ example: '12500.00', description: '年碳排放量（吨二氧化碳当量）' })
  @IsOptional()
  @IsDecimalString({ min: 0, label: '年碳排放量', unit: '吨二氧化碳当量' })
  carbonEmissionsT?: string | null;

  @ApiPropertyOptional({ example: '0.8500', description: '碳排放强度' })
  @IsOptional()
  @IsDecimalString({ precision: 14, scale: 4, min: 0, label: '碳排放强度' })
  carbonIntensity?: string | null;

  @ApiPropertyOptional({ example: 'tCO2e/万元产值' })
  @IsOptional() @Trim() @IsString({ message: '强度单位应为文字' }) @TextLength(TEXT_LIMITS.carbonIntensityUnit, '强度单位', '个字符')
  carbonIntensityUnit?: string | null;

  @ApiPropertyOptional() @IsOptional() @IsInt({ message: '碳数据年份应为2000至2100的整数' }) @Min(2000, { message: '碳数据年份应为2000至2100的整数' }) @Max(2100, { message: '碳数据年份应为2000至2100的整数' })
  carbonYear?: number | null;

  @ApiPropertyOptional() @IsOptional() @IsBoolean({ message: '已披露环境信息应为是或否' })
  envDisclosure?: boolean;

  @ApiPropertyOptional() @IsOptional() @Trim() @IsString({ message: '披露网址应为文字' }) @TextLength(TEXT_LIMITS.disclosureUrl, '披露网址', '个字符') @Matches(/^https?:\/\//, { message: '披露网址应以 http:// 或 https:// 开头' })
  envDisclosureUrl?: string | null;

  @ApiPropertyOptional() @IsOptional() @IsInt({ message: '披露年份应为2000至2100的整数' }) @Min(2000, { message: '披露年份应为2000至2100的整数' }) @Max(2100, { message: '披露年份应为2000至2100的整数' })
  envDisclosureYear?: number | null;
}

export class CreateEnterpriseDto extends EnterpriseProfileDto {
  @ApiProperty({ example: '湛江某某环保科技有限公司' })
  @Trim()
  @IsString({ message: '企业名称应为文字' })
  @TextLength(TEXT_LIMITS.organizationName, '企业名称')
  name: string;

  @ApiProperty()
  @Trim('upper')
  @IsCreditCode()
  creditCode: string;

  @ApiProperty({ example: '440811' })
  @IsDivisionCode({ message: '所在县（市、区）应为湛江市的县（市、区）或园区' })
  divisionCode: string;
}

const toBool = ({ value }: { value: unknown }) => (value === 'true' || value === true ? true : value === 'false' || value === false ? false : value);

export class ListEnterprisesQuery extends PageQueryDto {
  @ApiPropertyOptional({ description: '关键词：企业名称或信用代码' })
  @IsOptional() @Trim() @IsString({ message: '关键词应为文字' }) @Length(1, 100, { message: '关键词应为1至100个字' })
  q?: string;

  @ApiPropertyOptional() @IsOptional() @IsDivisionCode({ message: '县区应为湛江市的县（市、区）或园区' })
  divisionCode?: string;

  @ApiPropertyOptional({ enum: EnterpriseSize }) @IsOptional() @IsEnum(EnterpriseSize, { message: oneOf('规模', ENTERPRISE_SIZE_LABELS) })
  size?: EnterpriseSize;

  @ApiPropertyOptional() @IsOptional() @Matches(/^[A-T]$/, { message: '行业门类应为 A 至 T 中的一个字母' })
  industrySection?: string;

  @ApiPropertyOptional({ enum: EnvCreditRating }) @IsOptional() @IsEnum(EnvCreditRating, { message: oneOf('环境信用', ENV_CREDIT_RATING_LABELS) })
  envCreditRating?: EnvCreditRating;

  @ApiPropertyOptional({ example: 'A' }) @IsOptional() @IsString({ message: '绿色等级应为文字' }) @Length(1, 10, { message: '绿色等级应为1至10个字符' })
  grade?: string;

  @ApiPropertyOptional({ description: '有有效的绿色企业认定' }) @IsOptional() @Transform(toBool) @IsBoolean({ message: '绿色认定应为是或否' })
  identified?: boolean;

  @ApiPropertyOptional({ description: '有已入库项目' }) @IsOptional() @Transform(toBool) @IsBoolean({ message: '有已入库项目应为是或否' })
  hasListedProject?: boolean;
}

export class ApplyIdentificationDto {
  @ApiProperty({ description: '申请说明：主营业务、绿色属性、依据' })
  @Trim()
  @IsString({ message: '申请说明应为文字' })
  @Length(10, 5000, { message: '申请说明应为10至5000个字' })
  statement: string;
}

export class DecideIdentificationDto implements GreenIdentificationDecisionInput {
  @ApiProperty({ enum: ['APPROVE', 'REJECT', 'REVOKE'] })
  @IsIn(['APPROVE', 'REJECT', 'REVOKE'], { message: '决定应为认定、不予认定或撤销' })
  decision: 'APPROVE' | 'REJECT' | 'REVOKE';

  @ApiPropertyOptional() @IsOptional() @IsDateString({ strict: true }, { message: '有效期开始日期格式应为 YYYY-MM-DD' })
  validFrom?: string;

  @ApiPropertyOptional() @IsOptional() @IsDateString({ strict: true }, { message: '有效期截止日期格式应为 YYYY-MM-DD' })
  validUntil?: string;

  @ApiPropertyOptional() @IsOptional() @Trim() @IsString({ message: '意见应为文字' }) @MaxLength(1000, { message: '意见不能超过1000个字' })
  note?: string;

  @ApiPropertyOptional() @IsOptional() @IsInt({ message: '版本号应为整数' })
  version?: number;
}

export class ScorecardIndicatorDto {
  @ApiProperty() @Matches(/^[A-Za-z][A-Za-z0-9_]{0,39}$/, { message: '指标代码应为字母开头的字母、数字或下划线，不超过40个字符' })
  key: string;

  @ApiProperty() @Trim() @IsString({ message: '指标名称应为文字' }) @Length(1, 40, { message: '指标名称应为1至40个字' })
  label: string;

  @ApiProperty({ enum: ScorecardIndicatorKind }) @IsEnum(ScorecardIndicatorKind, { message: oneOf('指标类型', SCORECARD_INDICATOR_KIND_LABELS) })
  kind: ScorecardIndicatorKind;

  @ApiProperty() @IsNumber({}, { message: '权重应为0至100的数字' }) @Min(0, { message: '权重应为0至100的数字' }) @Max(100, { message: '权重应为0至100的数字' })
  weight: number;

  @ApiPropertyOptional() @IsOptional() @IsObject({ message: '分值表格式无效' })
  points?: Record<string, number>;

  @ApiPropertyOptional() @IsOptional() @IsArray({ message: '分档应为列表' }) @ArrayMaxSize(10, { message: '分档最多10项' })
  bands?: { max?: number; min?: number; points: number }[];

  @ApiPropertyOptional() @IsOptional() @IsInt({ message: '有效年限应为0至10的整数' }) @Min(0, { message: '有效年限应为0至10的整数' }) @Max(10, { message: '有效年限应为0至10的整数' })
  maxAgeYears?: number;
}

export class ScorecardBandDto {
  @ApiProperty({ example: 'A' }) @Matches(/^[A-Z][A-Z0-9+-]{0,9}$/, { message: '等级代码应为大写字母开头，如 A、B，不超过10个字符' })
  grade: string;

  @ApiProperty({ example: '深绿' }) @Trim() @IsString({ message: '等级名称应为文字' }) @Length(1, 20, { message: '等级名称应为1至20个字' })
  label: string;

  @ApiProperty({ example: 80 }) @IsNumber({}, { message: '最低分应为0至100' }) @Min(0, { message: '最低分应为0至100' }) @Max(100, { message: '最低分应为0至100' })
  minScore: number;
}

export class CreateScorecardDto {
  @ApiProperty() @Trim() @IsString({ message: '评分卡名称应为文字' }) @Length(2, 100, { message: '评分卡名称应为2至100个字' })
  name: string;

  @ApiProperty({ type: [ScorecardIndicatorDto] })
  @IsArray({ message: '指标应为列表' }) @ArrayMinSize(1, { message: '指标至少1个' }) @ArrayMaxSize(20, { message: '指标最多20项' })
  @ValidateNested({ each: true, message: '指标的每一项格式无效' }) @Type(() => ScorecardIndicatorDto)
  indicators: ScorecardIndicatorDto[];

  @ApiProperty({ type: [ScorecardBandDto] })
  @IsArray({ message: '等级应为列表' }) @ArrayMinSize(2, { message: '等级至少2个' }) @ArrayMaxSize(10, { message: '等级最多10项' })
  @ValidateNested({ each: true, message: '等级的每一项格式无效' }) @Type(() => ScorecardBandDto)
  bands: ScorecardBandDto[];
}
