import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { Trim } from '../../common/validation/validators';

export class ImportTaxonomyDto {
  @ApiProperty({ example: 'GFC-2025', description: '版本代码，如 GFC-2025' })
  @Trim('upper')
  @Matches(/^[A-Z0-9][A-Z0-9-]{1,39}$/, { message: '版本代码只能包含大写字母、数字和连字符' })
  version: string;

  @ApiProperty({ example: '绿色金融支持项目目录（2025年版）' })
  @Trim()
  @IsString({ message: '名称应为文字' })
  @Length(2, 200, { message: '名称应为2至200个字' })
  name: string;

  @ApiPropertyOptional({ example: '2025-10-01' })
  @IsOptional()
  @IsDateString({ strict: true }, { message: '施行日期格式应为 YYYY-MM-DD' })
  effectiveFrom?: string;

  @IsOptional()
  @ApiProperty({ type: 'string', format: 'binary', description: 'CSV：level1_code,level1_name,level2_code,level2_name,level3_code,level3_name,description,standards' })
  file?: unknown;
}

export class CategoriesQuery {
  @ApiPropertyOptional({ enum: ['tree', 'flat'], default: 'flat' })
  @IsOptional()
  @IsIn(['tree', 'flat'], { message: '返回格式应为 tree（树形）或 flat（列表）' })
  format?: 'tree' | 'flat';
}
