import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ATTACHMENT_MAX_BYTES, ReviewAction, Role } from '@zj/shared';
import type { Response } from 'express';
import type { Actor } from '../common/auth/actor';
import { CurrentActor, Roles } from '../common/auth/policy.decorators';
import { ApiErrors } from '../common/http/api-errors.decorator';
import {
  AttachmentUploadDto,
  BulkReviewDto,
  CreateProjectDto,
  ProjectFilterDto,
  ProjectStatsQuery,
  PutRoutesDto,
  ReviewActionDto,
  RoutesQuery,
  StateActionDto,
  UpdateProjectDto,
} from './dto/project.dto';
import { ProjectsService } from './projects.service';

const LIBRARY_READERS = [Role.ENTERPRISE, Role.COUNTY, Role.DEPARTMENT, Role.BUREAU, Role.BANK];
const REGISTRARS = [Role.ENTERPRISE, Role.COUNTY, Role.DEPARTMENT, Role.BUREAU];
const REVIEWERS = [Role.COUNTY, Role.DEPARTMENT, Role.BUREAU];

@ApiTags('projects 绿色项目库')
@ApiBearerAuth()
@Controller()
export class ProjectsController {
  constructor(private readonly projects: ProjectsService) {}

  @Get('projects')
  @Roles(...LIBRARY_READERS)
  @ApiOperation({ summary: '项目列表：企业看本企业，县区看本县区，部门看本行业，金融局看全部，银行看已入库；关键词、筛选、排序、分页' })
  @ApiErrors(400, 401, 403)
  list(@CurrentActor() actor: Actor, @Query() query: ProjectFilterDto) {
    return this.projects.list(actor, query);
  }

  @Get('projects/stats')
  @Roles(...LIBRARY_READERS, Role.REGULATOR)
  @ApiOperation({ summary: '项目统计：按县区、分类、状态的数量与金额（监管部门可看全市统计）' })
  @ApiErrors(400, 401, 403)
  stats(@CurrentActor() actor: Actor, @Query() query: ProjectStatsQuery) {
    return this.projects.stats(actor, query);
  }

  @Post('projects')
  @Roles(...REGISTRARS)
  @ApiOperation({ summary: '登记项目（草稿）：企业自主申报，县区报送，部门推荐' })
  @ApiErrors(400, 401, 403, 404, 409)
  create(@CurrentActor() actor: Actor, @Body() dto: CreateProjectDto) {
    return this.projects.create(actor, dto);
  }

  @Post('projects/review/bulk')
  @HttpCode(200)
  @Roles(...REVIEWERS)
  @ApiOperation({ summary: '批量审核（受理、县区初审通过、入库），逐个返回结果' })
  @ApiErrors(400, 401, 403)
  bulk(@CurrentActor() actor: Actor, @Body() dto: BulkReviewDto) {
    return this.projects.bulkReview(actor, dto.action, dto.items, dto.comment);
  }

