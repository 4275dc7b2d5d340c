import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Role } from '@zj/shared';
import type { Actor } from '../../common/auth/actor';
import { AnyRole, CurrentActor, Roles } from '../../common/auth/policy.decorators';
import { ApiErrors } from '../../common/http/api-errors.decorator';
import { InvitationFilterDto } from './dto/invitation.dto';
import { CreateRegistrationDto, ListRegistrationsQuery, RejectRegistrationDto, UpdateRegistrationDto } from './dto/registration.dto';
import { InvitationsService } from './invitations.service';
import { RegistrationsService } from './registrations.service';

@ApiTags('events 宣讲·推介·对接会')
@ApiBearerAuth()
@Controller('events')
export class RegistrationsController {
  constructor(
    private readonly registrations: RegistrationsService,
    private readonly invitations: InvitationsService,
  ) {}

  // ------------------------------------------------------------------ invitations

  @Post(':id/invitations/preview')
  @HttpCode(200)
  @Roles(Role.BUREAU)
  @ApiOperation({ summary: '按企业库条件预览邀请名单（市金融工作局）：企业、金融机构、其他机构数，已邀请数及前20个名称' })
  @ApiErrors(400, 401, 403, 404, 409)
  preview(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: InvitationFilterDto) {
    return this.invitations.preview(actor, id, dto);
  }

  @Post(':id/invitations')
  @Roles(Role.BUREAU)
  @ApiOperation({ summary: '按企业库条件邀请（市金融工作局）：加入受邀名单；活动已发布时通知新受邀机构' })
  @ApiErrors(400, 401, 403, 404, 409)
  invite(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: InvitationFilterDto) {
    return this.invitations.send(actor, id, dto);
  }

  // ------------------------------------------------------------------ registrations

  @Post(':id/registrations')
  @Roles(Role.ENTERPRISE, Role.BANK, Role.BUREAU)
  @ApiOperation({ summary: '报名（企业、金融机构为本单位；市金融工作局可代为报名）：已报名、候补或待审核' })
  @ApiErrors(400, 401, 403, 404, 409)
  register(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: CreateRegistrationDto) {
    return this.registrations.register(actor, id, dto);
  }

  @Get(':id/registrations')
  @AnyRole()
  @ApiOperation({ summary: '报名名单（市金融工作局：全部，可按状态、类型筛选；其他用户：本单位的报名）' })
  @ApiErrors(400, 401, 404)
  list(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Query() query: ListRegistrationsQuery) {
    return this.registrations.list(actor, id, query);
  }

  @Get(':id/registrations/:regId')
  @AnyRole()
  @ApiOperation({ summary: '一条报名（本单位或市金融工作局）' })
  @ApiErrors(401, 404)
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Param('regId', ParseUUIDPipe) regId: string) {
    return this.registrations.get(actor, id, regId);
  }

  @Patch(':id/registrations/:regId')
  @Roles(Role.ENTERPRISE, Role.BANK, Role.BUREAU)
  @ApiOperation({ summary: '修改报名信息（本单位或市金融工作局）：桌位、信贷人员、融资需求、联系人、备注' })
  @ApiErrors(400, 401, 403, 404, 409)
  update(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Param('regId', ParseUUIDPipe) regId: string, @Body() dto: UpdateRegistrationDto) {
    return this.registrations.update(actor, id, regId, dto);
  }

  @Post(':id/registrations/:regId/approve')
  @HttpCode(200)
  @Roles(Role.BUREAU)
  @ApiOperation({ summary: '审核通过（市金融工作局）：有名额为已报名，否则进入候补' })
  @ApiErrors(401, 403, 404, 409)
  approve(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Param('regId', ParseUUIDPipe) regId: string) {
    return this.registrations.approve(actor, id, regId);
  }

  @Post(':id/registrations/:regId/reject')
  @HttpCode(200)
  @Roles(Role.BUREAU)
  @ApiOperation({ summary: '审核不通过（市金融工作局），可附原因' })
  @ApiErrors(400, 401, 403, 404, 409)
  reject(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Param('regId', ParseUUIDPipe) regId: string, @Body() dto: RejectRegistrationDto) {
    return this.registrations.reject(actor, id, regId, dto);
  }

  @Post(':id/registrations/:regId/cancel')
  @HttpCode(200)
  @Roles(Role.ENTERPRISE, Role.BANK, Role.BUREAU)
  @ApiOperation({ summary: '取消报名（本单位或市金融工作局）：撤回本单位的会谈邀约、取消已排会谈，候补按顺序递补' })
  @ApiErrors(401, 403, 404, 409)
  cancel(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Param('regId', ParseUUIDPipe) regId: string) {
    return this.registrations.cancel(actor, id, regId);
  }
}
