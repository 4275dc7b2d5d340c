import { ApiPropertyOptional } from '@nestjs/swagger';
import { CATEGORY_PREFIX_PATTERN, InvitationFilter } from '@zj/shared';
import { ArrayMaxSize, IsArray, IsBoolean, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { IsDecimalString, IsDivisionCode, Trim } from '../../../common/validation/validators';

/** The library's filters to pick organisations to invite (combined with AND for enterprises), and banks. */
export class InvitationFilterDto implements InvitationFilter {
  @ApiPropertyOptional({ type: [String], example: ['440882'], description: '企业所在县（市、区）或园区' })
  @IsOptional()
  @IsArray({ message: '县（市、区）应为列表' })
  @ArrayMaxSize(20, { message: '县（市、区）最多20个' })
  @IsDivisionCode({ each: true, message: '县（市、区）代码无效' })
  divisionCodes?: string[];

  @ApiPropertyOptional({ example: '5.2', description: '绿色产业类别代码或前缀（企业有该类别的在库或在审项目）' })
  @IsOptional()
  @Matches(CATEGORY_PREFIX_PATTERN, { message: '类别代码格式如 5 或 5.2 或 5.2.1' })
  categoryCode?: string;

  @ApiPropertyOptional({ example: 'GIC-2019', description: '类别目录版本（默认最新版本）' })
  @IsOptional()
  @IsString({ message: '目录版本应为文字' })
  @Length(1, 40, { message: '目录版本应为1至40字符' })
  taxonomyVersion?: string;

  @ApiPropertyOptional({ example: 'B', description: '最低绿色等级（A 最优 … D）：企业当前等级不低于它' })
  @IsOptional()
  @Trim('upper')
  @Matches(/^[A-Z]$/, { message: '绿色等级应为一个字母，如 A、B、C、D' })
  minGreenGrade?: string;

  @ApiPropertyOptional({ description: '只选有未完成（OPEN）融资需求的企业' })
  @IsOptional()
  @IsBoolean({ message: '是否有融资需求应为 true 或 false' })
  withOpenNeeds?: boolean;

  @ApiPropertyOptional({ example: '500.00', description: '融资需求金额下限（万元）：企业有金额在范围内的未完成需求' })
  @IsOptional()
  @IsDecimalString({ min: 0 }, { message: '需求金额下限应为最多2位小数的数字字符串（万元）' })
  needAmountMin?: string;

  @ApiPropertyOptional({ example: '5000.00', description: '融资需求金额上限（万元）' })
  @IsOptional()
  @IsDecimalString({ min: 0 }, { message: '需求金额上限应为最多2位小数的数字字符串（万元）' })
  needAmountMax?: string;

  @ApiPropertyOptional({ type: [String], description: '邀请的金融机构' })
  @IsOptional()
  @IsArray({ message: '金融机构应为列表' })
  @ArrayMaxSize(500, { message: '金融机构最多500家' })
  @IsUUID('all', { each: true, message: '金融机构 id 无效' })
  bankOrganizationIds?: string[];

  @ApiPropertyOptional({ description: '邀请全部金融机构' })
  @IsOptional()
  @IsBoolean({ message: '是否邀请全部金融机构应为 true 或 false' })
  allBanks?: boolean;

  @ApiPropertyOptional({ type: [String], description: '另行指定的机构（如部门、某家企业）' })
  @IsOptional()
  @IsArray({ message: '指定机构应为列表' })
  @ArrayMaxSize(2000, { message: '指定机构最多2000个' })
  @IsUUID('all', { each: true, message: '机构 id 无效' })
  organizationIds?: string[];
}
