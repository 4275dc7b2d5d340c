import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  CriterionResult,
  EventOrgRef,
  MEETING_PRIORITY_LABELS,
  MeetingPriority,
  MeetingRequestStatus,
  MeetingRequestView,
  MeetingStatus,
  MeetingSuggestion,
  NotificationType,
  RegistrationStatus,
  Role,
} from '@zj/shared';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { AuditService } from '../../audit';
import type { Actor } from '../../common/auth/actor';
import { AppException } from '../../common/errors/app.exception';
import { FinancingNeedsService } from '../../financing-needs';
import { MatchingService } from '../../matching';
import { NotificationsService } from '../../notifications';
import { MatchmakingEvent } from '../event.entity';
import { assertMatchmaking, findEvent, ParticipantSide, registrationOf, requireParticipant, sideOfOrgType, sideOfRole } from '../event-guards';
import { isLive } from '../event-status';
import { EventErrorCode } from '../events.errors';
import { EventRegistration } from '../registrations/registration.entity';
import { CreateMeetingRequestDto, ListMeetingRequestsQuery } from './dto/meetings.dto';
import { EventMeeting, MeetingRequest } from './meeting.entities';
import { ANSWER_LABELS, bumpedSequence } from './meeting-rules';

/** Suggestions answered at most. */
export const MAX_SUGGESTIONS = 20;
/** Open needs of an enterprise scored for a pair (its registration's needs come first). */
const MAX_NEEDS_SCORED = 20;

interface RequestRow {
  id: string;
  event_id: string;
  requester_org_id: string;
  requester_name: string | null;
  requester_type: string | null;
  target_org_id: string;
  target_name: string | null;
  target_type: string | null;
  enterprise_org_id: string;
  bank_org_id: string;
  priority: MeetingPriority;
  status: MeetingRequestStatus;
  mutual: boolean;
  need_id: string | null;
  need_title: string | null;
  score: number | null;
  message: string | null;
  created_at: Date;
  responded_at: Date | null;
}

const REQUEST_VIEW_SQL = `
  SELECT r.id, r.event_id, r.requester_org_id, ro.name AS requester_name, ro.type AS requester_type,
         r.target_org_id, t.name AS target_name, t.type AS target_type, r.enterprise_org_id, r.bank_org_id,
         r.priority, r.status,
         (r.status = 'ACCEPTED' AND EXISTS (SELECT 1 FROM event_meeting_requests x WHERE x.event_id = r.event_id
            AND x.requester_org_id = r.target_org_id AND x.target_org_id = r.requester_org_id AND x.status = 'ACCEPTED')) AS mutual,
         r.need_id, coalesce(pr.name, left(n.purpose, 40)) AS need_title, r.score, r.message, r.created_at, r.responded_at
    FROM event_meeting_requests r
    LEFT JOIN organizations ro ON ro.id = r.requester_org_id
    LEFT JOIN organizations t ON t.id = r.target_org_id
    LEFT JOIN financing_needs n ON n.id = r.need_id
    LEFT JOIN projects pr ON pr.id = n.project_id`;

function toView(r: RequestRow): MeetingRequestView {
  return {
    id: r.id,
    eventId: r.event_id,
    requester: { id: r.requester_org_id, name: r.requester_name ?? '', type: r.requester_type ?? '' },
    target: { id: r.target_org_id, name: r.target_name ?? '', type: r.target_type ?? '' },
    enterpriseOrganizationId: r.enterprise_org_id,
    bankOrganizationId: r.bank_org_id,
    priority: r.priority,
    status: r.status,
    mutual: !!r.mutual,
    needId: r.need_id,
    needTitle: r.need_title,
    score: r.score,
    message: r.message,
    createdAt: new Date(r.created_at).toISOString(),
    respondedAt: r.responded_at ? new Date(r.responded_at).toISOString() : null,
  };
}

/** The best fit of an enterprise's needs with a bank's published products, with matching's reasons. */
export type PairFit = Omit<MeetingSuggestion, 'organization' | 'alreadyRequested'>;

