import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { type RegistrationInput, RegistrationStatus, REGISTRATION_STATUS_LABELS, type RegistrationUpdateInput } from '@zj/shared';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';
import { Trim } from '../../../common/validation/validators';
import { MAX_DESKS, MAX_NEEDS } from '../registration-rules';
import { oneOf } from '../../../common/validation/messages';

const PHONE = /^[0-9+\-() ]{5,30}$/;
const given = (_: object, v: unknown) => v !== undefined && v !== null;

/** A bank's credit officer at a desk. */
export class OfficerDto {
  @ApiProperty({ example: '王晓明' })
  @Trim()
  @IsString({ message: '信贷人员姓名应为文字' })
  @Length(1, 50, { message: '信贷人员姓名应为1至50字' })
  name: string;

  @ApiPropertyOptional({ example: '公司金融部客户经理' })
  @ValidateIf(given)
  @Trim()
  @IsString({ message: '职务应为文字' })
  @MaxLength(50, { message: '职务不能超过50字' })
  title?: string | null;

  @ApiPropertyOptional({ example: '13800138000' })
  @ValidateIf(given)
  @Trim()
  @Matches(PHONE, { message: '信贷人员电话格式不正确' })
  phone?: string | null;
}

/** What a registration states: a bank its desks and officers, an enterprise its needs; both the contact. */
class RegistrationFieldsDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_DESKS, description: '金融机构：桌位数（到场信贷人员数），必填' })
  @IsOptional()
  @IsInt({ message: '桌位数应为整数' })
  @Min(1, { message: `桌位数应为1至${MAX_DESKS}` })
  @Max(MAX_DESKS, { message: `桌位数应为1至${MAX_DESKS}` })
  desks?: number;

  @ApiPropertyOptional({ type: [OfficerDto], description: '金融机构：到场信贷人员（不多于桌位数）' })
  @IsOptional()
  @IsArray({ message: '信贷人员应为列表' })
  @ArrayMaxSize(MAX_DESKS, { message: `信贷人员最多${MAX_DESKS}位` })
  @ValidateNested({ each: true, message: '信贷人员的每一项格式无效' })
  @Type(() => OfficerDto)
  officers?: OfficerDto[];

  @ApiPropertyOptional({ type: [String], description: `企业：希望洽谈的本企业融资需求（未完成的，最多${MAX_NEEDS}项）` })
  @IsOptional()
  @IsArray({ message: '融资需求应为列表' })
  @ArrayMaxSize(MAX_NEEDS, { message: `融资需求最多选择${MAX_NEEDS}项` })
  @IsUUID('all', { each: true, message: '融资需求 id 无效' })
  needIds?: string[];

  @ApiPropertyOptional({ example: '林经理', description: '参会联系人' })
  @ValidateIf(given)
  @Trim()
  @IsString({ message: '联系人应为文字' })
  @Length(1, 50, { message: '联系人应为1至50字' })
  contactName?: string | null;

  @ApiPropertyOptional({ example: '13800138000', description: '联系电话' })
  @ValidateIf(given)
  @Trim()
  @Matches(PHONE, { message: '联系电话格式不正确' })
  contactPhone?: string | null;

  @ApiPropertyOptional({ description: '备注' })
  @ValidateIf(given)
  @Trim()
  @IsString({ message: '备注应为文字' })
  @MaxLength(500, { message: '备注不能超过500字' })
  note?: string | null;
}

export class CreateRegistrationDto extends RegistrationFieldsDto implements RegistrationInput {
  @ApiPropertyOptional({ description: '市金融工作局代为报名的企业或金融机构；企业、金融机构用户不填（为本单位报名）' })
  @IsOptional()
  @IsUUID('all', { message: '报名机构 id 无效' })
  organizationId?: string;
}

export class UpdateRegistrationDto extends RegistrationFieldsDto implements RegistrationUpdateInput {
  @ApiProperty({ description: '读取时的版本号' })
  @IsInt({ message: '版本号应为整数' })
  version: number;
}

export class RejectRegistrationDto {
  @ApiPropertyOptional({ description: '未通过的原因（告知报名机构）' })
  @IsOptional()
  @Trim()
  @IsString({ message: '原因应为文字' })
  @MaxLength(500, { message: '原因不能超过500字' })
  reason?: string;
}

export class ListRegistrationsQuery {
  @ApiPropertyOptional({ enum: RegistrationStatus })
  @IsOptional()
  @IsIn(Object.values(RegistrationStatus), { message: oneOf('报名状态', REGISTRATION_STATUS_LABELS) })
  status?: RegistrationStatus;

  @ApiPropertyOptional({ enum: ['ENTERPRISE', 'BANK'] })
  @IsOptional()
  @IsIn(['ENTERPRISE', 'BANK'], { message: '类型应为 ENTERPRISE（企业）或 BANK（金融机构）' })
  type?: 'ENTERPRISE' | 'BANK';
}
