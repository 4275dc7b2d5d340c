import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { InstitutionKind, OrgType } from '@zj/shared';
import { IsEnum, IsOptional, IsString, Length } from 'class-validator';
import { PageQueryDto } from '../../common/http/pagination';
import { IsCreditCode, IsDivisionCode, Trim } from '../../common/validation/validators';

export class CreateOrganizationDto {
  @ApiProperty({ enum: OrgType })
  @IsEnum(OrgType, { message: '机构类型无效' })
  type: OrgType;

  @ApiProperty({ example: '南海绿色银行湛江分行（演示）' })
  @Trim()
  @IsString()
  @Length(2, 200)
  name: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Trim('upper')
  @IsCreditCode()
  creditCode?: string;

  @ApiPropertyOptional({ example: '440802' })
  @IsOptional()
  @IsDivisionCode()
  divisionCode?: string;

  @ApiPropertyOptional({ enum: InstitutionKind })
  @IsOptional()
  @IsEnum(InstitutionKind, { message: '金融机构类别无效' })
  institutionKind?: InstitutionKind;

  @ApiPropertyOptional({ example: '湛江分行' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 100)
  branchName?: string;
}

export class UpdateOrganizationDto {
  @ApiPropertyOptional({ description: '政府部门更名时，原名称记入曾用名' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(2, 200)
  name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsDivisionCode()
  divisionCode?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 100)
  branchName?: string;
}

export class ListOrganizationsQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: OrgType })
  @IsOptional()
  @IsEnum(OrgType)
  type?: OrgType;

  @ApiPropertyOptional({ description: '按名称（含曾用名）或信用代码搜索' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  q?: string;
}
