import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { EventStatus, NotificationType, OrgType, Role } from '@zj/shared';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../common/auth/actor';
import { AppException } from '../common/errors/app.exception';
import { paginate } from '../common/http/pagination';
import { shanghaiDateTime } from '../notifications/notices';
import { NotificationsService } from '../notifications/notifications.service';
import { CreateEventDto, EventStatusDto, ListEventsQuery, UpdateEventDto } from './dto/event.dto';
import { MatchmakingEvent } from './event.entity';
import { isLive } from './event-status';
import { EventErrorCode } from './events.errors';

/** Reminders before an event starts: a day and an hour ahead (keys `event.<id>.<name>`). */
export const EVENT_REMINDERS = [
  { name: 'day-before', beforeMs: 24 * 3600_000, when: '明天' },
  { name: 'hour-before', beforeMs: 3600_000, when: '一小时后' },
] as const;

export const eventReminderPrefix = (eventId: string) => `event.${eventId}.`;

/** An invited organisation as the events API shows it. */
export interface EventInvitee {
  id: string;
  name: string;
  type: OrgType;
}

/** Who sees the whole invitee list: the bureau, which runs the events. */
const seesAllInvitees = (actor: Actor) => actor.role === Role.BUREAU;

/**
 * The bureau's events (宣讲 / 推介 / 对接会): planned, then held or cancelled. Events are visible to
 * every signed-in user. Invited organisations' users get the invitation (EVENT_INVITATION) and
 * reminders a day and an hour before the start (EVENT_REMINDER); rescheduling moves the reminders,
 * cancelling (or marking held) removes them. Attendance comes later.
 */
