import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  CommonErrorCode,
  EventStatus,
  NeedStatus,
  NotificationType,
  REGISTRATION_STATUS_LABELS,
  RegistrationOfficer,
  RegistrationStatus,
  RegistrationView,
  Role,
} from '@zj/shared';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../audit';
import type { Actor } from '../../common/auth/actor';
import { AppException } from '../../common/errors/app.exception';
import { validationMessage } from '../../common/errors/validation';
import { zhanjiangDateTime } from '../../common/time';
import { FinancingNeedsService } from '../../financing-needs';
import { NotificationsService } from '../../notifications';
import { MatchmakingEvent } from '../event.entity';
import { findEvent, orgNames, ParticipantSide, sideOfOrgType } from '../event-guards';
import { eventLink, syncEventReminders } from '../event-reminders';
import { effectiveStatus } from '../event-status';
import { EventErrorCode } from '../events.errors';
import { newCheckInCode } from './check-in-code';
import { CreateRegistrationDto, ListRegistrationsQuery, OfficerDto, RejectRegistrationDto, UpdateRegistrationDto } from './dto/registration.dto';
import { EventRegistration } from './registration.entity';
import { admission, isLiveRegistration, isNoShow, LIVE_REGISTRATION_STATUSES, placesToPromote, registrationClosedReason, sideProblems } from './registration-rules';

export { LIVE_REGISTRATION_STATUSES };

const isBureau = (actor: Actor) => actor.role === Role.BUREAU;

const notFound = () => AppException.notFound('报名记录', EventErrorCode.REGISTRATION_NOT_FOUND);

const invalid = (problems: { field: string; messages: string[] }[]) =>
  AppException.badRequest(validationMessage(problems, false), CommonErrorCode.VALIDATION_FAILED, problems);

const officersOf = (list: OfficerDto[]): RegistrationOfficer[] => list.map((o) => ({ name: o.name, title: o.title || null, phone: o.phone || null }));

/** The event is over or cancelled: registrations no longer change. */
const closedForChanges = (e: MatchmakingEvent) => e.status === EventStatus.HELD || e.status === EventStatus.CANCELLED;

/**
 * Registrations for an event (one per organisation): an enterprise or bank registers its own
 * organisation (the bureau may on its behalf) while registration is open — invited, or for public
 * events anyone. Approval first when the event requires it; within capacity REGISTERED, beyond it
 * WAITLISTED, promoted in order (waitlistedAt) when a place frees or the capacity rises. Every
 * change locks the event row (so concurrent registrations never exceed capacity), is audited and
 * tells the organisation (EVENT_REGISTRATION). A cancelled or rejected organisation may register
 * again: its row comes back with the same check-in code.
 */
