import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CalendarDayKind, CalendarDayView } from '@zj/shared';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit';
import type { Actor } from '../common/auth/actor';
import { AppException } from '../common/errors/app.exception';
import { zhanjiangDate } from '../common/time';
import { WorkCalendarDay } from './work-calendar-day.entity';
import { WorkCalendarErrorCode } from './work-calendar.errors';
import { addWorkingDays, CalendarOverrides, isWeekend, workingDaysBetween } from './working-days';

/** The administrator-maintained calendar of public holidays and adjusted working days, and deadlines on it. */
@Injectable()
export class WorkCalendarService {
  /** The calendar changes a few times a year; a short cache keeps deadline maths off the database. */
  private cache: { at: number; overrides: CalendarOverrides } | null = null;
  private static readonly CACHE_MS = 30_000;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async overrides(m?: EntityManager): Promise<CalendarOverrides> {
    if (!m && this.cache && Date.now() - this.cache.at < WorkCalendarService.CACHE_MS) return this.cache.overrides;
    const rows: { date: string; kind: CalendarDayKind }[] = await (m ?? this.dataSource).query(`SELECT to_char(date, 'YYYY-MM-DD') AS date, kind FROM work_calendar_days`);
    const overrides = new Map(rows.map((r) => [r.date, r.kind]));
    if (!m) this.cache = { at: Date.now(), overrides };
    return overrides;
  }

  /** The deadline of something due within `n` working days of `at` (the date in Zhanjiang). */
  async dueDate(at: Date, n: number, m?: EntityManager): Promise<string> {
    return addWorkingDays(zhanjiangDate(at), n, await this.overrides(m));
  }

  async workingDaysLeft(dueOn: string, today = zhanjiangDate()): Promise<number> {
    return workingDaysBetween(today, dueOn, await this.overrides());
  }

  async list(year?: number): Promise<CalendarDayView[]> {
    const qb = this.dataSource.getRepository(WorkCalendarDay).createQueryBuilder('d').orderBy('d.date', 'ASC');
    if (year) qb.where(`d.date >= :from AND d.date <= :to`, { from: `${year}-01-01`, to: `${year}-12-31` });
    const rows = await qb.getMany();
    return rows.map((r) => ({ date: r.date, kind: r.kind, name: r.name }));
  }

  async put(actor: Actor, date: string, dto: { kind: CalendarDayKind; name: string }): Promise<CalendarDayView> {
    // A holiday on a weekend or a working day on a weekday changes nothing: refuse it so the calendar stays meaningful.
    if (dto.kind === CalendarDayKind.WORKDAY && !isWeekend(date)) {
      throw AppException.badRequest('调休上班日应为周六或周日', WorkCalendarErrorCode.KIND_MISMATCH, [{ field: 'kind', messages: ['工作日本来就上班'] }]);
    }
    return this.dataSource.transaction(async (m) => {
      const before = await m.findOne(WorkCalendarDay, { where: { date }, lock: { mode: 'pessimistic_write' } });
      await m.query(
        `INSERT INTO work_calendar_days (date, kind, name, updated_by_user_id, updated_at) VALUES ($1, $2, $3, $4, now())
         ON CONFLICT (date) DO UPDATE SET kind = EXCLUDED.kind, name = EXCLUDED.name, updated_by_user_id = EXCLUDED.updated_by_user_id, updated_at = now()`,
        [date, dto.kind, dto.name, actor.userId],
      );
      const after = { date, kind: dto.kind, name: dto.name };
      await this.audit.record(m, actor, { action: 'work_calendar.put', entityType: 'work_calendar_day', entityId: null, before, after });
      this.cache = null;
      return after;
    });
  }

  async remove(actor: Actor, date: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const before = await m.findOne(WorkCalendarDay, { where: { date }, lock: { mode: 'pessimistic_write' } });
      if (!before) throw AppException.notFound('日历日期', WorkCalendarErrorCode.DAY_NOT_FOUND);
      await m.delete(WorkCalendarDay, { date });
      await this.audit.record(m, actor, { action: 'work_calendar.delete', entityType: 'work_calendar_day', entityId: null, before });
      this.cache = null;
    });
  }
}
