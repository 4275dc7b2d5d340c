import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Role } from '@zj/shared';
import type { Actor } from '../common/auth/actor';
import { AnyRole, CurrentActor, Roles } from '../common/auth/policy.decorators';
import { ApiErrors } from '../common/http/api-errors.decorator';
import { CreateEventDto, EventStatusDto, EventStepDto, ListEventsQuery, UpdateEventDto } from './dto/event.dto';
import { EventsService } from './events.service';

@ApiTags('events 宣讲·推介·对接会')
@ApiBearerAuth()
@Controller('events')
export class EventsController {
  constructor(private readonly events: EventsService) {}

  @Get()
  @AnyRole()
  @ApiOperation({ summary: '活动列表（按类型、状态、年份、本机构是否受邀或已报名筛选；每行带受邀机构数、报名人数与本机构的邀请和报名）；草稿仅市金融工作局和联合主办单位可见' })
  @ApiErrors(400, 401)
  list(@CurrentActor() actor: Actor, @Query() query: ListEventsQuery) {
    return this.events.list(actor, query);
  }

  @Get(':id')
  @AnyRole()
  @ApiOperation({ summary: '活动详情（市金融工作局可见全部受邀机构；其他用户只见本机构是否受邀及受邀机构数）' })
  @ApiErrors(401, 404)
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.events.get(actor, id);
  }

  @Post()
  @Roles(Role.BUREAU)
  @ApiOperation({ summary: '新建活动（市金融工作局）：宣讲、推介或对接会，为草稿；发布后受邀机构才收到邀请' })
  @ApiErrors(400, 401, 403)
  create(@CurrentActor() actor: Actor, @Body() dto: CreateEventDto) {
    return this.events.create(actor, dto);
  }

  @Patch(':id')
  @Roles(Role.BUREAU)
  @ApiOperation({ summary: '修改草稿或未结束的活动（市金融工作局）；增加名额时候补名单按顺序递补' })
  @ApiErrors(400, 401, 403, 404, 409)
  update(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateEventDto) {
    return this.events.update(actor, id, dto);
  }

  @Post(':id/publish')
  @HttpCode(200)
  @Roles(Role.BUREAU)
  @ApiOperation({ summary: '发布草稿（市金融工作局）：开放报名，通知受邀机构并安排开始前提醒' })
  @ApiErrors(400, 401, 403, 404, 409)
  publish(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: EventStepDto) {
    return this.events.step(actor, id, dto.version, 'publish');
  }

  @Post(':id/close-registration')
  @HttpCode(200)
  @Roles(Role.BUREAU)
  @ApiOperation({ summary: '截止报名（市金融工作局）' })
  @ApiErrors(400, 401, 403, 404, 409)
  closeRegistration(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: EventStepDto) {
    return this.events.step(actor, id, dto.version, 'close-registration');
  }

  @Post(':id/start')
  @HttpCode(200)
  @Roles(Role.BUREAU)
  @ApiOperation({ summary: '开始活动（市金融工作局；开始前12小时内）：进入活动当天，开放签到' })
  @ApiErrors(400, 401, 403, 404, 409)
  start(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: EventStepDto) {
    return this.events.step(actor, id, dto.version, 'start');
  }

  @Post(':id/status')
  @Roles(Role.BUREAU)
  @ApiOperation({ summary: '标记活动已结束（开始后）或已取消（市金融工作局）；取消时通知已报名机构' })
  @ApiErrors(400, 401, 403, 404, 409)
  setStatus(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: EventStatusDto) {
    return this.events.setStatus(actor, id, dto);
  }
}
