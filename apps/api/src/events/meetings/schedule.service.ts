import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  CommonErrorCode,
  MeetingPriority,
  MeetingRequestStatus,
  MeetingStatus,
  NotificationType,
  RegistrationStatus,
  ScheduleRunStatus,
  ScheduleView,
} from '@zj/shared';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '../../audit';
import type { Actor } from '../../common/auth/actor';
import { AppException } from '../../common/errors/app.exception';
import { zhanjiangDateTime } from '../../common/time';
import { NotificationsService } from '../../notifications';
import { type TypedQueue, typedQueue, QueueBackend } from '../../queue';
import { MatchmakingEvent } from '../event.entity';
import { assertMatchmaking, findEvent } from '../event-guards';
import { isLive } from '../event-status';
import { EventErrorCode } from '../events.errors';
import { SolveScheduleDto } from './dto/meetings.dto';
import { EventMeeting, MeetingRequest, ScheduleRun } from './meeting.entities';
import { agendaLine } from './meeting-rules';
import { meetingViews } from './meeting-view';
import { SCHEDULE_QUEUE, scheduleJobId, STALE_RUN_GRACE_MS } from './schedule.processor';
import { hasUnpublishedChanges, participantsOf, slotsOf, slotView } from './schedule-data';

export const DEFAULT_TIME_LIMIT_SECONDS = 10;

/**
 * The bureau's schedule of a 对接会: start a solve (a queued job the worker runs), read the schedule
 * with the latest run's figures, clear it before publication, and publish it — every participant
 * with a meeting (or a change since the last publication) gets their agenda, and from then on sees
 * it on the platform and as an .ics file.
 */
