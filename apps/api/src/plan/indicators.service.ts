import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  addDecimal,
  EventType,
  EVENT_TYPE_LABELS,
  IndicatorComputation,
  type IndicatorDetail,
  IndicatorPoint,
  IndicatorRowsView,
  IndicatorSource,
  type IndicatorValueRecord,
  IndicatorView,
  percent,
  type IndicatorComparison,
  type IndicatorTargetView,
} from '@zj/shared';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit';
import type { Actor } from '../common/auth/actor';
import { AppException } from '../common/errors/app.exception';
import { BankReportsService } from '../bank-reports';
import { CasesService } from '../cases';
import { EnterprisesService } from '../enterprises';
import { EventsService } from '../events';
import { ProjectsService } from '../projects';
import { isoTime, zhanjiangDate } from '../common/time';
import { CreateIndicatorDto, IndicatorValueDto, TargetDto, UpdateIndicatorDto } from './dto/plan.dto';
import { judgeTarget, monthEnds, type DatedValue } from './indicator-rules';
import { PlanErrorCode } from './plan.errors';

export interface ComputedValue {
  value: string | null;
  asOf: string;
  breakdown?: Record<string, string> | null;
  /** Why there is no value (e.g. the tables of a capability not installed yet). */
  note?: string;
}

interface IndicatorRow {
  id: string;
  code: string;
  task_id: string;
  task_number: number;
  name: string;
  unit: string;
  source: IndicatorSource;
  computation: IndicatorComputation | null;
  description: string | null;
  version: number;
  archived_at: Date | null;
}

/**
 * The day a value stands for: a reported value's own date; a green-loan ratio's, the last day of the
 * month of the reports it sums; another computed value's, the day it was computed at.
 */
function valueOn(v: { value: string | null; asOf: string | null; breakdown?: Record<string, string> | null }): DatedValue {
  if (v.value === null) return { value: null, asOf: null };
  const month = v.breakdown?.month;
  if (month && /^\d{4}-\d{2}$/.test(month)) {
    const [y, mo] = month.split('-').map(Number);
    return { value: v.value, asOf: new Date(Date.UTC(y, mo, 0)).toISOString().slice(0, 10) };
  }
  return { value: v.value, asOf: v.asOf };
}

const archivedConflict = () => AppException.conflict('该指标已删除，不能再修改或登记数值', PlanErrorCode.INDICATOR_ARCHIVED);

/** Months in a computed indicator's trend. */
const SERIES_MONTHS = 12;

/**
 * The plan's indicators: targets with comparison and deadline; values computed from the platform's
 * own facts (events, bank reports and profiles, the library and the matchmaking pipeline), each by
 * the service of the module that owns them, or reported (value, date, evidence) by units and the bureau.
 */
