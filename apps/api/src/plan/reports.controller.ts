import { Body, Controller, Delete, Get, Param, ParseUUIDPipe, Patch, Post, Put, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PLAN_EVIDENCE_MAX_BYTES, Role } from '@zj/shared';
import type { Response } from 'express';
import type { Actor } from '../common/auth/actor';
import { CurrentActor, Roles } from '../common/auth/policy.decorators';
import { ApiErrors } from '../common/http/api-errors.decorator';
import { AcceptReportDto, CreatePeriodDto, ListReportsQuery, ReturnReportDto, SaveReportDto, UpdatePeriodDto, VersionDto } from './dto/plan.dto';
import { PLAN_READERS } from './plan.controller';
import { ReportsService, type UploadedEvidence } from './reports.service';

/** Units that report: each acts for its own organisation. */
const REPORTERS = [Role.DEPARTMENT, Role.COUNTY, Role.REGULATOR, Role.BUREAU];

@ApiTags('plan 工作进展报送')
@ApiBearerAuth()
@Controller('plan')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('periods')
  @Roles(...PLAN_READERS)
  @ApiOperation({ summary: '报送期（月报、季报）及报送情况' })
  @ApiErrors(401, 403)
  periods() {
    return this.reports.listPeriods();
  }

  @Post('periods')
  @Roles(Role.BUREAU)
  @ApiOperation({ summary: '设置报送期及截止时间（市金融工作局）；各责任单位收到到期、逾期提醒' })
  @ApiErrors(400, 401, 403, 409)
  createPeriod(@CurrentActor() actor: Actor, @Body() dto: CreatePeriodDto) {
    return this.reports.createPeriod(actor, dto);
  }

  @Patch('periods/:id')
  @Roles(Role.BUREAU)
  @ApiOperation({ summary: '修改报送期名称或截止时间（提醒随之调整）' })
  @ApiErrors(400, 401, 403, 404, 409)
  updatePeriod(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdatePeriodDto) {
    return this.reports.updatePeriod(actor, id, dto);
  }

  @Get('periods/:id/overview')
  @Roles(Role.BUREAU, Role.REGULATOR)
  @ApiOperation({ summary: '某期各任务各单位报送情况：状态、逾期、按时；落后单位' })
  @ApiErrors(400, 401, 403, 404)
  overview(@Param('id', ParseUUIDPipe) id: string) {
    return this.reports.overview(id);
  }

  @Get('periods/:id/mine')
  @Roles(...REPORTERS)
  @ApiOperation({ summary: '本单位在该期须报送的任务及报告状态' })
  @ApiErrors(400, 401, 403, 404)
  mine(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.reports.mine(actor, id);
  }

  @Get('periods/:periodId/tasks/:taskId/report')
  @Roles(...REPORTERS)
  @ApiOperation({ summary: '本单位该期该任务的报告（未填写时为空）、工作事项、可报送指标；牵头单位另见配合单位报告' })
  @ApiErrors(400, 401, 403, 404)
  myReport(@CurrentActor() actor: Actor, @Param('periodId', ParseUUIDPipe) periodId: string, @Param('taskId', ParseUUIDPipe) taskId: string) {
    return this.reports.myReport(actor, periodId, taskId);
  }

  @Put('periods/:periodId/tasks/:taskId/report')
  @Roles(...REPORTERS)
  @ApiOperation({ summary: '填写或修改本单位报告（草稿或被退回的报告；修改时附版本号）' })
  @ApiErrors(400, 401, 403, 404, 409)
  save(
    @CurrentActor() actor: Actor,
    @Param('periodId', ParseUUIDPipe) periodId: string,
    @Param('taskId', ParseUUIDPipe) taskId: string,
    @Body() dto: SaveReportDto,
  ) {
    return this.reports.save(actor, periodId, taskId, dto);
  }

  @Get('reports')
  @Roles(...REPORTERS)
  @ApiOperation({ summary: '报告列表：本单位的及（牵头单位）配合单位报送的；市金融工作局、监管部门可见全部' })
  @ApiErrors(400, 401, 403)
  list(@CurrentActor() actor: Actor, @Query() query: ListReportsQuery) {
    return this.reports.list(actor, query);
  }

  @Get('reports/:id')
  @Roles(...REPORTERS)
  @ApiOperation({ summary: '报告详情及历史（每次报送的内容快照）' })
  @ApiErrors(400, 401, 403, 404)
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.reports.get(actor, id);
  }

  @Post('reports/:id/submit')
  @Roles(...REPORTERS)
  @ApiOperation({ summary: '报送：配合单位报牵头单位；牵头、按职责分工负责的单位报市金融工作局（牵头单位报送时汇总配合单位报告）' })
  @ApiErrors(400, 401, 403, 404, 409)
  submit(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: VersionDto) {
    return this.reports.submit(actor, id, dto.version);
  }

  @Post('reports/:id/return')
  @Roles(...REPORTERS)
  @ApiOperation({ summary: '退回并附意见：牵头单位退回配合单位报告，市金融工作局退回牵头或分工负责单位报告' })
  @ApiErrors(400, 401, 403, 404, 409)
  returnReport(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ReturnReportDto) {
    return this.reports.returnReport(actor, id, dto);
  }

  @Post('reports/:id/accept')
  @Roles(Role.BUREAU)
  @ApiOperation({ summary: '审核通过（市金融工作局）；报告中的指标数值计入指标' })
  @ApiErrors(400, 401, 403, 404, 409)
  accept(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: AcceptReportDto) {
    return this.reports.accept(actor, id, dto);
  }

  @Post('reports/:id/files')
  @Roles(...REPORTERS)
  @ApiConsumes('multipart/form-data')
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: PLAN_EVIDENCE_MAX_BYTES, files: 1, fields: 2 } }))
  @ApiOperation({ summary: '上传佐证材料（pdf、jpg、png、docx、xlsx，10MB 以内，每份报告至多10个）' })
  @ApiErrors(400, 401, 403, 404, 409, 413)
  addFile(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @UploadedFile() file?: UploadedEvidence) {
    return this.reports.addFile(actor, id, file);
  }

  @Get('report-files/:fileId')
  @Roles(...REPORTERS)
  @ApiOperation({ summary: '下载佐证材料' })
  @ApiErrors(400, 401, 403, 404)
  async file(@CurrentActor() actor: Actor, @Param('fileId', ParseUUIDPipe) fileId: string, @Res() res: Response) {
    const f = await this.reports.file(actor, fileId);
    res.setHeader('Content-Type', f.mimeType);
    res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.fileName)}`);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.send(f.content);
  }

  @Delete('report-files/:fileId')
  @Roles(...REPORTERS)
  @ApiOperation({ summary: '删除佐证材料（草稿或被退回的本单位报告）' })
  @ApiErrors(400, 401, 403, 404, 409)
  removeFile(@CurrentActor() actor: Actor, @Param('fileId', ParseUUIDPipe) fileId: string) {
    return this.reports.removeFile(actor, fileId);
  }

  @Get('units/ranking')
  @Roles(Role.BUREAU, Role.REGULATOR)
  @ApiOperation({ summary: '各单位按时报送排名（已到期的报送期）' })
  @ApiErrors(401, 403)
  ranking() {
    return this.reports.ranking();
  }
}
