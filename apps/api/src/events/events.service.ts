import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  CommonErrorCode,
  EventDetailView,
  EventOrgRef,
  EventStatus,
  type EventType,
  EventView,
  LIVE_EVENT_STATUSES,
  NotificationType,
  OrgType,
  RegistrationStatus,
  Role,
} from '@zj/shared';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit';
import type { Actor } from '../common/auth/actor';
import { AppException } from '../common/errors/app.exception';
import { validationMessage } from '../common/errors/validation';
import { paginate } from '../common/http/pagination';
import { zhanjiangDateTime } from '../common/time';
import { NotificationsService } from '../notifications';
import { CreateEventDto, EventStatusDto, ListEventsQuery, UpdateEventDto } from './dto/event.dto';
import { MatchmakingEvent } from './event.entity';
import { assertStep, orgNames } from './event-guards';
import { eventLink, eventReminderPrefix, EVENT_REMINDERS, sendInvitations, syncEventReminders } from './event-reminders';
import { startMoveProblem } from './event-held-rules';
import { eventTimeProblems, normalizeAgenda } from './event-rules';
import { effectiveStatus, isLive } from './event-status';
import { EventErrorCode } from './events.errors';
import { LIVE_REGISTRATION_STATUSES } from './registrations/registration-rules';
import { RegistrationsService } from './registrations/registrations.service';

export { EVENT_REMINDERS, eventReminderPrefix };

/** An invited organisation as the events API shows it. */
export interface EventInvitee {
  id: string;
  name: string;
  type: OrgType;
}

/** Who sees the whole invitee list and every registration: the bureau, which runs the events. */
const isBureau = (actor: Actor) => actor.role === Role.BUREAU;

/** Drafts are seen by the bureau and the units organising the event with it. */
const seesDraft = (actor: Actor, e: MatchmakingEvent) => isBureau(actor) || e.coOrganizerOrgIds.includes(actor.organizationId);

/** Organisations that may co-organise an event: government units (人民银行, 金融监管分局, departments) and counties. */
const CO_ORGANIZER_TYPES: readonly string[] = [OrgType.GOVERNMENT_UNIT, OrgType.COUNTY];

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Held in the calendar year of the date `$1` up to its end (Zhanjiang); `e` is the event. */
const HELD_IN_YEAR_SQL = `e.status = 'HELD' AND e.starts_at < (($1::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')
          AND e.starts_at >= (make_date(extract(year FROM $1::date)::int, 1, 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`;

/**
 * The bureau's events (宣讲 / 推介 / 对接会): 草稿 → 已发布（报名中）→ 报名截止 → 进行中 → 已结束, or
 * 已取消 (event-status.ts). A draft is seen by the bureau and its co-organisers only; a published event
 * by every signed-in user. Invited organisations are told when the event is published (or when
 * invited later), and reminded — with the registered organisations — a day and an hour before the
 * start; rescheduling moves the reminders, starting, holding or cancelling removes them. Cancelling
 * tells the registered organisations. Registrations, meetings and outcomes live in the sub-folders.
 */
