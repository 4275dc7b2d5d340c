import { Body, Controller, Get, Param, Post, Query, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Role } from '@zj/shared';
import type { Actor } from '../common/auth/actor';
import { CurrentActor, Public, Roles } from '../common/auth/policy.decorators';
import { ApiErrors } from '../common/http/api-errors.decorator';
import { CategoriesQuery, ImportTaxonomyDto } from './dto/taxonomy.dto';
import { ReferenceService } from './reference.service';

const MAX_CSV_BYTES = 5 * 1024 * 1024;

@ApiTags('reference 参考数据')
@Controller('reference')
export class ReferenceController {
  constructor(private readonly reference: ReferenceService) {}

  @Get('divisions')
  @Public()
  @ApiOperation({ summary: '湛江市县（市、区）与园区（公开）' })
  divisions() {
    return this.reference.divisions();
  }

  @Get('taxonomies')
  @Public()
  @ApiOperation({ summary: '绿色分类标准版本（公开）' })
  taxonomies() {
    return this.reference.taxonomies();
  }

  @Get('taxonomies/:version/categories')
  @Public()
  @ApiOperation({ summary: '某版本的分类（公开）：format=tree 为树，flat 为带上级代码的列表' })
  @ApiErrors(400, 404)
  categories(@Param('version') version: string, @Query() query: CategoriesQuery) {
    return this.reference.categories(version, query.format);
  }

  @Post('taxonomies')
  @Roles(Role.BUREAU)
  @ApiBearerAuth()
  @ApiConsumes('multipart/form-data')
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_CSV_BYTES, files: 1 } }))
  @ApiOperation({ summary: '导入分类标准版本（市金融工作局）：CSV 与 2019 版格式相同，逐行校验，有错则整体不导入' })
  @ApiErrors(400, 401, 403, 409, 413)
  import(@CurrentActor() actor: Actor, @Body() dto: ImportTaxonomyDto, @UploadedFile() file?: { buffer: Buffer }) {
    return this.reference.importTaxonomy(actor, dto, file?.buffer);
  }
}
