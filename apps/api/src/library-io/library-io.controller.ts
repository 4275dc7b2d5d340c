import { Body, Controller, Get, Logger, Param, ParseUUIDPipe, Post, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IMPORT_MAX_BYTES, ImportJobStatus, ImportMode, Role } from '@zj/shared';
import type { Response } from 'express';
import type { Actor } from '../common/auth/actor';
import { CurrentActor, Roles } from '../common/auth/policy.decorators';
import { ApiErrors } from '../common/http/api-errors.decorator';
import { zhanjiangDate } from '../common/time';
import { ProjectFilterDto } from '../projects';
import { ImportQuery, ImportUploadDto } from './dto/import.dto';
import { ExportService } from './export.service';
import { HeldDownload } from './held-download';
import { ImportService } from './import.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const IMPORTERS = [Role.COUNTY, Role.DEPARTMENT, Role.BUREAU];

@ApiTags('library-io 批量导入导出')
@ApiBearerAuth()
@Controller()
export class LibraryIoController {
  private readonly logger = new Logger(LibraryIoController.name);

  constructor(
    private readonly imports: ImportService,
    private readonly exporter: ExportService,
  ) {}

  @Get('projects/import/template')
  @Roles(...IMPORTERS)
  @ApiOperation({ summary: '下载导入模板（企业、项目、融资需求三个工作表；分类代码默认为当前分类标准版本）' })
  @ApiErrors(401, 403)
  async template(@Res() res: Response) {
    const buf = await this.imports.template();
    res.setHeader('Content-Type', XLSX);
    res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent('绿色企业项目库导入模板.xlsx')}`);
    res.send(buf);
  }

  @Post('projects/import')
  @Roles(...IMPORTERS)
  @ApiConsumes('multipart/form-data')
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: IMPORT_MAX_BYTES, files: 1, fields: 2 } }))
  @ApiOperation({
    summary: '批量导入（.xlsx）：先逐行校验，返回按行、按列的错误；有错误时只在 import-valid 下导入无误的行；重复导入不产生重复记录。解压后过大的文件答 413；本单位已有导入进行中答 409',
  })
  @ApiErrors(400, 401, 403, 409, 413)
  async import(
    @CurrentActor() actor: Actor,
    @Query() q: ImportQuery,
    @Body() _dto: ImportUploadDto,
    @Res({ passthrough: true }) res: Response,
    @UploadedFile() file?: { originalname: string; buffer: Buffer },
  ) {
    const out = await this.imports.start(actor, file, q.mode ?? ImportMode.VALIDATE, q.async ?? false);
    res.status(out.job.status === ImportJobStatus.RUNNING ? 202 : 200);
    return out;
  }

  @Get('projects/import/jobs/:id')
  @Roles(...IMPORTERS)
  @ApiOperation({ summary: '导入任务进度与结果（仅发起人可见）' })
  @ApiErrors(401, 403, 404)
  job(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.imports.get(actor, id);
  }

  @Get('library/export/projects')
  @Roles(Role.ENTERPRISE, Role.COUNTY, Role.DEPARTMENT, Role.BUREAU, Role.BANK)
  @ApiOperation({ summary: '按筛选条件导出项目库（.xlsx，含项目、融资需求、企业；以 = + - @ 开头的单元格已作中和处理）' })
  @ApiErrors(400, 401, 403)
  async export(@CurrentActor() actor: Actor, @Query() f: ProjectFilterDto, @Res() res: Response) {
    const stamp = zhanjiangDate();
    // Nothing goes out until the first rows were read: an error before then answers in the error
    // shape (thrown to the exception filter); an error later breaks the connection (a failed download).
    const body = new HeldDownload(res, {
      status: 200,
      headers: { 'Content-Type': XLSX, 'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(`绿色项目库导出-${stamp}.xlsx`)}` },
    });
    try {
      await this.exporter.exportProjects(actor, f, body, { firstRowsRead: () => body.release(), signal: body.signal });
    } catch (e) {
      const clientGone = body.clientGone;
      const started = body.abort();
      if (clientGone) return this.logger.warn({ msg: 'library export stopped: the client closed the download' });
      if (!started) throw e;
      this.logger.error({ msg: 'library export failed during the download; connection broken so the client sees a failed download', err: e instanceof Error ? e : new Error(String(e)) });
    }
  }
}
