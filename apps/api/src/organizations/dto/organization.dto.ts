import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { InstitutionKind, OrgType, INSTITUTION_KIND_LABELS, ORG_TYPE_LABELS, TEXT_LIMITS, type OrganizationInput, type OrganizationListParams, type OrganizationUpdateInput } from '@zj/shared';
import { IsEnum, IsOptional, IsString, Length } from 'class-validator';
import { PageQueryDto } from '../../common/http/pagination';
import { IsCreditCode, IsDivisionCode, Trim } from '../../common/validation/validators';
import { TextLength } from '../../common/validation/text-length';
import { oneOf } from '../../common/validation/messages';

export class CreateOrganizationDto implements OrganizationInput {
  @ApiProperty({ enum: OrgType })
  @IsEnum(OrgType, { message: oneOf('机构类型', ORG_TYPE_LABELS) })
  type: OrgType;

  @ApiProperty({ example: '南海绿色银行湛江分行（演示）' })
  @Trim()
  @IsString({ message: '机构名称应为文字' })
  @TextLength(TEXT_LIMITS.organizationName, '机构名称')
  name: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Trim('upper')
  @IsCreditCode()
  creditCode?: string;

  @ApiPropertyOptional({ example: '440802' })
  @IsOptional()
  @IsDivisionCode({ message: '所在区划应为湛江市的县（市、区）或园区' })
  divisionCode?: string;

  @ApiPropertyOptional({ enum: InstitutionKind })
  @IsOptional()
  @IsEnum(InstitutionKind, { message: oneOf('机构类别', INSTITUTION_KIND_LABELS) })
  institutionKind?: InstitutionKind;

  @ApiPropertyOptional({ example: '湛江分行' })
  @IsOptional()
  @Trim()
  @IsString({ message: '分支机构应为文字' })
  @TextLength(TEXT_LIMITS.organizationBranch, '分支机构')
  branchName?: string;
}

export class UpdateOrganizationDto implements OrganizationUpdateInput {
  @ApiPropertyOptional({ description: '政府部门更名时，原名称记入曾用名' })
  @IsOptional()
  @Trim()
  @IsString({ message: '机构名称应为文字' })
  @TextLength(TEXT_LIMITS.organizationName, '机构名称')
  name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsDivisionCode({ message: '所在区划应为湛江市的县（市、区）或园区' })
  divisionCode?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString({ message: '分支机构应为文字' })
  @TextLength(TEXT_LIMITS.organizationBranch, '分支机构')
  branchName?: string;
}

export class ListOrganizationsQuery extends PageQueryDto implements OrganizationListParams {
  @ApiPropertyOptional({ enum: OrgType })
  @IsOptional()
  @IsEnum(OrgType, { message: oneOf('类型', ORG_TYPE_LABELS) })
  type?: OrgType;

  @ApiPropertyOptional({ description: '按名称（含曾用名）或信用代码搜索' })
  @IsOptional()
  @IsString({ message: '关键词应为文字' })
  @Length(1, 100, { message: '关键词应为1至100个字' })
  q?: string;
}
