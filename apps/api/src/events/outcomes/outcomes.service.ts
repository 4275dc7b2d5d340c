import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  EventStatus,
  formatDecimal,
  MeetingResult,
  MeetingStatus,
  NotificationType,
  RegistrationStatus,
  Role,
  sameDecimal,
  type EventLiveView,
  type IntentView,
  type MeetingOutcomeAnswer,
  type MeetingView,
  type RegistrationView,
} from '@zj/shared';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '../../audit';
import { CasesService } from '../../cases';
import type { Actor } from '../../common/auth/actor';
import { AppException } from '../../common/errors/app.exception';
import { NotificationsService } from '../../notifications';
import { eventLink, syncEventReminders } from '../event-reminders';
import { MatchmakingEvent } from '../event.entity';
import { assertMatchmaking, assertStep, findEvent, orgNames, sideOfOrgType } from '../event-guards';
import { effectiveStatus } from '../event-status';
import { EventErrorCode } from '../events.errors';
import { EventMeeting, EventSlot, EventUnavailability, MeetingRequest } from '../meetings/meeting.entities';
import { meetingViews } from '../meetings/meeting-view';
import { normalizeCheckInCode } from '../registrations/check-in-code';
import { EventRegistration } from '../registrations/registration.entity';
import { RegistrationsService } from '../registrations/registrations.service';
import { CeremonyIntentDto, CheckInDto, OutcomeDto } from './dto/outcome.dto';
import { EventIntent } from './intent.entity';
import { amountPhrase, freeDesks, intentComment, numberSlots, outcomeProblem, resultLabel, slotsAround } from './outcome-rules';

const LOCK = { mode: 'pessimistic_write' as const };

const meetingNotFound = () => AppException.notFound('会谈', EventErrorCode.MEETING_NOT_FOUND);

/** What one letter of intent says (from a meeting's outcome or the signing ceremony). */
interface IntentSpec {
  enterpriseOrgId: string;
  bankOrgId: string;
  needId: string;
  amount: string;
  meetingId: string | null;
  note: string | null;
  ceremony: boolean;
}

/** A meeting's outcome as recorded. */
interface OutcomeSpec {
  held: boolean;
  result: MeetingResult | null;
  amount: string | null;
  /** undefined keeps the note already there. */
  note: string | null | undefined;
}

/**
 * On the day and after: check-in at the door (the first check-in opens the day), the bureau's live
 * view, meetings' outcomes (by the bank, confirmed by the enterprise), and letters of intent (签约意向)
 * — from a meeting or the signing ceremony — each opening (or joining) a case of the matchmaking
 * pipeline through CasesService.openFromEvent, once: retries answer the same intent and case.
 */