@Injectable()
export class IndicatorsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly bankReports: BankReportsService,
    private readonly cases: CasesService,
    private readonly enterprises: EnterprisesService,
    private readonly events: EventsService,
    private readonly projects: ProjectsService,
  ) {}

  /**
   * The value of a computed indicator as of the end of `asOf` (a date in Zhanjiang). Each figure is
   * its owner's: the module whose records it counts answers it (and the rows behind it, rowsOf, from
   * the same definition); the plan reads no other module's tables.
   */
  async computeAt(m: EntityManager, computation: IndicatorComputation, asOf: string): Promise<ComputedValue> {
    switch (computation) {
      case IndicatorComputation.GREEN_LOAN_RATIO: {
        const row = await this.bankReports.latestMonthTotals(asOf, m);
        if (!row) return { value: null, asOf };
        return { value: percent(row.green, row.total), asOf, breakdown: { month: row.month, green: row.green, total: row.total, banks: String(row.banks) } };
      }
      case IndicatorComputation.EVENTS_HELD: {
        const rows = await this.events.heldInYearByType(asOf, m);
        const breakdown: Record<string, string> = Object.fromEntries(Object.values(EventType).map((t) => [t, '0']));
        let total = 0;
        for (const r of rows) {
          breakdown[r.type] = String(r.n);
          total += r.n;
        }
        return { value: `${total}.00`, asOf, breakdown };
      }
      case IndicatorComputation.LIBRARY_PROJECTS: {
        return { value: `${await this.projects.listedCount(asOf, m)}.00`, asOf };
      }
      case IndicatorComputation.LIBRARY_ENTERPRISES: {
        // The enterprises with a listed project or a valid green identification, each once.
        const listed = await this.projects.listedEnterpriseIds(asOf, m);
        const identified = await this.enterprises.identifiedOn(asOf, m);
        return { value: `${new Set([...listed, ...identified]).size}.00`, asOf };
      }
      case IndicatorComputation.FINANCING_DISBURSED: {
        // The pipeline's one definition (cases module), the same its statistics show.
        const d = await this.cases.financingDisbursed(asOf, m);
        return { value: d.amount, asOf, breakdown: { cases: String(d.cases) } };
      }
      case IndicatorComputation.BANKS_WITH_GREEN_TEAM: {
        return { value: `${await this.bankReports.banksWithGreenTeam(asOf, m)}.00`, asOf };
      }
      case IndicatorComputation.RURAL_BANKS_DISCLOSING: {
        const { disclosed, total } = await this.bankReports.ruralBanksDisclosing(asOf, m);
        if (!total) return { value: null, asOf, note: '尚无法人农商行资料', breakdown: { disclosed: '0', total: '0' } };
        return { value: percent(String(disclosed), String(total)), asOf, breakdown: { disclosed: String(disclosed), total: String(total) } };
      }
    }
  }

  /** The latest reported value on or before `asOf`. */
  private async reportedAt(m: EntityManager, indicatorId: string, asOf: string) {
    const [row] = await m.query(
      `SELECT value::text AS value, to_char(as_of, 'YYYY-MM-DD') AS "asOf", evidence FROM plan_indicator_values
        WHERE indicator_id = $1 AND as_of <= $2::date ORDER BY as_of DESC, created_at DESC LIMIT 1`,
      [indicatorId, asOf],
    );
    return row ? { value: row.value as string, asOf: row.asOf as string, evidence: row.evidence as string | null } : { value: null, asOf: null, evidence: null };
  }

  private async valueAt(m: EntityManager, ind: IndicatorRow, asOf: string) {
    if (ind.source === IndicatorSource.COMPUTED) return this.computeAt(m, ind.computation!, asOf);
    return this.reportedAt(m, ind.id, asOf);
  }

  private async series(m: EntityManager, ind: IndicatorRow, today: string): Promise<IndicatorPoint[]> {
    if (ind.source === IndicatorSource.REPORTED) {
      const rows = await m.query(
        `SELECT DISTINCT ON (as_of) to_char(as_of, 'YYYY-MM-DD') AS "asOf", value::text AS value FROM plan_indicator_values
          WHERE indicator_id = $1 ORDER BY as_of, created_at DESC`,
        [ind.id],
      );
      return rows;
    }
    if (ind.computation === IndicatorComputation.GREEN_LOAN_RATIO) {
      const rows = await this.bankReports.monthTotals(m);
      return rows.map((r) => ({ asOf: `${r.month}`, value: percent(r.green, r.total) ?? '0.00' }));
    }
    const points: IndicatorPoint[] = [];
    for (const asOf of monthEnds(today, SERIES_MONTHS)) {
      const v = await this.computeAt(m, ind.computation!, asOf < today ? asOf : today);
      if (v.value !== null) points.push({ asOf: asOf < today ? asOf : today, value: v.value });
    }
    return points;
  }

  /** Indicators in the plan's order: one by id (archived too), or the live ones (of a task). */
  private async rows(m: EntityManager, by: { id?: string; taskId?: string } = {}): Promise<IndicatorRow[]> {
    const [where, params] = by.id ? ['i.id = $1', [by.id]] : by.taskId ? ['i.archived_at IS NULL AND i.task_id = $1', [by.taskId]] : ['i.archived_at IS NULL', []];
    return m.query(
      `SELECT i.id, i.code, i.task_id, t.number AS task_number, i.name, i.unit, i.source, i.computation, i.description, i.version, i.archived_at
         FROM plan_indicators i JOIN plan_tasks t ON t.id = i.task_id WHERE ${where} ORDER BY t.number, i.position, i.created_at`,
      params,
    );
  }

  private async view(m: EntityManager, ind: IndicatorRow, today: string, withSeries: boolean): Promise<IndicatorView> {
    const current = await this.valueAt(m, ind, today);
    const targets = await m.query(
      `SELECT id, comparison, value::text AS value, to_char(deadline, 'YYYY-MM-DD') AS deadline, note FROM plan_indicator_targets WHERE indicator_id = $1 ORDER BY deadline`,
      [ind.id],
    );
    const targetViews: IndicatorTargetView[] = [];
    for (const t of targets as { id: string; comparison: IndicatorComparison; value: string; deadline: string; note: string | null }[]) {
      // A deadline passed: the value at it; ahead: the latest (judgeTarget says which it used).
      const atDeadline = t.deadline < today ? valueOn(await this.valueAt(m, ind, t.deadline)) : null;
      const j = judgeTarget(t, today, atDeadline, valueOn(current));
      targetViews.push({ ...t, valueAtDeadline: j.value, basis: j.basis, valueAsOf: j.valueAsOf, status: j.status });
    }
    return {
      id: ind.id,
      code: ind.code,
      taskId: ind.task_id,
      taskNumber: ind.task_number,
      name: ind.name,
      unit: ind.unit,
      source: ind.source,
      computation: ind.computation,
      description: ind.description,
      current: {
        value: current.value,
        asOf: current.asOf,
        breakdown: 'breakdown' in current ? (current.breakdown ?? null) : null,
        evidence: 'evidence' in current ? current.evidence : null,
        ...('note' in current && current.note ? { note: current.note } : {}),
      },
      targets: targetViews,
      series: withSeries ? await this.series(m, ind, today) : [],
      version: ind.version,
      archivedAt: ind.archived_at ? new Date(ind.archived_at).toISOString() : null,
    };
  }

  async list(opts: { taskId?: string; series?: boolean } = {}, m: EntityManager = this.dataSource.manager): Promise<IndicatorView[]> {
    const today = zhanjiangDate();
    const rows = await this.rows(m, { taskId: opts.taskId });
    const out: IndicatorView[] = [];
    for (const r of rows) out.push(await this.view(m, r, today, opts.series ?? true));
    return out;
  }

  async get(id: string): Promise<IndicatorDetail> {
    const m = this.dataSource.manager;
    const [row] = await this.rows(m, { id });
    if (!row) throw AppException.notFound('指标', PlanErrorCode.INDICATOR_NOT_FOUND);
    const values: (Omit<IndicatorValueRecord, 'createdAt'> & { createdAt: Date })[] = await m.query(
      `SELECT v.id, v.value::text AS value, to_char(v.as_of, 'YYYY-MM-DD') AS "asOf", v.evidence, v.report_id AS "reportId", o.name AS "organizationName", v.created_at AS "createdAt"
         FROM plan_indicator_values v LEFT JOIN organizations o ON o.id = v.organization_id WHERE v.indicator_id = $1 ORDER BY v.as_of DESC, v.created_at DESC`,
      [id],
    );
    return { ...(await this.view(m, row, zhanjiangDate(), true)), values: values.map((v) => ({ ...v, createdAt: isoTime(v.createdAt) })) };
  }

  /**
   * The rows behind an indicator's figure today (issue 15: the regulator drills from totals to rows):
   * the disbursed cases, the listed projects, the events held (each from its own module, by the
   * indicator's definition, so that their sum is the figure), or a reported indicator's recorded
   * values (from accepted reports or the bureau), newest first. Other computed figures (ratios, bank
   * profiles) answer without rows and say why.
   */
  async rowsOf(id: string): Promise<IndicatorRowsView> {
    const m = this.dataSource.manager;
    const [ind] = await this.rows(m, { id });
    if (!ind) throw AppException.notFound('指标', PlanErrorCode.INDICATOR_NOT_FOUND);
    const today = zhanjiangDate();
    const current = await this.valueAt(m, ind, today);
    const base = { indicatorId: ind.id, code: ind.code, name: ind.name, unit: ind.unit, source: ind.source, computation: ind.computation, value: current.value, asOf: current.asOf };
    const sum = (rows: { amount: string }[]) => rows.reduce((t, r) => addDecimal(t, r.amount), '0.00');
    if (ind.source === IndicatorSource.REPORTED) {
      const rows = await m.query(
        `SELECT v.id, coalesce(v.evidence, '') AS label, o.name AS "organizationName", v.value::text AS amount, to_char(v.as_of, 'YYYY-MM-DD') AS date, v.report_id AS "reportId"
           FROM plan_indicator_values v LEFT JOIN organizations o ON o.id = v.organization_id WHERE v.indicator_id = $1 ORDER BY v.as_of DESC, v.created_at DESC`,
        [id],
      );
      return { ...base, kind: 'REPORTED_VALUES', total: null, rows };
    }
    switch (ind.computation) {
      case IndicatorComputation.FINANCING_DISBURSED: {
        const rows = await this.cases.disbursedCases(today, m);
        return { ...base, kind: 'DISBURSED_CASES', total: sum(rows), rows };
      }
      case IndicatorComputation.LIBRARY_PROJECTS: {
        const rows = (await this.projects.listedBy(today, m)).map((p) => ({ id: p.id, label: p.name, enterpriseName: p.enterpriseName, amount: '1.00', date: p.date }));
        return { ...base, kind: 'LISTED_PROJECTS', total: sum(rows), rows };
      }
      case IndicatorComputation.EVENTS_HELD: {
        const rows = (await this.events.heldInYear(today, m)).map((e) => ({
          id: e.id,
          label: `${e.title}（${EVENT_TYPE_LABELS[e.type as EventType] ?? e.type}）`,
          organizationName: e.organizerName,
          amount: '1.00',
          date: e.date,
        }));
        return { ...base, kind: 'HELD_EVENTS', total: sum(rows), rows };
      }
      default:
        return { ...base, kind: 'NONE', total: null, rows: [], note: '该指标由比率或机构资料计算，没有可列出的明细' };
    }
  }

  private checkTargets(targets: TargetDto[]) {
    const deadlines = targets.map((t) => t.deadline);
    if (new Set(deadlines).size !== deadlines.length) {
      throw AppException.badRequest('同一截止日期只能有一个目标', PlanErrorCode.TARGET_DEADLINE_DUPLICATE, [{ field: 'targets', messages: ['截止日期重复'] }]);
    }
  }

  private async insertTargets(m: EntityManager, indicatorId: string, targets: TargetDto[]) {
    for (const t of targets) {
      await m.query(`INSERT INTO plan_indicator_targets (indicator_id, comparison, value, deadline, note) VALUES ($1, $2, $3, $4, $5)`, [
        indicatorId,
        t.comparison,
        t.value,
        t.deadline,
        t.note ?? null,
      ]);
    }
  }

  create(actor: Actor, dto: CreateIndicatorDto) {
    if ((dto.source === IndicatorSource.COMPUTED) !== !!dto.computation) {
      throw AppException.badRequest('平台计算的指标须指定计算方式，单位报送的指标不能指定', PlanErrorCode.INDICATOR_COMPUTATION_INVALID, [{ field: 'computation', messages: ['与来源不符'] }]);
    }
    this.checkTargets(dto.targets);
    return this.dataSource.transaction(async (m) => {
      await this.assertTask(m, dto.taskId);
      const [row] = await m.query(
        `INSERT INTO plan_indicators (code, task_id, name, unit, source, computation, description) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (code) DO NOTHING RETURNING id`,
        [dto.code, dto.taskId, dto.name, dto.unit, dto.source, dto.computation ?? null, dto.description ?? null],
      );
      if (!row) throw AppException.conflict(`指标代码 ${dto.code} 已存在`, PlanErrorCode.INDICATOR_CODE_TAKEN);
      await this.insertTargets(m, row.id, dto.targets);
      await this.audit.record(m, actor, { action: 'plan_indicator.create', entityType: 'plan_indicator', entityId: row.id, after: dto });
      const [created] = await this.rows(m, { id: row.id });
      return this.view(m, created, zhanjiangDate(), false);
    });
  }

  /** Locks a live indicator for a change at the version the caller read. */
  private async lockLive(m: EntityManager, id: string, version: number) {
    const [before] = await m.query(`SELECT * FROM plan_indicators WHERE id = $1 FOR UPDATE`, [id]);
    if (!before) throw AppException.notFound('指标', PlanErrorCode.INDICATOR_NOT_FOUND);
    if (before.version !== version) throw AppException.conflict('指标已被他人修改，请刷新后重试', PlanErrorCode.INDICATOR_VERSION_CONFLICT, { currentVersion: before.version });
    if (before.archived_at) throw archivedConflict();
    return before;
  }

  private async assertTask(m: EntityManager, taskId: string) {
    const [task] = await m.query(`SELECT id FROM plan_tasks WHERE id = $1`, [taskId]);
    if (!task) throw AppException.notFound('重点任务', PlanErrorCode.TASK_NOT_FOUND);
  }

  update(actor: Actor, id: string, dto: UpdateIndicatorDto) {
    if (dto.targets) this.checkTargets(dto.targets);
    return this.dataSource.transaction(async (m) => {
      const before = await this.lockLive(m, id, dto.version);
      if (dto.taskId && dto.taskId !== before.task_id) await this.assertTask(m, dto.taskId);
      const beforeTargets = await m.query(`SELECT comparison, value::text AS value, to_char(deadline, 'YYYY-MM-DD') AS deadline, note FROM plan_indicator_targets WHERE indicator_id = $1`, [id]);
      await m.query(
        `UPDATE plan_indicators SET name = coalesce($2, name), unit = coalesce($3, unit), description = coalesce($4, description), task_id = coalesce($5, task_id),
                version = version + 1, updated_at = now() WHERE id = $1`,
        [id, dto.name ?? null, dto.unit ?? null, dto.description ?? null, dto.taskId ?? null],
      );
      if (dto.targets) {
        await m.query(`DELETE FROM plan_indicator_targets WHERE indicator_id = $1`, [id]);
        await this.insertTargets(m, id, dto.targets);
      }
      await this.audit.record(m, actor, { action: 'plan_indicator.update', entityType: 'plan_indicator', entityId: id, before: { ...before, targets: beforeTargets }, after: dto });
      const [row] = await this.rows(m, { id });
      return this.view(m, row, zhanjiangDate(), false);
    });
  }

  /** The bureau records a value of a reported indicator directly (value, date, evidence). */
  recordValue(actor: Actor, id: string, dto: IndicatorValueDto) {
    return this.dataSource.transaction(async (m) => {
      const [ind] = await m.query(`SELECT id, source, archived_at FROM plan_indicators WHERE id = $1`, [id]);
      if (!ind) throw AppException.notFound('指标', PlanErrorCode.INDICATOR_NOT_FOUND);
      if (ind.archived_at) throw archivedConflict();
      if (ind.source !== IndicatorSource.REPORTED) throw AppException.conflict('该指标由平台自动计算，不能手工填报', PlanErrorCode.INDICATOR_NOT_REPORTED);
      const [row] = await m.query(
        `INSERT INTO plan_indicator_values (indicator_id, value, as_of, evidence, organization_id, recorded_by_user_id) VALUES ($1, $2, $3, $4, $5, $6)
         RETURNING id, value::text AS value, to_char(as_of, 'YYYY-MM-DD') AS "asOf", evidence`,
        [id, dto.value, dto.asOf, dto.evidence, actor.organizationId, actor.userId],
      );
      await this.audit.record(m, actor, { action: 'plan_indicator.value', entityType: 'plan_indicator', entityId: id, after: row });
      return row;
    });
  }

  /**
   * The bureau deletes an indicator it no longer follows: it leaves the task views, the dashboard, the
   * export and the report forms; its targets and recorded values stay, and reports already made still
   * show them.
   */
  archive(actor: Actor, id: string, version: number) {
    return this.dataSource.transaction(async (m) => {
      const before = await this.lockLive(m, id, version);
      await m.query(`UPDATE plan_indicators SET archived_at = now(), version = version + 1, updated_at = now() WHERE id = $1`, [id]);
      await this.audit.record(m, actor, { action: 'plan_indicator.archive', entityType: 'plan_indicator', entityId: id, before });
      return { archived: id };
    });
  }
}
