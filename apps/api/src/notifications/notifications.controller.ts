import { Body, Controller, Delete, Get, HttpCode, Inject, Param, ParseUUIDPipe, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Role } from '@zj/shared';
import type { Response } from 'express';
import type { Actor } from '../common/auth/actor';
import { AnyRole, CurrentActor, Roles } from '../common/auth/policy.decorators';
import { ApiErrors } from '../common/http/api-errors.decorator';
import { AdminEndpointQuery, CreateEndpointDto, DeadLetterQuery, InboxQuery, OrganizationParams, SaveTemplateDto, TemplateParams, UpdateEndpointDto, UpdatePreferencesDto } from './dto/notifications.dto';
import { EndpointsService } from './endpoints.service';
import { InboxStream } from './inbox-stream';
import { InboxService } from './inbox.service';
import { NotificationsAdminService } from './notifications-admin.service';
import { PreferencesService } from './preferences.service';
import { QueueDashboard } from './queue-dashboard';

@ApiTags('notifications 通知')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(
    @Inject(InboxService) private readonly inbox: InboxService,
    @Inject(InboxStream) private readonly stream: InboxStream,
    @Inject(PreferencesService) private readonly preferences: PreferencesService,
    @Inject(EndpointsService) private readonly endpoints: EndpointsService,
  ) {}

  @Get('inbox')
  @AnyRole()
  @ApiOperation({ summary: '我的站内消息（任意已登录用户），含未读数' })
  @ApiErrors(400, 401)
  list(@CurrentActor() actor: Actor, @Query() query: InboxQuery) {
    return this.inbox.list(actor, query);
  }

  @Get('inbox/unread-count')
  @AnyRole()
  @ApiOperation({ summary: '我的未读消息数（任意已登录用户）' })
  @ApiErrors(401)
  async unread(@CurrentActor() actor: Actor) {
    return { unread: await this.inbox.unreadCount(actor.userId) };
  }

  @Post('inbox/read-all')
  @HttpCode(200)
  @AnyRole()
  @ApiOperation({ summary: '全部标为已读（任意已登录用户）' })
  @ApiErrors(401)
  readAll(@CurrentActor() actor: Actor) {
    return this.inbox.markAllRead(actor);
  }

  @Post('inbox/:id/read')
  @HttpCode(200)
  @AnyRole()
  @ApiOperation({ summary: '标为已读（任意已登录用户，只能是自己的消息）' })
  @ApiErrors(401, 404)
  read(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.inbox.markRead(actor, id);
  }

  @Get('stream')
  @AnyRole()
  @ApiProduces('text/event-stream')
  @ApiOperation({ summary: '未读数实时推送（任意已登录用户）：server-sent events，事件 unread，数据 { unread, latest }' })
  @ApiErrors(401)
  streamUnread(@CurrentActor() actor: Actor, @Res() res: Response) {
    this.stream.open(actor.userId, res);
  }

  @Get('preferences')
  @AnyRole()
  @ApiOperation({ summary: '我的通知设置（任意已登录用户）：每类通知的接收方式、每日汇总、语言、手机号' })
  @ApiErrors(401)
  getPreferences(@CurrentActor() actor: Actor) {
    return this.preferences.get(actor);
  }

  @Put('preferences')
  @AnyRole()
  @ApiOperation({ summary: '修改我的通知设置（任意已登录用户）' })
  @ApiErrors(400, 401)
  updatePreferences(@CurrentActor() actor: Actor, @Body() dto: UpdatePreferencesDto) {
    return this.preferences.update(actor, dto);
  }

  @Get('endpoints')
  @AnyRole()
  @ApiOperation({ summary: '本机构的推送地址（任意已登录用户）：企业微信群机器人、Webhook' })
  @ApiErrors(401)
  listEndpoints(@CurrentActor() actor: Actor) {
    return this.endpoints.list(actor);
  }

  @Post('endpoints')
  @AnyRole()
  @ApiOperation({ summary: '新增本机构推送地址（任意已登录用户）；Webhook 的签名密钥只在此次返回' })
  @ApiErrors(400, 401)
  createEndpoint(@CurrentActor() actor: Actor, @Body() dto: CreateEndpointDto) {
    return this.endpoints.create(actor, dto);
  }

  @Patch('endpoints/:id')
  @AnyRole()
  @ApiOperation({ summary: '修改本机构推送地址（任意已登录用户），带版本号' })
  @ApiErrors(400, 401, 404, 409)
  updateEndpoint(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateEndpointDto) {
    return this.endpoints.update(actor, id, dto);
  }

  @Delete('endpoints/:id')
  @HttpCode(204)
  @AnyRole()
  @ApiOperation({ summary: '删除本机构推送地址（任意已登录用户）' })
  @ApiErrors(401, 404)
  async removeEndpoint(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    await this.endpoints.remove(actor, id);
  }
}

