import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AgendaView, EventSlotView, EventStatus, MeetingStatus, MeetingView, NotificationType, RegistrationStatus, Role, UnavailabilityView } from '@zj/shared';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { AuditService } from '../../audit';
import type { Actor } from '../../common/auth/actor';
import { AppException } from '../../common/errors/app.exception';
import { NotificationsService } from '../../notifications';
import { MatchmakingEvent } from '../event.entity';
import { assertMatchmaking, findEvent, orgNames, registrationOf, requireParticipant, sideOfOrgType } from '../event-guards';
import { isLive } from '../event-status';
import { EventErrorCode } from '../events.errors';
import { LockMeetingDto, MoveMeetingDto, PutSlotsDto, SwapMeetingsDto, UnavailabilityDto, WalkInMeetingDto } from './dto/meetings.dto';
import { buildIcs } from './ics';
import { EventMeeting, EventSlot, EventUnavailability } from './meeting.entities';
import { Board, bumpedSequence, checkSlots, Clash, deskLabel, placeOnBoard, timeRange } from './meeting-rules';
import { meetingViews } from './meeting-view';
import { loadBoard, slotsOf, slotView } from './schedule-data';

const isUniqueViolation = (e: unknown) => e instanceof QueryFailedError && (e as unknown as { code?: string }).code === '23505';

/** 409 naming every clash (message: the first; details: all of them). */
function conflict(clashes: Clash[]): AppException {
  return AppException.conflict(clashes.map((c) => c.message).join('；'), EventErrorCode.MEETING_CONFLICT, clashes);
}

/**
 * Slots, unavailability and the bureau's hand edits of the schedule (move, swap, lock, cancel,
 * walk-in), and each participant's agenda with its .ics file. Every edit runs in a transaction that
 * locks the event row (as the solver's write does), is checked against the board and names any
 * clash in a 409; the database's unique indexes are the last guard (a violation is a 409 too).
 */
