import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  PLAN_EVIDENCE_MAX_PER_REPORT,
  PLAN_EVIDENCE_TYPES,
  percent,
  type PlanContribution,
  type PlanEvidenceFileView,
  type PlanMyReportView,
  type PlanMyTaskRow,
  type PlanOverview,
  type PlanOverviewRow,
  type PlanPeriodRow,
  type PlanPeriodView,
  type PlanReportDetail,
  ReportAction,
  ReportAddressee,
  ReportingFrequency,
  ReportStatus,
  Role,
  UnitRole,
  type UnitRankingRow,
} from '@zj/shared';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit';
import type { Actor } from '../common/auth/actor';
import { AppException } from '../common/errors/app.exception';
import { pageBounds } from '../common/http/pagination';
import { isoTime, isoTimeOrNull } from '../common/time';
import { NotificationsService } from '../notifications';
import { AcceptReportDto, CreatePeriodDto, ListReportsQuery, ReturnReportDto, SaveReportDto, UpdatePeriodDto } from './dto/plan.dto';
import { evidenceProblem } from './evidence-rules';
import { reportContentProblems } from './report-content';
import { planReminderKey, planReminderPrefix, reportReminders, reportReturnedNotice, reportSubmittedNotice } from './plan-notices';
import { PlanErrorCode } from './plan.errors';
import { isOutstanding, isOverdue, reportTransition, submittedOnTime } from './report-workflow';

export interface UploadedEvidence {
  originalname: string;
  buffer: Buffer;
}

interface ReportRow {
  id: string;
  period_id: string;
  task_id: string;
  organization_id: string;
  role: UnitRole;
  addressee: ReportAddressee;
  status: ReportStatus;
  summary: string;
  version: number;
  first_submitted_at: Date | null;
  submitted_at: Date | null;
}

/** A row of a period's overview query. */
interface OverviewSqlRow {
  task_id: string;
  task_number: number;
  task_title: string;
  organization_id: string;
  organization_name: string;
  role: UnitRole;
  report_id: string | null;
  status: ReportStatus | null;
  first_submitted_at: Date | null;
  submitted_at: Date | null;
  version: number | null;
}

/** A row of the query of a unit's reports owed in a period. */
interface MineSqlRow {
  task_id: string;
  task_number: number;
  task_title: string;
  role: UnitRole;
  report_id: string | null;
  status: ReportStatus | null;
  version: number | null;
  submitted_at: Date | null;
  return_comment: string | null;
  cooperating: number;
  contributions: number;
}

interface PeriodRow {
  id: string;
  name: string;
  frequency: ReportingFrequency;
  work_year: number;
  starts_on: string;
  ends_on: string;
  due_at: Date;
  version: number;
}

const periodColumns = (a = 'p') =>
  `${a}.id, ${a}.name, ${a}.frequency, ${a}.work_year, to_char(${a}.starts_on, 'YYYY-MM-DD') AS starts_on, to_char(${a}.ends_on, 'YYYY-MM-DD') AS ends_on, ${a}.due_at, ${a}.version`;
const ROLE_ORDER = `CASE tr.role WHEN 'lead' THEN 0 WHEN 'joint' THEN 1 ELSE 2 END`;

const addresseeFor = (role: UnitRole) => (role === UnitRole.COOPERATING ? ReportAddressee.LEAD : ReportAddressee.BUREAU);

function periodView(p: PeriodRow): PlanPeriodView {
  return { id: p.id, name: p.name, frequency: p.frequency, workYear: p.work_year, startsOn: p.starts_on, endsOn: p.ends_on, dueAt: isoTime(p.due_at), version: p.version };
}

/** First and last day of a month or quarter. */
export function periodDates(frequency: ReportingFrequency, year: number, index: number): { startsOn: string; endsOn: string; name: string } {
  const firstMonth = frequency === ReportingFrequency.MONTHLY ? index : (index - 1) * 3 + 1;
  const lastMonth = frequency === ReportingFrequency.MONTHLY ? index : firstMonth + 2;
  const start = new Date(Date.UTC(year, firstMonth - 1, 1));
  const end = new Date(Date.UTC(year, lastMonth, 0));
  return {
    startsOn: start.toISOString().slice(0, 10),
    endsOn: end.toISOString().slice(0, 10),
    name: frequency === ReportingFrequency.MONTHLY ? `${year}年${index}月` : `${year}年第${index}季度`,
  };
}

/**
 * Progress reports on the plan's tasks: reporting periods set by the bureau; each responsible unit
 * reports on its work items; cooperating units to the lead, which consolidates and submits; the
 * bureau accepts or returns. Every change keeps a history row (with a snapshot on submission) and an
 * audit row. Units act for their own organisation only.
 */
/** The indicators units report on a task: its reported ones, not deleted. */
function reportableIndicators(m: EntityManager, taskId: string): Promise<{ id: string; code: string; name: string; unit: string }[]> {
  return m.query(`SELECT id, code, name, unit FROM plan_indicators WHERE task_id = $1 AND source = 'REPORTED' AND archived_at IS NULL ORDER BY position`, [taskId]);
}