  @Get('projects/attachments/:attachmentId')
  @Roles(...LIBRARY_READERS)
  @ApiOperation({ summary: '下载项目附件' })
  @ApiErrors(401, 403, 404)
  async download(@CurrentActor() actor: Actor, @Param('attachmentId', ParseUUIDPipe) attachmentId: string, @Res() res: Response) {
    const { meta, content } = await this.projects.attachment(actor, attachmentId);
    res.setHeader('Content-Type', meta.mimeType);
    res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(meta.fileName)}`);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.send(content);
  }

  @Delete('projects/attachments/:attachmentId')
  @HttpCode(204)
  @Roles(...REGISTRARS)
  @ApiOperation({ summary: '删除项目附件（草稿或已退回的项目）' })
  @ApiErrors(401, 403, 404, 409)
  removeAttachment(@CurrentActor() actor: Actor, @Param('attachmentId', ParseUUIDPipe) attachmentId: string) {
    return this.projects.removeAttachment(actor, attachmentId);
  }

  @Get('projects/:id')
  @Roles(...LIBRARY_READERS)
  @ApiOperation({ summary: '项目详情（含分类、需求、附件、审核时间线）；他人项目返回404' })
  @ApiErrors(400, 401, 403, 404)
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.projects.get(actor, id);
  }

  @Patch('projects/:id')
  @Roles(...REGISTRARS)
  @ApiOperation({ summary: '修改项目（草稿或已退回）；version 不符返回409' })
  @ApiErrors(400, 401, 403, 404, 409)
  update(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateProjectDto) {
    return this.projects.update(actor, id, dto);
  }

  @Get('projects/:id/timeline')
  @Roles(Role.ENTERPRISE, Role.COUNTY, Role.DEPARTMENT, Role.BUREAU)
  @ApiOperation({ summary: '项目审核时间线：每一步的操作人、时间、意见与退回理由' })
  @ApiErrors(401, 403, 404)
  timeline(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.projects.timeline(actor, id);
  }

  @Post('projects/:id/submit')
  @HttpCode(200)
  @Roles(...REGISTRARS)
  @ApiOperation({ summary: '提交审核（草稿或已退回）：县区报送的先由县区初审，其余按分类路由到行业主管部门' })
  @ApiErrors(400, 401, 403, 404, 409)
  submit(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: StateActionDto) {
    return this.projects.act(actor, id, ReviewAction.SUBMIT, dto);
  }

  @Post('projects/:id/withdraw')
  @HttpCode(200)
  @Roles(...REGISTRARS)
  @ApiOperation({ summary: '撤回（已提交、尚未受理）' })
  @ApiErrors(400, 401, 403, 404, 409)
  withdraw(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: StateActionDto) {
    return this.projects.act(actor, id, ReviewAction.WITHDRAW, dto);
  }

  @Post('projects/:id/archive')
  @HttpCode(200)
  @Roles(...REGISTRARS)
  @ApiOperation({ summary: '归档（草稿、已退回或已入库）' })
  @ApiErrors(400, 401, 403, 404, 409)
  archive(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: StateActionDto) {
    return this.projects.act(actor, id, ReviewAction.ARCHIVE, dto);
  }

  @Post('projects/:id/review')
  @HttpCode(200)
  @Roles(...REVIEWERS)
  @ApiOperation({ summary: '审核：受理、县区初审通过、入库、退回（须附理由）；两人同时处理时后者得到409' })
  @ApiErrors(400, 401, 403, 404, 409)
  review(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ReviewActionDto) {
    return this.projects.review(actor, id, dto);
  }

  @Post('projects/:id/attachments')
  @Roles(...REGISTRARS)
  @ApiConsumes('multipart/form-data')
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: ATTACHMENT_MAX_BYTES, files: 1, fields: 5 } }))
  @ApiOperation({ summary: '上传项目附件（pdf、jpg、png、docx、xlsx，10MB 以内）' })
  @ApiErrors(400, 401, 403, 404, 409, 413)
  addAttachment(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: AttachmentUploadDto,
    @UploadedFile() file?: { originalname: string; mimetype: string; size: number; buffer: Buffer },
  ) {
    return this.projects.addAttachment(actor, id, dto.kind, file);
  }

  @Get('review-routes')
  @Roles(Role.BUREAU, Role.DEPARTMENT, Role.COUNTY)
  @ApiOperation({ summary: '审核路由：分类前缀 → 行业主管部门（最长前缀优先，无匹配时由市金融工作局审核）' })
  @ApiErrors(400, 401, 403)
  routes(@Query() query: RoutesQuery) {
    return this.projects.listRoutes(query.version);
  }

  @Put('review-routes')
  @Roles(Role.BUREAU)
  @ApiOperation({ summary: '修改审核路由（市金融工作局）：整版替换；已提交的项目保持原审核部门' })
  @ApiErrors(400, 401, 403)
  putRoutes(@CurrentActor() actor: Actor, @Body() dto: PutRoutesDto) {
    return this.projects.putRoutes(actor, dto);
  }
}
