import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AgendaView, EventSlotView, MeetingView, Role, ScheduleRunStatus, ScheduleView, UnavailabilityView } from '@zj/shared';
import type { Response } from 'express';
import type { Actor } from '../../common/auth/actor';
import { AnyRole, CurrentActor, Roles } from '../../common/auth/policy.decorators';
import { ApiErrors } from '../../common/http/api-errors.decorator';
import { LockMeetingDto, MoveMeetingDto, OrganizationQuery, PutSlotsDto, SolveScheduleDto, SwapMeetingsDto, UnavailabilityDto, WalkInMeetingDto } from './dto/meetings.dto';
import { MeetingsService } from './meetings.service';
import { ScheduleService } from './schedule.service';

@ApiTags('events 宣讲·推介·对接会')
@ApiBearerAuth()
@Controller('events')
export class MeetingsController {
  constructor(
    private readonly meetings: MeetingsService,
    private readonly schedule: ScheduleService,
  ) {}

  // ---------------------------------------------------------------- slots and unavailability

  @Get(':id/slots')
  @AnyRole()
  @ApiOperation({ summary: '一对一会谈时段（按时间排序，index 从1起）' })
  @ApiErrors(401, 404, 409)
  slots(@Param('id', ParseUUIDPipe) id: string): Promise<EventSlotView[]> {
    return this.meetings.slots(id);
  }

  @Put(':id/slots')
  @Roles(Role.BUREAU)
  @ApiOperation({
    summary:
      '设置一对一会谈时段（市金融工作局）：1至40个，各5至120分钟，互不重叠（茶歇即空档），保存时按时间排序；已有会谈排入时拒绝（409 EVENT_SLOTS_IN_USE，发布前可先 DELETE /events/:id/schedule 清空排期）',
  })
  @ApiErrors(400, 401, 403, 404, 409)
  putSlots(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: PutSlotsDto): Promise<EventSlotView[]> {
    return this.meetings.putSlots(actor, id, dto);
  }

  @Post(':id/unavailability')
  @HttpCode(200)
  @Roles(Role.ENTERPRISE, Role.BANK, Role.BUREAU)
  @ApiOperation({ summary: '设置本机构无法参加的时段（替换原有设置）；市金融工作局可代参会机构设置（organizationId）' })
  @ApiErrors(400, 401, 403, 404, 409)
  setUnavailability(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UnavailabilityDto): Promise<UnavailabilityView> {
    return this.meetings.setUnavailability(actor, id, dto);
  }