@Injectable()
export class ReportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
  ) {}

  // ------------------------------------------------------------------ periods

  async listPeriods(m: EntityManager = this.dataSource.manager): Promise<{ items: PlanPeriodRow[] }> {
    const rows: (PeriodRow & { reporters: number; submitted: number; accepted: number; outstanding: number })[] = await m.query(
      `SELECT ${periodColumns()},
              (SELECT count(*)::int FROM plan_task_reporters) AS reporters,
              (SELECT count(*)::int FROM plan_reports r WHERE r.period_id = p.id AND r.status IN ('SUBMITTED','CONSOLIDATED','ACCEPTED')) AS submitted,
              (SELECT count(*)::int FROM plan_reports r WHERE r.period_id = p.id AND r.status = 'ACCEPTED') AS accepted
         FROM plan_reporting_periods p ORDER BY p.starts_on DESC, p.frequency`,
    );
    const now = new Date();
    return {
      items: rows.map((p) => ({
        ...periodView(p),
        reporters: p.reporters,
        submitted: p.submitted,
        accepted: p.accepted,
        overdue: now > p.due_at ? p.reporters - p.submitted : 0,
      })),
    };
  }

  private async period(m: EntityManager, id: string, lock = false): Promise<PeriodRow> {
    const [p] = await m.query(`SELECT ${periodColumns()} FROM plan_reporting_periods p WHERE p.id = $1 ${lock ? 'FOR UPDATE' : ''}`, [id]);
    if (!p) throw AppException.notFound('报送期', PlanErrorCode.PERIOD_NOT_FOUND);
    return p;
  }

  private async reporters(m: EntityManager, taskId?: string): Promise<{ task_id: string; number: number; title: string; organization_id: string; role: UnitRole }[]> {
    return m.query(
      `SELECT tr.task_id, t.number, t.title, tr.organization_id, tr.role FROM plan_task_reporters tr JOIN plan_tasks t ON t.id = tr.task_id
        ${taskId ? 'WHERE tr.task_id = $1' : ''} ORDER BY t.number`,
      taskId ? [taskId] : [],
    );
  }

  private async scheduleReminders(m: EntityManager, p: PeriodRow) {
    for (const r of await this.reporters(m)) {
      const [report] = await m.query(`SELECT status FROM plan_reports WHERE period_id = $1 AND task_id = $2 AND organization_id = $3`, [p.id, r.task_id, r.organization_id]);
      if (report && [ReportStatus.SUBMITTED, ReportStatus.CONSOLIDATED, ReportStatus.ACCEPTED].includes(report.status)) continue;
      for (const spec of reportReminders({ periodId: p.id, taskId: r.task_id, taskNumber: r.number, taskTitle: r.title, organizationId: r.organization_id, dueAt: new Date(p.due_at) })) {
        await this.notifications.scheduleReminder(m, spec);
      }
    }
  }

  createPeriod(actor: Actor, dto: CreatePeriodDto): Promise<PlanPeriodView> {
    if (dto.frequency === ReportingFrequency.QUARTERLY && dto.index > 4) {
      throw AppException.badRequest('季度应为1至4', undefined, [{ field: 'index', messages: ['季度应为1至4'] }]);
    }
    const dates = periodDates(dto.frequency, dto.year, dto.index);
    return this.dataSource.transaction(async (m) => {
      const wanted = dto.workYear ?? dto.year;
      const [y] = await m.query(`SELECT max(year)::int AS year FROM plan_work_items WHERE archived_at IS NULL AND year <= $1`, [wanted]);
      if (!y?.year) throw AppException.badRequest(`${wanted}年及以前没有工作清单`, PlanErrorCode.PERIOD_NO_WORK_ITEMS, [{ field: 'workYear', messages: ['没有工作清单'] }]);
      const [row] = await m.query(
        `INSERT INTO plan_reporting_periods (name, frequency, work_year, starts_on, ends_on, due_at, created_by_user_id) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (frequency, starts_on) DO NOTHING RETURNING id`,
        [dto.name ?? dates.name, dto.frequency, y.year, dates.startsOn, dates.endsOn, new Date(dto.dueAt), actor.userId],
      );
      if (!row) throw AppException.conflict(`${dates.name}的${dto.frequency === ReportingFrequency.MONTHLY ? '月报' : '季报'}已设置`, PlanErrorCode.PERIOD_EXISTS);
      const p = await this.period(m, row.id);
      await this.scheduleReminders(m, p);
      await this.audit.record(m, actor, { action: 'plan_period.create', entityType: 'plan_period', entityId: p.id, after: periodView(p) });
      return periodView(p);
    });
  }

  updatePeriod(actor: Actor, id: string, dto: UpdatePeriodDto): Promise<PlanPeriodView> {
    return this.dataSource.transaction(async (m) => {
      const before = await this.period(m, id, true);
      if (before.version !== dto.version) throw AppException.conflict('报送期已被他人修改，请刷新后重试', PlanErrorCode.PERIOD_VERSION_CONFLICT, { currentVersion: before.version });
      await m.query(`UPDATE plan_reporting_periods SET name = coalesce($2, name), due_at = coalesce($3, due_at), version = version + 1, updated_at = now() WHERE id = $1`, [
        id,
        dto.name ?? null,
        dto.dueAt ? new Date(dto.dueAt) : null,
      ]);
      const p = await this.period(m, id);
      if (dto.dueAt) {
        // Move the reminders: cancel them all, then schedule those still owed.
        await this.notifications.cancelReminders(m, planReminderPrefix(id));
        await this.scheduleReminders(m, p);
      }
      await this.audit.record(m, actor, { action: 'plan_period.update', entityType: 'plan_period', entityId: id, before: periodView(before), after: periodView(p) });
      return periodView(p);
    });
  }

  /**
   * Every unit's report of the period, task by task: status, when submitted, whether overdue or on
   * time; and the units behind (with overdue reports).
   */
  async overview(periodId: string): Promise<PlanOverview> {
    const m = this.dataSource.manager;
    const p = await this.period(m, periodId);
    const rows: OverviewSqlRow[] = await m.query(
      `SELECT t.id AS task_id, t.number AS task_number, t.title AS task_title, tr.organization_id, o.name AS organization_name, tr.role,
              r.id AS report_id, r.status, r.first_submitted_at, r.submitted_at, r.version
         FROM plan_task_reporters tr JOIN plan_tasks t ON t.id = tr.task_id JOIN organizations o ON o.id = tr.organization_id
         LEFT JOIN plan_reports r ON r.period_id = $1 AND r.task_id = tr.task_id AND r.organization_id = tr.organization_id
        ORDER BY t.number, ${ROLE_ORDER}, o.name`,
      [periodId],
    );
    const now = new Date();
    const items = rows.map((r): PlanOverviewRow => ({
      taskId: r.task_id,
      taskNumber: r.task_number,
      taskTitle: r.task_title,
      organizationId: r.organization_id,
      organizationName: r.organization_name,
      role: r.role,
      addressee: addresseeFor(r.role),
      reportId: r.report_id ?? null,
      status: r.status ?? null,
      submittedAt: isoTimeOrNull(r.submitted_at ?? null),
      overdue: isOverdue(r.status ?? null, new Date(p.due_at), now),
      onTime: submittedOnTime(r.first_submitted_at ?? null, new Date(p.due_at)),
    }));
    const behind = new Map<string, PlanOverview['behind'][number]>();
    for (const i of items) {
      if (!i.overdue) continue;
      const b = behind.get(i.organizationId) ?? { organizationId: i.organizationId, name: i.organizationName, overdue: 0, tasks: [] };
      b.overdue += 1;
      b.tasks.push(i.taskNumber);
      behind.set(b.organizationId, b);
    }
    return { period: periodView(p), items, behind: [...behind.values()].sort((a, b) => b.overdue - a.overdue || a.name.localeCompare(b.name, 'zh')) };
  }

  /** What the caller's organisation must report in the period, with each report's state. */
  async mine(actor: Actor, periodId: string): Promise<{ period: PlanPeriodView; items: PlanMyTaskRow[] }> {
    const m = this.dataSource.manager;
    const p = await this.period(m, periodId);
    const rows: MineSqlRow[] = await m.query(
      `SELECT t.id AS task_id, t.number AS task_number, t.title AS task_title, tr.role, r.id AS report_id, r.status, r.version, r.submitted_at, r.return_comment,
              (SELECT count(*)::int FROM plan_task_reporters c WHERE c.task_id = t.id AND c.role = 'cooperating') AS cooperating,
              (SELECT count(*)::int FROM plan_reports c WHERE c.period_id = $1 AND c.task_id = t.id AND c.addressee = 'LEAD' AND c.status IN ('SUBMITTED','CONSOLIDATED')) AS contributions
         FROM plan_task_reporters tr JOIN plan_tasks t ON t.id = tr.task_id
         LEFT JOIN plan_reports r ON r.period_id = $1 AND r.task_id = tr.task_id AND r.organization_id = tr.organization_id
        WHERE tr.organization_id = $2 ORDER BY t.number`,
      [periodId, actor.organizationId],
    );
    const now = new Date();
    return {
      period: periodView(p),
      items: rows.map((r): PlanMyTaskRow => ({
        taskId: r.task_id,
        taskNumber: r.task_number,
        taskTitle: r.task_title,
        role: r.role,
        addressee: addresseeFor(r.role),
        reportId: r.report_id ?? null,
        status: r.status ?? null,
        version: r.version ?? null,
        submittedAt: isoTimeOrNull(r.submitted_at ?? null),
        returnComment: r.return_comment ?? null,
        overdue: isOverdue(r.status ?? null, new Date(p.due_at), now),
        // For a lead: how many cooperating units reported to it.
        ...(r.role === UnitRole.LEAD ? { cooperatingUnits: r.cooperating, contributionsReceived: r.contributions } : {}),
      })),
    };
  }

  /**
   * The workbench (issue 15): the reports the organisation still owes (none yet, a draft, or returned)
   * in the periods due within the next 60 days or overdue by at most 90, the earliest due first.
   */
  async owedBy(organizationId: string): Promise<{ periodId: string; periodName: string; dueAt: string; taskId: string; taskNumber: number; taskTitle: string; status: ReportStatus | null; returnComment: string | null }[]> {
    const rows: { period_id: string; period_name: string; due_at: Date; task_id: string; number: number; title: string; status: ReportStatus | null; return_comment: string | null }[] = await this.dataSource.query(
      `WITH periods AS (SELECT id, name, due_at FROM plan_reporting_periods WHERE due_at > now() - interval '90 days' AND due_at < now() + interval '60 days')
       SELECT p.id AS period_id, p.name AS period_name, p.due_at, t.id AS task_id, t.number, t.title, r.status, r.return_comment
         FROM periods p CROSS JOIN plan_task_reporters tr JOIN plan_tasks t ON t.id = tr.task_id
         LEFT JOIN plan_reports r ON r.period_id = p.id AND r.task_id = tr.task_id AND r.organization_id = tr.organization_id
        WHERE tr.organization_id = $1 AND (r.status IS NULL OR r.status IN ('DRAFT','RETURNED'))
        ORDER BY p.due_at, p.id, t.number`,
      [organizationId],
    );
    return rows.filter((r) => isOutstanding(r.status)).map((r) => ({
      periodId: r.period_id,
      periodName: r.period_name,
      dueAt: new Date(r.due_at).toISOString(),
      taskId: r.task_id,
      taskNumber: r.number,
      taskTitle: r.title,
      status: r.status,
      returnComment: r.return_comment,
    }));
  }

  /** The workbench: reports submitted to the bureau and waiting for its decision (accept or return), by period. */
  async awaitingBureau(): Promise<{ periodId: string; periodName: string; count: number }[]> {
    return this.dataSource.query(
      `SELECT p.id AS "periodId", p.name AS "periodName", count(*)::int AS count FROM plan_reports r JOIN plan_reporting_periods p ON p.id = r.period_id
        WHERE r.addressee = 'BUREAU' AND r.status = 'SUBMITTED' GROUP BY p.id, p.name, p.starts_on ORDER BY p.starts_on DESC, p.id`,
    );
  }

  /**
   * Units ranked by reports on time, over the periods already due: on time (first submission by
   * the due time), late, missing.
   */
  async ranking(m: EntityManager = this.dataSource.manager): Promise<{ items: UnitRankingRow[] }> {
    const rows = await m.query(
      `SELECT o.id, o.name, count(*)::int AS due,
              count(*) FILTER (WHERE r.first_submitted_at <= p.due_at)::int AS on_time,
              count(*) FILTER (WHERE r.first_submitted_at > p.due_at)::int AS late,
              count(*) FILTER (WHERE r.first_submitted_at IS NULL)::int AS missing
         FROM plan_reporting_periods p CROSS JOIN plan_task_reporters tr
         JOIN organizations o ON o.id = tr.organization_id
         LEFT JOIN plan_reports r ON r.period_id = p.id AND r.task_id = tr.task_id AND r.organization_id = tr.organization_id
        WHERE p.due_at < now()
        GROUP BY o.id, o.name`,
    );
    const items: UnitRankingRow[] = rows.map((r: { id: string; name: string; due: number; on_time: number; late: number; missing: number }) => ({
      organizationId: r.id,
      name: r.name,
      due: r.due,
      onTime: r.on_time,
      late: r.late,
      missing: r.missing,
      onTimeRate: percent(String(r.on_time), String(r.due)) ?? '0.00',
    }));
    items.sort((a, b) => Number(b.onTimeRate) - Number(a.onTimeRate) || b.due - a.due || a.name.localeCompare(b.name, 'zh'));
    return { items };
  }

  // ------------------------------------------------------------------ reports

  private async reporterRole(m: EntityManager, taskId: string, organizationId: string): Promise<UnitRole | null> {
    const [r] = await m.query(`SELECT role FROM plan_task_reporters WHERE task_id = $1 AND organization_id = $2`, [taskId, organizationId]);
    return r?.role ?? null;
  }

  private async task(m: EntityManager, taskId: string) {
    const [t] = await m.query(`SELECT id, number, title FROM plan_tasks WHERE id = $1`, [taskId]);
    if (!t) throw AppException.notFound('重点任务', PlanErrorCode.TASK_NOT_FOUND);
    return t as { id: string; number: number; title: string };
  }

  private async workItems(m: EntityManager, taskId: string, year: number): Promise<{ id: string; text: string; key_work: string }[]> {
    return m.query(
      `SELECT i.id, i.text, k.text AS key_work FROM plan_work_items i JOIN plan_key_works k ON k.id = i.key_work_id
        WHERE k.task_id = $1 AND i.year = $2 AND i.archived_at IS NULL ORDER BY k.position, i.position, i.created_at`,
      [taskId, year],
    );
  }

  /**
   * How the caller stands to a report. Visible: its own unit's; the bureau and regulators read all
   * others, and a lead the cooperating units' reports of its task, once submitted (a draft is the
   * unit's own until it first submits).
   */
  private async relation(m: EntityManager, actor: Actor, r: Pick<ReportRow, 'organization_id' | 'task_id' | 'addressee' | 'status'>) {
    const own = r.organization_id === actor.organizationId;
    const bureau = actor.role === Role.BUREAU;
    const leadOfTask = (await this.reporterRole(m, r.task_id, actor.organizationId)) === UnitRole.LEAD;
    const reader = bureau || actor.role === Role.REGULATOR || (leadOfTask && r.addressee === ReportAddressee.LEAD);
    const visible = own || (reader && r.status !== ReportStatus.DRAFT);
    return { own, bureau, leadOfTask, visible };
  }

  private async lockReport(m: EntityManager, actor: Actor, id: string) {
    const [r] = await m.query(`SELECT * FROM plan_reports WHERE id = $1 FOR UPDATE`, [id]);
    if (!r) throw AppException.notFound('报告', PlanErrorCode.REPORT_NOT_FOUND);
    const rel = await this.relation(m, actor, r);
    if (!rel.visible) throw AppException.notFound('报告', PlanErrorCode.REPORT_NOT_FOUND);
    return { r: r as ReportRow, rel };
  }

  private check(action: ReportAction, r: ReportRow, rel: { own: boolean; leadOfTask: boolean; bureau: boolean }, version: number | undefined) {
    const t = reportTransition(action, r.status, r.addressee, rel);
    if (!t.ok) {
      throw t.reason === 'forbidden'
        ? AppException.forbidden(t.message, PlanErrorCode.REPORT_ACTION_FORBIDDEN)
        : AppException.conflict(t.message, PlanErrorCode.REPORT_STATE_CONFLICT, { status: r.status });
    }
    if (version !== r.version) throw AppException.conflict('报告已被他人修改，请刷新后重试', PlanErrorCode.REPORT_VERSION_CONFLICT, { currentVersion: r.version });
    return t.to;
  }

  private async snapshot(m: EntityManager, reportId: string) {
    const [r] = await m.query(`SELECT summary FROM plan_reports WHERE id = $1`, [reportId]);
    const items = await m.query(`SELECT work_item_id AS "workItemId", status, narrative, share_done AS "shareDone" FROM plan_report_items WHERE report_id = $1 ORDER BY work_item_id`, [reportId]);
    const indicatorValues = await m.query(
      `SELECT indicator_id AS "indicatorId", value::text AS value, to_char(as_of, 'YYYY-MM-DD') AS "asOf", note FROM plan_report_indicator_values WHERE report_id = $1 ORDER BY indicator_id`,
      [reportId],
    );
    const files = await m.query(`SELECT id, file_name AS "fileName", sha256 FROM plan_report_files WHERE report_id = $1 ORDER BY created_at`, [reportId]);
    return { summary: r.summary, items, indicatorValues, files };
  }

  private async event(m: EntityManager, actor: Actor, reportId: string, action: ReportAction, from: ReportStatus | null, to: ReportStatus, comment: string | null, snapshot: unknown = null) {
    const [org] = await m.query(`SELECT name FROM organizations WHERE id = $1`, [actor.organizationId]);
    await m.query(
      `INSERT INTO plan_report_events (report_id, action, from_status, to_status, actor_user_id, actor_org_id, actor_org_name, comment, snapshot) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
      [reportId, action, from, to, actor.userId, actor.organizationId, org?.name ?? null, comment, snapshot === null ? null : JSON.stringify(snapshot)],
    );
  }

  /** The caller's own report of a task in a period (null before the first save), with what it reports on. */
  async myReport(actor: Actor, periodId: string, taskId: string): Promise<PlanMyReportView> {
    const m = this.dataSource.manager;
    const p = await this.period(m, periodId);
    const task = await this.task(m, taskId);
    const role = await this.reporterRole(m, taskId, actor.organizationId);
    if (!role) throw AppException.forbidden('本单位不是该任务的责任单位', PlanErrorCode.NOT_RESPONSIBLE);
    const [r] = await m.query(`SELECT id FROM plan_reports WHERE period_id = $1 AND task_id = $2 AND organization_id = $3`, [periodId, taskId, actor.organizationId]);
    return {
      period: periodView(p),
      task,
      role,
      addressee: addresseeFor(role),
      workItems: (await this.workItems(m, taskId, p.work_year)).map((w) => ({ id: w.id, text: w.text, keyWork: w.key_work })),
      indicators: await reportableIndicators(m, taskId),
      report: r ? await this.detail(m, actor, r.id) : null,
      contributions: role === UnitRole.LEAD ? await this.contributions(m, periodId, taskId) : [],
    };
  }

  private async contributions(m: EntityManager, periodId: string, taskId: string): Promise<PlanContribution[]> {
    const rows = await m.query(
      `SELECT tr.organization_id, o.name, r.id FROM plan_task_reporters tr JOIN organizations o ON o.id = tr.organization_id
         LEFT JOIN plan_reports r ON r.period_id = $1 AND r.task_id = tr.task_id AND r.organization_id = tr.organization_id
        WHERE tr.task_id = $2 AND tr.role = 'cooperating' ORDER BY o.name`,
      [periodId, taskId],
    );
    const out: PlanContribution[] = [];
    for (const row of rows) {
      if (!row.id) {
        out.push({ organizationId: row.organization_id, organizationName: row.name, report: null });
        continue;
      }
      const [r] = await m.query(`SELECT id, status, summary, version, submitted_at AS "submittedAt", return_comment AS "returnComment" FROM plan_reports WHERE id = $1`, [row.id]);
      const items = await m.query(
        `SELECT ri.work_item_id AS "workItemId", i.text AS "workItem", ri.status, ri.narrative, ri.share_done AS "shareDone"
           FROM plan_report_items ri JOIN plan_work_items i ON i.id = ri.work_item_id WHERE ri.report_id = $1 ORDER BY i.position`,
        [row.id],
      );
      // A draft is the cooperating unit's own business until it submits.
      const shared = r.status !== ReportStatus.DRAFT;
      out.push({ organizationId: row.organization_id, organizationName: row.name, report: { ...r, summary: shared ? r.summary : '', items: shared ? items : [] } });
    }
    return out;
  }

  private async detail(m: EntityManager, actor: Actor, id: string): Promise<PlanReportDetail> {
    const [r] = await m.query(
      `SELECT r.*, o.name AS organization_name, t.number AS task_number, t.title AS task_title, p.name AS period_name, p.due_at, p.work_year
         FROM plan_reports r JOIN organizations o ON o.id = r.organization_id JOIN plan_tasks t ON t.id = r.task_id JOIN plan_reporting_periods p ON p.id = r.period_id
        WHERE r.id = $1`,
      [id],
    );
    if (!r) throw AppException.notFound('报告', PlanErrorCode.REPORT_NOT_FOUND);
    const rel = await this.relation(m, actor, r);
    if (!rel.visible) throw AppException.notFound('报告', PlanErrorCode.REPORT_NOT_FOUND);
    const items = await m.query(
      `SELECT ri.work_item_id AS "workItemId", i.text AS "workItem", ri.status, ri.narrative, ri.share_done AS "shareDone"
         FROM plan_report_items ri JOIN plan_work_items i ON i.id = ri.work_item_id JOIN plan_key_works k ON k.id = i.key_work_id
        WHERE ri.report_id = $1 ORDER BY k.position, i.position`,
      [id],
    );
    const indicatorValues = await m.query(
      `SELECT v.indicator_id AS "indicatorId", i.name, i.unit, v.value::text AS value, to_char(v.as_of, 'YYYY-MM-DD') AS "asOf", v.note
         FROM plan_report_indicator_values v JOIN plan_indicators i ON i.id = v.indicator_id WHERE v.report_id = $1 ORDER BY i.position`,
      [id],
    );
    const files = await m.query(
      `SELECT id, file_name AS "fileName", mime_type AS "mimeType", size_bytes AS "sizeBytes", sha256, created_at AS "createdAt" FROM plan_report_files WHERE report_id = $1 ORDER BY created_at`,
      [id],
    );
    const history = await m.query(
      `SELECT id, action, from_status AS "fromStatus", to_status AS "toStatus", actor_org_name AS "actorOrgName", comment, snapshot, at FROM plan_report_events WHERE report_id = $1 ORDER BY at, id`,
      [id],
    );
    const now = new Date();
    return {
      id: r.id,
      periodId: r.period_id,
      periodName: r.period_name,
      dueAt: r.due_at,
      taskId: r.task_id,
      taskNumber: r.task_number,
      taskTitle: r.task_title,
      organizationId: r.organization_id,
      organizationName: r.organization_name,
      role: r.role,
      addressee: r.addressee,
      status: r.status,
      summary: r.summary,
      firstSubmittedAt: r.first_submitted_at,
      submittedAt: r.submitted_at,
      decidedAt: r.decided_at,
      returnComment: r.return_comment,
      consolidatedIntoId: r.consolidated_into_id,
      overdue: isOverdue(r.status, new Date(r.due_at), now),
      onTime: submittedOnTime(r.first_submitted_at, new Date(r.due_at)),
      version: r.version,
      items,
      indicatorValues,
      files,
      history,
      contributions: r.role === UnitRole.LEAD && (rel.own || rel.bureau || actor.role === Role.REGULATOR) ? await this.contributions(m, r.period_id, r.task_id) : undefined,
    };
  }

  get(actor: Actor, id: string): Promise<PlanReportDetail> {
    return this.detail(this.dataSource.manager, actor, id);
  }

  async list(actor: Actor, query: ListReportsQuery) {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, v: unknown) => {
      params.push(v);
      where.push(sql.replace('?', `$${params.length}`));
    };
    params.push(actor.organizationId);
    const org = `$${params.length}`;
    if (actor.role !== Role.BUREAU && actor.role !== Role.REGULATOR) {
      where.push(`(r.organization_id = ${org} OR (r.addressee = 'LEAD' AND r.status <> 'DRAFT' AND EXISTS (SELECT 1 FROM plan_task_reporters l WHERE l.task_id = r.task_id AND l.organization_id = ${org} AND l.role = 'lead')))`);
    } else {
      where.push(`(r.organization_id = ${org} OR r.status <> 'DRAFT')`);
    }
    if (query.periodId) add('r.period_id = ?', query.periodId);
    if (query.taskId) add('r.task_id = ?', query.taskId);
    if (query.organizationId) add('r.organization_id = ?', query.organizationId);
    if (query.status) add('r.status = ?', query.status);
    const sorts: Record<string, string> = { updatedAt: 'r.updated_at', submittedAt: 'r.submitted_at', taskNumber: 't.number' };
    const sort = query.sort ?? '-updatedAt';
    const key = sort.replace(/^-/, '');
    if (!sorts[key]) throw AppException.badRequest(`不支持的排序字段：${key}`, undefined, [{ field: 'sort', messages: [`可选：${Object.keys(sorts).join(', ')}`] }]);
    const { page, pageSize, offset } = pageBounds(query);
    const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM plan_reports r ${whereSql}`, params);
    const items = await this.dataSource.query(
      `SELECT r.id, r.period_id AS "periodId", p.name AS "periodName", r.task_id AS "taskId", t.number AS "taskNumber", t.title AS "taskTitle",
              r.organization_id AS "organizationId", o.name AS "organizationName", r.role, r.addressee, r.status, r.submitted_at AS "submittedAt",
              r.decided_at AS "decidedAt", r.return_comment AS "returnComment", r.version, r.updated_at AS "updatedAt",
              (r.status IN ('DRAFT','RETURNED') AND p.due_at < now()) AS overdue
         FROM plan_reports r JOIN plan_reporting_periods p ON p.id = r.period_id JOIN plan_tasks t ON t.id = r.task_id JOIN organizations o ON o.id = r.organization_id
         ${whereSql} ORDER BY ${sorts[key]} ${sort.startsWith('-') ? 'DESC' : 'ASC'} NULLS LAST, r.id LIMIT ${pageSize} OFFSET ${offset}`,
      params,
    );
    return { items, total, page, pageSize };
  }

  /** Creates or updates the caller's own report (draft or returned). */
  save(actor: Actor, periodId: string, taskId: string, dto: SaveReportDto): Promise<PlanReportDetail> {
    return this.dataSource.transaction(async (m) => {
      const p = await this.period(m, periodId);
      await this.task(m, taskId);
      const role = await this.reporterRole(m, taskId, actor.organizationId);
      if (!role) throw AppException.forbidden('本单位不是该任务的责任单位', PlanErrorCode.NOT_RESPONSIBLE);

      const items = await this.workItems(m, taskId, p.work_year);
      const itemIds = new Set(items.map((i) => i.id));
      const seen = new Set<string>();
      dto.items.forEach((it, i) => {
        if (!itemIds.has(it.workItemId) || seen.has(it.workItemId)) {
          throw AppException.badRequest('工作事项不属于该任务本年度清单或重复', PlanErrorCode.REPORT_ITEM_INVALID, [{ field: `items[${i}].workItemId`, messages: ['不属于该任务本年度清单或重复'] }]);
        }
        seen.add(it.workItemId);
      });
      const values = dto.indicatorValues ?? [];
      if (values.length) {
        const allowed = new Set<string>(
          (await reportableIndicators(m, taskId)).map((r) => r.id),
        );
        values.forEach((v, i) => {
          if (!allowed.has(v.indicatorId) || values.findIndex((x) => x.indicatorId === v.indicatorId) !== i) {
            throw AppException.badRequest('指标不属于该任务、由平台自动计算或重复', PlanErrorCode.REPORT_INDICATOR_INVALID, [{ field: `indicatorValues[${i}].indicatorId`, messages: ['不能填报该指标'] }]);
          }
        });
      }

      const [existing] = await m.query(`SELECT * FROM plan_reports WHERE period_id = $1 AND task_id = $2 AND organization_id = $3 FOR UPDATE`, [periodId, taskId, actor.organizationId]);
      let report: ReportRow;
      let before: unknown = null;
      if (existing) {
        this.check(ReportAction.SAVE, existing, { own: true, leadOfTask: role === UnitRole.LEAD, bureau: actor.role === Role.BUREAU }, dto.version);
        before = await this.snapshot(m, existing.id);
        await m.query(`UPDATE plan_reports SET summary = $2, version = version + 1, updated_at = now() WHERE id = $1`, [existing.id, dto.summary]);
        report = { ...existing, version: existing.version + 1 };
      } else {
        const [row] = await m.query(
          `INSERT INTO plan_reports (period_id, task_id, organization_id, role, addressee, summary) VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (period_id, task_id, organization_id) DO NOTHING RETURNING *`,
          [periodId, taskId, actor.organizationId, role, addresseeFor(role), dto.summary],
        );
        if (!row) throw AppException.conflict('报告已由本单位其他人员创建，请刷新后重试', PlanErrorCode.REPORT_VERSION_CONFLICT);
        report = row;
      }
      await m.query(`DELETE FROM plan_report_items WHERE report_id = $1`, [report.id]);
      for (const it of dto.items) {
        await m.query(`INSERT INTO plan_report_items (report_id, work_item_id, status, narrative, share_done) VALUES ($1, $2, $3, $4, $5)`, [report.id, it.workItemId, it.status, it.narrative, it.shareDone]);
      }
      await m.query(`DELETE FROM plan_report_indicator_values WHERE report_id = $1`, [report.id]);
      for (const v of values) {
        await m.query(`INSERT INTO plan_report_indicator_values (report_id, indicator_id, value, as_of, note) VALUES ($1, $2, $3, $4, $5)`, [report.id, v.indicatorId, v.value, v.asOf, v.note ?? null]);
      }
      await this.event(m, actor, report.id, ReportAction.SAVE, existing ? existing.status : null, report.status, null);
      await this.audit.record(m, actor, { action: 'plan_report.save', entityType: 'plan_report', entityId: report.id, before, after: await this.snapshot(m, report.id) });
      return this.detail(m, actor, report.id);
    });
  }

  submit(actor: Actor, id: string, version: number): Promise<PlanReportDetail> {
    return this.dataSource.transaction(async (m) => {
      const { r, rel } = await this.lockReport(m, actor, id);
      const to = this.check(ReportAction.SUBMIT, r, rel, version);
      const p = await this.period(m, r.period_id);
      const items = await this.workItems(m, r.task_id, p.work_year);
      // A report carries its content: each work item's status and progress text (report-content.ts).
      const reported: { workItemId: string; narrative: string | null }[] = await m.query(`SELECT work_item_id AS "workItemId", narrative FROM plan_report_items WHERE report_id = $1`, [id]);
      const empty = reportContentProblems(items, { summary: r.summary, items: reported });
      if (empty.length) {
        throw AppException.badRequest(items.length ? '请填写每项工作的进展情况后再报送' : '请填写总体进展后再报送', PlanErrorCode.REPORT_INCOMPLETE, empty);
      }
      await m.query(
        `UPDATE plan_reports SET status = $2, submitted_at = now(), first_submitted_at = coalesce(first_submitted_at, now()), return_comment = NULL, version = version + 1, updated_at = now() WHERE id = $1`,
        [id, to],
      );
      const snap = await this.snapshot(m, id);
      await this.event(m, actor, id, ReportAction.SUBMIT, r.status, to, null, snap);
      const consolidated: string[] = [];
      if (r.role === UnitRole.LEAD) {
        // The lead's submission consolidates the cooperating units' submitted reports.
        // An UPDATE … RETURNING answers [rows, count].
        const [rows] = await m.query(
          `UPDATE plan_reports SET status = 'CONSOLIDATED', consolidated_into_id = $1, version = version + 1, updated_at = now()
            WHERE period_id = $2 AND task_id = $3 AND addressee = 'LEAD' AND status = 'SUBMITTED' RETURNING id`,
          [id, r.period_id, r.task_id],
        );
        for (const c of rows) {
          consolidated.push(c.id);
          await this.event(m, actor, c.id, ReportAction.CONSOLIDATE, ReportStatus.SUBMITTED, ReportStatus.CONSOLIDATED, null);
        }
      }
      await this.notifications.cancelReminder(m, planReminderKey(r.period_id, r.task_id, r.organization_id, 'due'));
      await this.notifications.cancelReminder(m, planReminderKey(r.period_id, r.task_id, r.organization_id, 'overdue'));
      await this.noticeSubmitted(m, r);
      await this.audit.record(m, actor, { action: 'plan_report.submit', entityType: 'plan_report', entityId: id, before: { status: r.status }, after: { status: to, consolidated, ...snap } });
      return this.detail(m, actor, id);
    });
  }

  returnReport(actor: Actor, id: string, dto: ReturnReportDto): Promise<PlanReportDetail> {
    return this.dataSource.transaction(async (m) => {
      const { r, rel } = await this.lockReport(m, actor, id);
      const to = this.check(ReportAction.RETURN, r, rel, dto.version);
      await m.query(
        `UPDATE plan_reports SET status = $2, return_comment = $3, decided_at = now(), decided_by_user_id = $4, version = version + 1, updated_at = now() WHERE id = $1`,
        [id, to, dto.comment, actor.userId],
      );
      await this.event(m, actor, id, ReportAction.RETURN, r.status, to, dto.comment);
      await this.noticeReturned(m, actor, r, dto.comment);
      await this.audit.record(m, actor, { action: 'plan_report.return', entityType: 'plan_report', entityId: id, before: { status: r.status }, after: { status: to, comment: dto.comment } });
      return this.detail(m, actor, id);
    });
  }

  accept(actor: Actor, id: string, dto: AcceptReportDto): Promise<PlanReportDetail> {
    return this.dataSource.transaction(async (m) => {
      const { r, rel } = await this.lockReport(m, actor, id);
      const to = this.check(ReportAction.ACCEPT, r, rel, dto.version);
      await m.query(`UPDATE plan_reports SET status = $2, decided_at = now(), decided_by_user_id = $3, version = version + 1, updated_at = now() WHERE id = $1`, [id, to, actor.userId]);
      // Accepted indicator values become the indicator's reported values (with the report as evidence).
      const p = await this.period(m, r.period_id);
      const values = await m.query(
        `INSERT INTO plan_indicator_values (indicator_id, value, as_of, evidence, organization_id, report_id, recorded_by_user_id)
         SELECT v.indicator_id, v.value, v.as_of, coalesce(v.note, $2), $3, v.report_id, $4 FROM plan_report_indicator_values v WHERE v.report_id = $1
         RETURNING indicator_id, value::text AS value`,
        [id, `${p.name}工作进展报告`, r.organization_id, actor.userId],
      );
      await this.event(m, actor, id, ReportAction.ACCEPT, r.status, to, dto.comment ?? null);
      await this.audit.record(m, actor, { action: 'plan_report.accept', entityType: 'plan_report', entityId: id, before: { status: r.status }, after: { status: to, indicatorValues: values } });
      return this.detail(m, actor, id);
    });
  }

  // ------------------------------------------------------------------ evidence files

  async addFile(actor: Actor, id: string, file: UploadedEvidence | undefined): Promise<PlanEvidenceFileView> {
    if (!file?.buffer?.length) throw AppException.badRequest('请选择要上传的文件', PlanErrorCode.EVIDENCE_REQUIRED, [{ field: 'file', messages: ['请选择要上传的文件'] }]);
    // multer decodes the file name as latin1; browsers send UTF-8.
    const fileName = Buffer.from(file.originalname, 'latin1').toString('utf8').slice(0, 200);
    const problem = evidenceProblem(fileName, file.buffer);
    if (problem) throw AppException.badRequest(problem, PlanErrorCode.EVIDENCE_TYPE, [{ field: 'file', messages: [problem] }]);
    return this.dataSource.transaction(async (m) => {
      const { r, rel } = await this.lockReport(m, actor, id);
      this.check(ReportAction.SAVE, r, rel, r.version);
      const [{ n }] = await m.query(`SELECT count(*)::int AS n FROM plan_report_files WHERE report_id = $1`, [id]);
      if (n >= PLAN_EVIDENCE_MAX_PER_REPORT) throw AppException.conflict(`每份报告最多${PLAN_EVIDENCE_MAX_PER_REPORT}个佐证材料`, PlanErrorCode.EVIDENCE_TOO_MANY);
      const ext = fileName.split('.').pop()!.toLowerCase();
      const [row]: PlanEvidenceFileView[] = await m.query(
        `INSERT INTO plan_report_files (report_id, file_name, mime_type, size_bytes, sha256, content, uploaded_by_user_id) VALUES ($1,$2,$3,$4,$5,$6,$7)
         RETURNING id, file_name AS "fileName", mime_type AS "mimeType", size_bytes AS "sizeBytes", sha256, created_at AS "createdAt"`,
        [id, fileName, PLAN_EVIDENCE_TYPES[ext], file.buffer.length, createHash('sha256').update(file.buffer).digest('hex'), file.buffer, actor.userId],
      );
      await m.query(`UPDATE plan_reports SET version = version + 1, updated_at = now() WHERE id = $1`, [id]);
      await this.audit.record(m, actor, { action: 'plan_report.file_add', entityType: 'plan_report', entityId: id, after: row });
      return row;
    });
  }

  async file(actor: Actor, fileId: string) {
    const m = this.dataSource.manager;
    const [f] = await m.query(`SELECT f.id, f.report_id, f.file_name, f.mime_type, f.content FROM plan_report_files f WHERE f.id = $1`, [fileId]);
    if (!f) throw AppException.notFound('佐证材料', PlanErrorCode.EVIDENCE_NOT_FOUND);
    const [r] = await m.query(`SELECT organization_id, task_id, addressee, status FROM plan_reports WHERE id = $1`, [f.report_id]);
    if (!(await this.relation(m, actor, r)).visible) throw AppException.notFound('佐证材料', PlanErrorCode.EVIDENCE_NOT_FOUND);
    return { fileName: f.file_name as string, mimeType: f.mime_type as string, content: f.content as Buffer };
  }

  removeFile(actor: Actor, fileId: string) {
    return this.dataSource.transaction(async (m) => {
      const [f] = await m.query(`SELECT id, report_id, file_name, sha256 FROM plan_report_files WHERE id = $1`, [fileId]);
      if (!f) throw AppException.notFound('佐证材料', PlanErrorCode.EVIDENCE_NOT_FOUND);
      const { r, rel } = await this.lockReport(m, actor, f.report_id);
      if (!rel.own) throw AppException.notFound('佐证材料', PlanErrorCode.EVIDENCE_NOT_FOUND);
      this.check(ReportAction.SAVE, r, rel, r.version);
      await m.query(`DELETE FROM plan_report_files WHERE id = $1`, [fileId]);
      await m.query(`UPDATE plan_reports SET version = version + 1, updated_at = now() WHERE id = $1`, [r.id]);
      await this.audit.record(m, actor, { action: 'plan_report.file_remove', entityType: 'plan_report', entityId: r.id, before: { id: f.id, fileName: f.file_name, sha256: f.sha256 } });
      return { removed: fileId };
    });
  }

  // ------------------------------------------------------------------ notices (see plan-notices.ts)

  private async noticeFacts(m: EntityManager, r: ReportRow) {
    const [row] = await m.query(
      `SELECT t.number, t.title, p.name AS period_name, o.name AS unit_name FROM plan_tasks t, plan_reporting_periods p, organizations o
        WHERE t.id = $1 AND p.id = $2 AND o.id = $3`,
      [r.task_id, r.period_id, r.organization_id],
    );
    return { periodId: r.period_id, taskId: r.task_id, taskNumber: row?.number ?? 0, taskTitle: row?.title ?? '', periodName: row?.period_name ?? '', unitName: row?.unit_name ?? '', organizationId: r.organization_id };
  }

  /** "Report submitted": a cooperating unit's to the task's lead unit, a lead or joint unit's to the bureau. */
  private async noticeSubmitted(m: EntityManager, r: ReportRow): Promise<void> {
    let leads: string[] | null = null;
    if (r.addressee === ReportAddressee.LEAD) {
      leads = (await m.query(`SELECT organization_id FROM plan_task_reporters WHERE task_id = $1 AND role = 'lead'`, [r.task_id])).map((x: { organization_id: string }) => x.organization_id);
      if (!leads?.length) return;
    }
    await this.notifications.notify(m, reportSubmittedNotice(await this.noticeFacts(m, r), leads));
  }

  /** "Report returned, with the comment": to the unit whose report it is. */
  private async noticeReturned(m: EntityManager, actor: Actor, r: ReportRow, comment: string): Promise<void> {
    const [reviewer] = await m.query(`SELECT name FROM organizations WHERE id = $1`, [actor.organizationId]);
    await this.notifications.notify(m, reportReturnedNotice(await this.noticeFacts(m, r), reviewer?.name ?? '', comment));
  }
}

