import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { PlanTaskView, UnitRole, WorkItemStatus, type FormerName } from '@zj/shared';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit';
import type { Actor } from '../common/auth/actor';
import { AppException } from '../common/errors/app.exception';
import { CreateWorkItemDto, UpdateWorkItemDto, WorkListDto } from './dto/plan.dto';
import { PlanErrorCode } from './plan.errors';
import { combineStatuses } from './report-workflow';

const CHINESE_ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五', '十六', '十七', '十八', '十九', '二十'];
/** Advisory lock class of work-list creation (the second key is the year). */
const WORK_LIST_LOCK = 7261006;

/**
 * The work list a view shows when no year is asked: the latest year up to the current one (a list
 * made ahead for a later year does not take over), else the earliest later year, else this year.
 */
export function defaultWorkYear(years: number[], currentYear: number): number {
  const sorted = [...years].sort((a, b) => a - b);
  const past = sorted.filter((y) => y <= currentYear);
  return past.length ? past[past.length - 1] : (sorted[0] ?? currentYear);
}

export const chineseOrdinal = (n: number) => CHINESE_ORDINALS[n - 1] ?? String(n);

/** The seed's way of naming a task's units: '甲、乙牵头，丙、丁配合' or '甲、乙、丙按职责分工负责'. */
export function unitsText(units: { name: string; role: UnitRole }[]): string {
  const names = (role: UnitRole) => units.filter((u) => u.role === role).map((u) => u.name).join('、');
  if (units.some((u) => u.role === UnitRole.JOINT)) return `${names(UnitRole.JOINT)}按职责分工负责`;
  const coop = names(UnitRole.COOPERATING);
  return `${names(UnitRole.LEAD)}牵头${coop ? `，${coop}配合` : ''}`;
}

/**
 * The action plan as data: actions, tasks, key works, yearly work items and responsible units
 * (organisations, so a renamed unit keeps its tasks), with each task's status combined from the
 * latest accepted progress reports.
 */