@Injectable()
export class MeetingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
  ) {}

  // ---------------------------------------------------------------- slots

  async slots(eventId: string): Promise<EventSlotView[]> {
    const m = this.dataSource.manager;
    const e = await findEvent(m, eventId);
    assertMatchmaking(e);
    return (await slotsOf(m, eventId)).map(slotView);
  }

  /**
   * PUT /events/:id/slots (bureau): replaces the slots. Refused (409 EVENT_SLOTS_IN_USE) while the
   * event has SCHEDULED meetings or meetings already sent to participants: clear the schedule first
   * (DELETE /events/:id/schedule, before publication). Slots identical to existing ones keep their
   * id, so participants' unavailability marked on them stays.
   */
  async putSlots(actor: Actor, eventId: string, dto: PutSlotsDto): Promise<EventSlotView[]> {
    const checked = checkSlots(dto.slots.map((s) => ({ startsAt: new Date(s.startsAt), endsAt: new Date(s.endsAt) })));
    if (!checked.ok) throw AppException.badRequest(checked.problems[0], EventErrorCode.SLOT_INVALID, [{ field: 'slots', messages: checked.problems }]);
    await this.dataSource.transaction(async (m) => {
      const e = await findEvent(m, eventId, { lock: true });
      assertMatchmaking(e);
      if (!isLive(e) && e.status !== EventStatus.DRAFT) throw AppException.conflict('活动已结束或已取消', EventErrorCode.STATE_CONFLICT);
      const [{ scheduled, published }] = await m.query(
        `SELECT count(*) FILTER (WHERE status = 'SCHEDULED')::int AS scheduled, count(*) FILTER (WHERE published_sequence IS NOT NULL)::int AS published FROM event_meetings WHERE event_id = $1`,
        [eventId],
      );
      if (scheduled > 0 || published > 0) {
        throw AppException.conflict(
          published > 0 ? '日程已发布，不能再修改时段' : `已有${scheduled}场会谈排入现有时段，请先清空排期（DELETE /events/${eventId}/schedule）再修改时段`,
          EventErrorCode.SLOTS_IN_USE,
          { scheduledMeetings: scheduled, publishedMeetings: published },
        );
      }
      const before = await m.find(EventSlot, { where: { eventId }, order: { startsAt: 'ASC' } });
      const key = (s: { startsAt: Date; endsAt: Date }) => `${s.startsAt.getTime()}/${s.endsAt.getTime()}`;
      const wanted = new Set(checked.slots.map(key));
      const kept = new Set(before.filter((s) => wanted.has(key(s))).map(key));
      const removed = before.filter((s) => !wanted.has(key(s)));
      if (removed.length) {
        const ids = removed.map((s) => s.id);
        // Cancelled meetings never sent anywhere are dropped with their slot.
        await m.query(`DELETE FROM event_meetings WHERE slot_id = ANY($1::uuid[]) AND status = 'CANCELLED' AND published_sequence IS NULL`, [ids]);
        await m.delete(EventSlot, ids);
      }
      for (const s of checked.slots) if (!kept.has(key(s))) await m.insert(EventSlot, { eventId, startsAt: s.startsAt, endsAt: s.endsAt });
      await this.audit.record(m, actor, {
        action: 'event.slots.replace',
        entityType: 'event',
        entityId: eventId,
        before: before.map((s) => ({ startsAt: s.startsAt, endsAt: s.endsAt })),
        after: checked.slots,
      });
    });
    return this.slots(eventId);
  }

  // ---------------------------------------------------------------- unavailability

  /** POST /events/:id/unavailability: replaces the organisation's set (own; the bureau for any participant). */
  async setUnavailability(actor: Actor, eventId: string, dto: UnavailabilityDto): Promise<UnavailabilityView> {
    const bureau = actor.role === Role.BUREAU;
    if (!bureau && dto.organizationId && dto.organizationId !== actor.organizationId) throw AppException.notFound('参会机构', EventErrorCode.REGISTRATION_NOT_FOUND);
    if (bureau && !dto.organizationId) throw AppException.badRequest('请指定参会机构', undefined, [{ field: 'organizationId', messages: ['市金融工作局代为设置时须指定参会机构'] }]);
    const orgId = bureau ? dto.organizationId! : actor.organizationId;
    const slotIds = [...new Set(dto.slotIds)];
    await this.dataSource.transaction(async (m) => {
      const e = await findEvent(m, eventId, { lock: true });
      assertMatchmaking(e);
      if (!isLive(e)) throw AppException.conflict('活动未发布或已结束', EventErrorCode.STATE_CONFLICT);
      if (bureau) {
        const reg = await registrationOf(m, eventId, orgId);
        if (!reg || reg.status !== RegistrationStatus.REGISTERED) throw AppException.notFound('参会机构', EventErrorCode.REGISTRATION_NOT_FOUND);
      } else await requireParticipant(m, eventId, actor);
      const slots = await slotsOf(m, eventId);
      const unknown = slotIds.filter((id) => !slots.some((s) => s.id === id));
      if (unknown.length) throw AppException.badRequest('时段不属于本活动', EventErrorCode.SLOT_INVALID, [{ field: 'slotIds', messages: ['含有不属于本活动的时段'] }]);
      const before = (await m.find(EventUnavailability, { where: { eventId, organizationId: orgId } })).map((u) => u.slotId);
      await m.delete(EventUnavailability, { eventId, organizationId: orgId });
      if (slotIds.length) await m.insert(EventUnavailability, slotIds.map((slotId) => ({ eventId, organizationId: orgId, slotId })));
      await this.audit.record(m, actor, { action: 'event.unavailability.set', entityType: 'event', entityId: eventId, before: { organizationId: orgId, slotIds: before }, after: { organizationId: orgId, slotIds } });
    });
    const [view] = await this.unavailabilityOf(this.dataSource.manager, eventId, orgId);
    return view ?? { organizationId: orgId, organizationName: (await orgNames(this.dataSource.manager, [orgId])).get(orgId)?.name ?? '', slotIds: [] };
  }

  /** GET /events/:id/unavailability: own organisation's; the bureau: every organisation that marked some. */
  async unavailability(actor: Actor, eventId: string): Promise<UnavailabilityView[]> {
    const m = this.dataSource.manager;
    const e = await findEvent(m, eventId);
    assertMatchmaking(e);
    if (actor.role === Role.BUREAU) return this.unavailabilityOf(m, eventId);
    const own = await this.unavailabilityOf(m, eventId, actor.organizationId);
    return own.length ? own : [{ organizationId: actor.organizationId, organizationName: (await orgNames(m, [actor.organizationId])).get(actor.organizationId)?.name ?? '', slotIds: [] }];
  }

  private async unavailabilityOf(m: EntityManager, eventId: string, orgId?: string): Promise<UnavailabilityView[]> {
    const rows: { organization_id: string; name: string; slot_ids: string[] }[] = await m.query(
      `SELECT u.organization_id, o.name, array_agg(u.slot_id ORDER BY s.starts_at) AS slot_ids
         FROM event_unavailability u JOIN organizations o ON o.id = u.organization_id JOIN event_slots s ON s.id = u.slot_id
        WHERE u.event_id = $1 ${orgId ? 'AND u.organization_id = $2' : ''} GROUP BY u.organization_id, o.name ORDER BY o.name`,
      orgId ? [eventId, orgId] : [eventId],
    );
    return rows.map((r) => ({ organizationId: r.organization_id, organizationName: r.name, slotIds: r.slot_ids }));
  }

  // ---------------------------------------------------------------- hand edits

  /** Runs a hand edit: the event locked and live, a unique violation answered as a named 409. */
  private async edit<T>(eventId: string, fn: (m: EntityManager, e: MatchmakingEvent) => Promise<T>): Promise<T> {
    try {
      return await this.dataSource.transaction(async (m) => {
        const e = await findEvent(m, eventId, { lock: true });
        assertMatchmaking(e);
        if (!isLive(e)) throw AppException.conflict('活动未发布或已结束，不能调整日程', EventErrorCode.STATE_CONFLICT);
        return fn(m, e);
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw AppException.conflict('该时段的桌位或企业已被其他会谈占用，请刷新后重试', EventErrorCode.MEETING_CONFLICT);
      throw err;
    }
  }

  private async meeting(m: EntityManager, eventId: string, meetingId: string): Promise<EventMeeting> {
    const mt = await m.findOne(EventMeeting, { where: { id: meetingId, eventId }, lock: { mode: 'pessimistic_write' } });
    if (!mt) throw AppException.notFound('会谈', EventErrorCode.MEETING_NOT_FOUND);
    return mt;
  }

  private assertMovable(mt: EventMeeting) {
    if (mt.status !== MeetingStatus.SCHEDULED) throw AppException.conflict('会谈已取消', EventErrorCode.MEETING_CONFLICT);
    if (mt.held !== null || mt.result !== null) throw AppException.conflict('会谈已登记结果，不能调整', EventErrorCode.MEETING_LOCKED);
  }

  private slotOf(board: Board, slotId: string) {
    const s = board.slots.get(slotId);
    if (!s) throw AppException.badRequest('时段不属于本活动', EventErrorCode.SLOT_INVALID, [{ field: 'slotId', messages: ['时段不属于本活动'] }]);
    return s;
  }

  /**
   * Writes new positions: the rows leave the board first (the unique indexes hold SCHEDULED rows
   * only, and two meetings may trade places), then take their new slot and desk. A hand-placed
   * meeting is locked, so a re-solve keeps the bureau's decision. SEQUENCE rises once published.
   */
  private async place(m: EntityManager, actor: Actor, moves: { mt: EventMeeting; slotId: string; desk: number }[], action: string) {
    await m.query(`UPDATE event_meetings SET status = 'CANCELLED' WHERE id = ANY($1::uuid[])`, [moves.map((x) => x.mt.id)]);
    for (const { mt, slotId, desk } of moves) {
      const before = { ...mt };
      const changed = mt.slotId !== slotId || mt.desk !== desk;
      mt.slotId = slotId;
      mt.desk = desk;
      mt.locked = true;
      if (changed) {
        mt.sequence = bumpedSequence(mt);
        mt.version += 1;
      }
      await m.query(`UPDATE event_meetings SET status = 'SCHEDULED', slot_id = $2, desk = $3, locked = true, sequence = $4, version = $5, updated_at = now() WHERE id = $1`, [
        mt.id,
        slotId,
        desk,
        mt.sequence,
        mt.version,
      ]);
      await this.audit.record(m, actor, { action, entityType: 'event_meeting', entityId: mt.id, before: { slotId: before.slotId, desk: before.desk, locked: before.locked, sequence: before.sequence }, after: { slotId, desk, locked: true, sequence: mt.sequence } });
    }
  }

  /** POST /events/:id/meetings/:meetingId/move {slotId, desk?}. */
  async move(actor: Actor, eventId: string, meetingId: string, dto: MoveMeetingDto): Promise<MeetingView> {
    await this.edit(eventId, async (m) => {
      const mt = await this.meeting(m, eventId, meetingId);
      this.assertMovable(mt);
      const board = await loadBoard(m, eventId, [mt.id]);
      this.slotOf(board, dto.slotId);
      const spot = placeOnBoard(board, { enterpriseOrgId: mt.enterpriseOrgId, bankOrgId: mt.bankOrgId, slotId: dto.slotId, desk: dto.desk });
      if (spot.desk === null) throw conflict(spot.clashes);
      await this.place(m, actor, [{ mt, slotId: dto.slotId, desk: spot.desk }], 'event.meeting.move');
    });
    return this.one(eventId, meetingId);
  }

  /**
   * POST /events/:id/meetings/swap {meetingIds: [a, b]}: the two trade slots. At the same bank they
   * trade desks too; at different banks each keeps its desk number if free there, else takes its
   * bank's first free desk.
   */
  async swap(actor: Actor, eventId: string, dto: SwapMeetingsDto): Promise<MeetingView[]> {
    const [aId, bId] = dto.meetingIds;
    if (aId === bId) throw AppException.badRequest('须选择两场不同的会谈', undefined, [{ field: 'meetingIds', messages: ['须选择两场不同的会谈'] }]);
    await this.edit(eventId, async (m) => {
      const a = await this.meeting(m, eventId, aId);
      const b = await this.meeting(m, eventId, bId);
      this.assertMovable(a);
      this.assertMovable(b);
      const board = await loadBoard(m, eventId, [a.id, b.id]);
      const sameBank = a.bankOrgId === b.bankOrgId;
      // Same bank: trade desks. Another bank: keep the desk number if free there, else the first free desk.
      const spotFor = (mt: EventMeeting, slotId: string, desk: number) => {
        const first = placeOnBoard(board, { enterpriseOrgId: mt.enterpriseOrgId, bankOrgId: mt.bankOrgId, slotId, desk });
        if (first.desk !== null || sameBank || !first.clashes.every((c) => c.kind === 'DESK_TAKEN' || c.kind === 'NO_SUCH_DESK')) return first;
        return placeOnBoard(board, { enterpriseOrgId: mt.enterpriseOrgId, bankOrgId: mt.bankOrgId, slotId });
      };
      const spotA = spotFor(a, b.slotId, sameBank ? b.desk : a.desk);
      if (spotA.desk !== null) board.meetings.push({ id: a.id, enterpriseOrgId: a.enterpriseOrgId, bankOrgId: a.bankOrgId, slotId: b.slotId, desk: spotA.desk });
      const spotB = spotFor(b, a.slotId, sameBank ? a.desk : b.desk);
      if (spotA.desk === null || spotB.desk === null) throw conflict([...spotA.clashes, ...spotB.clashes]);
      const aSlot = a.slotId;
      await this.place(
        m,
        actor,
        [
          { mt: a, slotId: b.slotId, desk: spotA.desk },
          { mt: b, slotId: aSlot, desk: spotB.desk },
        ],
        'event.meeting.swap',
      );
    });
    return meetingViews(this.dataSource.manager, eventId, { meetingIds: [aId, bId] });
  }

  /** POST /events/:id/meetings/:meetingId/lock {locked}: a locked meeting stays where it is when the schedule is solved again. */
  async lock(actor: Actor, eventId: string, meetingId: string, dto: LockMeetingDto): Promise<MeetingView> {
    await this.edit(eventId, async (m) => {
      const mt = await this.meeting(m, eventId, meetingId);
      if (mt.status !== MeetingStatus.SCHEDULED) throw AppException.conflict('会谈已取消', EventErrorCode.MEETING_CONFLICT);
      if (mt.locked === dto.locked) return;
      await m.update(EventMeeting, { id: mt.id }, { locked: dto.locked, version: mt.version + 1 });
      await this.audit.record(m, actor, { action: dto.locked ? 'event.meeting.lock' : 'event.meeting.unlock', entityType: 'event_meeting', entityId: mt.id, before: { locked: mt.locked }, after: { locked: dto.locked } });
    });
    return this.one(eventId, meetingId);
  }

  /**
   * POST /events/:id/meetings/:meetingId/cancel: the meeting is cancelled (SEQUENCE rises once
   * published; the next publication tells both parties and their .ics cancels the entry). The
   * request stays accepted: a later solve may place the pair again.
   */
  async cancel(actor: Actor, eventId: string, meetingId: string): Promise<MeetingView> {
    await this.edit(eventId, async (m) => {
      const mt = await this.meeting(m, eventId, meetingId);
      this.assertMovable(mt);
      const before = { ...mt };
      await m.update(EventMeeting, { id: mt.id }, { status: MeetingStatus.CANCELLED, sequence: bumpedSequence(mt), version: mt.version + 1 });
      await this.audit.record(m, actor, { action: 'event.meeting.cancel', entityType: 'event_meeting', entityId: mt.id, before, after: { status: MeetingStatus.CANCELLED, sequence: bumpedSequence(mt) } });
    });
    const [view] = await meetingViews(this.dataSource.manager, eventId, { meetingIds: [meetingId], includeCancelled: true });
    return view;
  }

  /**
   * POST /events/:id/meetings: a walk-in meeting added by the bureau into a free desk (both parties
   * REGISTERED; clashes named in a 409). Once the event is under way or the schedule published, both
   * organisations are told at once (EVENT_MEETING_ADDED).
   */
  async walkIn(actor: Actor, eventId: string, dto: WalkInMeetingDto): Promise<MeetingView> {
    const id = await this.edit(eventId, async (m, e) => {
      const invalid = (field: string, why: string) => AppException.badRequest(why, EventErrorCode.REQUEST_TARGET_INVALID, [{ field, messages: [why] }]);
      const regE = await registrationOf(m, eventId, dto.enterpriseOrganizationId);
      const regB = await registrationOf(m, eventId, dto.bankOrganizationId);
      const orgs = await orgNames(m, [dto.enterpriseOrganizationId, dto.bankOrganizationId]);
      if (!regE || regE.status !== RegistrationStatus.REGISTERED || sideOfOrgType(orgs.get(dto.enterpriseOrganizationId)?.type ?? '') !== 'ENTERPRISE') {
        throw invalid('enterpriseOrganizationId', '该企业未报名本活动');
      }
      if (!regB || regB.status !== RegistrationStatus.REGISTERED || sideOfOrgType(orgs.get(dto.bankOrganizationId)?.type ?? '') !== 'BANK') {
        throw invalid('bankOrganizationId', '该金融机构未报名本活动');
      }
      if (dto.needId) {
        const [need] = await m.query(`SELECT enterprise_org_id FROM financing_needs WHERE id = $1`, [dto.needId]);
        if (!need || need.enterprise_org_id !== dto.enterpriseOrganizationId) {
          throw AppException.badRequest('融资需求不属于该企业', EventErrorCode.NEED_INVALID, [{ field: 'needId', messages: ['融资需求不属于该企业'] }]);
        }
      }
      const board = await loadBoard(m, eventId);
      const slot = this.slotOf(board, dto.slotId);
      const spot = placeOnBoard(board, { enterpriseOrgId: dto.enterpriseOrganizationId, bankOrgId: dto.bankOrganizationId, slotId: dto.slotId, desk: dto.desk, checkPair: true });
      if (spot.desk === null) throw conflict(spot.clashes);
      const saved = await m.save(
        m.create(EventMeeting, {
          eventId,
          requestId: null,
          enterpriseOrgId: dto.enterpriseOrganizationId,
          bankOrgId: dto.bankOrganizationId,
          slotId: dto.slotId,
          desk: spot.desk,
          status: MeetingStatus.SCHEDULED,
          walkIn: true,
          locked: false,
          needId: dto.needId ?? null,
          createdByUserId: actor.userId,
        }),
      );
      await this.audit.record(m, actor, { action: 'event.meeting.walk_in', entityType: 'event_meeting', entityId: saved.id, after: saved });
      if (e.status === EventStatus.IN_PROGRESS || e.schedulePublishedAt) {
        const time = timeRange(slot.startsAt, slot.endsAt);
        const desk = deskLabel(spot.desk);
        const tell = (to: string, counterpart: string) =>
          this.notifications.notify(m, {
            type: NotificationType.EVENT_MEETING_ADDED,
            to: { organizations: [to] },
            vars: { eventTitle: e.title, counterpartName: orgs.get(counterpart)?.name ?? '', time, desk },
            link: `/events/${eventId}/agenda`,
          });
        await tell(dto.enterpriseOrganizationId, dto.bankOrganizationId);
        await tell(dto.bankOrganizationId, dto.enterpriseOrganizationId);
      }
      return saved.id;
    });
    return this.one(eventId, id);
  }

  private async one(eventId: string, meetingId: string): Promise<MeetingView> {
    const [view] = await meetingViews(this.dataSource.manager, eventId, { meetingIds: [meetingId], includeCancelled: true });
    return view;
  }

  // ---------------------------------------------------------------- agenda

  /** Whose agenda: a participant's own organisation; the bureau names one with ?organizationId. */
  private async agendaOrg(m: EntityManager, actor: Actor, eventId: string, organizationId?: string): Promise<string> {
    if (actor.role === Role.BUREAU) {
      if (!organizationId) throw AppException.badRequest('请指定参会机构', undefined, [{ field: 'organizationId', messages: ['市金融工作局查看日程时须指定参会机构'] }]);
      const reg = await registrationOf(m, eventId, organizationId);
      if (!reg) throw AppException.notFound('参会机构', EventErrorCode.REGISTRATION_NOT_FOUND);
      return organizationId;
    }
    if (organizationId && organizationId !== actor.organizationId) throw AppException.notFound('参会机构', EventErrorCode.REGISTRATION_NOT_FOUND);
    const reg = await registrationOf(m, eventId, actor.organizationId);
    if (!reg) throw AppException.conflict('贵单位尚未报名本活动', EventErrorCode.NOT_A_PARTICIPANT);
    return actor.organizationId;
  }

  /**
   * GET /events/:id/agenda: the organisation's meetings once the schedule has been published or the
   * day is open (before that: none, publishedAt null) — the scheduled ones and the published ones since cancelled
   * (status CANCELLED), in time order.
   */
  async agenda(actor: Actor, eventId: string, organizationId?: string): Promise<AgendaView> {
    const m = this.dataSource.manager;
    const e = await findEvent(m, eventId);
    assertMatchmaking(e);
    const orgId = await this.agendaOrg(m, actor, eventId, organizationId);
    const org = (await orgNames(m, [orgId])).get(orgId);
    // Participants see the schedule once published — or once the day is open (walk-ins added there).
    const visible = e.schedulePublishedAt !== null || e.status === EventStatus.IN_PROGRESS || e.status === EventStatus.HELD;
    const meetings = visible ? await this.visibleMeetings(m, eventId, orgId) : [];
    return {
      organization: { id: orgId, name: org?.name ?? '', type: org?.type ?? '' },
      event: { id: e.id, title: e.title, startsAt: e.startsAt.toISOString(), endsAt: e.endsAt ? e.endsAt.toISOString() : null, venue: e.venue },
      meetings,
      publishedAt: e.schedulePublishedAt ? e.schedulePublishedAt.toISOString() : null,
    };
  }

  private async visibleMeetings(m: EntityManager, eventId: string, orgId: string): Promise<MeetingView[]> {
    const all = await meetingViews(m, eventId, { organizationId: orgId, includeCancelled: true });
    if (!all.length) return [];
    const sent: { id: string }[] = await m.query(`SELECT id FROM event_meetings WHERE id = ANY($1::uuid[]) AND published_sequence IS NOT NULL`, [all.map((x) => x.id)]);
    const sentIds = new Set(sent.map((r) => r.id));
    return all.filter((x) => x.status === MeetingStatus.SCHEDULED || sentIds.has(x.id));
  }

  /** GET /events/:id/agenda.ics: the same meetings as a calendar file; a cancelled one cancels its entry. */
  async agendaIcs(actor: Actor, eventId: string, organizationId?: string): Promise<{ fileName: string; content: string }> {
    const view = await this.agenda(actor, eventId, organizationId);
    const content = buildIcs({
      name: `${view.event.title}（${view.organization.name}）`,
      now: new Date(),
      events: view.meetings.map((x) => {
        const counterpart = x.enterpriseOrganizationId === view.organization.id ? x.bankName : x.enterpriseName;
        const description = [
          `${view.event.title}一对一会谈：第${x.slotIndex}场，${deskLabel(x.desk)}`,
          x.officerName ? `客户经理：${x.officerName}` : null,
          x.needTitle ? `洽谈融资需求：${x.needTitle}` : null,
          x.status === MeetingStatus.CANCELLED ? '本场会谈已取消' : null,
        ]
          .filter(Boolean)
          .join('\n');
        return {
          uid: `${x.id}@zjgf.platform`,
          sequence: x.sequence,
          status: x.status === MeetingStatus.CANCELLED ? ('CANCELLED' as const) : ('CONFIRMED' as const),
          startsAt: new Date(x.startsAt),
          endsAt: new Date(x.endsAt),
          summary: `一对一会谈：${counterpart}`,
          location: `${view.event.venue} ${deskLabel(x.desk)}`,
          description,
        };
      }),
    });
    return { fileName: `${view.event.title}-会谈日程.ics`, content };
  }
}