@Injectable()
export class OutcomesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly cases: CasesService,
    private readonly registrations: RegistrationsService,
  ) {}

  // ------------------------------------------------------------------ check-in

  /**
   * The bureau checks an organisation in by its code (scanned or typed; compared normalized). The
   * code must be of this event (404 otherwise), of an admitted registration, and not used yet (409).
   * Allowed while the event is under way; on the day (from 12 hours before the start) the first
   * check-in opens it (IN_PROGRESS). Refused otherwise.
   */
  async checkIn(actor: Actor, eventId: string, dto: CheckInDto): Promise<RegistrationView> {
    return this.dataSource.transaction(async (m) => {
      const e = await findEvent(m, eventId, { lock: true });
      const opens = effectiveStatus(e) !== EventStatus.IN_PROGRESS;
      // On the day the first check-in opens the event; before it (or once over) check-in is refused.
      if (opens) assertStep(e, 'start');
      const code = normalizeCheckInCode(dto.code);
      const r = code ? await m.findOne(EventRegistration, { where: { eventId, checkInCode: code }, lock: LOCK }) : null;
      if (!r) throw new AppException(EventErrorCode.CHECK_IN_CODE_NOT_FOUND, '签到码无效，或不是本活动的签到码', HttpStatus.NOT_FOUND);
      if (r.checkedInAt) {
        throw AppException.conflict('该单位已签到', EventErrorCode.ALREADY_CHECKED_IN, { checkedInAt: r.checkedInAt.toISOString(), registrationId: r.id });
      }
      if (r.status !== RegistrationStatus.REGISTERED) {
        throw AppException.conflict('该单位的报名未生效（待审核、候补、未通过或已取消），不能签到', EventErrorCode.REGISTRATION_STATE, { status: r.status });
      }
      if (opens) {
        const before = { status: e.status, version: e.version };
        e.status = EventStatus.IN_PROGRESS;
        e.version += 1;
        await m.save(e);
        await this.audit.record(m, actor, { action: 'event.start', entityType: 'event', entityId: e.id, before, after: { status: e.status, version: e.version, by: 'first check-in' } });
        // Started: the reminders before the start end, as when the bureau opens the day by hand.
        await syncEventReminders(m, this.notifications, e);
      }
      const before = { checkedInAt: null };
      r.checkedInAt = new Date();
      r.checkedInByUserId = actor.userId;
      r.version += 1;
      const saved = await m.save(r);
      await this.audit.record(m, actor, {
        action: 'event.check_in',
        entityType: 'event_registration',
        entityId: r.id,
        before,
        after: { eventId, organizationId: r.organizationId, checkedInAt: saved.checkedInAt, checkedInByUserId: actor.userId },
      });
      return this.registrations.view(m, actor, e, saved);
    });
  }

  // ------------------------------------------------------------------ the live view

  /** Arrivals (newest first), the slot under way and the next, its meetings, and free desks next slot of banks that are here. */
  async live(eventId: string, now = new Date()): Promise<EventLiveView> {
    const m = this.dataSource.manager;
    await findEvent(m, eventId);
    const regs = await m.find(EventRegistration, { where: { eventId, status: RegistrationStatus.REGISTERED } });
    const orgs = await orgNames(m, regs.map((r) => r.organizationId));
    const ref = (id: string) => orgs.get(id) ?? { id, name: '', type: '' };
    const arrived = regs.filter((r) => r.checkedInAt).sort((a, b) => b.checkedInAt!.getTime() - a.checkedInAt!.getTime() || a.id.localeCompare(b.id));
    const slots = numberSlots(await m.find(EventSlot, { where: { eventId } }));
    const { current, next } = slotsAround(slots, now);
    const underway = current ? await meetingViews(m, eventId, { slotId: current.id }) : [];
    let freeDesksNext: EventLiveView['freeDesksNext'] = [];
    if (next) {
      const banks = arrived.filter((r) => sideOfOrgType(ref(r.organizationId).type) === 'BANK' && (r.desks ?? 0) > 0);
      const taken = await m.find(EventMeeting, { where: { eventId, slotId: next.id, status: MeetingStatus.SCHEDULED }, select: { bankOrgId: true, desk: true } });
      const away = new Set((await m.find(EventUnavailability, { where: { eventId, slotId: next.id } })).map((u) => u.organizationId));
      freeDesksNext = banks
        .filter((b) => !away.has(b.organizationId))
        .map((b) => ({
          bankOrganizationId: b.organizationId,
          bankName: ref(b.organizationId).name,
          freeDesks: freeDesks(b.desks!, taken.filter((t) => t.bankOrgId === b.organizationId).map((t) => t.desk)),
        }))
        .sort((a, b) => a.bankName.localeCompare(b.bankName, 'zh-CN'));
    }
    return {
      now: now.toISOString(),
      registered: regs.length,
      checkedIn: arrived.length,
      arrivals: arrived.map((r) => ({ registrationId: r.id, organization: ref(r.organizationId), checkedInAt: r.checkedInAt!.toISOString() })),
      currentSlot: current,
      nextSlot: next,
      underway,
      freeDesksNext,
    };
  }

  // ------------------------------------------------------------------ outcomes

  /** Outcomes are recorded once the event is under way, and after it. */
  private assertOutcomeOpen(e: MatchmakingEvent) {
    const s = effectiveStatus(e);
    if (s !== EventStatus.IN_PROGRESS && s !== EventStatus.HELD) {
      throw AppException.conflict('活动开始后才能登记会谈结果和签约意向', EventErrorCode.STATE_CONFLICT, { status: s });
    }
  }

  /**
   * The meeting, locked, for who may act on it: its outcome is the bank's (or the bureau's) to
   * record, and the enterprise's to confirm. The other side gets 403; anybody else 404.
   */
  private async lockMeeting(m: EntityManager, actor: Actor, eventId: string, meetingId: string, act: 'record' | 'confirm'): Promise<EventMeeting> {
    const mt = await m.findOne(EventMeeting, { where: { id: meetingId, eventId }, lock: LOCK });
    if (!mt) throw meetingNotFound();
    const isBank = actor.role === Role.BANK && actor.organizationId === mt.bankOrgId;
    const isEnterprise = actor.role === Role.ENTERPRISE && actor.organizationId === mt.enterpriseOrgId;
    if (act === 'record') {
      if (isEnterprise) throw AppException.forbidden('会谈结果由金融机构登记，企业确认即可', EventErrorCode.OUTCOME_FORBIDDEN);
      if (!isBank && actor.role !== Role.BUREAU) throw meetingNotFound();
    } else {
      if (isBank) throw AppException.forbidden('会谈结果由企业确认', EventErrorCode.OUTCOME_FORBIDDEN);
      if (!isEnterprise) throw meetingNotFound();
    }
    if (mt.status !== MeetingStatus.SCHEDULED) throw AppException.conflict('该会谈已取消', EventErrorCode.STATE_CONFLICT, { status: mt.status });
    return mt;
  }

  private async meetingView(eventId: string, meetingId: string): Promise<MeetingView> {
    const [view] = await meetingViews(this.dataSource.manager, eventId, { meetingIds: [meetingId], includeCancelled: true });
    if (!view) throw meetingNotFound();
    return view;
  }

  /**
   * The bank (or the bureau) records whether the meeting was held and its result. An intent opens a
   * case in the pipeline (or joins the bank's live case on the need), in the same transaction;
   * retries answer the same intent (its amount corrected if changed). Once an intent opened a case,
   * the result can no longer change (the case is withdrawn in the pipeline).
   */
  async recordOutcome(actor: Actor, eventId: string, meetingId: string, dto: OutcomeDto): Promise<MeetingOutcomeAnswer> {
    const problem = outcomeProblem(dto);
    if (problem) throw AppException.badRequest(problem.message, EventErrorCode.OUTCOME_INVALID, [{ field: problem.field, messages: [problem.message] }]);
    const caseId = await this.dataSource.transaction(async (m) => {
      const e = await findEvent(m, eventId, { lock: true });
      assertMatchmaking(e);
      const meeting = await this.lockMeeting(m, actor, e.id, meetingId, 'record');
      this.assertOutcomeOpen(e);
      const existing = await m.findOne(EventIntent, { where: { meetingId: meeting.id }, lock: LOCK });
      if (existing && dto.result !== MeetingResult.INTENT) {
        throw AppException.conflict('已建立对接记录，请在对接跟踪中撤回', EventErrorCode.OUTCOME_LOCKED, { caseId: existing.caseId, intentId: existing.id });
      }
      let opened: string | null = existing?.caseId ?? null;
      if (dto.result === MeetingResult.INTENT) {
        const requested = !existing && !dto.needId && !meeting.needId && meeting.requestId ? await m.findOne(MeetingRequest, { where: { id: meeting.requestId } }) : null;
        const needId = existing?.needId ?? dto.needId ?? meeting.needId ?? requested?.needId ?? null;
        if (!needId) {
          throw AppException.badRequest('请选择达成意向的融资需求', EventErrorCode.INTENT_NEED_REQUIRED, [{ field: 'needId', messages: ['会谈未指定融资需求时须选择企业的融资需求'] }]);
        }
        const signed = await this.sign(m, actor, e, {
          enterpriseOrgId: meeting.enterpriseOrgId,
          bankOrgId: meeting.bankOrgId,
          needId,
          amount: dto.amount!,
          meetingId: meeting.id,
          note: dto.note ?? null,
          ceremony: false,
        });
        opened = signed.intent.caseId;
        // The meeting now names the need its intent is about (shown beside the meeting).
        if (!meeting.needId) meeting.needId = needId;
      }
      await this.applyOutcome(m, actor, e, meeting, { held: dto.held, result: dto.result ?? null, amount: dto.amount ?? null, note: dto.note });
      return opened;
    });
    return { meeting: await this.meetingView(eventId, meetingId), caseId };
  }

  /** The enterprise confirms the outcome the bank recorded (409 before there is one). */
  async confirmOutcome(actor: Actor, eventId: string, meetingId: string): Promise<MeetingView> {
    await this.dataSource.transaction(async (m) => {
      const e = await findEvent(m, eventId);
      assertMatchmaking(e);
      const meeting = await this.lockMeeting(m, actor, e.id, meetingId, 'confirm');
      if (!meeting.outcomeAt) throw AppException.conflict('金融机构尚未登记会谈结果', EventErrorCode.STATE_CONFLICT, { meetingId });
      if (meeting.enterpriseConfirmedAt) return;
      meeting.enterpriseConfirmedAt = new Date();
      meeting.enterpriseConfirmedByUserId = actor.userId;
      meeting.version += 1;
      await m.save(meeting);
      await this.audit.record(m, actor, {
        action: 'event.meeting.outcome_confirm',
        entityType: 'event_meeting',
        entityId: meeting.id,
        after: { enterpriseConfirmedAt: meeting.enterpriseConfirmedAt, held: meeting.held, result: meeting.result, amount: meeting.amount },
      });
    });
    return this.meetingView(eventId, meetingId);
  }

  /** Writes the outcome on the meeting (nothing when it says the same); a change asks the enterprise to confirm again. */
  private async applyOutcome(m: EntityManager, actor: Actor, e: MatchmakingEvent, meeting: EventMeeting, o: OutcomeSpec) {
    const amount = o.result === MeetingResult.INTENT && o.amount ? formatDecimal(o.amount) : null;
    const note = o.note === undefined ? meeting.outcomeNote : o.note;
    const substance = meeting.outcomeAt === null || meeting.held !== o.held || meeting.result !== o.result || !sameDecimal(meeting.amount, amount);
    if (!substance && note === meeting.outcomeNote) return;
    const before = { held: meeting.held, result: meeting.result, amount: meeting.amount, note: meeting.outcomeNote, enterpriseConfirmedAt: meeting.enterpriseConfirmedAt };
    meeting.held = o.held;
    meeting.result = o.result;
    meeting.amount = amount;
    meeting.outcomeNote = note;
    meeting.outcomeAt = new Date();
    meeting.outcomeByUserId = actor.userId;
    if (substance) {
      meeting.enterpriseConfirmedAt = null;
      meeting.enterpriseConfirmedByUserId = null;
    }
    meeting.version += 1;
    await m.save(meeting);
    await this.audit.record(m, actor, {
      action: 'event.meeting.outcome',
      entityType: 'event_meeting',
      entityId: meeting.id,
      before,
      after: { held: meeting.held, result: meeting.result, amount: meeting.amount, note: meeting.outcomeNote },
    });
    if (substance) {
      const bank = (await orgNames(m, [meeting.bankOrgId])).get(meeting.bankOrgId);
      await this.notifications.notify(m, {
        type: NotificationType.EVENT_OUTCOME_RECORDED,
        to: { organizations: [meeting.enterpriseOrgId] },
        vars: { eventTitle: e.title, bankName: bank?.name ?? '', resultLabel: resultLabel(o.held, o.result), amount: amountPhrase(amount) },
        link: eventLink(e.id),
      });
    }
  }

  /**
   * One letter of intent, shared by outcomes and the signing ceremony, inside the caller's
   * transaction (event and meeting locked): the intent already recorded for the meeting — or for the
   * same bank and need at this event — is answered (amount, note, ceremony and meeting brought up to
   * date, audited); otherwise the intent is recorded and its case opened through the cases module.
   */
  private async sign(m: EntityManager, actor: Actor, e: MatchmakingEvent, o: IntentSpec): Promise<{ intent: EventIntent; created: boolean }> {
    let intent = o.meetingId ? await m.findOne(EventIntent, { where: { meetingId: o.meetingId }, lock: LOCK }) : null;
    if (!intent) {
      const same = await m.find(EventIntent, { where: { eventId: e.id, bankOrgId: o.bankOrgId, needId: o.needId }, order: { signedAt: 'ASC' }, lock: LOCK });
      intent = same.find((i) => i.meetingId === null) ?? same[0] ?? null;
    }
    if (intent) {
      const before = { amount: intent.amount, note: intent.note, ceremony: intent.ceremony, meetingId: intent.meetingId };
      if (!sameDecimal(intent.amount, o.amount)) intent.amount = formatDecimal(o.amount);
      if (o.note !== null) intent.note = o.note;
      if (o.ceremony) intent.ceremony = true;
      if (o.meetingId && !intent.meetingId) intent.meetingId = o.meetingId;
      const after = { amount: intent.amount, note: intent.note, ceremony: intent.ceremony, meetingId: intent.meetingId };
      if (JSON.stringify(before) !== JSON.stringify(after)) {
        intent = await m.save(intent);
        await this.audit.record(m, actor, { action: 'event.intent.update', entityType: 'event_intent', entityId: intent.id, before, after });
      }
      return { intent, created: false };
    }
    const [need]: { enterprise_org_id: string }[] = await m.query(`SELECT enterprise_org_id FROM financing_needs WHERE id = $1`, [o.needId]);
    if (!need || need.enterprise_org_id !== o.enterpriseOrgId) {
      throw AppException.badRequest('所选融资需求不是该企业的融资需求', EventErrorCode.NEED_INVALID, [{ field: 'needId', messages: ['须为该企业的融资需求'] }]);
    }
    const id = randomUUID();
    const amount = formatDecimal(o.amount);
    const opened = await this.cases.openFromEvent(m, actor, { needId: o.needId, bankOrgId: o.bankOrgId, eventId: e.id, intentId: id, amount, comment: intentComment(amount, e.title, o.ceremony) });
    const saved = await m.save(
      m.create(EventIntent, {
        id,
        eventId: e.id,
        meetingId: o.meetingId,
        enterpriseOrgId: o.enterpriseOrgId,
        bankOrgId: o.bankOrgId,
        needId: o.needId,
        amount,
        ceremony: o.ceremony,
        note: o.note,
        caseId: opened.caseId,
        createdByUserId: actor.userId,
      }),
    );
    await this.audit.record(m, actor, { action: 'event.intent.create', entityType: 'event_intent', entityId: id, after: { ...saved, caseCreated: opened.created } });
    return { intent: saved, created: true };
  }

  // ------------------------------------------------------------------ the signing ceremony

  /**
   * The bureau records a letter of intent signed on stage (签约仪式), outside a 1:1 meeting or for
   * one (then the meeting's outcome becomes the intent). Both organisations must be registered.
   */
  async recordCeremonyIntent(actor: Actor, eventId: string, dto: CeremonyIntentDto): Promise<IntentView> {
    const id = await this.dataSource.transaction(async (m) => {
      const e = await findEvent(m, eventId, { lock: true });
      assertMatchmaking(e);
      this.assertOutcomeOpen(e);
      const orgs = await orgNames(m, [dto.enterpriseOrganizationId, dto.bankOrganizationId]);
      if (sideOfOrgType(orgs.get(dto.enterpriseOrganizationId)?.type ?? '') !== 'ENTERPRISE') {
        throw AppException.badRequest('签约企业不是企业', EventErrorCode.OUTCOME_INVALID, [{ field: 'enterpriseOrganizationId', messages: ['应为企业'] }]);
      }
      if (sideOfOrgType(orgs.get(dto.bankOrganizationId)?.type ?? '') !== 'BANK') {
        throw AppException.badRequest('签约金融机构不是金融机构', EventErrorCode.OUTCOME_INVALID, [{ field: 'bankOrganizationId', messages: ['应为金融机构'] }]);
      }
      const regs = await m.find(EventRegistration, { where: { eventId, organizationId: In([dto.enterpriseOrganizationId, dto.bankOrganizationId]) } });
      for (const orgId of [dto.enterpriseOrganizationId, dto.bankOrganizationId]) {
        const r = regs.find((x) => x.organizationId === orgId);
        if (r?.status !== RegistrationStatus.REGISTERED) {
          throw AppException.conflict(`${orgs.get(orgId)?.name ?? ''}未成功报名本活动`, EventErrorCode.NOT_A_PARTICIPANT, { organizationId: orgId, status: r?.status ?? null });
        }
      }
      let meeting: EventMeeting | null = null;
      if (dto.meetingId) {
        meeting = await m.findOne(EventMeeting, { where: { id: dto.meetingId, eventId }, lock: LOCK });
        if (!meeting || meeting.enterpriseOrgId !== dto.enterpriseOrganizationId || meeting.bankOrgId !== dto.bankOrganizationId) {
          throw AppException.badRequest('该会谈不是这两家单位之间的会谈', EventErrorCode.OUTCOME_INVALID, [{ field: 'meetingId', messages: ['应为这两家单位之间的会谈'] }]);
        }
        if (meeting.status !== MeetingStatus.SCHEDULED) throw AppException.conflict('该会谈已取消', EventErrorCode.STATE_CONFLICT, { status: meeting.status });
      }
      const { intent } = await this.sign(m, actor, e, {
        enterpriseOrgId: dto.enterpriseOrganizationId,
        bankOrgId: dto.bankOrganizationId,
        needId: dto.needId,
        amount: dto.amount,
        meetingId: meeting?.id ?? null,
        note: dto.note ?? null,
        ceremony: true,
      });
      if (meeting) await this.applyOutcome(m, actor, e, meeting, { held: true, result: MeetingResult.INTENT, amount: intent.amount, note: undefined });
      return intent.id;
    });
    const [view] = await this.intentViews(this.dataSource.manager, eventId, { ids: [id] });
    return view;
  }

  /** The event's letters of intent: the bureau and regulators see all; an enterprise or bank its own. */
  async listIntents(actor: Actor, eventId: string): Promise<IntentView[]> {
    await findEvent(this.dataSource.manager, eventId);
    if (actor.role === Role.BANK) return this.intentViews(this.dataSource.manager, eventId, { bankOrgId: actor.organizationId });
    if (actor.role === Role.ENTERPRISE) return this.intentViews(this.dataSource.manager, eventId, { enterpriseOrgId: actor.organizationId });
    return this.intentViews(this.dataSource.manager, eventId, {});
  }

  /** Intents with their case's live state, approved and disbursed amounts (read from the cases module). */
  async intentViews(m: EntityManager, eventId: string, f: { ids?: string[]; bankOrgId?: string; enterpriseOrgId?: string }): Promise<IntentView[]> {
    const rows = await m.find(EventIntent, {
      where: { eventId, ...(f.ids ? { id: In(f.ids) } : {}), ...(f.bankOrgId ? { bankOrgId: f.bankOrgId } : {}), ...(f.enterpriseOrgId ? { enterpriseOrgId: f.enterpriseOrgId } : {}) },
      order: { signedAt: 'ASC', id: 'ASC' },
    });
    if (!rows.length) return [];
    const orgs = await orgNames(m, rows.flatMap((r) => [r.enterpriseOrgId, r.bankOrgId]));
    const titles: { id: string; title: string | null }[] = await m.query(
      `SELECT n.id, coalesce(pr.name, left(n.purpose, 40)) AS title FROM financing_needs n LEFT JOIN projects pr ON pr.id = n.project_id WHERE n.id = ANY($1::uuid[])`,
      [[...new Set(rows.map((r) => r.needId))]],
    );
    const titleOf = new Map(titles.map((t) => [t.id, t.title]));
    const figures = new Map((await this.cases.figuresForCases(rows.map((r) => r.caseId), m)).map((c) => [c.id, c]));
    const ref = (id: string) => orgs.get(id) ?? { id, name: '', type: '' };
    return rows.map((r) => {
      const c = figures.get(r.caseId);
      return {
        id: r.id,
        eventId: r.eventId,
        meetingId: r.meetingId,
        enterprise: ref(r.enterpriseOrgId),
        bank: ref(r.bankOrgId),
        needId: r.needId,
        needTitle: titleOf.get(r.needId) ?? null,
        amount: r.amount,
        ceremony: r.ceremony,
        note: r.note,
        signedAt: r.signedAt.toISOString(),
        caseId: r.caseId,
        caseState: c?.state ?? '',
        approvedAmount: c?.approvedAmount ?? null,
        disbursedAmount: c?.disbursedTotal ?? '0.00',
      };
    });
  }
}