  @Get(':id/unavailability')
  @Roles(Role.ENTERPRISE, Role.BANK, Role.BUREAU)
  @ApiOperation({ summary: '无法参加的时段：本机构的；市金融工作局看全部' })
  @ApiErrors(401, 403, 404, 409)
  unavailability(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<UnavailabilityView[]> {
    return this.meetings.unavailability(actor, id);
  }

  // ---------------------------------------------------------------- the schedule

  @Post(':id/schedule')
  @HttpCode(202)
  @Roles(Role.BUREAU)
  @ApiOperation({
    summary:
      '生成日程（市金融工作局）：排队求解（混合整数规划 HiGHS，时限默认10秒），锁定与现场加排的会谈保持不动；答复 202 {runId, status}，用 GET /events/:id/schedule 查看进度与结果；求解进行中再次提交为 409',
  })
  @ApiErrors(400, 401, 403, 404, 409)
  solve(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: SolveScheduleDto): Promise<{ runId: string; status: ScheduleRunStatus }> {
    return this.schedule.solve(actor, id, dto);
  }

  @Get(':id/schedule')
  @Roles(Role.BUREAU)
  @ApiOperation({ summary: '日程（市金融工作局）：最近一次求解的状态与质量（相对可证上界）、全部会谈、未能安排的邀约及原因、时段与各金融机构桌位、是否有未发布的调整' })
  @ApiErrors(401, 403, 404, 409)
  getSchedule(@Param('id', ParseUUIDPipe) id: string): Promise<ScheduleView> {
    return this.schedule.view(id);
  }

  @Delete(':id/schedule')
  @Roles(Role.BUREAU)
  @ApiOperation({ summary: '清空尚未发布的日程（市金融工作局）：删除全部会谈与求解记录，以便修改时段；日程发布后不能清空（409）' })
  @ApiErrors(401, 403, 404, 409)
  clearSchedule(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<ScheduleView> {
    return this.schedule.clear(actor, id);
  }

  @Post(':id/schedule/publish')
  @HttpCode(200)
  @Roles(Role.BUREAU)
  @ApiOperation({ summary: '发布日程（市金融工作局）：有会谈或有调整的参会机构收到各自的会谈安排（含 .ics 日历下载链接）' })
  @ApiErrors(401, 403, 404, 409)
  publish(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<ScheduleView> {
    return this.schedule.publish(actor, id);
  }

  // ---------------------------------------------------------------- hand edits

  @Post(':id/meetings')
  @Roles(Role.BUREAU)
  @ApiOperation({ summary: '现场加排会谈（市金融工作局）：双方须已报名，放入空闲桌位；冲突为 409 并指明冲突；活动进行中或日程已发布时双方立即收到通知' })
  @ApiErrors(400, 401, 403, 404, 409)
  walkIn(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: WalkInMeetingDto): Promise<MeetingView> {
    return this.meetings.walkIn(actor, id, dto);
  }

  @Post(':id/meetings/swap')
  @HttpCode(200)
  @Roles(Role.BUREAU)
  @ApiOperation({ summary: '互换两场会谈的时段（同一金融机构时连同桌位）（市金融工作局）；冲突为 409 并指明冲突；两场会谈随之锁定' })
  @ApiErrors(400, 401, 403, 404, 409)
  swap(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: SwapMeetingsDto): Promise<MeetingView[]> {
    return this.meetings.swap(actor, id, dto);
  }

  @Post(':id/meetings/:meetingId/move')
  @HttpCode(200)
  @Roles(Role.BUREAU)
  @ApiOperation({ summary: '移动会谈到另一时段/桌位（市金融工作局）：桌位不填为第一个空桌；冲突为 409 并指明冲突；移动后的会谈锁定' })
  @ApiErrors(400, 401, 403, 404, 409)
  move(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Param('meetingId', ParseUUIDPipe) meetingId: string, @Body() dto: MoveMeetingDto): Promise<MeetingView> {
    return this.meetings.move(actor, id, meetingId, dto);
  }

  @Post(':id/meetings/:meetingId/lock')
  @HttpCode(200)
  @Roles(Role.BUREAU)
  @ApiOperation({ summary: '锁定或解锁会谈（市金融工作局）：重新排期时锁定的会谈保持不动' })
  @ApiErrors(400, 401, 403, 404, 409)
  lock(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Param('meetingId', ParseUUIDPipe) meetingId: string, @Body() dto: LockMeetingDto): Promise<MeetingView> {
    return this.meetings.lock(actor, id, meetingId, dto);
  }

  @Post(':id/meetings/:meetingId/cancel')
  @HttpCode(200)
  @Roles(Role.BUREAU)
  @ApiOperation({ summary: '取消会谈（市金融工作局）：已发布的会谈在下次发布时通知双方，日历条目随之取消' })
  @ApiErrors(401, 403, 404, 409)
  cancel(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Param('meetingId', ParseUUIDPipe) meetingId: string): Promise<MeetingView> {
    return this.meetings.cancel(actor, id, meetingId);
  }

  // ---------------------------------------------------------------- agenda

  @Get(':id/agenda')
  @Roles(Role.ENTERPRISE, Role.BANK, Role.BUREAU)
  @ApiOperation({ summary: '本机构的会谈日程（日程发布后可见；市金融工作局用 organizationId 查看某参会机构）' })
  @ApiErrors(400, 401, 403, 404, 409)
  agenda(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Query() query: OrganizationQuery): Promise<AgendaView> {
    return this.meetings.agenda(actor, id, query.organizationId);
  }

  @Get(':id/agenda.ics')
  @Roles(Role.ENTERPRISE, Role.BANK, Role.BUREAU)
  @ApiProduces('text/calendar')
  @ApiOperation({ summary: '会谈日程的日历文件（.ics，RFC 5545）：每场会谈 UID 固定、SEQUENCE 随调整递增，已取消的为 STATUS:CANCELLED；重新导入即更新或取消，不会重复' })
  @ApiErrors(400, 401, 403, 404, 409)
  async agendaIcs(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Query() query: OrganizationQuery, @Res() res: Response) {
    const { fileName, content } = await this.meetings.agendaIcs(actor, id, query.organizationId);
    res.setHeader('Content-Type', 'text/calendar; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="agenda.ics"; filename*=UTF-8''${encodeURIComponent(fileName)}`);
    res.send(Buffer.from(content, 'utf8'));
  }
}
