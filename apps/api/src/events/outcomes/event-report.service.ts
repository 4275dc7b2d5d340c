import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { EventStatus, MeetingResult, MeetingStatus, RegistrationStatus, type EventReport } from '@zj/shared';
import { DataSource, EntityManager } from 'typeorm';
import { CasesService } from '../../cases';
import { MatchmakingEvent } from '../event.entity';
import { findEvent, orgNames, sideOfOrgType } from '../event-guards';
import { EventMeeting } from '../meetings/meeting.entities';
import { meetingViews } from '../meetings/meeting-view';
import { EventIntent } from './intent.entity';
import { buildReport } from './outcome-rules';
import { OutcomesService } from './outcomes.service';
import { buildReportWorkbook, reportFileName } from './report-xlsx';

/**
 * The event report (GET /events/:id/report and its .xlsx): every figure counted from the rows at
 * the moment asked — registrations, arrivals, requests, meetings and their results, intents — and,
 * for the intents' cases, what has since been approved and disbursed, read live from the cases module.
 * All reads run in one REPEATABLE READ transaction, so the figures are of one moment.
 */
@Injectable()
export class EventReportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cases: CasesService,
    private readonly outcomes: OutcomesService,
  ) {}

  private async compute(m: EntityManager, e: MatchmakingEvent): Promise<EventReport> {
    const asOf = new Date();
    const regs: { organization_id: string; type: string; status: RegistrationStatus; checked_in: boolean }[] = await m.query(
      `SELECT r.organization_id, o.type, r.status, r.checked_in_at IS NOT NULL AS checked_in
         FROM event_registrations r JOIN organizations o ON o.id = r.organization_id WHERE r.event_id = $1`,
      [e.id],
    );
    const requests: { status: string }[] = await m.query(`SELECT status FROM event_meeting_requests WHERE event_id = $1`, [e.id]);
    const meetings = await m.find(EventMeeting, { where: { eventId: e.id }, select: { id: true, bankOrgId: true, status: true, held: true, result: true } });
    const intents = await m.find(EventIntent, { where: { eventId: e.id }, select: { id: true, bankOrgId: true, amount: true, caseId: true } });
    const cases = await this.cases.figuresForCases(intents.map((i) => i.caseId), m);
    const bankIds = [...regs.filter((r) => sideOfOrgType(r.type) === 'BANK').map((r) => r.organization_id), ...intents.map((i) => i.bankOrgId), ...meetings.map((x) => x.bankOrgId)];
    const orgs = await orgNames(m, bankIds);
    return buildReport({
      eventId: e.id,
      asOf,
      started: e.status === EventStatus.IN_PROGRESS || e.status === EventStatus.HELD,
      registrations: regs.map((r) => ({ organizationId: r.organization_id, side: sideOfOrgType(r.type), status: r.status, checkedIn: r.checked_in })),
      requests,
      meetings: meetings.map((x) => ({ bankOrgId: x.bankOrgId, status: x.status as MeetingStatus, held: x.held, result: x.result as MeetingResult | null })),
      intents: intents.map((i) => ({ bankOrgId: i.bankOrgId, amount: i.amount, caseId: i.caseId })),
      cases,
      orgs,
    });
  }

  async report(eventId: string): Promise<EventReport> {
    return this.dataSource.transaction('REPEATABLE READ', async (m) => this.compute(m, await findEvent(m, eventId)));
  }

  /** The report as an .xlsx (概况, 会谈, 签约意向, 按机构) and its file name. */
  async reportXlsx(eventId: string): Promise<{ fileName: string; content: Buffer }> {
    const { e, report, meetings, intents } = await this.dataSource.transaction('REPEATABLE READ', async (m) => {
      const e = await findEvent(m, eventId);
      const report = await this.compute(m, e);
      const meetings = await meetingViews(m, eventId, {});
      const intents = await this.outcomes.intentViews(m, eventId, {});
      return { e, report, meetings, intents };
    });
    const wb = buildReportWorkbook(e, report, meetings, intents);
    return { fileName: reportFileName(e.title, new Date(report.asOf)), content: Buffer.from(await wb.xlsx.writeBuffer()) };
  }
}
