import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ImportMode, IMPORT_MODE_LABELS } from '@zj/shared';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEnum, IsOptional } from 'class-validator';
import { oneOf } from '../../common/validation/messages';

export class ImportQuery {
  @ApiPropertyOptional({ enum: ImportMode, default: ImportMode.VALIDATE, description: 'validate 仅校验；import-valid 仅导入无误的行；import-all 无错误时全部导入' })
  @IsOptional()
  @IsEnum(ImportMode, { message: oneOf('导入方式', IMPORT_MODE_LABELS) })
  mode?: ImportMode;

  @ApiPropertyOptional({ description: 'true：立即返回任务编号，轮询进度' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: '后台处理应为是或否（true 或 false）' })
  async?: boolean;
}

export class ImportUploadDto {
  @IsOptional()
  @ApiProperty({ type: 'string', format: 'binary', description: '.xlsx，20MB 以内，使用平台模板' })
  file?: unknown;
}