@Injectable()
export class EventsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
  ) {}

  private async invitees(m: EntityManager, eventId: string): Promise<string[]> {
    return (await m.query(`SELECT organization_id FROM event_invitations WHERE event_id = $1 ORDER BY invited_at, organization_id`, [eventId])).map((r: { organization_id: string }) => r.organization_id);
  }

  private view(e: MatchmakingEvent, invitedOrganizationIds: string[]) {
    return { ...e, invitedOrganizationIds };
  }

  /**
   * The event as the caller reads it: the bureau sees every invitee (id, name, type); any other
   * caller sees only whether their own organisation is invited (`invitedMe`, and their own
   * organisation in `invitees`) and how many are (`inviteeCount`).
   */
  private async readView(m: EntityManager, actor: Actor, e: MatchmakingEvent) {
    const all: EventInvitee[] = await m.query(
      `SELECT o.id, o.name, o.type FROM event_invitations i JOIN organizations o ON o.id = i.organization_id WHERE i.event_id = $1 ORDER BY i.invited_at, i.organization_id`,
      [e.id],
    );
    const visible = seesAllInvitees(actor) ? all : all.filter((o) => o.id === actor.organizationId);
    return {
      ...this.view(e, visible.map((o) => o.id)),
      invitees: visible,
      inviteeCount: all.length,
      invitedMe: all.some((o) => o.id === actor.organizationId),
    };
  }

  /** Replaces the invited organisations; answers those newly invited. 400 for an unknown organisation. */
  private async setInvitees(m: EntityManager, eventId: string, ids: string[]): Promise<string[]> {
    const wanted = [...new Set(ids)];
    const found: { id: string }[] = wanted.length ? await m.query(`SELECT id FROM organizations WHERE id = ANY($1::uuid[])`, [wanted]) : [];
    if (found.length !== wanted.length) {
      throw AppException.badRequest('受邀机构不存在', EventErrorCode.INVITEE_INVALID, [{ field: 'invitedOrganizationIds', messages: ['含有不存在的机构'] }]);
    }
    await m.query(`DELETE FROM event_invitations WHERE event_id = $1 AND NOT (organization_id = ANY($2::uuid[]))`, [eventId, wanted]);
    const added: { organization_id: string }[] = wanted.length
      ? await m.query(
          `INSERT INTO event_invitations (event_id, organization_id) SELECT $1, x FROM unnest($2::uuid[]) AS x ON CONFLICT DO NOTHING RETURNING organization_id`,
          [eventId, wanted],
        )
      : [];
    return added.map((r) => r.organization_id);
  }

  /**
   * The event's notices, inside its transaction: the invitation to the newly invited, and the
   * reminders (a day and an hour before) to every invitee — scheduled again under the same keys, so
   * a new start time or invitee list MOVES them; a reminder whose time has passed is cancelled.
   */
  private async eventNotices(m: EntityManager, e: MatchmakingEvent, newlyInvited: string[], invitees: string[]) {
    const vars = { eventTitle: e.title, startsAt: shanghaiDateTime(e.startsAt), venue: e.venue };
    const link = `/events/${e.id}`;
    if (newlyInvited.length) await this.notifications.notify(m, { type: NotificationType.EVENT_INVITATION, to: { organizations: newlyInvited }, vars, link });
    for (const r of EVENT_REMINDERS) {
      const key = `${eventReminderPrefix(e.id)}${r.name}`;
      const at = new Date(e.startsAt.getTime() - r.beforeMs);
      if (!invitees.length || !isLive(e) || e.status === EventStatus.IN_PROGRESS || at.getTime() <= Date.now()) {
        await this.notifications.cancelReminder(m, key);
        continue;
      }
      await this.notifications.scheduleReminder(m, {
        key,
        type: NotificationType.EVENT_REMINDER,
        at,
        to: { organizations: invitees },
        vars: { ...vars, when: r.when },
        link,
        subject: { type: 'event', id: e.id },
      });
    }
  }

  /** Each row carries how many organisations are invited and whether the caller's is (`invited=true`: only those). */
  async list(actor: Actor, query: ListEventsQuery) {
    const qb = this.dataSource.getRepository(MatchmakingEvent).createQueryBuilder('e');
    if (query.type) qb.andWhere('e.type = :type', { type: query.type });
    if (query.status) qb.andWhere('e.status = :status', { status: query.status });
    if (query.year) qb.andWhere(`extract(year FROM e.starts_at AT TIME ZONE 'Asia/Shanghai') = :year`, { year: query.year });
    if (query.invited !== undefined) {
      const invited = 'EXISTS (SELECT 1 FROM event_invitations ei WHERE ei.event_id = e.id AND ei.organization_id = :callerOrg)';
      qb.andWhere(query.invited ? invited : `NOT ${invited}`, { callerOrg: actor.organizationId });
    }
    const page = await paginate(qb, query, { startsAt: 'e.starts_at', createdAt: 'e.created_at', title: 'e.title' }, '-startsAt');
    const ids = page.items.map((e) => e.id);
    const counts: { event_id: string; n: number; mine: boolean }[] = ids.length
      ? await this.dataSource.query(
          `SELECT event_id, count(*)::int AS n, bool_or(organization_id = $2) AS mine FROM event_invitations WHERE event_id = ANY($1::uuid[]) GROUP BY event_id`,
          [ids, actor.organizationId],
        )
      : [];
    const byEvent = new Map(counts.map((c) => [c.event_id, c]));
    return { ...page, items: page.items.map((e) => ({ ...e, inviteeCount: Number(byEvent.get(e.id)?.n ?? 0), invitedMe: byEvent.get(e.id)?.mine === true })) };
  }

  async get(actor: Actor, id: string) {
    const e = await this.dataSource.getRepository(MatchmakingEvent).findOneBy({ id });
    if (!e) throw AppException.notFound('活动', EventErrorCode.NOT_FOUND);
    return this.readView(this.dataSource.manager, actor, e);
  }

  create(actor: Actor, dto: CreateEventDto) {
    return this.dataSource.transaction(async (m) => {
      const saved = await m.save(
        m.create(MatchmakingEvent, {
          type: dto.type,
          title: dto.title,
          startsAt: new Date(dto.startsAt),
          venue: dto.venue,
          description: dto.description ?? null,
          organizerOrgId: actor.organizationId,
          createdByUserId: actor.userId,
        }),
      );
      const invited = await this.setInvitees(m, saved.id, dto.invitedOrganizationIds ?? []);
      await this.audit.record(m, actor, { action: 'event.create', entityType: 'event', entityId: saved.id, after: this.view(saved, invited) });
      await this.eventNotices(m, saved, invited, invited);
      return this.readView(m, actor, saved);
    });
  }

  update(actor: Actor, id: string, dto: UpdateEventDto) {
    return this.dataSource.transaction(async (m) => {
      const e = await this.lock(m, id, dto.version);
      if (!isLive(e) && e.status !== EventStatus.DRAFT) throw AppException.conflict('只能修改未结束的活动', EventErrorCode.STATE_CONFLICT);
      const before = this.view({ ...e }, await this.invitees(m, id));
      if (dto.type !== undefined) e.type = dto.type;
      if (dto.title !== undefined) e.title = dto.title;
      if (dto.startsAt !== undefined) e.startsAt = new Date(dto.startsAt);
      if (dto.venue !== undefined) e.venue = dto.venue;
      if (dto.description !== undefined) e.description = dto.description;
      e.version += 1;
      const saved = await m.save(e);
      const added = dto.invitedOrganizationIds !== undefined ? await this.setInvitees(m, id, dto.invitedOrganizationIds) : [];
      const invitees = await this.invitees(m, id);
      await this.audit.record(m, actor, { action: 'event.update', entityType: 'event', entityId: id, before, after: this.view(saved, invitees) });
      const moved = saved.startsAt.getTime() !== before.startsAt.getTime() || saved.title !== before.title || saved.venue !== before.venue;
      if (moved || dto.invitedOrganizationIds !== undefined) await this.eventNotices(m, saved, added, invitees);
      return this.readView(m, actor, saved);
    });
  }

  /** Held (only once it has started) or cancelled; both are final. */
  setStatus(actor: Actor, id: string, dto: EventStatusDto) {
    return this.dataSource.transaction(async (m) => {
      const e = await this.lock(m, id, dto.version);
      if (!isLive(e) && e.status !== EventStatus.DRAFT) throw AppException.conflict('活动已举办或已取消', EventErrorCode.STATE_CONFLICT);
      if (dto.status === EventStatus.HELD && e.startsAt.getTime() > Date.now()) {
        throw new AppException(EventErrorCode.NOT_YET_STARTED, '活动尚未开始，不能标记为已举办', HttpStatus.CONFLICT);
      }
      const before = { ...e };
      e.status = dto.status;
      e.statusNote = dto.note ?? null;
      e.version += 1;
      const saved = await m.save(e);
      await this.audit.record(m, actor, { action: dto.status === EventStatus.HELD ? 'event.held' : 'event.cancel', entityType: 'event', entityId: id, before, after: saved });
      // Held or cancelled: no reminder fires for it any more.
      await this.notifications.cancelReminders(m, eventReminderPrefix(id));
      return this.readView(m, actor, saved);
    });
  }

  private async lock(m: EntityManager, id: string, version: number) {
    const e = await m.findOne(MatchmakingEvent, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!e) throw AppException.notFound('活动', EventErrorCode.NOT_FOUND);
    if (e.version !== version) throw AppException.conflict('活动已被他人修改，请刷新后重试', EventErrorCode.VERSION_CONFLICT, { currentVersion: e.version });
    return e;
  }
}
