import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Role } from '@zj/shared';
import type { Actor } from '../common/auth/actor';
import { AnyRole, CurrentActor, Roles } from '../common/auth/policy.decorators';
import { ApiErrors } from '../common/http/api-errors.decorator';
import { CreateEventDto, EventStatusDto, ListEventsQuery, UpdateEventDto } from './dto/event.dto';
import { EventsService } from './events.service';

@ApiTags('events 宣讲·推介·对接会')
@ApiBearerAuth()
@Controller('events')
export class EventsController {
  constructor(private readonly events: EventsService) {}

  @Get()
  @AnyRole()
  @ApiOperation({ summary: '活动列表（按类型、状态、年份、本机构是否受邀筛选；每行带受邀机构数与本机构是否受邀）' })
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
  @ApiOperation({ summary: '新建活动（市金融工作局）：宣讲、推介或对接会' })
  @ApiErrors(400, 401, 403)
  create(@CurrentActor() actor: Actor, @Body() dto: CreateEventDto) {
    return this.events.create(actor, dto);
  }

  @Patch(':id')
  @Roles(Role.BUREAU)
  @ApiOperation({ summary: '修改计划中的活动（市金融工作局）' })
  @ApiErrors(400, 401, 403, 404, 409)
  update(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateEventDto) {
    return this.events.update(actor, id, dto);
  }

  @Post(':id/status')
  @Roles(Role.BUREAU)
  @ApiOperation({ summary: '标记活动已举办（开始后）或已取消（市金融工作局）' })
  @ApiErrors(400, 401, 403, 404, 409)
  setStatus(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: EventStatusDto) {
    return this.events.setStatus(actor, id, dto);
  }
}