@Injectable()
export class ScheduleService {
  private readonly logger = new Logger(ScheduleService.name);
  private queue?: TypedQueue<typeof SCHEDULE_QUEUE>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    @Inject(QueueBackend) private readonly backend: QueueBackend,
  ) {}

  private async scheduleQueue(): Promise<TypedQueue<typeof SCHEDULE_QUEUE>> {
    await this.backend.ready();
    this.queue ??= typedQueue(this.backend, SCHEDULE_QUEUE, {
      failFast: true,
      defaultJobOptions: { attempts: 1, removeOnComplete: { age: 24 * 3600 }, removeOnFail: { age: 7 * 24 * 3600 } },
    });
    return this.queue;
  }

  private assertEditable(e: MatchmakingEvent) {
    assertMatchmaking(e);
    if (!isLive(e)) throw AppException.conflict('活动未发布或已结束，不能排期', EventErrorCode.STATE_CONFLICT);
  }

  /** A QUEUED or RUNNING run of the event that is not stale; a stale one (its worker died) is marked FAILED. */
  private async activeRun(m: EntityManager, eventId: string): Promise<ScheduleRun | null> {
    const runs = await m.find(ScheduleRun, { where: { eventId, status: In([ScheduleRunStatus.QUEUED, ScheduleRunStatus.RUNNING]) } });
    let active: ScheduleRun | null = null;
    for (const r of runs) {
      if (Date.now() - r.createdAt.getTime() > r.timeLimitSeconds * 1000 + STALE_RUN_GRACE_MS) {
        await m.update(ScheduleRun, { id: r.id }, { status: ScheduleRunStatus.FAILED, error: '求解超时未完成（排期服务未响应），已作废', finishedAt: new Date() });
      } else active = r;
    }
    return active;
  }

  /** POST /events/:id/schedule → 202 {runId, status: QUEUED}. */
  async solve(actor: Actor, eventId: string, dto: SolveScheduleDto): Promise<{ runId: string; status: ScheduleRunStatus }> {
    const run = await this.dataSource.transaction(async (m) => {
      const e = await findEvent(m, eventId, { lock: true });
      this.assertEditable(e);
      const slots = await slotsOf(m, eventId);
      if (!slots.length) throw AppException.conflict('请先设置一对一会谈的时段', EventErrorCode.NO_SLOTS);
      const active = await this.activeRun(m, eventId);
      if (active) throw AppException.conflict('排期正在进行，请等待本次求解完成', EventErrorCode.SCHEDULE_RUNNING, { runId: active.id, status: active.status });
      const saved = await m.save(
        m.create(ScheduleRun, { eventId, status: ScheduleRunStatus.QUEUED, timeLimitSeconds: dto.timeLimitSeconds ?? DEFAULT_TIME_LIMIT_SECONDS, requestedByUserId: actor.userId }),
      );
      await this.audit.record(m, actor, { action: 'event.schedule.solve', entityType: 'event', entityId: eventId, after: { runId: saved.id, timeLimitSeconds: saved.timeLimitSeconds } });
      return saved;
    });
    try {
      const q = await this.scheduleQueue();
      await q.add('solve', { runId: run.id }, { jobId: scheduleJobId(run.id) });
    } catch (e) {
      this.logger.warn({ msg: 'schedule job not queued', runId: run.id, error: (e as Error).message });
      await this.dataSource.getRepository(ScheduleRun).update({ id: run.id }, { status: ScheduleRunStatus.FAILED, error: '排期任务未能提交到队列，请稍后重试', finishedAt: new Date() });
      throw new AppException(CommonErrorCode.INTERNAL, '排期服务暂不可用，请稍后重试', HttpStatus.SERVICE_UNAVAILABLE);
    }
    return { runId: run.id, status: ScheduleRunStatus.QUEUED };
  }

  /** GET /events/:id/schedule (bureau): the ScheduleView. */
  async view(eventId: string, m: EntityManager = this.dataSource.manager): Promise<ScheduleView> {
    const e = await findEvent(m, eventId);
    assertMatchmaking(e);
    const run = await m.findOne(ScheduleRun, { where: { eventId }, order: { createdAt: 'DESC' } });
    const meetings = await meetingViews(m, eventId);
    const slots = await slotsOf(m, eventId);
    const participants = await participantsOf(m, eventId);
    const meetingBanks = new Set(meetings.map((x) => x.bankOrganizationId));
    const banks = participants
      .filter((p) => p.side === 'BANK' && (p.status === RegistrationStatus.REGISTERED || meetingBanks.has(p.organizationId)))
      .map((p) => ({ organizationId: p.organizationId, name: p.name, desks: p.desks, officers: p.officers }));
    // Not placed, as the latest run said, less the pairs that have a meeting since (a hand edit, a walk-in).
    const notPlaced: ScheduleView['notPlaced'] = [];
    if (run?.notPlaced.length) {
      const requests = await m.find(MeetingRequest, { where: { id: In(run.notPlaced.map((n) => n.requestId)) } });
      const byId = new Map(requests.map((r) => [r.id, r]));
      const pairs = await m.find(MeetingRequest, { where: { eventId, status: MeetingRequestStatus.ACCEPTED } });
      const met = new Set(meetings.map((x) => `${x.enterpriseOrganizationId}/${x.bankOrganizationId}`));
      const names = new Map(participants.map((p) => [p.organizationId, p.name]));
      for (const n of run.notPlaced) {
        const r = byId.get(n.requestId);
        if (!r || r.status !== MeetingRequestStatus.ACCEPTED || met.has(`${r.enterpriseOrgId}/${r.bankOrgId}`)) continue;
        const must = pairs.some((p) => p.enterpriseOrgId === r.enterpriseOrgId && p.bankOrgId === r.bankOrgId && p.priority === MeetingPriority.MUST);
        notPlaced.push({ requestId: r.id, reason: n.reason, enterpriseName: names.get(r.enterpriseOrgId) ?? '', bankName: names.get(r.bankOrgId) ?? '', priority: must ? MeetingPriority.MUST : MeetingPriority.NICE });
      }
    }
    const done = run?.status === ScheduleRunStatus.DONE;
    return {
      status: run?.status ?? ScheduleRunStatus.NONE,
      runId: run?.id ?? null,
      method: done ? run.method : null,
      meetings,
      notPlaced,
      objective: done ? run.objective : null,
      bound: done ? run.bound : null,
      quality: done && run.quality !== null ? Number(run.quality) : null,
      optimal: done ? run.optimal : false,
      solveMs: done ? run.solveMs : null,
      error: run?.error ?? null,
      unpublishedChanges: await hasUnpublishedChanges(m, eventId),
      publishedAt: e.schedulePublishedAt ? e.schedulePublishedAt.toISOString() : null,
      slots: slots.map(slotView),
      banks,
    };
  }

  /**
   * DELETE /events/:id/schedule (bureau): clears a schedule that has never been published — every
   * meeting of the event and the solver runs are removed (nobody was told of them), so the slots can
   * be replaced. Once published, the schedule is changed by hand or re-solved instead (409).
   */
  async clear(actor: Actor, eventId: string): Promise<ScheduleView> {
    await this.dataSource.transaction(async (m) => {
      const e = await findEvent(m, eventId, { lock: true });
      this.assertEditable(e);
      if (e.schedulePublishedAt) throw AppException.conflict('日程已发布，不能清空；请手工调整或重新排期', EventErrorCode.STATE_CONFLICT);
      const active = await this.activeRun(m, eventId);
      if (active) throw AppException.conflict('排期正在进行，请等待本次求解完成', EventErrorCode.SCHEDULE_RUNNING, { runId: active.id });
      const meetings = await m.find(EventMeeting, { where: { eventId } });
      if (meetings.some((x) => x.publishedSequence !== null || x.held !== null)) throw AppException.conflict('已有会谈发布或登记了结果，不能清空', EventErrorCode.STATE_CONFLICT);
      const [{ count }] = await m.query(`SELECT count(*)::int AS count FROM event_intents WHERE meeting_id = ANY($1::uuid[])`, [meetings.map((x) => x.id)]);
      if (count > 0) throw AppException.conflict('已有会谈签订了意向，不能清空', EventErrorCode.STATE_CONFLICT);
      await m.delete(EventMeeting, { eventId });
      await m.delete(ScheduleRun, { eventId });
      await this.audit.record(m, actor, { action: 'event.schedule.clear', entityType: 'event', entityId: eventId, before: { meetings: meetings.map((x) => x.id) } });
    });
    return this.view(eventId);
  }

  /**
   * POST /events/:id/schedule/publish (bureau): every scheduled meeting, and every cancelled one
   * that had been published, is marked sent at its current SEQUENCE; each organisation with a
   * change since the last publication (on the first one: every organisation with a meeting) gets
   * EVENT_AGENDA with its whole agenda.
   */
  async publish(actor: Actor, eventId: string): Promise<ScheduleView> {
    await this.dataSource.transaction(async (m) => {
      const e = await findEvent(m, eventId, { lock: true });
      this.assertEditable(e);
      const active = await this.activeRun(m, eventId);
      if (active) throw AppException.conflict('排期正在进行，请等待本次求解完成后再发布', EventErrorCode.SCHEDULE_RUNNING, { runId: active.id });
      const all = await m.find(EventMeeting, { where: { eventId } });
      const sent = all.filter((x) => x.status === MeetingStatus.SCHEDULED || x.publishedSequence !== null);
      const changed = sent.filter((x) => x.publishedSequence === null || x.publishedSequence !== x.sequence);
      const toTell = new Set(changed.flatMap((x) => [x.enterpriseOrgId, x.bankOrgId]));
      for (const x of changed) await m.update(EventMeeting, { id: x.id }, { publishedSequence: x.sequence });
      const before = { schedulePublishedAt: e.schedulePublishedAt };
      e.schedulePublishedAt = new Date();
      e.version += 1;
      await m.save(e);
      await this.audit.record(m, actor, {
        action: 'event.schedule.publish',
        entityType: 'event',
        entityId: eventId,
        before,
        after: { schedulePublishedAt: e.schedulePublishedAt, meetings: sent.filter((x) => x.status === MeetingStatus.SCHEDULED).length, changed: changed.map((x) => x.id), told: [...toTell] },
      });
      if (!toTell.size) return;
      const views = await meetingViews(m, eventId, { includeCancelled: true });
      const sentIds = new Set(sent.map((x) => x.id));
      for (const orgId of toTell) {
        const mine = views.filter((v) => sentIds.has(v.id) && (v.enterpriseOrganizationId === orgId || v.bankOrganizationId === orgId));
        const scheduled = mine.filter((v) => v.status === MeetingStatus.SCHEDULED);
        const lines = mine.map((v) =>
          agendaLine({
            startsAt: new Date(v.startsAt),
            endsAt: new Date(v.endsAt),
            desk: v.desk,
            counterpartName: v.enterpriseOrganizationId === orgId ? v.bankName : v.enterpriseName,
            cancelled: v.status === MeetingStatus.CANCELLED,
          }),
        );
        await this.notifications.notify(m, {
          type: NotificationType.EVENT_AGENDA,
          to: { organizations: [orgId] },
          vars: { eventTitle: e.title, startsAt: zhanjiangDateTime(e.startsAt), venue: e.venue, count: scheduled.length, agenda: lines.length ? lines.join('\n') : '（暂无会谈安排）' },
          link: `/events/${eventId}/agenda`,
        });
      }
    });
    return this.view(eventId);
  }
}
