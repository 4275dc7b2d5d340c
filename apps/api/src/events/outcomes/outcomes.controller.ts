import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Role } from '@zj/shared';
import type { Response } from 'express';
import type { Actor } from '../../common/auth/actor';
import { CurrentActor, Roles } from '../../common/auth/policy.decorators';
import { ApiErrors } from '../../common/http/api-errors.decorator';
import { CeremonyIntentDto, CheckInDto, OutcomeDto } from './dto/outcome.dto';
import { EventReportService } from './event-report.service';
import { OutcomesService } from './outcomes.service';
import { attachmentHeader } from './report-xlsx';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** On the day and after: check-in, the live view, meetings' outcomes, letters of intent, the report. */
@ApiTags('events 宣讲·推介·对接会')
@ApiBearerAuth()
@Controller('events')
export class OutcomesController {
  constructor(
    private readonly outcomes: OutcomesService,
    private readonly reports: EventReportService,
  ) {}

  @Post(':id/check-in')
  @HttpCode(200)
  @Roles(Role.BUREAU)
  @ApiOperation({ summary: '现场签到（市金融工作局）：扫码或输入签到码；活动当天首个签到即开始活动（进行中）。签到码无效或非本活动 404，已签到 409' })
  @ApiErrors(400, 401, 403, 404, 409)
  checkIn(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: CheckInDto) {
    return this.outcomes.checkIn(actor, id, dto);
  }

  @Get(':id/live')
  @Roles(Role.BUREAU)
  @ApiOperation({ summary: '现场看板（市金融工作局）：签到情况、当前与下一时段、进行中的会谈、下一时段空闲桌位' })
  @ApiErrors(401, 403, 404)
  live(@Param('id', ParseUUIDPipe) id: string) {
    return this.outcomes.live(id);
  }

  @Post(':id/meetings/:meetingId/outcome')
  @HttpCode(200)
  @Roles(Role.BANK, Role.BUREAU, Role.ENTERPRISE)
  @ApiOperation({
    summary: '登记会谈结果（该会谈的金融机构或市金融工作局）：是否举行、无意向 / 继续跟进 / 达成意向及意向金额；达成意向即在对接跟踪中建立对接记录（重试不重复建立）',
  })
  @ApiErrors(400, 401, 403, 404, 409)
  recordOutcome(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Param('meetingId', ParseUUIDPipe) meetingId: string, @Body() dto: OutcomeDto) {
    return this.outcomes.recordOutcome(actor, id, meetingId, dto);
  }

  @Post(':id/meetings/:meetingId/outcome/confirm')
  @HttpCode(200)
  @Roles(Role.ENTERPRISE)
  @ApiOperation({ summary: '企业确认金融机构登记的会谈结果' })
  @ApiErrors(401, 403, 404, 409)
  confirmOutcome(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Param('meetingId', ParseUUIDPipe) meetingId: string) {
    return this.outcomes.confirmOutcome(actor, id, meetingId);
  }

  @Post(':id/intents')
  @Roles(Role.BUREAU)
  @ApiOperation({ summary: '登记签约仪式上的签约意向（市金融工作局）：企业、金融机构、融资需求与意向金额；在对接跟踪中建立对接记录' })
  @ApiErrors(400, 401, 403, 404, 409)
  recordIntent(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: CeremonyIntentDto) {
    return this.outcomes.recordCeremonyIntent(actor, id, dto);
  }

  @Get(':id/intents')
  @Roles(Role.BUREAU, Role.REGULATOR, Role.ENTERPRISE, Role.BANK)
  @ApiOperation({ summary: '签约意向及其对接进展（授信、放款）：市金融工作局与监管部门看全部，企业与金融机构看本单位的' })
  @ApiErrors(401, 403, 404)
  intents(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.outcomes.listIntents(actor, id);
  }

  @Get(':id/report')
  @Roles(Role.BUREAU, Role.REGULATOR)
  @ApiOperation({ summary: '活动报告：报名、签到、会谈申请 / 安排 / 举行、会谈结果、签约意向及其授信与放款（实时统计）' })
  @ApiErrors(401, 403, 404)
  report(@Param('id', ParseUUIDPipe) id: string) {
    return this.reports.report(id);
  }

  @Get(':id/report.xlsx')
  @Roles(Role.BUREAU, Role.REGULATOR)
  @ApiProduces(XLSX)
  @ApiOperation({ summary: '导出活动报告（.xlsx：概况、会谈、签约意向、按机构）' })
  @ApiErrors(401, 403, 404)
  async reportXlsx(@Param('id', ParseUUIDPipe) id: string, @Res() res: Response) {
    const { fileName, content } = await this.reports.reportXlsx(id);
    res.setHeader('Content-Type', XLSX);
    res.setHeader('Content-Disposition', attachmentHeader(fileName));
    res.send(content);
  }
}