@ApiTags('notifications 通知')
@ApiBearerAuth()
@Controller('notifications/admin')
export class NotificationsAdminController {
  constructor(
    @Inject(NotificationsAdminService) private readonly admin: NotificationsAdminService,
    @Inject(QueueDashboard) private readonly dashboard: QueueDashboard,
    @Inject(EndpointsService) private readonly endpoints: EndpointsService,
  ) {}

  @Get('templates')
  @Roles(Role.BUREAU)
  @ApiOperation({ summary: '通知模板（市金融工作局）：每类通知的中英文模板及可用变量' })
  @ApiErrors(401, 403)
  templates() {
    return this.admin.listTemplates();
  }

  @Put('templates/:type/:locale')
  @Roles(Role.BUREAU)
  @ApiOperation({ summary: '保存通知模板（市金融工作局）：变量须是该类通知声明的变量' })
  @ApiErrors(400, 401, 403)
  saveTemplate(@CurrentActor() actor: Actor, @Param() p: TemplateParams, @Body() dto: SaveTemplateDto) {
    return this.admin.saveTemplate(actor, p.type, p.locale, dto);
  }

  @Post('templates/:type/:locale/preview')
  @HttpCode(200)
  @Roles(Role.BUREAU)
  @ApiOperation({ summary: '预览通知模板（市金融工作局）：用示例数据生成标题和正文，并列出保存时会被拒绝的问题；不保存' })
  @ApiErrors(400, 401, 403)
  previewTemplate(@Param() p: TemplateParams, @Body() dto: SaveTemplateDto) {
    return this.admin.previewTemplate(p.type, p.locale, dto);
  }

  @Delete('templates/:type/:locale')
  @HttpCode(204)
  @Roles(Role.BUREAU)
  @ApiOperation({ summary: '恢复默认模板（市金融工作局）' })
  @ApiErrors(400, 401, 403)
  async resetTemplate(@CurrentActor() actor: Actor, @Param() p: TemplateParams): Promise<void> {
    await this.admin.resetTemplate(actor, p.type, p.locale);
  }

  @Get('dead-letters')
  @Roles(Role.BUREAU)
  @ApiOperation({ summary: '死信（市金融工作局）：多次重试仍未送达的通知' })
  @ApiErrors(400, 401, 403)
  deadLetters(@Query() query: DeadLetterQuery) {
    return this.admin.deadLetters(query);
  }

  @Get('retried')
  @Roles(Role.BUREAU)
  @ApiOperation({ summary: '已重新投递的通知（市金融工作局）：每条现在的状态（等待、已送达或再次失败及原因）' })
  @ApiErrors(400, 401, 403)
  retried(@Query() query: DeadLetterQuery) {
    return this.admin.retried(query);
  }

  @Post('dead-letters/:id/retry')
  @HttpCode(202)
  @Roles(Role.BUREAU)
  @ApiOperation({ summary: '重新投递死信（市金融工作局）' })
  @ApiErrors(401, 403, 404)
  retry(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.admin.retryDeadLetter(actor, id);
  }

  @Get('stats')
  @Roles(Role.BUREAU)
  @ApiOperation({ summary: '通知发件箱与投递状态统计（市金融工作局）' })
  @ApiErrors(401, 403)
  stats() {
    return this.admin.stats();
  }

  @Get('endpoints')
  @Roles(Role.BUREAU)
  @ApiOperation({ summary: '各机构的推送地址（市金融工作局）：企业微信群机器人、Webhook，可按机构、类型筛选' })
  @ApiErrors(400, 401, 403)
  listEndpoints(@Query() query: AdminEndpointQuery) {
    return this.endpoints.adminList(query);
  }

  @Post('organizations/:organizationId/endpoints')
  @Roles(Role.BUREAU)
  @ApiOperation({ summary: '为某机构新增推送地址（市金融工作局）；地址检查同机构自设；Webhook 的签名密钥只在此次返回' })
  @ApiErrors(400, 401, 403, 404)
  createEndpoint(@CurrentActor() actor: Actor, @Param() p: OrganizationParams, @Body() dto: CreateEndpointDto) {
    return this.endpoints.adminCreate(actor, p.organizationId, dto);
  }

  @Patch('endpoints/:id')
  @Roles(Role.BUREAU)
  @ApiOperation({ summary: '修改任一机构的推送地址（市金融工作局），带版本号' })
  @ApiErrors(400, 401, 403, 404, 409)
  updateEndpoint(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateEndpointDto) {
    return this.endpoints.adminUpdate(actor, id, dto);
  }

  @Delete('endpoints/:id')
  @HttpCode(204)
  @Roles(Role.BUREAU)
  @ApiOperation({ summary: '删除任一机构的推送地址（市金融工作局）' })
  @ApiErrors(401, 403, 404)
  async removeEndpoint(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    await this.endpoints.adminRemove(actor, id);
  }

  @Post('dashboard-ticket')
  @HttpCode(200)
  @Roles(Role.BUREAU)
  @ApiOperation({ summary: '打开队列看板的一次性链接（市金融工作局），1 分钟内有效' })
  @ApiErrors(401, 403)
  ticket(@CurrentActor() actor: Actor) {
    return this.dashboard.issueTicket(actor);
  }
}
