import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { MeetingRequestView, MeetingSuggestion, Role } from '@zj/shared';
import type { Actor } from '../../common/auth/actor';
import { CurrentActor, Roles } from '../../common/auth/policy.decorators';
import { ApiErrors } from '../../common/http/api-errors.decorator';
import { CreateMeetingRequestDto, ListMeetingRequestsQuery } from './dto/meetings.dto';
import { MeetingRequestsService } from './meeting-requests.service';

@ApiTags('events 宣讲·推介·对接会')
@ApiBearerAuth()
@Controller('events')
export class MeetingRequestsController {
  constructor(private readonly requests: MeetingRequestsService) {}

  @Post(':id/meeting-requests')
  @Roles(Role.ENTERPRISE, Role.BANK)
  @ApiOperation({
    summary:
      '发起一对一会谈邀约（已报名的企业向已报名的金融机构，或反之）：必须见面 / 希望见面；对方已向本机构发起邀约的，双方邀约自动接受（互选）；对方收到通知',
  })
  @ApiErrors(400, 401, 403, 404, 409)
  create(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: CreateMeetingRequestDto): Promise<MeetingRequestView> {
    return this.requests.create(actor, id, dto);
  }

  @Get(':id/meeting-requests')
  @Roles(Role.ENTERPRISE, Role.BANK, Role.BUREAU)
  @ApiOperation({ summary: '会谈邀约列表：本机构发出的（sent）或收到的（received）；市金融工作局看全部' })
  @ApiErrors(400, 401, 403, 404, 409)
  list(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Query() query: ListMeetingRequestsQuery): Promise<MeetingRequestView[]> {
    return this.requests.list(actor, id, query);
  }

  @Post(':id/meeting-requests/:requestId/accept')
  @HttpCode(200)
  @Roles(Role.ENTERPRISE, Role.BANK)
  @ApiOperation({ summary: '接受会谈邀约（仅被邀约方；发起方 403，其他机构 404；只能答复待确认的邀约）' })
  @ApiErrors(401, 403, 404, 409)
  accept(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Param('requestId', ParseUUIDPipe) requestId: string): Promise<MeetingRequestView> {
    return this.requests.answer(actor, id, requestId, true);
  }

  @Post(':id/meeting-requests/:requestId/decline')
  @HttpCode(200)
  @Roles(Role.ENTERPRISE, Role.BANK)
  @ApiOperation({ summary: '婉拒会谈邀约（仅被邀约方；发起方 403，其他机构 404；只能答复待确认的邀约）' })
  @ApiErrors(401, 403, 404, 409)
  decline(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Param('requestId', ParseUUIDPipe) requestId: string): Promise<MeetingRequestView> {
    return this.requests.answer(actor, id, requestId, false);
  }

  @Post(':id/meeting-requests/:requestId/withdraw')
  @HttpCode(200)
  @Roles(Role.ENTERPRISE, Role.BANK)
  @ApiOperation({ summary: '撤回本机构发起的邀约（待确认或已接受）；已排的会谈随之取消，互选时对方的邀约一并婉拒' })
  @ApiErrors(401, 403, 404, 409)
  withdraw(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Param('requestId', ParseUUIDPipe) requestId: string): Promise<MeetingRequestView> {
    return this.requests.withdraw(actor, id, requestId);
  }

  @Get(':id/meeting-suggestions')
  @Roles(Role.ENTERPRISE, Role.BANK)
  @ApiOperation({ summary: '会谈推荐：按本机构与已报名对方的匹配度排序（融资需求 × 已发布产品），附匹配理由，最多20个，标明是否已有邀约' })
  @ApiErrors(401, 403, 404, 409)
  suggestions(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<MeetingSuggestion[]> {
    return this.requests.suggestions(actor, id);
  }
}