const isUniqueViolation = (e: unknown) => e instanceof QueryFailedError && (e as unknown as { code?: string }).code === '23505';

/**
 * 1:1 meeting requests at a 对接会: an enterprise asks a bank or a bank asks an enterprise (both
 * registered), marked 必须见面 or 希望见面; the addressed side accepts or declines; asking someone
 * who already asked you accepts both (mutual). Each request carries the pair's matching score, and
 * suggestions rank the registered counterparts by it, with matching's explanation.
 */
@Injectable()
export class MeetingRequestsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly matching: MatchingService,
    private readonly needs: FinancingNeedsService,
  ) {}

  // ---------------------------------------------------------------- reads

  async list(actor: Actor, eventId: string, q: ListMeetingRequestsQuery): Promise<MeetingRequestView[]> {
    const m = this.dataSource.manager;
    const e = await findEvent(m, eventId);
    assertMatchmaking(e);
    const params: unknown[] = [eventId];
    const where = ['r.event_id = $1'];
    if (actor.role !== Role.BUREAU) {
      params.push(actor.organizationId);
      const me = `$${params.length}`;
      where.push(q.direction === 'sent' ? `r.requester_org_id = ${me}` : q.direction === 'received' ? `r.target_org_id = ${me}` : `(r.requester_org_id = ${me} OR r.target_org_id = ${me})`);
    }
    if (q.status) {
      params.push(q.status);
      where.push(`r.status = $${params.length}`);
    }
    const rows: RequestRow[] = await m.query(`${REQUEST_VIEW_SQL} WHERE ${where.join(' AND ')} ORDER BY r.created_at DESC, r.id`, params);
    return rows.map(toView);
  }

  private async view(m: EntityManager, id: string): Promise<MeetingRequestView> {
    const [row] = (await m.query(`${REQUEST_VIEW_SQL} WHERE r.id = $1`, [id])) as RequestRow[];
    return toView(row);
  }

  // ---------------------------------------------------------------- scores and suggestions

  /** Open needs of the enterprise to score: those named at registration first, then the others (newest first). */
  private async needIdsOf(enterpriseOrgId: string, registrationNeedIds: string[]): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM financing_needs WHERE enterprise_org_id = $1 AND status IN ('OPEN','IN_MATCHMAKING')
        ORDER BY (id = ANY($2::uuid[])) DESC, created_at DESC LIMIT ${MAX_NEEDS_SCORED}`,
      [enterpriseOrgId, registrationNeedIds],
    );
    const open = rows.map((r) => r.id);
    const named = registrationNeedIds.filter((id) => open.includes(id));
    return named.length ? named : open;
  }

  /**
   * The best matching score of the enterprise's needs against the bank's published products (0–100),
   * with the need, the product and matching's criteria lines; null when nothing fits. Reads outside
   * any transaction (matching reads on its own connection).
   */
  async pairFit(enterpriseOrgId: string, bankOrgId: string, needIds: string[]): Promise<PairFit | null> {
    const rows = await this.matching.needRows(needIds);
    let best: PairFit | null = null;
    for (const row of rows) {
      const ranked = await this.matching.rankProducts(row, { limit: 1, bankOrgId });
      const top = ranked.matches[0];
      if (!top || (best && best.score >= top.match.score)) continue;
      best = {
        score: Math.round(top.match.score),
        needId: row.id,
        needTitle: row.projectName ?? row.purpose.slice(0, 40),
        productId: top.product.id,
        productName: top.product.name,
        reasons: top.match.criteria.filter((c) => c.result !== CriterionResult.NOT_MET).map((c) => c.explanation),
      };
    }
    return best;
  }

  /** GET /events/:id/meeting-suggestions: registered counterparts ranked by the pair's matching score (≤ 20). */
  async suggestions(actor: Actor, eventId: string): Promise<MeetingSuggestion[]> {
    const m = this.dataSource.manager;
    const e = await findEvent(m, eventId);
    assertMatchmaking(e);
    const side = sideOfRole(actor.role);
    if (!side) throw AppException.forbidden('只有企业和金融机构可以获取会谈推荐');
    const mine = await requireParticipant(m, eventId, actor);
    const other: ParticipantSide = side === 'ENTERPRISE' ? 'BANK' : 'ENTERPRISE';
    const counterparts = (await this.registered(m, eventId)).filter((r) => r.side === other && r.organizationId !== actor.organizationId);
    const requested: { a: string; b: string }[] = await m.query(`SELECT requester_org_id AS a, target_org_id AS b FROM event_meeting_requests WHERE event_id = $1 AND (requester_org_id = $2 OR target_org_id = $2)`, [
      eventId,
      actor.organizationId,
    ]);
    const already = new Set(requested.map((r) => (r.a === actor.organizationId ? r.b : r.a)));
    const out: MeetingSuggestion[] = [];
    const myNeeds = side === 'ENTERPRISE' ? await this.needIdsOf(actor.organizationId, mine.needIds) : [];
    for (const c of counterparts) {
      let fit: PairFit | null;
      if (side === 'ENTERPRISE') fit = await this.pairFit(actor.organizationId, c.organizationId, myNeeds);
      else {
        // A bank sees the needs the enterprise named for the event, or those shared with it — and only needs
        // standing in the library (a project returned for changes shows no need to banks).
        const ids = await this.needIdsOf(c.organizationId, c.needIds);
        const visible: string[] = [];
        for (const id of ids) if ((await this.needs.isListed(id)) && (c.needIds.includes(id) || (await this.needs.isVisibleToBank(actor.organizationId, id)))) visible.push(id);
        fit = await this.pairFit(c.organizationId, actor.organizationId, visible);
      }
      if (!fit) continue;
      out.push({ organization: { id: c.organizationId, name: c.name, type: c.type }, ...fit, alreadyRequested: already.has(c.organizationId) });
    }
    out.sort((a, b) => b.score - a.score || a.organization.name.localeCompare(b.organization.name, 'zh-CN'));
    return out.slice(0, MAX_SUGGESTIONS);
  }

  /** REGISTERED participants of the event with their side. */
  private async registered(m: EntityManager, eventId: string): Promise<{ organizationId: string; name: string; type: string; side: ParticipantSide | null; needIds: string[] }[]> {
    const rows: { organization_id: string; name: string; type: string; need_ids: string[] }[] = await m.query(
      `SELECT r.organization_id, o.name, o.type, r.need_ids FROM event_registrations r JOIN organizations o ON o.id = r.organization_id
        WHERE r.event_id = $1 AND r.status = $2 ORDER BY o.name`,
      [eventId, RegistrationStatus.REGISTERED],
    );
    return rows.map((r) => ({ organizationId: r.organization_id, name: r.name, type: r.type, side: sideOfOrgType(r.type), needIds: r.need_ids ?? [] }));
  }

  // ---------------------------------------------------------------- changes

  private assertOpen(e: MatchmakingEvent) {
    assertMatchmaking(e);
    if (!isLive(e)) throw AppException.conflict('活动未发布或已结束，不能发起或答复会谈邀约', EventErrorCode.STATE_CONFLICT);
  }

  /** POST /events/:id/meeting-requests. */
  async create(actor: Actor, eventId: string, dto: CreateMeetingRequestDto): Promise<MeetingRequestView> {
    const side = sideOfRole(actor.role);
    if (!side) throw AppException.forbidden('只有企业和金融机构可以发起会谈邀约');
    // Checks and the score first, outside the transaction (matching reads on its own connection).
    const pre = this.dataSource.manager;
    const e0 = await findEvent(pre, eventId);
    this.assertOpen(e0);
    const mine = await requireParticipant(pre, eventId, actor);
    const target = await this.checkTarget(pre, eventId, actor, side, dto.targetOrganizationId);
    const enterpriseOrgId = side === 'ENTERPRISE' ? actor.organizationId : target.organizationId;
    const bankOrgId = side === 'BANK' ? actor.organizationId : target.organizationId;
    const entNeedIds = side === 'ENTERPRISE' ? mine.needIds : target.needIds;
    if (dto.needId) await this.checkNeed(dto.needId, enterpriseOrgId, side, entNeedIds);
    const fit = await this.pairFit(enterpriseOrgId, bankOrgId, await this.needIdsOf(enterpriseOrgId, entNeedIds));
    const score = fit?.score ?? null;

    try {
      const id = await this.dataSource.transaction(async (m) => {
        // The event row serialises requests, so two organisations asking each other at once meet as mutual.
        const e = await findEvent(m, eventId, { lock: true });
        this.assertOpen(e);
        await requireParticipant(m, eventId, actor);
        await this.checkTarget(m, eventId, actor, side, dto.targetOrganizationId);
        const existing = await m.findOne(MeetingRequest, { where: { eventId, requesterOrgId: actor.organizationId, targetOrgId: dto.targetOrganizationId } });
        if (existing) throw AppException.conflict('贵单位已向该机构发起过会谈邀约', EventErrorCode.REQUEST_EXISTS, { requestId: existing.id, status: existing.status });
        const reverse = await m.findOne(MeetingRequest, { where: { eventId, requesterOrgId: dto.targetOrganizationId, targetOrgId: actor.organizationId }, lock: { mode: 'pessimistic_write' } });
        const mutual = !!reverse && (reverse.status === MeetingRequestStatus.PENDING || reverse.status === MeetingRequestStatus.ACCEPTED);
        const now = new Date();
        const saved = await m.save(
          m.create(MeetingRequest, {
            eventId,
            requesterOrgId: actor.organizationId,
            targetOrgId: dto.targetOrganizationId,
            enterpriseOrgId,
            bankOrgId,
            priority: dto.priority,
            status: mutual ? MeetingRequestStatus.ACCEPTED : MeetingRequestStatus.PENDING,
            needId: dto.needId ?? null,
            score,
            message: dto.message || null,
            createdByUserId: actor.userId,
            respondedAt: mutual ? now : null,
            respondedByUserId: null,
          }),
        );
        await this.audit.record(m, actor, { action: 'event.meeting_request.create', entityType: 'event_meeting_request', entityId: saved.id, after: saved });
        const names = await this.names(m, [actor.organizationId, dto.targetOrganizationId]);
        await this.notifications.notify(m, {
          type: NotificationType.EVENT_MEETING_REQUEST,
          to: { organizations: [dto.targetOrganizationId] },
          vars: { eventTitle: e.title, requesterName: names.get(actor.organizationId) ?? '', priorityLabel: MEETING_PRIORITY_LABELS[dto.priority], message: dto.message ? `留言：${dto.message}` : '' },
          link: `/events/${eventId}/meetings`,
        });
        if (mutual && reverse!.status === MeetingRequestStatus.PENDING) {
          // They asked us first: asking them back accepts their request too.
          const before = { ...reverse! };
          reverse!.status = MeetingRequestStatus.ACCEPTED;
          reverse!.respondedAt = now;
          reverse!.respondedByUserId = actor.userId;
          await m.save(reverse!);
          await this.audit.record(m, actor, { action: 'event.meeting_request.accept', entityType: 'event_meeting_request', entityId: reverse!.id, before, after: reverse });
          await this.notifications.notify(m, {
            type: NotificationType.EVENT_MEETING_ANSWERED,
            to: { organizations: [reverse!.requesterOrgId] },
            vars: { eventTitle: e.title, targetName: names.get(actor.organizationId) ?? '', answerLabel: ANSWER_LABELS.accepted },
            link: `/events/${eventId}/meetings`,
          });
        }
        return saved.id;
      });
      return this.view(this.dataSource.manager, id);
    } catch (err) {
      if (isUniqueViolation(err)) throw AppException.conflict('贵单位已向该机构发起过会谈邀约', EventErrorCode.REQUEST_EXISTS);
      throw err;
    }
  }

  /** The target: REGISTERED at the event and of the other side (enterprise ↔ bank); 400 otherwise. */
  private async checkTarget(m: EntityManager, eventId: string, actor: Actor, side: ParticipantSide, targetOrgId: string): Promise<EventRegistration> {
    const invalid = (why: string) => AppException.badRequest(why, EventErrorCode.REQUEST_TARGET_INVALID, [{ field: 'targetOrganizationId', messages: [why] }]);
    if (targetOrgId === actor.organizationId) throw invalid('不能向本机构发起会谈邀约');
    const [org] = (await m.query(`SELECT type FROM organizations WHERE id = $1`, [targetOrgId])) as { type: string }[];
    const reg = org ? await registrationOf(m, eventId, targetOrgId) : null;
    if (!org || !reg || reg.status !== RegistrationStatus.REGISTERED) throw invalid('会谈对象未报名本活动');
    const targetSide = sideOfOrgType(org.type);
    if (!targetSide || targetSide === side) throw invalid(side === 'ENTERPRISE' ? '企业只能向金融机构发起会谈邀约' : '金融机构只能向企业发起会谈邀约');
    return reg;
  }

  /** The need is the enterprise's own; a bank may only name one the enterprise listed at registration. */
  private async checkNeed(needId: string, enterpriseOrgId: string, side: ParticipantSide, registrationNeedIds: string[]) {
    const [row] = await this.matching.needRows([needId]);
    const ok = row && row.enterpriseOrgId === enterpriseOrgId && (side === 'ENTERPRISE' || registrationNeedIds.includes(needId));
    if (!ok) {
      const why = side === 'ENTERPRISE' ? '融资需求不属于本企业' : '只能选择企业报名时列出的融资需求';
      throw AppException.badRequest(why, EventErrorCode.NEED_INVALID, [{ field: 'needId', messages: [why] }]);
    }
  }

  /** The request addressed to the caller's organisation, locked: the requester gets 403, anyone else 404. */
  private async addressed(m: EntityManager, actor: Actor, eventId: string, requestId: string): Promise<MeetingRequest> {
    const r = await m.findOne(MeetingRequest, { where: { id: requestId, eventId }, lock: { mode: 'pessimistic_write' } });
    if (!r || (r.targetOrgId !== actor.organizationId && r.requesterOrgId !== actor.organizationId)) throw AppException.notFound('会谈邀约', EventErrorCode.REQUEST_NOT_FOUND);
    if (r.targetOrgId !== actor.organizationId) throw AppException.forbidden('只有被邀约的一方可以接受或婉拒', EventErrorCode.REQUEST_NOT_ADDRESSED);
    return r;
  }

  /** POST .../accept and .../decline: the addressed organisation answers a PENDING request; the requester is told. */
  async answer(actor: Actor, eventId: string, requestId: string, accept: boolean): Promise<MeetingRequestView> {
    await this.dataSource.transaction(async (m) => {
      const e = await findEvent(m, eventId, { lock: true });
      assertMatchmaking(e);
      const r = await this.addressed(m, actor, eventId, requestId);
      this.assertOpen(e);
      if (r.status !== MeetingRequestStatus.PENDING) throw AppException.conflict('该邀约已答复或已撤回', EventErrorCode.REQUEST_STATE, { status: r.status });
      if (accept) await requireParticipant(m, eventId, actor);
      const before = { ...r };
      r.status = accept ? MeetingRequestStatus.ACCEPTED : MeetingRequestStatus.DECLINED;
      r.respondedAt = new Date();
      r.respondedByUserId = actor.userId;
      await m.save(r);
      await this.audit.record(m, actor, { action: accept ? 'event.meeting_request.accept' : 'event.meeting_request.decline', entityType: 'event_meeting_request', entityId: r.id, before, after: r });
      const names = await this.names(m, [actor.organizationId]);
      await this.notifications.notify(m, {
        type: NotificationType.EVENT_MEETING_ANSWERED,
        to: { organizations: [r.requesterOrgId] },
        vars: { eventTitle: e.title, targetName: names.get(actor.organizationId) ?? '', answerLabel: accept ? ANSWER_LABELS.accepted : ANSWER_LABELS.declined },
        link: `/events/${eventId}/meetings`,
      });
    });
    return this.view(this.dataSource.manager, requestId);
  }

  /**
   * POST .../withdraw: the requester takes back a PENDING or ACCEPTED request. Its scheduled meeting
   * is cancelled; if the other side had asked too (mutual), its request, accepted by asking back,
   * is declined, so the pair is no longer scheduled (its requester is told).
   */
  async withdraw(actor: Actor, eventId: string, requestId: string): Promise<MeetingRequestView> {
    await this.dataSource.transaction(async (m) => {
      const e = await findEvent(m, eventId, { lock: true });
      assertMatchmaking(e);
      const r = await m.findOne(MeetingRequest, { where: { id: requestId, eventId }, lock: { mode: 'pessimistic_write' } });
      if (!r || (r.requesterOrgId !== actor.organizationId && r.targetOrgId !== actor.organizationId)) throw AppException.notFound('会谈邀约', EventErrorCode.REQUEST_NOT_FOUND);
      if (r.requesterOrgId !== actor.organizationId) throw AppException.forbidden('只有发起方可以撤回邀约', EventErrorCode.REQUEST_NOT_ADDRESSED);
      if (r.status !== MeetingRequestStatus.PENDING && r.status !== MeetingRequestStatus.ACCEPTED) throw AppException.conflict('该邀约已婉拒或已撤回', EventErrorCode.REQUEST_STATE, { status: r.status });
      if (!isLive(e)) throw AppException.conflict('活动已结束或已取消', EventErrorCode.STATE_CONFLICT);
      const before = { ...r };
      r.status = MeetingRequestStatus.WITHDRAWN;
      await m.save(r);
      await this.audit.record(m, actor, { action: 'event.meeting_request.withdraw', entityType: 'event_meeting_request', entityId: r.id, before, after: r });
      const reverse = await m.findOne(MeetingRequest, { where: { eventId, requesterOrgId: r.targetOrgId, targetOrgId: r.requesterOrgId }, lock: { mode: 'pessimistic_write' } });
      if (reverse && reverse.status === MeetingRequestStatus.ACCEPTED) {
        const rb = { ...reverse };
        reverse.status = MeetingRequestStatus.DECLINED;
        reverse.respondedAt = new Date();
        reverse.respondedByUserId = actor.userId;
        await m.save(reverse);
        await this.audit.record(m, actor, { action: 'event.meeting_request.decline', entityType: 'event_meeting_request', entityId: reverse.id, before: rb, after: reverse });
        const names = await this.names(m, [actor.organizationId]);
        await this.notifications.notify(m, {
          type: NotificationType.EVENT_MEETING_ANSWERED,
          to: { organizations: [reverse.requesterOrgId] },
          vars: { eventTitle: e.title, targetName: names.get(actor.organizationId) ?? '', answerLabel: ANSWER_LABELS.declined },
          link: `/events/${eventId}/meetings`,
        });
      }
      // The pair's scheduled meeting (not a walk-in: the bureau added that on the day) is cancelled.
      const meetings = await m.find(EventMeeting, { where: { eventId, enterpriseOrgId: r.enterpriseOrgId, bankOrgId: r.bankOrgId, status: MeetingStatus.SCHEDULED, walkIn: false }, lock: { mode: 'pessimistic_write' } });
      for (const mt of meetings) {
        const mb = { ...mt };
        mt.status = MeetingStatus.CANCELLED;
        mt.sequence = bumpedSequence(mt);
        mt.version += 1;
        await m.save(mt);
        await this.audit.record(m, actor, { action: 'event.meeting.cancel', entityType: 'event_meeting', entityId: mt.id, before: mb, after: mt });
      }
    });
    return this.view(this.dataSource.manager, requestId);
  }

  private async names(m: EntityManager, ids: string[]): Promise<Map<string, string>> {
    const rows: EventOrgRef[] = await m.query(`SELECT id, name, type FROM organizations WHERE id = ANY($1::uuid[])`, [ids]);
    return new Map(rows.map((r) => [r.id, r.name]));
  }
}