@Injectable()
export class RegistrationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly needs: FinancingNeedsService,
  ) {}

  // ------------------------------------------------------------------ views

  /** Registrations as RegistrationView for the caller: the check-in code only for its own organisation and the bureau. */
  async views(m: EntityManager, actor: Actor, e: MatchmakingEvent, regs: EventRegistration[]): Promise<RegistrationView[]> {
    if (!regs.length) return [];
    const names = await orgNames(m, regs.map((r) => r.organizationId));
    const positions = new Map<string, number>();
    if (regs.some((r) => r.status === RegistrationStatus.WAITLISTED)) {
      const rows: { id: string; pos: number }[] = await m.query(
        `SELECT id, row_number() OVER (ORDER BY waitlisted_at, id)::int AS pos FROM event_registrations WHERE event_id = $1 AND status = 'WAITLISTED'`,
        [e.id],
      );
      for (const r of rows) positions.set(r.id, Number(r.pos));
    }
    const status = effectiveStatus(e);
    return regs.map((r) => {
      const org = names.get(r.organizationId);
      const seesCode = isBureau(actor) || actor.organizationId === r.organizationId;
      return {
        id: r.id,
        eventId: r.eventId,
        organization: { id: r.organizationId, name: org?.name ?? '', type: org?.type ?? '' },
        status: r.status,
        desks: r.desks,
        officers: r.officers ?? [],
        needIds: r.needIds ?? [],
        contactName: r.contactName,
        contactPhone: r.contactPhone,
        note: r.note,
        waitlistPosition: r.status === RegistrationStatus.WAITLISTED ? (positions.get(r.id) ?? null) : null,
        checkInCode: seesCode ? r.checkInCode : null,
        checkedInAt: r.checkedInAt ? r.checkedInAt.toISOString() : null,
        noShow: isNoShow(status, r.status, r.checkedInAt),
        registeredAt: r.createdAt.toISOString(),
        version: r.version,
      };
    });
  }

  async view(m: EntityManager, actor: Actor, e: MatchmakingEvent, reg: EventRegistration): Promise<RegistrationView> {
    return (await this.views(m, actor, e, [reg]))[0];
  }

  // ------------------------------------------------------------------ reads

  /** The bureau: every registration (filters: status, ENTERPRISE|BANK), in registration order; others: their own organisation's only. */
  async list(actor: Actor, eventId: string, q: ListRegistrationsQuery): Promise<RegistrationView[]> {
    const m = this.dataSource.manager;
    const e = await findEvent(m, eventId);
    const qb = m.getRepository(EventRegistration).createQueryBuilder('r').where('r.event_id = :eventId', { eventId });
    if (!isBureau(actor)) qb.andWhere('r.organization_id = :org', { org: actor.organizationId });
    if (q.status) qb.andWhere('r.status = :status', { status: q.status });
    if (q.type) qb.andWhere(`EXISTS (SELECT 1 FROM organizations ro WHERE ro.id = r.organization_id AND ro.type = :orgType)`, { orgType: q.type === 'BANK' ? 'FINANCIAL_INSTITUTION' : 'ENTERPRISE' });
    const regs = await qb.orderBy('r.created_at', 'ASC').addOrderBy('r.id', 'ASC').getMany();
    return this.views(m, actor, e, regs);
  }

  async get(actor: Actor, eventId: string, regId: string): Promise<RegistrationView> {
    const m = this.dataSource.manager;
    const e = await findEvent(m, eventId);
    const reg = await this.visible(m, actor, eventId, regId);
    return this.view(m, actor, e, reg);
  }

  /** The registration if the caller may see it (its own organisation or the bureau); 404 otherwise. */
  private async visible(m: EntityManager, actor: Actor, eventId: string, regId: string, lock = false): Promise<EventRegistration> {
    const reg = await m.findOne(EventRegistration, { where: { id: regId, eventId }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!reg || (!isBureau(actor) && reg.organizationId !== actor.organizationId)) throw notFound();
    return reg;
  }

  // ------------------------------------------------------------------ helpers

  private registeredCount(m: EntityManager, eventId: string): Promise<number> {
    return m.query(`SELECT count(*)::int AS n FROM event_registrations WHERE event_id = $1 AND status = 'REGISTERED'`, [eventId]).then((r: { n: number }[]) => Number(r[0].n));
  }

  /** Tells the organisation its registration's status (EVENT_REGISTRATION), inside the transaction. */
  private async tell(m: EntityManager, e: MatchmakingEvent, organizationId: string, statusLabel: string, detail: string) {
    await this.notifications.notify(m, {
      type: NotificationType.EVENT_REGISTRATION,
      to: { organizations: [organizationId] },
      vars: { eventTitle: e.title, startsAt: zhanjiangDateTime(e.startsAt), statusLabel, detail },
      link: eventLink(e.id),
    });
  }

  private async waitlistPosition(m: EntityManager, reg: EventRegistration): Promise<number> {
    const [row] = await m.query(
      `SELECT count(*)::int AS n FROM event_registrations WHERE event_id = $1 AND status = 'WAITLISTED' AND (waitlisted_at, id) <= ($2::timestamptz, $3::uuid)`,
      [reg.eventId, reg.waitlistedAt, reg.id],
    );
    return Number(row.n);
  }

  private async statusDetail(m: EntityManager, reg: EventRegistration): Promise<string> {
    switch (reg.status) {
      case RegistrationStatus.REGISTERED:
        return '请凭签到码入场（可在平台活动页面查看）。';
      case RegistrationStatus.WAITLISTED:
        return `名额已满，您在候补名单第${await this.waitlistPosition(m, reg)}位；有名额空出时将按顺序递补并通知您。`;
      case RegistrationStatus.PENDING:
        return '报名须经市金融工作局审核，审核结果将另行通知。';
      default:
        return '';
    }
  }

  /** The enterprise's needs it names must be its own OPEN needs, standing in the library (checked through FinancingNeedsService). */
  private async checkNeeds(m: EntityManager, organizationId: string, needIds: string[]) {
    const bad: string[] = [];
    for (const id of needIds) {
      const loaded = await this.needs.loadForMatching(id, m);
      // Banks at the event see the needs named here: only a need standing in the library (its project listed).
      if (!loaded || loaded.need.enterpriseOrgId !== organizationId || loaded.need.status !== NeedStatus.OPEN || !(await this.needs.isListed(id, m))) bad.push(id);
    }
    if (bad.length) {
      throw AppException.badRequest('所选融资需求不是本企业已入库项目的在融需求', EventErrorCode.NEED_INVALID, [
        { field: 'needIds', messages: [`洽谈的融资需求须为本企业已入库项目的在融需求，以下需求不符合：${bad.join('、')}`] },
      ]);
    }
  }

  /** The bureau registering on an organisation's behalf names it; others register their own. */
  private async registrant(m: EntityManager, actor: Actor, dto: CreateRegistrationDto): Promise<{ id: string; side: ParticipantSide }> {
    let orgId = actor.organizationId;
    if (isBureau(actor)) {
      if (!dto.organizationId) throw invalid([{ field: 'organizationId', messages: ['市金融工作局代为报名时须指定报名机构'] }]);
      orgId = dto.organizationId;
    } else if (dto.organizationId && dto.organizationId !== actor.organizationId) {
      throw AppException.forbidden('只能为本单位报名');
    }
    const [org] = await m.query(`SELECT id, type FROM organizations WHERE id = $1`, [orgId]);
    const side = org ? sideOfOrgType(org.type) : null;
    if (!side) throw invalid([{ field: 'organizationId', messages: ['只有企业和金融机构可以报名'] }]);
    return { id: orgId, side };
  }

  // ------------------------------------------------------------------ writes

  /**
   * Registers an organisation: 409 EVENT_REGISTRATION_CLOSED outside registration, 403
   * EVENT_NOT_INVITED for a non-public event it is not invited to, 409 EVENT_ALREADY_REGISTERED
   * while it holds or waits for a place. Answers REGISTERED, WAITLISTED or PENDING.
   */
  register(actor: Actor, eventId: string, dto: CreateRegistrationDto): Promise<RegistrationView> {
    return this.dataSource.transaction(async (m) => {
      const e = await findEvent(m, eventId, { lock: true });
      const org = await this.registrant(m, actor, dto);
      const closed = registrationClosedReason(e);
      if (closed) throw AppException.conflict(closed, EventErrorCode.REGISTRATION_CLOSED);
      if (!e.isPublic) {
        const [inv] = await m.query(`SELECT 1 FROM event_invitations WHERE event_id = $1 AND organization_id = $2`, [eventId, org.id]);
        if (!inv) throw AppException.forbidden('本活动仅限受邀机构报名', EventErrorCode.NOT_INVITED);
      }
      const existing = await m.findOne(EventRegistration, { where: { eventId, organizationId: org.id }, lock: { mode: 'pessimistic_write' } });
      if (existing && isLiveRegistration(existing.status)) {
        throw AppException.conflict(`已报名本活动（${REGISTRATION_STATUS_LABELS[existing.status]}）`, EventErrorCode.ALREADY_REGISTERED, { registrationId: existing.id });
      }
      const fields = { desks: dto.desks ?? null, officers: officersOf(dto.officers ?? []), needIds: [...new Set(dto.needIds ?? [])] };
      const problems = sideProblems(org.side, fields);
      if (problems.length) throw invalid(problems);
      if (org.side === 'ENTERPRISE') await this.checkNeeds(m, org.id, fields.needIds);

      const status = admission(e, await this.registeredCount(m, eventId));
      const before = existing ? { ...existing } : null;
      const reg =
        existing ??
        m.create(EventRegistration, { eventId, organizationId: org.id, checkInCode: await this.freshCode(m, eventId), isDemo: false, version: 0 });
      Object.assign(reg, {
        ...fields,
        status,
        contactName: dto.contactName ?? null,
        contactPhone: dto.contactPhone ?? null,
        note: dto.note ?? null,
        waitlistedAt: status === RegistrationStatus.WAITLISTED ? new Date() : null,
        registeredByUserId: actor.userId,
        checkedInAt: null,
        checkedInByUserId: null,
        version: reg.version + 1,
      });
      const saved = await m.save(reg);
      await this.audit.record(m, actor, { action: 'event.registration.create', entityType: 'event_registration', entityId: saved.id, before, after: saved });
      await this.tell(m, e, org.id, REGISTRATION_STATUS_LABELS[status], await this.statusDetail(m, saved));
      if (status === RegistrationStatus.REGISTERED) await syncEventReminders(m, this.notifications, e);
      return this.view(m, actor, e, saved);
    });
  }

  /** A check-in code not yet used at the event (a repeat among 2^60 is next to impossible, but checked). */
  private async freshCode(m: EntityManager, eventId: string): Promise<string> {
    for (;;) {
      const code = newCheckInCode();
      const [taken] = await m.query(`SELECT 1 FROM event_registrations WHERE event_id = $1 AND check_in_code = $2`, [eventId, code]);
      if (!taken) return code;
    }
  }

  /**
   * Changes what a registration states (own organisation or the bureau; version checked), until the
   * event is held or cancelled. A bank cannot bring fewer desks than its scheduled meetings use.
   */
  update(actor: Actor, eventId: string, regId: string, dto: UpdateRegistrationDto): Promise<RegistrationView> {
    return this.dataSource.transaction(async (m) => {
      const e = await findEvent(m, eventId, { lock: true });
      const reg = await this.visible(m, actor, eventId, regId, true);
      if (reg.version !== dto.version) throw AppException.conflict('报名信息已被他人修改，请刷新后重试', EventErrorCode.VERSION_CONFLICT, { currentVersion: reg.version });
      if (closedForChanges(e)) throw AppException.conflict(`活动${e.status === EventStatus.HELD ? '已结束' : '已取消'}，报名信息不能再修改`, EventErrorCode.STATE_CONFLICT);
      if (!isLiveRegistration(reg.status)) throw AppException.conflict(`报名${REGISTRATION_STATUS_LABELS[reg.status]}，不能修改；如需参加请重新报名`, EventErrorCode.REGISTRATION_STATE);
      const [org] = await m.query(`SELECT type FROM organizations WHERE id = $1`, [reg.organizationId]);
      const side = sideOfOrgType(org.type) as ParticipantSide;
      const before = { ...reg };
      const fields = {
        desks: dto.desks !== undefined ? dto.desks : reg.desks,
        officers: dto.officers !== undefined ? officersOf(dto.officers) : reg.officers,
        needIds: dto.needIds !== undefined ? [...new Set(dto.needIds)] : reg.needIds,
      };
      const problems = sideProblems(side, fields);
      if (problems.length) throw invalid(problems);
      if (side === 'ENTERPRISE') await this.checkNeeds(m, reg.organizationId, fields.needIds.filter((id) => !reg.needIds.includes(id)));
      if (side === 'BANK' && fields.desks !== null && reg.desks !== null && fields.desks < reg.desks) {
        const [used] = await m.query(
          `SELECT mt.id, mt.desk, s.starts_at, o.name FROM event_meetings mt JOIN event_slots s ON s.id = mt.slot_id JOIN organizations o ON o.id = mt.enterprise_org_id
            WHERE mt.event_id = $1 AND mt.bank_org_id = $2 AND mt.status = 'SCHEDULED' AND mt.desk > $3 ORDER BY s.starts_at, mt.desk LIMIT 1`,
          [eventId, reg.organizationId, fields.desks],
        );
        if (used) {
          throw AppException.conflict(
            `桌位${used.desk}在 ${zhanjiangDateTime(new Date(used.starts_at))} 已安排与${used.name}的会谈，桌位数不能少于${used.desk}；请先调整该会谈`,
            EventErrorCode.MEETING_CONFLICT,
            { meetingId: used.id, desk: used.desk },
          );
        }
      }
      Object.assign(reg, fields);
      if (dto.contactName !== undefined) reg.contactName = dto.contactName;
      if (dto.contactPhone !== undefined) reg.contactPhone = dto.contactPhone;
      if (dto.note !== undefined) reg.note = dto.note;
      reg.version += 1;
      const saved = await m.save(reg);
      await this.audit.record(m, actor, { action: 'event.registration.update', entityType: 'event_registration', entityId: regId, before, after: saved });
      return this.view(m, actor, e, saved);
    });
  }

  /** The bureau admits a PENDING registration: REGISTERED if a place is left, else WAITLISTED. */
  approve(actor: Actor, eventId: string, regId: string): Promise<RegistrationView> {
    return this.decide(actor, eventId, regId, 'approve');
  }

  /** The bureau turns a PENDING registration down, with the reason told to the organisation. */
  reject(actor: Actor, eventId: string, regId: string, dto: RejectRegistrationDto): Promise<RegistrationView> {
    return this.decide(actor, eventId, regId, 'reject', dto.reason);
  }

  private decide(actor: Actor, eventId: string, regId: string, decision: 'approve' | 'reject', reason?: string): Promise<RegistrationView> {
    return this.dataSource.transaction(async (m) => {
      const e = await findEvent(m, eventId, { lock: true });
      const reg = await this.visible(m, actor, eventId, regId, true);
      if (closedForChanges(e)) throw AppException.conflict(`活动${e.status === EventStatus.HELD ? '已结束' : '已取消'}，不能再审核报名`, EventErrorCode.STATE_CONFLICT);
      if (reg.status !== RegistrationStatus.PENDING) {
        throw AppException.conflict(`只能审核待审核的报名（当前：${REGISTRATION_STATUS_LABELS[reg.status]}）`, EventErrorCode.REGISTRATION_STATE);
      }
      const before = { ...reg };
      reg.status = decision === 'approve' ? admission(e, await this.registeredCount(m, eventId), true) : RegistrationStatus.REJECTED;
      reg.waitlistedAt = reg.status === RegistrationStatus.WAITLISTED ? new Date() : null;
      reg.version += 1;
      const saved = await m.save(reg);
      await this.audit.record(m, actor, {
        action: `event.registration.${decision}`,
        entityType: 'event_registration',
        entityId: regId,
        before,
        after: { ...saved, ...(reason ? { reason } : {}) },
      });
      const detail = decision === 'reject' ? (reason ? `原因：${reason}` : '') : await this.statusDetail(m, saved);
      await this.tell(m, e, reg.organizationId, decision === 'reject' ? '未通过审核' : REGISTRATION_STATUS_LABELS[saved.status], detail);
      if (saved.status === RegistrationStatus.REGISTERED) await syncEventReminders(m, this.notifications, e);
      return this.view(m, actor, e, saved);
    });
  }

  /**
   * Cancels a registration (own organisation or the bureau) until the event is held or cancelled:
   * the organisation's pending and accepted meeting requests at the event are withdrawn and its
   * scheduled meetings cancelled; a place freed goes to the waiting list in order.
   */
  cancel(actor: Actor, eventId: string, regId: string): Promise<RegistrationView> {
    return this.dataSource.transaction(async (m) => {
      const e = await findEvent(m, eventId, { lock: true });
      const reg = await this.visible(m, actor, eventId, regId, true);
      if (closedForChanges(e)) throw AppException.conflict(`活动${e.status === EventStatus.HELD ? '已结束' : '已取消'}，不能再取消报名`, EventErrorCode.STATE_CONFLICT);
      if (!isLiveRegistration(reg.status)) throw AppException.conflict(`报名${REGISTRATION_STATUS_LABELS[reg.status]}，无需取消`, EventErrorCode.REGISTRATION_STATE);
      const before = { ...reg };
      const wasRegistered = reg.status === RegistrationStatus.REGISTERED;
      reg.status = RegistrationStatus.CANCELLED;
      reg.waitlistedAt = null;
      reg.version += 1;
      const saved = await m.save(reg);
      const withdrawn: { id: string }[] = (
        await m.query(
          `UPDATE event_meeting_requests SET status = 'WITHDRAWN', updated_at = now()
            WHERE event_id = $1 AND (requester_org_id = $2 OR target_org_id = $2) AND status IN ('PENDING','ACCEPTED') RETURNING id`,
          [eventId, reg.organizationId],
        )
      )[0];
      const cancelledMeetings: { id: string }[] = (
        await m.query(
          `UPDATE event_meetings SET status = 'CANCELLED', sequence = sequence + CASE WHEN published_sequence IS NULL THEN 0 ELSE 1 END, version = version + 1, updated_at = now()
            WHERE event_id = $1 AND (enterprise_org_id = $2 OR bank_org_id = $2) AND status = 'SCHEDULED' RETURNING id`,
          [eventId, reg.organizationId],
        )
      )[0];
      await this.audit.record(m, actor, {
        action: 'event.registration.cancel',
        entityType: 'event_registration',
        entityId: regId,
        before,
        after: { ...saved, withdrawnRequestIds: withdrawn.map((r) => r.id), cancelledMeetingIds: cancelledMeetings.map((r) => r.id) },
      });
      const byBureau = isBureau(actor) && actor.organizationId !== reg.organizationId;
      await this.tell(m, e, reg.organizationId, REGISTRATION_STATUS_LABELS[RegistrationStatus.CANCELLED], byBureau ? '报名已由市金融工作局取消。' : '');
      if (wasRegistered) {
        await this.promoteWaitlist(m, actor, e);
        await syncEventReminders(m, this.notifications, e);
      }
      return this.view(m, actor, e, saved);
    });
  }

  /**
   * Inside the caller's transaction (the event row locked): moves the waiting list up, in the order
   * it joined, into the places left; each promoted organisation is told. Answers those promoted.
   */
  async promoteWaitlist(m: EntityManager, actor: Actor, e: MatchmakingEvent): Promise<EventRegistration[]> {
    const waiting = await m.find(EventRegistration, { where: { eventId: e.id, status: RegistrationStatus.WAITLISTED }, order: { waitlistedAt: 'ASC', id: 'ASC' }, lock: { mode: 'pessimistic_write' } });
    const n = placesToPromote(e.capacity, await this.registeredCount(m, e.id), waiting.length);
    const promoted: EventRegistration[] = [];
    for (const reg of waiting.slice(0, n)) {
      const before = { ...reg };
      reg.status = RegistrationStatus.REGISTERED;
      reg.waitlistedAt = null;
      reg.version += 1;
      const saved = await m.save(reg);
      await this.audit.record(m, actor, { action: 'event.registration.promote', entityType: 'event_registration', entityId: reg.id, before, after: saved });
      await this.tell(m, e, reg.organizationId, '已由候补转为正式报名', '有名额空出，您已按候补顺序递补为正式报名，请凭签到码入场。');
      promoted.push(saved);
    }
    if (promoted.length) await syncEventReminders(m, this.notifications, e);
    return promoted;
  }
}