@Injectable()
export class PlanService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Work item id → latest accepted status per reporting unit, combined across units. */
  async itemStatuses(m: EntityManager = this.dataSource.manager): Promise<Map<string, WorkItemStatus>> {
    const rows: { work_item_id: string; status: WorkItemStatus }[] = await m.query(
      `SELECT DISTINCT ON (r.organization_id, ri.work_item_id) ri.work_item_id, ri.status
         FROM plan_reports r JOIN plan_reporting_periods p ON p.id = r.period_id JOIN plan_report_items ri ON ri.report_id = r.id
        WHERE r.status = 'ACCEPTED'
        ORDER BY r.organization_id, ri.work_item_id, p.ends_on DESC, r.decided_at DESC`,
    );
    const byItem = new Map<string, WorkItemStatus[]>();
    for (const r of rows) byItem.set(r.work_item_id, [...(byItem.get(r.work_item_id) ?? []), r.status]);
    return new Map([...byItem].map(([id, s]) => [id, combineStatuses(s)]));
  }

  async tasks(opts: { year?: number } = {}, m: EntityManager = this.dataSource.manager): Promise<PlanTaskView[]> {
    const tasks: { id: string; number: number; action: number; action_title: string; title: string }[] = await m.query(
      `SELECT t.id, t.number, t.action_number AS action, a.title AS action_title, t.title FROM plan_tasks t JOIN plan_actions a ON a.number = t.action_number ORDER BY t.number`,
    );
    const keyWorks: { id: string; task_id: string; position: number; text: string }[] = await m.query(`SELECT id, task_id, position, text FROM plan_key_works ORDER BY task_id, position`);
    const items: { id: string; key_work_id: string; year: number; position: number; text: string; version: number }[] = await m.query(
      `SELECT id, key_work_id, year, position, text, version FROM plan_work_items
        WHERE archived_at IS NULL AND ($1::int IS NULL OR year = $1) ORDER BY year, position, created_at`,
      [opts.year ?? null],
    );
    const units: { task_id: string; role: UnitRole; name_in_seed: string | null; id: string; name: string; unit_code: string | null; former_names: FormerName[] }[] = await m.query(
      `SELECT tu.task_id, tu.role, tu.name_in_seed, o.id, o.name, o.unit_code, o.former_names
         FROM plan_task_units tu JOIN organizations o ON o.id = tu.organization_id ORDER BY tu.task_id, tu.position`,
    );
    const statuses = await this.itemStatuses(m);
    return tasks.map((t) => {
      const kws = keyWorks
        .filter((k) => k.task_id === t.id)
        .map((k) => ({
          id: k.id,
          position: k.position,
          text: k.text,
          workItems: items.filter((i) => i.key_work_id === k.id).map((i) => ({ id: i.id, year: i.year, keyWorkId: k.id, text: i.text, position: i.position, version: i.version })),
        }));
      const all = kws.flatMap((k) => k.workItems);
      return {
        id: t.id,
        number: t.number,
        action: t.action,
        actionTitle: t.action_title,
        title: t.title,
        keyWorks: kws,
        workItems: all.map((i) => i.text),
        units: units
          .filter((u) => u.task_id === t.id)
          .map((u) => ({ organizationId: u.id, name: u.name, nameInSeed: u.name_in_seed, formerNames: (u.former_names ?? []).map((f) => f.name), unitCode: u.unit_code, role: u.role })),
        status: combineStatuses(all.map((i) => statuses.get(i.id) ?? WorkItemStatus.NOT_STARTED)),
      };
    });
  }

  async task(id: string, year?: number) {
    const t = (await this.tasks({ year })).find((x) => x.id === id);
    if (!t) throw AppException.notFound('重点任务', PlanErrorCode.TASK_NOT_FOUND);
    return t;
  }

  async actions(m: EntityManager = this.dataSource.manager): Promise<{ number: number; title: string }[]> {
    return m.query(`SELECT number, title FROM plan_actions ORDER BY number`);
  }

  async years(m: EntityManager = this.dataSource.manager): Promise<number[]> {
    const rows = await m.query(`SELECT DISTINCT year FROM plan_work_items WHERE archived_at IS NULL ORDER BY year`);
    return rows.map((r: { year: number }) => r.year);
  }

  private async insertItem(m: EntityManager, keyWorkId: string, year: number, text: string, actor: Actor) {
    const [kw] = await m.query(`SELECT id FROM plan_key_works WHERE id = $1 FOR UPDATE`, [keyWorkId]);
    if (!kw) throw AppException.notFound('重点工作', PlanErrorCode.KEY_WORK_NOT_FOUND);
    const [row] = await m.query(
      `INSERT INTO plan_work_items (key_work_id, year, position, text, created_by_user_id)
       SELECT $1, $2, coalesce(max(position), 0) + 1, $3, $4 FROM plan_work_items WHERE key_work_id = $1 AND year = $2
       RETURNING id, key_work_id AS "keyWorkId", year, position, text, version`,
      [keyWorkId, year, text, actor.userId],
    );
    return row;
  }

  addWorkItem(actor: Actor, dto: CreateWorkItemDto) {
    return this.dataSource.transaction(async (m) => {
      const row = await this.insertItem(m, dto.keyWorkId, dto.year, dto.text, actor);
      await this.audit.record(m, actor, { action: 'plan_work_item.create', entityType: 'plan_work_item', entityId: row.id, after: row });
      return row;
    });
  }

  /**
   * A later year's work list, all items at once. A year has one list: once it exists, items are
   * added, edited or withdrawn one by one (409 otherwise, so a repeated submit cannot double it).
   */
  addWorkList(actor: Actor, dto: WorkListDto) {
    return this.dataSource.transaction(async (m) => {
      // One creator of a year's list at a time.
      await m.query('SELECT pg_advisory_xact_lock($1, $2)', [WORK_LIST_LOCK, dto.year]);
      const [existing] = await m.query(`SELECT count(*)::int AS n FROM plan_work_items WHERE year = $1 AND archived_at IS NULL`, [dto.year]);
      if (existing.n > 0) {
        throw AppException.conflict(`${dto.year}年工作清单已存在（${existing.n}项），请在清单中逐项新增或修改`, PlanErrorCode.WORK_LIST_EXISTS, { year: dto.year, items: existing.n });
      }
      const created = [];
      for (const it of dto.items) created.push(await this.insertItem(m, it.keyWorkId, dto.year, it.text, actor));
      await this.audit.record(m, actor, { action: 'plan_work_list.create', entityType: 'plan_work_list', entityId: String(dto.year), after: created });
      return { year: dto.year, items: created };
    });
  }

  private async lockItem(m: EntityManager, id: string, version: number) {
    const [row] = await m.query(`SELECT id, key_work_id AS "keyWorkId", year, position, text, version, archived_at AS "archivedAt" FROM plan_work_items WHERE id = $1 FOR UPDATE`, [id]);
    if (!row || row.archivedAt) throw AppException.notFound('工作事项', PlanErrorCode.WORK_ITEM_NOT_FOUND);
    if (row.version !== version) throw AppException.conflict('工作事项已被他人修改，请刷新后重试', PlanErrorCode.WORK_ITEM_VERSION_CONFLICT, { currentVersion: row.version });
    return row;
  }

  updateWorkItem(actor: Actor, id: string, dto: UpdateWorkItemDto) {
    return this.dataSource.transaction(async (m) => {
      const before = await this.lockItem(m, id, dto.version);
      // An UPDATE … RETURNING answers [rows, count].
      const [[after]] = await m.query(
        `UPDATE plan_work_items SET text = $2, version = version + 1, updated_at = now() WHERE id = $1 RETURNING id, key_work_id AS "keyWorkId", year, position, text, version`,
        [id, dto.text],
      );
      await this.audit.record(m, actor, { action: 'plan_work_item.update', entityType: 'plan_work_item', entityId: id, before, after });
      return after;
    });
  }

  /** Archived, not deleted: reports that covered it keep it. */
  archiveWorkItem(actor: Actor, id: string, version: number) {
    return this.dataSource.transaction(async (m) => {
      const before = await this.lockItem(m, id, version);
      await m.query(`UPDATE plan_work_items SET archived_at = now(), version = version + 1, updated_at = now() WHERE id = $1`, [id]);
      await this.audit.record(m, actor, { action: 'plan_work_item.archive', entityType: 'plan_work_item', entityId: id, before });
      return { archived: id };
    });
  }
}