@Injectable()
export class EventsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly registrations: RegistrationsService,
  ) {}

  /**
   * The events held in the calendar year of `asOf` up to its end (Zhanjiang): the rows behind the
   * plan's EVENTS_HELD indicator (title, type, organiser, the day it started). `heldInYearByType`
   * counts the same rows (HELD_IN_YEAR_SQL, one definition).
   */
  heldInYear(asOf: string, m: EntityManager = this.dataSource.manager): Promise<{ id: string; title: string; type: string; organizerName: string | null; date: string }[]> {
    return m.query(
      `SELECT e.id, e.title, e.type, o.name AS "organizerName", to_char(e.starts_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS date
         FROM events e LEFT JOIN organizations o ON o.id = e.organizer_org_id
        WHERE ${HELD_IN_YEAR_SQL}
        ORDER BY e.starts_at DESC, e.id`,
      [asOf],
    );
  }

  /** How many events `heldInYear` lists, by type (types without one left out): the plan's EVENTS_HELD figure. */
  heldInYearByType(asOf: string, m: EntityManager = this.dataSource.manager): Promise<{ type: EventType; n: number }[]> {
    return m.query(`SELECT e.type, count(*)::int AS n FROM events e WHERE ${HELD_IN_YEAR_SQL} GROUP BY e.type`, [asOf]);
  }

  // ------------------------------------------------------------------ invitees

  async invitees(m: EntityManager, eventId: string): Promise<string[]> {
    return (await m.query(`SELECT organization_id FROM event_invitations WHERE event_id = $1 ORDER BY invited_at, organization_id`, [eventId])).map((r: { organization_id: string }) => r.organization_id);
  }

  /**
   * Replaces the invited organisations (`replace`, the event form's list) or adds to them (the
   * invitations by filter); answers those newly invited. 400 naming `field` for an unknown organisation.
   */
  async setInvitees(m: EntityManager, eventId: string, ids: string[], opts: { replace: boolean; field?: string } = { replace: true }): Promise<string[]> {
    const wanted = [...new Set(ids)];
    const found: { id: string }[] = wanted.length ? await m.query(`SELECT id FROM organizations WHERE id = ANY($1::uuid[])`, [wanted]) : [];
    if (found.length !== wanted.length) {
      throw AppException.badRequest('受邀机构不存在', EventErrorCode.INVITEE_INVALID, [{ field: opts.field ?? 'invitedOrganizationIds', messages: ['含有不存在的机构'] }]);
    }
    if (opts.replace) await m.query(`DELETE FROM event_invitations WHERE event_id = $1 AND NOT (organization_id = ANY($2::uuid[]))`, [eventId, wanted]);
    const added: { organization_id: string }[] = wanted.length
      ? await m.query(
          `INSERT INTO event_invitations (event_id, organization_id) SELECT $1, x FROM unnest($2::uuid[]) AS x ON CONFLICT DO NOTHING RETURNING organization_id`,
          [eventId, wanted],
        )
      : [];
    return added.map((r) => r.organization_id);
  }

  // ------------------------------------------------------------------ views

  /** The events as EventView, for the caller: counts, the caller's invitation and registration, co-organisers' names. */
  async views(m: EntityManager, actor: Actor, events: MatchmakingEvent[]): Promise<EventView[]> {
    if (!events.length) return [];
    const ids = events.map((e) => e.id);
    const invites: { event_id: string; n: number; mine: boolean }[] = await m.query(
      `SELECT event_id, count(*)::int AS n, bool_or(organization_id = $2) AS mine FROM event_invitations WHERE event_id = ANY($1::uuid[]) GROUP BY event_id`,
      [ids, actor.organizationId],
    );
    const counts: { event_id: string; registered: number; waitlisted: number }[] = await m.query(
      `SELECT event_id, count(*) FILTER (WHERE status = 'REGISTERED')::int AS registered, count(*) FILTER (WHERE status = 'WAITLISTED')::int AS waitlisted
         FROM event_registrations WHERE event_id = ANY($1::uuid[]) GROUP BY event_id`,
      [ids],
    );
    const mine: { event_id: string; id: string; status: RegistrationStatus }[] = await m.query(
      `SELECT event_id, id, status FROM event_registrations WHERE event_id = ANY($1::uuid[]) AND organization_id = $2`,
      [ids, actor.organizationId],
    );
    const names = await orgNames(m, events.flatMap((e) => e.coOrganizerOrgIds));
    const inv = new Map(invites.map((r) => [r.event_id, r]));
    const cnt = new Map(counts.map((r) => [r.event_id, r]));
    const reg = new Map(mine.map((r) => [r.event_id, r]));
    const now = new Date();
    return events.map((e) => {
      const r = reg.get(e.id);
      return {
        id: e.id,
        type: e.type,
        title: e.title,
        startsAt: e.startsAt.toISOString(),
        endsAt: iso(e.endsAt),
        venue: e.venue,
        onlineLink: e.onlineLink,
        description: e.description,
        status: effectiveStatus(e, now),
        statusNote: e.statusNote,
        attendanceCount: e.attendanceCount ?? null,
        capacity: e.capacity,
        registrationDeadline: iso(e.registrationDeadline),
        requiresApproval: e.requiresApproval,
        isPublic: e.isPublic,
        coOrganizers: e.coOrganizerOrgIds.map((id) => names.get(id)).filter((o): o is EventOrgRef => !!o),
        agenda: e.agenda ?? [],
        version: e.version,
        inviteeCount: Number(inv.get(e.id)?.n ?? 0),
        invitedMe: inv.get(e.id)?.mine === true,
        registeredCount: Number(cnt.get(e.id)?.registered ?? 0),
        waitlistCount: Number(cnt.get(e.id)?.waitlisted ?? 0),
        myRegistration: r ? { id: r.id, status: r.status } : null,
        schedulePublishedAt: iso(e.schedulePublishedAt),
      };
    });
  }

  /**
   * The event as the caller reads it: the bureau sees every invitee (id, name, type); any other
   * caller sees only whether their own organisation is invited (`invitedMe`, and their own
   * organisation in `invitees`) and how many are (`inviteeCount`).
   */
  async detail(m: EntityManager, actor: Actor, e: MatchmakingEvent): Promise<EventDetailView> {
    const [view] = await this.views(m, actor, [e]);
    const all: EventInvitee[] = await m.query(
      `SELECT o.id, o.name, o.type FROM event_invitations i JOIN organizations o ON o.id = i.organization_id WHERE i.event_id = $1 ORDER BY i.invited_at, i.organization_id`,
      [e.id],
    );
    const visible = isBureau(actor) ? all : all.filter((o) => o.id === actor.organizationId);
    return { ...view, invitedOrganizationIds: visible.map((o) => o.id), invitees: visible };
  }

  /** What the audit log keeps of an event. */
  private snapshot(e: MatchmakingEvent, invitedOrganizationIds?: string[]) {
    return { ...e, ...(invitedOrganizationIds ? { invitedOrganizationIds } : {}) };
  }

  // ------------------------------------------------------------------ reads

  /**
   * Each row carries how many organisations are invited, whether the caller's is, the registration
   * counts and the caller's registration. `invited`, `registered`: only (or all but) the caller's
   * invitations / registrations. `status` filters on the status people see (a published event past
   * its deadline is REGISTRATION_CLOSED). Drafts are listed to the bureau and their co-organisers only.
   */
  async list(actor: Actor, query: ListEventsQuery) {
    const qb = this.dataSource.getRepository(MatchmakingEvent).createQueryBuilder('e');
    qb.setParameter('callerOrg', actor.organizationId);
    if (!isBureau(actor)) qb.andWhere(`(e.status <> 'DRAFT' OR :callerOrg = ANY(e.co_organizer_org_ids))`);
    if (query.type) qb.andWhere('e.type = :type', { type: query.type });
    if (query.status === EventStatus.PUBLISHED) {
      qb.andWhere(`e.status = 'PUBLISHED' AND (e.registration_deadline IS NULL OR e.registration_deadline > now())`);
    } else if (query.status === EventStatus.REGISTRATION_CLOSED) {
      qb.andWhere(`(e.status = 'REGISTRATION_CLOSED' OR (e.status = 'PUBLISHED' AND e.registration_deadline <= now()))`);
    } else if (query.status) {
      qb.andWhere('e.status = :status', { status: query.status });
    }
    if (query.year) qb.andWhere(`extract(year FROM e.starts_at AT TIME ZONE 'Asia/Shanghai') = :year`, { year: query.year });
    if (query.invited !== undefined) {
      const invited = 'EXISTS (SELECT 1 FROM event_invitations ei WHERE ei.event_id = e.id AND ei.organization_id = :callerOrg)';
      qb.andWhere(query.invited ? invited : `NOT ${invited}`);
    }
    if (query.registered !== undefined) {
      const registered = `EXISTS (SELECT 1 FROM event_registrations er WHERE er.event_id = e.id AND er.organization_id = :callerOrg AND er.status IN (:...liveRegs))`;
      qb.andWhere(query.registered ? registered : `NOT ${registered}`, { liveRegs: LIVE_REGISTRATION_STATUSES });
    }
    const page = await paginate(qb, query, { startsAt: 'e.starts_at', createdAt: 'e.created_at', title: 'e.title' }, '-startsAt');
    return { ...page, items: await this.views(this.dataSource.manager, actor, page.items) };
  }

  /**
   * The workbench (issue 15): the announced events not over yet (published, registration closed or
   * under way; for the bureau also drafts) that start before `until`, or started and are not yet marked
   * held, with the caller's invitation and registration; soonest first.
   */
  async upcoming(actor: Actor, until: Date): Promise<(Pick<EventView, 'id' | 'title' | 'type' | 'startsAt' | 'registrationDeadline' | 'status' | 'invitedMe' | 'myRegistration' | 'registeredCount'>)[]> {
    const m = this.dataSource.manager;
    const statuses = isBureau(actor) ? [EventStatus.DRAFT, ...LIVE_EVENT_STATUSES] : LIVE_EVENT_STATUSES;
    const events = await m
      .getRepository(MatchmakingEvent)
      .createQueryBuilder('e')
      .where('e.status IN (:...statuses)', { statuses })
      .andWhere('e.starts_at < :until', { until })
      .orderBy('e.starts_at', 'ASC')
      .addOrderBy('e.id', 'ASC')
      .take(100)
      .getMany();
    const views = await this.views(m, actor, events);
    return views.map(({ id, title, type, startsAt, registrationDeadline, status, invitedMe, myRegistration, registeredCount }) => ({ id, title, type, startsAt, registrationDeadline, status, invitedMe, myRegistration, registeredCount }));
  }

  async get(actor: Actor, id: string): Promise<EventDetailView> {
    const e = await this.dataSource.getRepository(MatchmakingEvent).findOneBy({ id });
    if (!e || (e.status === EventStatus.DRAFT && !seesDraft(actor, e))) throw AppException.notFound('活动', EventErrorCode.NOT_FOUND);
    return this.detail(this.dataSource.manager, actor, e);
  }

  // ------------------------------------------------------------------ writes

  /** 400 unless every co-organiser is a government unit or a county. */
  private async checkCoOrganizers(m: EntityManager, ids: string[]): Promise<string[]> {
    const wanted = [...new Set(ids)];
    if (!wanted.length) return [];
    const found: { id: string; type: string }[] = await m.query(`SELECT id, type FROM organizations WHERE id = ANY($1::uuid[])`, [wanted]);
    const ok = new Set(found.filter((o) => CO_ORGANIZER_TYPES.includes(o.type)).map((o) => o.id));
    if (wanted.some((id) => !ok.has(id))) {
      throw AppException.badRequest('联合主办单位应为政府部门或县（市、区）', CommonErrorCode.VALIDATION_FAILED, [
        { field: 'coOrganizerOrgIds', messages: ['联合主办单位应为政府部门、监管机构或县（市、区），且须已在平台登记'] },
      ]);
    }
    return wanted;
  }

  private checkTimes(e: MatchmakingEvent) {
    const problems = eventTimeProblems(e);
    if (problems.length) throw AppException.badRequest(validationMessage(problems, false), CommonErrorCode.VALIDATION_FAILED, problems);
  }

  /** A new event is a draft: nobody is told until it is published. */
  create(actor: Actor, dto: CreateEventDto) {
    return this.dataSource.transaction(async (m) => {
      const e = m.create(MatchmakingEvent, {
        type: dto.type,
        title: dto.title,
        startsAt: new Date(dto.startsAt),
        endsAt: dto.endsAt ? new Date(dto.endsAt) : null,
        venue: dto.venue,
        onlineLink: dto.onlineLink ?? null,
        description: dto.description ?? null,
        capacity: dto.capacity ?? null,
        registrationDeadline: dto.registrationDeadline ? new Date(dto.registrationDeadline) : null,
        requiresApproval: dto.requiresApproval ?? false,
        isPublic: dto.isPublic ?? true,
        coOrganizerOrgIds: await this.checkCoOrganizers(m, dto.coOrganizerOrgIds ?? []),
        agenda: normalizeAgenda(dto.agenda ?? []),
        status: EventStatus.DRAFT,
        organizerOrgId: actor.organizationId,
        createdByUserId: actor.userId,
      });
      this.checkTimes(e);
      const saved = await m.save(e);
      const invited = await this.setInvitees(m, saved.id, dto.invitedOrganizationIds ?? []);
      await this.audit.record(m, actor, { action: 'event.create', entityType: 'event', entityId: saved.id, after: this.snapshot(saved, invited) });
      return this.detail(m, actor, saved);
    });
  }

  /**
   * Changes a draft or a live event. Once it is announced, newly invited organisations are told and
   * the reminders follow the new time and audience; a raised (or removed) capacity promotes the
   * waiting list in order.
   */
  update(actor: Actor, id: string, dto: UpdateEventDto) {
    return this.dataSource.transaction(async (m) => {
      const e = await this.lock(m, id, dto.version);
      if (!isLive(e) && e.status !== EventStatus.DRAFT) {
        throw AppException.conflict(`活动${e.status === EventStatus.HELD ? '已结束' : '已取消'}，不能再修改`, EventErrorCode.STATE_CONFLICT);
      }
      const before = this.snapshot({ ...e }, await this.invitees(m, id));
      if (dto.type !== undefined) e.type = dto.type;
      if (dto.title !== undefined) e.title = dto.title;
      if (dto.startsAt !== undefined) {
        // Not into the past (then marked held, it would count an event that was not held).
        const moved = startMoveProblem(e.startsAt, new Date(dto.startsAt));
        if (moved) throw AppException.badRequest('活动开始时间不能改到已经过去的时间', CommonErrorCode.VALIDATION_FAILED, [moved]);
        e.startsAt = new Date(dto.startsAt);
      }
      if (dto.endsAt !== undefined) e.endsAt = dto.endsAt ? new Date(dto.endsAt) : null;
      if (dto.venue !== undefined) e.venue = dto.venue;
      if (dto.onlineLink !== undefined) e.onlineLink = dto.onlineLink || null;
      if (dto.description !== undefined) e.description = dto.description;
      if (dto.capacity !== undefined) e.capacity = dto.capacity;
      if (dto.registrationDeadline !== undefined) e.registrationDeadline = dto.registrationDeadline ? new Date(dto.registrationDeadline) : null;
      if (dto.requiresApproval !== undefined) e.requiresApproval = dto.requiresApproval;
      if (dto.isPublic !== undefined) e.isPublic = dto.isPublic;
      if (dto.coOrganizerOrgIds !== undefined) e.coOrganizerOrgIds = await this.checkCoOrganizers(m, dto.coOrganizerOrgIds);
      if (dto.agenda !== undefined) e.agenda = normalizeAgenda(dto.agenda);
      this.checkTimes(e);
      e.version += 1;
      const saved = await m.save(e);
      const added = dto.invitedOrganizationIds !== undefined ? await this.setInvitees(m, id, dto.invitedOrganizationIds) : [];
      const invitees = await this.invitees(m, id);
      await this.audit.record(m, actor, { action: 'event.update', entityType: 'event', entityId: id, before, after: this.snapshot(saved, invitees) });
      const capacityUp = before.capacity !== null && (saved.capacity === null || saved.capacity > before.capacity);
      if (capacityUp && isLive(saved)) await this.registrations.promoteWaitlist(m, actor, saved);
      const moved = saved.startsAt.getTime() !== before.startsAt.getTime() || saved.title !== before.title || saved.venue !== before.venue;
      if (added.length) await sendInvitations(m, this.notifications, saved, added);
      if (moved || dto.invitedOrganizationIds !== undefined || capacityUp) await syncEventReminders(m, this.notifications, saved);
      return this.detail(m, actor, saved);
    });
  }

  /**
   * The bureau's steps: publish a draft (registration opens; the invitees are told and the reminders
   * scheduled), close registration, open the day (check-in starts; reminders end).
   */
  step(actor: Actor, id: string, version: number, step: 'publish' | 'close-registration' | 'start') {
    return this.dataSource.transaction(async (m) => {
      const e = await this.lock(m, id, version);
      const to = assertStep(e, step);
      const before = { ...e };
      e.status = to;
      if (step === 'publish') e.publishedAt = new Date();
      e.version += 1;
      const saved = await m.save(e);
      await this.audit.record(m, actor, { action: `event.${step}`, entityType: 'event', entityId: id, before, after: saved });
      if (step === 'publish') await sendInvitations(m, this.notifications, saved, await this.invitees(m, id));
      await syncEventReminders(m, this.notifications, saved);
      return this.detail(m, actor, saved);
    });
  }

  /**
   * Held (once started, from any live status; with how it went: the attendance and a note, both
   * required) or cancelled (a draft or a live event); both are final. Cancelling tells the
   * organisations registered or waiting.
   */
  setStatus(actor: Actor, id: string, dto: EventStatusDto) {
    return this.dataSource.transaction(async (m) => {
      const e = await this.lock(m, id, dto.version);
      const to = assertStep(e, dto.status === EventStatus.HELD ? 'held' : 'cancel');
      const before = { ...e };
      e.status = to;
      e.statusNote = dto.note ?? null;
      // Held: how many attended (required with the note, as the DTO checks); a cancelled event has no count.
      e.attendanceCount = to === EventStatus.HELD ? (dto.attendanceCount ?? null) : null;
      e.version += 1;
      const saved = await m.save(e);
      await this.audit.record(m, actor, { action: to === EventStatus.HELD ? 'event.held' : 'event.cancel', entityType: 'event', entityId: id, before, after: saved });
      if (to === EventStatus.CANCELLED) {
        const orgs: { organization_id: string }[] = await m.query(
          `SELECT organization_id FROM event_registrations WHERE event_id = $1 AND status = ANY($2::varchar[]) ORDER BY created_at, id`,
          [id, LIVE_REGISTRATION_STATUSES],
        );
        if (orgs.length) {
          await this.notifications.notify(m, {
            type: NotificationType.EVENT_REGISTRATION,
            to: { organizations: orgs.map((o) => o.organization_id) },
            vars: { eventTitle: saved.title, startsAt: zhanjiangDateTime(saved.startsAt), statusLabel: '活动已取消', detail: dto.note ? `取消原因：${dto.note}` : '' },
            link: eventLink(id),
          });
        }
      }
      // Held or cancelled: no reminder fires for it any more.
      await this.notifications.cancelReminders(m, eventReminderPrefix(id));
      return this.detail(m, actor, saved);
    });
  }

  private async lock(m: EntityManager, id: string, version: number) {
    const e = await m.findOne(MatchmakingEvent, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!e) throw AppException.notFound('活动', EventErrorCode.NOT_FOUND);
    if (e.version !== version) throw AppException.conflict('活动已被他人修改，请刷新后重试', EventErrorCode.VERSION_CONFLICT, { currentVersion: e.version });
    return e;
  }
}
