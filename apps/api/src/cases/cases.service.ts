import { HttpStatus, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ACTIVE_CASE_STATES,
  addDecimal,
  CaseDetail,
  CaseOrigin,
  CaseParty,
  CaseState,
  CaseView,
  compareDecimal,
  FundUseResult,
  GreenwashingStatus,
  MASKED,
  NeedStatus,
  OrgType,
  Page,
  ProductStatus,
  Role,
} from '@zj/shared';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit';
import { Actor, SYSTEM_ACTOR } from '../common/auth/actor';
import { AppException } from '../common/errors/app.exception';
import { zhanjiangDate } from '../common/time';
import { pageBounds } from '../common/http/pagination';
import { AppConfig } from '../config';
import { ContactRevealRegistry, FinancingNeed, FinancingNeedsService } from '../financing-needs';
import { MatchingService, explainMatch, toMatchNeed } from '../matching';
import { Product } from '../products';
import { WorkCalendarService, isOverdue, workingDaysBetween } from '../work-calendar';
import { allowedTargets, checkTransition, REQUIRED_FIELDS, trancheDateProblem } from './case-machine';
import { caseNoticeDetail, CaseNotices, CaseNoticeSubject } from './case-notices';
import { approvedAmountProblems, capMessage, checkPlaces, mayTakeUp } from './case-rules';
import { GREENWASHING_TASK_NUMBER, warningScope } from './warning-access';
import { CaseEvent, CaseTranche, FundUseCheck, GreenwashingWarning, MatchmakingCase } from './case.entity';
import { CaseErrorCode } from './cases.errors';
import { disbursedByCaseSql } from './financing-disbursed';
import { REFERRABLE_STATES, REFERRAL_PROPOSALS, referralBlock, referralProposals } from './referral';
import { ApplyDto, ClaimDto, FundUseCheckDto, ListCasesQuery, PushDto, ReassignDto, TrancheDto, TransitionDto } from './dto/case.dto';
import type { ReferDto } from './dto/case.dto';
import type { CasePipelineView, CasePushAnswer, CaseReferralLink, CaseReferralOptions } from '@zj/shared';

const notFound = () => AppException.notFound('对接记录', CaseErrorCode.NOT_FOUND);
const ACTIVE = ACTIVE_CASE_STATES as CaseState[];
/** States in which a bank has taken the need up: the enterprise's contact is revealed to it. */
const REVEALING = [CaseState.ACCEPTED, CaseState.IN_CONTACT, CaseState.UNDER_REVIEW, CaseState.APPROVED, CaseState.DISBURSED];

export function partyOf(actor: Actor, c: { bankOrgId: string; enterpriseOrgId: string }): CaseParty | null {
  if (actor.role === Role.BUREAU) return CaseParty.BUREAU;
  if (actor.role === Role.BANK && actor.organizationId === c.bankOrgId) return CaseParty.BANK;
  if (actor.role === Role.ENTERPRISE && actor.organizationId === c.enterpriseOrgId) return CaseParty.ENTERPRISE;
  return null;
}

const CASE_SELECT = `SELECT c.*, b.name AS bank_name, e.name AS enterprise_name, p.name AS product_name, n.amount AS need_amount,
    n.term_months AS need_term_months, n.instrument AS need_instrument, n.purpose AS need_purpose, pr.name AS project_name, pr.id AS project_id, pr.status AS project_status,
    coalesce(pr.division_code, e.division_code) AS division_code
  FROM matchmaking_cases c
  JOIN organizations b ON b.id = c.bank_org_id
  JOIN organizations e ON e.id = c.enterprise_org_id
  JOIN financing_needs n ON n.id = c.need_id
  LEFT JOIN projects pr ON pr.id = n.project_id
  LEFT JOIN products p ON p.id = c.product_id`;

// Raw rows of CASE_SELECT (snake_case columns), read field by field in toView.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type CaseRow = Record<string, any>;

@Injectable()
export class CasesService implements OnModuleInit {

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly needs: FinancingNeedsService,
    private readonly contacts: ContactRevealRegistry,
    private readonly calendar: WorkCalendarService,
    private readonly matching: MatchingService,
    private readonly notices: CaseNotices,
  ) {}

  onModuleInit() {
    // The library masks enterprise contacts for banks unless this policy says the bank took the need up.
    this.contacts.use({ revealedNeedIds: (bankOrgId, needIds) => this.revealedNeedIds(bankOrgId, needIds) });
  }

  /** Of `needIds`, those the bank has taken up (a case accepted and not ended without business). */
  async revealedNeedIds(bankOrgId: string, needIds: string[]): Promise<Set<string>> {
    if (!needIds.length) return new Set();
    const rows: { need_id: string }[] = await this.dataSource.query(
      `SELECT DISTINCT need_id FROM matchmaking_cases WHERE bank_org_id = $1 AND need_id = ANY($2::uuid[])
         AND (state = ANY($3::text[]) OR (state = 'CLOSED' AND disbursed_total > 0))`,
      [bankOrgId, needIds, REVEALING],
    );
    return new Set(rows.map((r) => r.need_id));
  }

  // ------------------------------------------------------------------ starting a case

  private async lockNeed(m: EntityManager, needId: string): Promise<FinancingNeed> {
    const need = await m.findOne(FinancingNeed, { where: { id: needId }, lock: { mode: 'pessimistic_write' } });
    if (!need) throw AppException.notFound('融资需求', CaseErrorCode.NEED_NOT_FOUND);
    return need;
  }

  private assertOpen(need: FinancingNeed) {
    if (need.status !== NeedStatus.OPEN && need.status !== NeedStatus.IN_MATCHMAKING) {
      throw AppException.conflict('该融资需求已结束，不能再对接', CaseErrorCode.NEED_NOT_OPEN, { status: need.status });
    }
  }

  /**
   * With the need row locked: one live case per bank, and at most CASE_CLAIM_CAP banks with a live case
   * on the need at once, on every path (case-rules.ts checkPlaces; openCase calls it for every new
   * case). Several banks (the bureau's push) get a place all or none.
   */
  private async assertPlace(m: EntityManager, needId: string, bankOrgIds: string | readonly string[]) {
    const rows: { bank_org_id: string }[] = await m.query(`SELECT bank_org_id FROM matchmaking_cases WHERE need_id = $1 AND state = ANY($2::text[])`, [needId, ACTIVE]);
    const refusal = checkPlaces(rows.map((r) => r.bank_org_id), typeof bankOrgIds === 'string' ? [bankOrgIds] : bankOrgIds, this.config.CASE_CLAIM_CAP);
    if (refusal?.reason === 'ALREADY_TAKEN_UP') throw AppException.conflict('该机构已在对接此融资需求', CaseErrorCode.ALREADY_TAKEN_UP, { bankOrgIds: refusal.bankOrgIds });
    if (refusal) {
      const { reason: _r, ...details } = refusal;
      throw AppException.conflict(capMessage(refusal), CaseErrorCode.CLAIM_CAP_REACHED, details);
    }
  }

  /** A need reaches banks only while its project is listed (not returned for changes): every path into a case. */
  private async assertListed(m: EntityManager, needId: string) {
    if (!(await this.needs.isListed(needId, m))) {
      throw AppException.conflict('该融资需求所属项目尚未入库（未提交、审核中或已退回修改），暂不能与金融机构对接', CaseErrorCode.NEED_NOT_LISTED);
    }
  }

  /**
   * The contact-reveal side of the cap, with the need row locked: a bank takes a need up (accepts, and
   * sees the enterprise's contact) only while fewer than CASE_CLAIM_CAP other banks have (case-rules.ts
   * mayTakeUp) — also for cases written before the cap held on every path, or after it was lowered.
   */
  private async assertTakeUp(m: EntityManager, c: MatchmakingCase) {
    await this.lockNeed(m, c.needId);
    const [{ n }]: { n: number }[] = await m.query(
      `SELECT count(DISTINCT bank_org_id)::int AS n FROM matchmaking_cases WHERE need_id = $1 AND bank_org_id <> $2
         AND (state = ANY($3::text[]) OR (state = 'CLOSED' AND disbursed_total > 0))`,
      [c.needId, c.bankOrgId, REVEALING],
    );
    const cap = this.config.CASE_CLAIM_CAP;
    if (!mayTakeUp(n, cap)) {
      throw AppException.conflict(`该融资需求已有${n}家机构受理，每项融资需求至多${cap}家机构同时对接；有机构退出后才能受理`, CaseErrorCode.CLAIM_CAP_REACHED, { cap, takenUp: n });
    }
  }

  private async liveProduct(m: EntityManager, productId: string, bankOrgId?: string): Promise<Product> {
    const p = await m.findOne(Product, { where: { id: productId } });
    const today = zhanjiangDate();
    if (!p || p.status !== ProductStatus.PUBLISHED || (p.validFrom && p.validFrom > today) || (p.validUntil && p.validUntil < today) || (bankOrgId && p.bankOrgId !== bankOrgId)) {
      throw AppException.badRequest('产品不存在或未在发布中', CaseErrorCode.PRODUCT_NOT_AVAILABLE, [{ field: 'productId', messages: ['产品不可用'] }]);
    }
    return p;
  }

  private async actorNames(m: EntityManager, actor: Actor): Promise<{ name: string | null; orgName: string | null }> {
    const [row] = await m.query(
      `SELECT u.display_name AS name, o.name AS org_name FROM organizations o LEFT JOIN users u ON u.id = $1 WHERE o.id = $2`,
      [actor.userId, actor.organizationId],
    );
    return { name: row?.name ?? (actor.userId === SYSTEM_ACTOR.userId ? '系统' : null), orgName: row?.org_name ?? null };
  }

  private async addEvent(m: EntityManager, actor: Actor, caseId: string, from: CaseState | null, to: CaseState, party: CaseParty | null, comment?: string | null) {
    const names = await this.actorNames(m, actor);
    await m.insert(CaseEvent, {
      caseId,
      fromState: from,
      toState: to,
      party,
      actorUserId: actor.userId === SYSTEM_ACTOR.userId ? null : actor.userId,
      actorName: names.name,
      actorOrgId: actor.userId === SYSTEM_ACTOR.userId ? null : actor.organizationId,
      actorOrgName: names.orgName,
      comment: comment ?? null,
    });
  }

  private async subject(m: EntityManager, c: MatchmakingCase): Promise<CaseNoticeSubject> {
    const [row] = await m.query(
      `SELECT b.name AS bank_name, coalesce(pr.name, left(n.purpose, 40)) AS title FROM financing_needs n
         JOIN organizations b ON b.id = $2 LEFT JOIN projects pr ON pr.id = n.project_id WHERE n.id = $1`,
      [c.needId, c.bankOrgId],
    );
    return { caseId: c.id, needId: c.needId, needTitle: row?.title ?? '', bankOrgId: c.bankOrgId, bankName: row?.bank_name ?? '', enterpriseOrgId: c.enterpriseOrgId };
  }

  private async openCase(
    m: EntityManager,
    actor: Actor,
    need: FinancingNeed,
    o: {
      bankOrgId: string;
      origin: CaseOrigin;
      productId: string | null;
      state: CaseState.PENDING | CaseState.ACCEPTED;
      party: CaseParty;
      comment?: string;
      /** What the acting side typed for the other (附言): passed on in the notice, kept in the audit log. */
      note?: string;
      reassignedFrom?: string;
      /** Origin EVENT: the 对接会 and the letter of intent that opened it. */
      sourceEventId?: string;
      sourceRef?: string;
    },
  ): Promise<MatchmakingCase> {
    // Every path into a case goes through here: the need listed, and a place within the cap.
    await this.assertListed(m, need.id);
    await this.assertPlace(m, need.id, o.bankOrgId);
    const now = new Date();
    const days = o.state === CaseState.PENDING ? this.config.CASE_ANSWER_WORKING_DAYS : this.config.CASE_CONTACT_WORKING_DAYS;
    let score: number | null = null;
    if (o.productId) {
      const [row] = await this.matching.needRows([need.id], m);
      const product = await m.findOneByOrFail(Product, { id: o.productId });
      score = explainMatch(toMatchNeed(row), product, this.matching.context).score;
    }
    const c = await m.save(
      m.create(MatchmakingCase, {
        needId: need.id,
        bankOrgId: o.bankOrgId,
        enterpriseOrgId: need.enterpriseOrgId,
        productId: o.productId,
        origin: o.origin,
        state: o.state,
        score,
        dueOn: await this.calendar.dueDate(now, days, m),
        answeredAt: o.state === CaseState.ACCEPTED ? now : null,
        reassignedFromCaseId: o.reassignedFrom ?? null,
        sourceEventId: o.sourceEventId ?? null,
        sourceRef: o.sourceRef ?? null,
        createdByUserId: actor.userId,
        stateChangedAt: now,
      }),
    );
    await this.addEvent(m, actor, c.id, null, o.state, o.party, o.comment);
    await this.audit.record(m, actor, { action: 'case.create', entityType: 'matchmaking_case', entityId: c.id, after: { ...c, comment: o.comment ?? null, note: o.note ?? null } });
    if (need.status === NeedStatus.OPEN) await this.needs.markInMatchmaking(m, actor, need.id);
    const subject = await this.subject(m, c);
    await this.notices.stateChanged(m, subject, o.state, caseNoticeDetail(o.state, { comment: o.note }));
    await this.notices.deadlineReminder(m, subject, c.dueOn);
    return c;
  }

  /** An enterprise applies for a product with one of its needs. */
  async apply(actor: Actor, dto: ApplyDto): Promise<CaseDetail> {
    const id = await this.dataSource.transaction(async (m) => {
      const need = await this.lockNeed(m, dto.needId);
      if (need.enterpriseOrgId !== actor.organizationId) throw AppException.notFound('融资需求', CaseErrorCode.NEED_NOT_FOUND);
      this.assertOpen(need);
      const product = await this.liveProduct(m, dto.productId);
      const c = await this.openCase(m, actor, need, { bankOrgId: product.bankOrgId, origin: CaseOrigin.APPLICATION, productId: product.id, state: CaseState.PENDING, party: CaseParty.ENTERPRISE, comment: dto.comment ?? `申请产品：${product.name}`, note: dto.comment });
      return c.id;
    });
    return this.get(actor, id);
  }

  /** A bank claims a need shared with it: it starts accepted (the bank took it up), within the cap. */
  async claim(actor: Actor, dto: ClaimDto): Promise<CaseDetail> {
    const id = await this.dataSource.transaction(async (m) => {
      const need = await this.lockNeed(m, dto.needId);
      if (!(await this.needs.isVisibleToBank(actor.organizationId, need.id, m))) throw AppException.notFound('融资需求', CaseErrorCode.NEED_NOT_FOUND);
      this.assertOpen(need);
      if (dto.productId) await this.liveProduct(m, dto.productId, actor.organizationId);
      const c = await this.openCase(m, actor, need, { bankOrgId: actor.organizationId, origin: CaseOrigin.CLAIM, productId: dto.productId ?? null, state: CaseState.ACCEPTED, party: CaseParty.BANK, comment: dto.comment ?? '认领融资需求', note: dto.comment });
      return c.id;
    });
    return this.get(actor, id);
  }

  /**
   * A letter of intent signed at a 对接会 (events module), inside the caller's transaction: the bank
   * took the need up, so the case starts ACCEPTED (origin EVENT, the enterprise's contact revealed to
   * that bank only). A bank already handling the need keeps its live case (created: false, the intent
   * noted on its timeline); otherwise the claim cap holds (409 CASE_CLAIM_CAP_REACHED), as on every
   * path into a case, and the need must be listed (409 CASE_NEED_NOT_LISTED).
   */
  async openFromEvent(
    m: EntityManager,
    actor: Actor,
    o: { needId: string; bankOrgId: string; eventId: string; intentId: string; amount: string; comment: string },
  ): Promise<{ caseId: string; created: boolean }> {
    const need = await this.lockNeed(m, o.needId);
    this.assertOpen(need);
    await this.assertBank(m, o.bankOrgId);
    const party = partyOf(actor, { bankOrgId: o.bankOrgId, enterpriseOrgId: need.enterpriseOrgId }) ?? CaseParty.BUREAU;
    const [live]: { id: string; state: CaseState }[] = await m.query(
      `SELECT id, state FROM matchmaking_cases WHERE need_id = $1 AND bank_org_id = $2 AND state = ANY($3::text[]) ORDER BY created_at LIMIT 1`,
      [need.id, o.bankOrgId, ACTIVE],
    );
    if (live) {
      await this.addEvent(m, actor, live.id, live.state, live.state, party, o.comment);
      return { caseId: live.id, created: false };
    }
    const c = await this.openCase(m, actor, need, {
      bankOrgId: o.bankOrgId,
      origin: CaseOrigin.EVENT,
      productId: null,
      state: CaseState.ACCEPTED,
      party,
      comment: o.comment,
      sourceEventId: o.eventId,
      sourceRef: o.intentId,
    });
    return { caseId: c.id, created: true };
  }

  /**
   * The live figures of cases (for an event's report): state, credit approved, and financing disbursed
   * as of today (financing-disbursed.ts: the one definition the statistics and the plan use too).
   */
  async figuresForCases(caseIds: string[], m: EntityManager = this.dataSource.manager): Promise<{ id: string; state: CaseState; approvedAmount: string | null; disbursedTotal: string }[]> {
    const ids = [...new Set(caseIds)];
    if (!ids.length) return [];
    return m.query(
      `SELECT c.id, c.state, c.approved_amount AS "approvedAmount", coalesce(d.disbursed, 0)::numeric(14,2)::text AS "disbursedTotal"
         FROM matchmaking_cases c LEFT JOIN ${disbursedByCaseSql('$2::date', '$1::uuid[]')} d ON d.case_id = c.id WHERE c.id = ANY($1::uuid[]) ORDER BY c.id`,
      [ids, zhanjiangDate()],
    );
  }

  /**
   * Financing disbursed through the platform as of `asOf` (a date in Zhanjiang, today by default), the
   * city's total and the number of cases it went to (financing-disbursed.ts). The plan's indicator reads it.
   */
  async financingDisbursed(asOf: string = zhanjiangDate(), m: EntityManager = this.dataSource.manager): Promise<{ amount: string; cases: number; asOf: string }> {
    const [row] = await m.query(`SELECT coalesce(sum(d.disbursed), 0)::numeric(14,2)::text AS amount, count(*)::int AS cases FROM ${disbursedByCaseSql('$1::date')} d`, [asOf]);
    return { amount: row.amount, cases: row.cases, asOf };
  }

  /**
   * The cases behind financingDisbursed (same definition, same day): bank, enterprise, what was
   * disbursed on each by `asOf` (万元) and the last tranche's date (Zhanjiang). Their sum is the figure.
   */
  async disbursedCases(
    asOf: string = zhanjiangDate(),
    m: EntityManager = this.dataSource.manager,
  ): Promise<{ id: string; label: string; bankName: string; enterpriseName: string; amount: string; date: string | null }[]> {
    return m.query(
      `SELECT c.id, coalesce(pr.name, left(n.purpose, 40)) AS label, b.name AS "bankName", e.name AS "enterpriseName",
              d.disbursed::numeric(14,2)::text AS amount,
              (SELECT to_char(max(t.disbursed_on), 'YYYY-MM-DD') FROM case_tranches t WHERE t.case_id = c.id AND t.disbursed_on <= $1::date) AS date
         FROM ${disbursedByCaseSql('$1::date')} d
         JOIN matchmaking_cases c ON c.id = d.case_id
         JOIN organizations b ON b.id = c.bank_org_id
         JOIN organizations e ON e.id = c.enterprise_org_id
         JOIN financing_needs n ON n.id = c.need_id
         LEFT JOIN projects pr ON pr.id = n.project_id
        ORDER BY date DESC NULLS LAST, d.disbursed DESC, c.id`,
      [asOf],
    );
  }

  private async assertBank(m: EntityManager, bankOrgId: string) {
    const [org] = await m.query('SELECT type FROM organizations WHERE id = $1', [bankOrgId]);
    if (!org || org.type !== OrgType.FINANCIAL_INSTITUTION) {
      throw AppException.badRequest('所选机构不是金融机构', CaseErrorCode.BANK_INVALID, [{ field: 'bankOrgId', messages: ['应为金融机构'] }]);
    }
  }

  /**
   * The bureau pushes a need to chosen banks (推送): a pending case each. The claim cap holds for the
   * bureau too: a push that would give more than CASE_CLAIM_CAP banks a live case on the need is
   * refused whole (409 CASE_CLAIM_CAP_REACHED naming the cap, the banks already on it and the places
   * left); the bureau pushes to fewer banks, or reassigns a case nobody answers.
   */
  async push(actor: Actor, dto: PushDto): Promise<CasePushAnswer> {
    return this.dataSource.transaction(async (m) => {
      const need = await this.lockNeed(m, dto.needId);
      this.assertOpen(need);
      await this.assertListed(m, need.id);
      const banks = [...new Set(dto.bankOrgIds)];
      for (const bankOrgId of banks) await this.assertBank(m, bankOrgId);
      await this.assertPlace(m, need.id, banks);
      const created: string[] = [];
      for (const bankOrgId of banks) {
        const fresh = await m.findOneByOrFail(FinancingNeed, { id: need.id });
        const c = await this.openCase(m, actor, fresh, { bankOrgId, origin: CaseOrigin.PUSH, productId: null, state: CaseState.PENDING, party: CaseParty.BUREAU, comment: dto.comment ?? '市金融工作局推送', note: dto.comment });
        created.push(c.id);
      }
      return { created };
    });
  }

  // ------------------------------------------------------------------ transitions

  private async lockCase(m: EntityManager, actor: Actor, id: string): Promise<{ c: MatchmakingCase; party: CaseParty }> {
    const c = await m.findOne(MatchmakingCase, { where: { id }, lock: { mode: 'pessimistic_write' } });
    const party = c ? partyOf(actor, c) : null;
    if (!c || !party) throw notFound();
    return { c, party };
  }

  async transition(actor: Actor, id: string, dto: TransitionDto): Promise<CaseDetail> {
    await this.dataSource.transaction(async (m) => {
      const { c, party } = await this.lockCase(m, actor, id);
      if (dto.version !== undefined && dto.version !== c.version) {
        throw AppException.conflict('对接记录已被他人更新，请刷新后重试', CaseErrorCode.VERSION_CONFLICT, { currentVersion: c.version });
      }
      const missing = (REQUIRED_FIELDS[dto.to] ?? []).filter((f) => dto[f] === undefined || dto[f] === null);
      const check = checkTransition(c.state, dto.to, party);
      if (!check.ok) {
        if (check.reason === 'WRONG_PARTY') throw AppException.forbidden('您无权执行此步骤', CaseErrorCode.TRANSITION_FORBIDDEN);
        throw AppException.conflict(`当前状态不能变更为该状态`, CaseErrorCode.TRANSITION_NOT_ALLOWED, { state: c.state, to: dto.to });
      }
      if (missing.length) {
        throw new AppException(CaseErrorCode.FIELDS_REQUIRED, '请填写此步骤所需的信息', HttpStatus.BAD_REQUEST, missing.map((field) => ({ field, messages: ['此步骤必填'] })));
      }
      if (dto.to === CaseState.DISBURSED) {
        await this.disburse(m, actor, c, dto.amount!, dto.disbursedOn, dto.comment);
        return;
      }
      await this.move(m, actor, c, dto.to, party, dto);
    });
    return this.get(actor, id);
  }

  /** Applies a checked transition and its effects. */
  private async move(m: EntityManager, actor: Actor, c: MatchmakingCase, to: CaseState, party: CaseParty | null, dto: Partial<TransitionDto> = {}, noticeDetail?: string) {
    if (to === CaseState.ACCEPTED) await this.assertTakeUp(m, c);
    if (to === CaseState.APPROVED) await this.assertApprovedAmount(m, c, dto.approvedAmount!);
    const before = { state: c.state, version: c.version };
    const from = c.state;
    const now = new Date();
    c.state = to;
    c.stateChangedAt = now;
    c.overdueFlaggedAt = null;
    c.dueOn = null;
    if (from === CaseState.PENDING && (to === CaseState.ACCEPTED || to === CaseState.DECLINED)) c.answeredAt = now;
    if (to === CaseState.ACCEPTED) c.dueOn = await this.calendar.dueDate(now, this.config.CASE_CONTACT_WORKING_DAYS, m);
    if (to === CaseState.DECLINED) {
      c.declineReason = dto.reasonCode ?? null;
      c.reasonText = dto.reasonText ?? null;
    }
    if (to === CaseState.REJECTED) c.reasonText = dto.reasonText ?? null;
    if (to === CaseState.APPROVED) {
      c.approvedAmount = dto.approvedAmount!;
      c.approvedRatePercent = dto.ratePercent!;
      c.approvedTermMonths = dto.termMonths!;
    }
    const saved = await m.save(c);
    await this.addEvent(m, actor, c.id, from, to, party, dto.comment ?? dto.reasonText ?? null);
    await this.audit.record(m, actor, { action: `case.${to.toLowerCase()}`, entityType: 'matchmaking_case', entityId: c.id, before, after: { state: to, version: saved.version, ...pick(dto) } });
    const subject = await this.subject(m, c);
    await this.notices.stateChanged(m, subject, to, noticeDetail ?? (party ? caseNoticeDetail(to, dto) : dto.comment ? `说明：${dto.comment}` : ''));
    await this.notices.deadlineReminder(m, subject, c.dueOn);
    if (!ACTIVE.includes(to)) await this.reopenIfIdle(m, actor, c.needId);
  }

  /** Credit approved within the need and the product's maximum (case-rules.ts approvedAmountProblems): 400 naming the limits. */
  private async assertApprovedAmount(m: EntityManager, c: MatchmakingCase, approvedAmount: string) {
    const need = await m.findOneByOrFail(FinancingNeed, { id: c.needId });
    const product = c.productId ? await m.findOneBy(Product, { id: c.productId }) : null;
    const problems = approvedAmountProblems({ approvedAmount, needAmount: need.amount, product });
    if (problems.length) {
      throw AppException.badRequest(`授信金额${problems.join('，')}`, CaseErrorCode.AMOUNT_OUT_OF_RANGE, [{ field: 'approvedAmount', messages: problems }]);
    }
  }

  /** When no bank handles a need any more, it is open again for others. */
  private async reopenIfIdle(m: EntityManager, actor: Actor, needId: string) {
    const [{ n }] = await m.query(`SELECT count(*)::int AS n FROM matchmaking_cases WHERE need_id = $1 AND state = ANY($2::text[])`, [needId, ACTIVE]);
    const need = await m.findOneBy(FinancingNeed, { id: needId });
    if (n === 0 && need?.status === NeedStatus.IN_MATCHMAKING) await this.needs.reopen(m, actor, needId);
  }

  /** Closes the need's other live cases (the enterprise went with another bank). */
  private async closeOthers(m: EntityManager, actor: Actor, c: MatchmakingCase, comment: string) {
    const others = await m.query(`SELECT id FROM matchmaking_cases WHERE need_id = $1 AND id <> $2 AND state = ANY($3::text[]) ORDER BY id FOR UPDATE`, [c.needId, c.id, ACTIVE]);
    for (const { id } of others as { id: string }[]) {
      const other = await m.findOneByOrFail(MatchmakingCase, { id });
      await this.move(m, actor, other, CaseState.CLOSED, null, { comment });
    }
  }

  /** A tranche; the first one moves an approved case to DISBURSED. The sum never exceeds the approval. */
  private async disburse(m: EntityManager, actor: Actor, c: MatchmakingCase, amount: string, disbursedOn: string | undefined, note?: string | null) {
    if (c.state !== CaseState.APPROVED && c.state !== CaseState.DISBURSED) {
      throw AppException.conflict('只有已授信的对接可以放款', CaseErrorCode.NOT_DISBURSING, { state: c.state });
    }
    // The date rule (case-machine.ts), against the day of the credit approval on the case's timeline.
    const on = disbursedOn ?? zhanjiangDate();
    const [approval]: { on: string }[] = await m.query(
      `SELECT to_char(max(at) AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS on FROM case_events WHERE case_id = $1 AND to_state = 'APPROVED' AND from_state IS DISTINCT FROM 'APPROVED'`,
      [c.id],
    );
    const dateProblem = trancheDateProblem(on, { today: zhanjiangDate(), approvedOn: approval?.on ?? null });
    if (dateProblem) throw AppException.badRequest(dateProblem, CaseErrorCode.TRANCHE_DATE_INVALID, [{ field: 'disbursedOn', messages: [dateProblem] }]);
    const total = addDecimal(c.disbursedTotal, amount);
    if (compareDecimal(total, c.approvedAmount!) > 0) {
      throw AppException.conflict(`累计放款不能超过授信金额${c.approvedAmount}万元（已放款${c.disbursedTotal}万元）`, CaseErrorCode.TRANCHE_EXCEEDS_APPROVAL, {
        approvedAmount: c.approvedAmount,
        disbursedTotal: c.disbursedTotal,
      });
    }
    const tranche = await m.save(m.create(CaseTranche, { caseId: c.id, amount, disbursedOn: on, note: note ?? null, createdByUserId: actor.userId }));
    c.disbursedTotal = total;
    await this.audit.record(m, actor, { action: 'case.tranche', entityType: 'matchmaking_case', entityId: c.id, after: { trancheId: tranche.id, amount, disbursedTotal: c.disbursedTotal } });
    if (c.state === CaseState.APPROVED) {
      c.chosenAt = c.chosenAt ?? new Date();
      await this.move(m, actor, c, CaseState.DISBURSED, CaseParty.BANK, { comment: note ?? `首笔放款${amount}万元` }, `首笔放款${amount}万元（${on}）。${note ? `附言：${note}` : ''}`);
      await this.closeOthers(m, actor, c, '该融资需求已由其他机构放款');
      const need = await m.findOneBy(FinancingNeed, { id: c.needId });
      if (need?.status === NeedStatus.IN_MATCHMAKING) await this.needs.markSatisfied(m, actor, c.needId);
    } else {
      await m.save(c);
      await this.addEvent(m, actor, c.id, c.state, c.state, CaseParty.BANK, `追加放款${amount}万元${note ? `：${note}` : ''}`);
    }
  }

  async addTranche(actor: Actor, id: string, dto: TrancheDto): Promise<CaseDetail> {
    await this.dataSource.transaction(async (m) => {
      const { c, party } = await this.lockCase(m, actor, id);
      if (party !== CaseParty.BANK) throw AppException.forbidden('只有承办机构可以登记放款', CaseErrorCode.TRANSITION_FORBIDDEN);
      await this.disburse(m, actor, c, dto.amount, dto.disbursedOn, dto.note);
    });
    return this.get(actor, id);
  }

  /** The enterprise chooses one bank's approval: its other live cases for the need close. */
  async choose(actor: Actor, id: string): Promise<CaseDetail> {
    await this.dataSource.transaction(async (m) => {
      const { c, party } = await this.lockCase(m, actor, id);
      if (party !== CaseParty.ENTERPRISE) throw AppException.forbidden('只有企业可以选择授信方案', CaseErrorCode.TRANSITION_FORBIDDEN);
      if (c.state !== CaseState.APPROVED) throw AppException.conflict('只能选择已授信的方案', CaseErrorCode.NOT_APPROVED, { state: c.state });
      c.chosenAt = new Date();
      await m.save(c);
      await this.addEvent(m, actor, c.id, c.state, c.state, CaseParty.ENTERPRISE, '企业选择本机构的授信方案');
      await this.audit.record(m, actor, { action: 'case.choose', entityType: 'matchmaking_case', entityId: c.id, after: { chosenAt: c.chosenAt } });
      const [bank] = await m.query('SELECT name FROM organizations WHERE id = $1', [c.bankOrgId]);
      await this.closeOthers(m, actor, c, `企业已选择${bank?.name ?? '其他机构'}的授信方案`);
    });
    return this.get(actor, id);
  }

  /** The bureau takes back a case and gives the need to another bank. */
  async reassign(actor: Actor, id: string, dto: ReassignDto): Promise<CaseDetail> {
    const newId = await this.dataSource.transaction(async (m) => {
      const { c, party } = await this.lockCase(m, actor, id);
      const check = checkTransition(c.state, CaseState.CLOSED, party);
      if (!check.ok) {
        if (check.reason === 'WRONG_PARTY') throw AppException.forbidden('只有市金融工作局可以改派', CaseErrorCode.TRANSITION_FORBIDDEN);
        throw AppException.conflict('该对接已进入审查或已结束，不能改派', CaseErrorCode.TRANSITION_NOT_ALLOWED, { state: c.state });
      }
      await this.assertBank(m, dto.bankOrgId);
      const need = await this.lockNeed(m, c.needId);
      const [bank] = await m.query('SELECT name FROM organizations WHERE id = $1', [dto.bankOrgId]);
      await this.move(m, actor, c, CaseState.CLOSED, CaseParty.BUREAU, { comment: dto.comment ?? `超时未办理，改派至${bank.name}` });
      const fresh = await m.findOneByOrFail(FinancingNeed, { id: need.id });
      this.assertOpen(fresh);
      const next = await this.openCase(m, actor, fresh, { bankOrgId: dto.bankOrgId, origin: CaseOrigin.REASSIGNMENT, productId: null, state: CaseState.PENDING, party: CaseParty.BUREAU, comment: dto.comment ?? '市金融工作局改派', reassignedFrom: c.id });
      return next.id;
    });
    return this.get(actor, newId);
  }

  // ------------------------------------------------------------------ after disbursement

  async addFundUseCheck(actor: Actor, id: string, dto: FundUseCheckDto): Promise<CaseDetail> {
    await this.dataSource.transaction(async (m) => {
      const { c, party } = await this.lockCase(m, actor, id);
      if (party !== CaseParty.BANK) throw AppException.forbidden('只有承办机构可以登记资金用途检查', CaseErrorCode.TRANSITION_FORBIDDEN);
      if (compareDecimal(c.disbursedTotal, '0') === 0) throw AppException.conflict('放款后才能登记资金用途检查', CaseErrorCode.NOT_DISBURSED);
      if (dto.result === FundUseResult.DEVIATION && !dto.detail) {
        throw AppException.badRequest('用途偏离须说明情况', CaseErrorCode.FIELDS_REQUIRED, [{ field: 'detail', messages: ['用途偏离时必填'] }]);
      }
      const check = await m.save(m.create(FundUseCheck, { caseId: c.id, checkedOn: dto.checkedOn, result: dto.result, detail: dto.detail ?? null, createdByUserId: actor.userId }));
      await this.audit.record(m, actor, { action: 'case.fund_use_check', entityType: 'matchmaking_case', entityId: c.id, after: check });
      await this.addEvent(m, actor, c.id, c.state, c.state, CaseParty.BANK, `资金用途检查（${dto.checkedOn}）：${dto.result === FundUseResult.AS_AGREED ? '按约定用途使用' : `用途偏离：${dto.detail}`}`);
      if (dto.result === FundUseResult.DEVIATION) {
        const w = await m.save(m.create(GreenwashingWarning, { caseId: c.id, checkId: check.id, detail: dto.detail! }));
        await this.audit.record(m, actor, { action: 'greenwashing_warning.raise', entityType: 'greenwashing_warning', entityId: w.id, after: w });
        await this.notices.greenwashingWarning(m, await this.subject(m, c), dto.detail!);
      }
    });
    return this.get(actor, id);
  }

  /** Whether the caller's organisation is a responsible unit (lead, cooperating or joint) of the plan task about 洗绿 (warning-access.ts). */
  private async respondsForGreenwashing(actor: Actor): Promise<boolean> {
    const [row] = await this.dataSource.query(
      `SELECT 1 FROM plan_task_units tu JOIN plan_tasks t ON t.id = tu.task_id WHERE t.number = $1 AND tu.organization_id = $2`,
      [GREENWASHING_TASK_NUMBER, actor.organizationId],
    );
    return !!row;
  }

  /** The greenwashing warnings: the bureau and the units of plan task （十七） read all, a bank its own cases', another regulator none (warning-access.ts). */
  async warnings(actor: Actor, q: { status?: 'OPEN' | 'RESOLVED'; page?: number; pageSize?: number }) {
    const scope = warningScope(actor.role, actor.role === Role.REGULATOR && (await this.respondsForGreenwashing(actor)));
    const { page, pageSize, offset } = pageBounds(q);
    const params: unknown[] = [];
    const where: string[] = [];
    if (scope === 'NONE') where.push('false');
    if (scope === 'OWN_BANK') where.push(`c.bank_org_id = $${params.push(actor.organizationId)}`);
    if (q.status) where.push(`w.status = $${params.push(q.status)}`);
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const from = `FROM greenwashing_warnings w JOIN matchmaking_cases c ON c.id = w.case_id JOIN organizations b ON b.id = c.bank_org_id JOIN organizations e ON e.id = c.enterprise_org_id ${w}`;
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total ${from}`, params);
    const rows = await this.dataSource.query(
      `SELECT w.id, w.case_id AS "caseId", b.name AS "bankName", e.name AS "enterpriseName", w.detail, w.status, w.created_at AS "createdAt", w.resolved_at AS "resolvedAt", w.resolution_note AS "resolutionNote"
       ${from} ORDER BY (w.status = 'OPEN') DESC, w.created_at DESC LIMIT ${pageSize} OFFSET ${offset}`,
      params,
    );
    return { items: rows, total, page, pageSize };
  }

  async resolveWarning(actor: Actor, id: string, note: string) {
    return this.dataSource.transaction(async (m) => {
      const w = await m.findOne(GreenwashingWarning, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!w) throw AppException.notFound('洗绿预警', CaseErrorCode.WARNING_NOT_FOUND);
      if (w.status === GreenwashingStatus.RESOLVED) throw AppException.conflict('该预警已处理', CaseErrorCode.WARNING_RESOLVED);
      w.status = GreenwashingStatus.RESOLVED;
      w.resolvedAt = new Date();
      w.resolvedByUserId = actor.userId;
      w.resolutionNote = note;
      const saved = await m.save(w);
      await this.audit.record(m, actor, { action: 'greenwashing_warning.resolve', entityType: 'greenwashing_warning', entityId: id, after: saved });
      return saved;
    });
  }

  // ------------------------------------------------------------------ deadlines

  /**
   * Flags cases past their working-day deadline and alerts the bank and the bureau. Answers how many.
   * Idempotent (only unflagged cases, locked with SKIP LOCKED): run every CASE_OVERDUE_SWEEP_MS by the
   * `case-sweeps` job scheduler (case-sweeps.ts), once per period however many processes run.
   */
  async sweepOverdue(today = zhanjiangDate()): Promise<number> {
    return this.dataSource.transaction(async (m) => {
      const cases = await m.query(
        `SELECT id FROM matchmaking_cases WHERE state IN ('PENDING','ACCEPTED') AND due_on < $1::date AND overdue_flagged_at IS NULL ORDER BY id FOR UPDATE SKIP LOCKED`,
        [today],
      );
      for (const { id } of cases as { id: string }[]) {
        const c = await m.findOneByOrFail(MatchmakingCase, { id });
        c.overdueFlaggedAt = new Date();
        await m.save(c);
        await this.audit.record(m, SYSTEM_ACTOR, { action: 'case.overdue', entityType: 'matchmaking_case', entityId: c.id, after: { state: c.state, dueOn: c.dueOn } });
        await this.notices.deadlineBreached(m, await this.subject(m, c), c.dueOn!);
      }
      return cases.length;
    });
  }

  // ------------------------------------------------------------------ reads

  private scopeSql(actor: Actor, params: unknown[]): string {
    if (actor.role === Role.BUREAU) return 'true';
    if (actor.role === Role.BANK) return `c.bank_org_id = $${params.push(actor.organizationId)}`;
    if (actor.role === Role.ENTERPRISE) return `c.enterprise_org_id = $${params.push(actor.organizationId)}`;
    return 'false';
  }

  private async toView(r: CaseRow, today: string, overrides: Awaited<ReturnType<WorkCalendarService['overrides']>>): Promise<CaseView> {
    const dueOn: string | null = r.due_on ? (typeof r.due_on === 'string' ? r.due_on : zhanjiangDate(r.due_on)) : null;
    const running = r.state === CaseState.PENDING || r.state === CaseState.ACCEPTED;
    const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);
    return {
      id: r.id,
      needId: r.need_id,
      bankOrgId: r.bank_org_id,
      bankName: r.bank_name,
      enterpriseOrgId: r.enterprise_org_id,
      enterpriseName: r.enterprise_name,
      productId: r.product_id,
      productName: r.product_name,
      origin: r.origin,
      state: r.state,
      needAmount: r.need_amount,
      needTermMonths: r.need_term_months,
      needInstrument: r.need_instrument,
      needPurpose: r.need_purpose,
      projectId: r.project_id ?? null,
      projectStatus: r.project_status ?? null,
      projectName: r.project_name,
      divisionCode: r.division_code,
      declineReason: r.decline_reason,
      reasonText: r.reason_text,
      approvedAmount: r.approved_amount,
      approvedRatePercent: r.approved_rate_percent,
      approvedTermMonths: r.approved_term_months,
      disbursedTotal: r.disbursed_total,
      chosenAt: iso(r.chosen_at),
      dueOn: running ? dueOn : null,
      overdue: running && isOverdue(dueOn, today),
      workingDaysLeft: running && dueOn ? workingDaysBetween(today, dueOn, overrides) : null,
      score: r.score,
      sourceEventId: r.source_event_id ?? null,
      createdAt: iso(r.created_at)!,
      updatedAt: iso(r.updated_at)!,
      stateChangedAt: iso(r.state_changed_at)!,
      version: r.version,
    };
  }

  async list(actor: Actor, q: ListCasesQuery): Promise<Page<CaseView>> {
    const { page, pageSize, offset } = pageBounds(q);
    const today = zhanjiangDate();
    const params: unknown[] = [today];
    const where = ['$1::date IS NOT NULL', this.scopeSql(actor, params)];
    if (q.state) where.push(`c.state = $${params.push(q.state)}`);
    if (q.needId) where.push(`c.need_id = $${params.push(q.needId)}`);
    if (q.bankOrgId && actor.role === Role.BUREAU) where.push(`c.bank_org_id = $${params.push(q.bankOrgId)}`);
    if (q.divisionCode) where.push(`coalesce(pr.division_code, e.division_code) = $${params.push(q.divisionCode)}`);
    const overdueSql = `(c.state IN ('PENDING','ACCEPTED') AND c.due_on < $1::date)`;
    if (q.overdue === true) where.push(overdueSql);
    if (q.overdue === false) where.push(`NOT ${overdueSql}`);
    const sort = q.sort === 'createdAt' ? 'c.created_at ASC' : q.sort === '-createdAt' ? 'c.created_at DESC' : `${overdueSql} DESC, c.due_on ASC NULLS LAST, c.state_changed_at DESC`;
    const base = `${CASE_SELECT} WHERE ${where.join(' AND ')}`;
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM (${base}) x`, params);
    const rows: CaseRow[] = await this.dataSource.query(`${base} ORDER BY ${sort}, c.id LIMIT ${pageSize} OFFSET ${offset}`, params);
    const overrides = await this.calendar.overrides();
    const items = await Promise.all(rows.map((r) => this.toView(r, today, overrides)));
    return { items, total, page, pageSize };
  }

  async get(actor: Actor, id: string): Promise<CaseDetail> {
    const params: unknown[] = [id];
    const [row] = await this.dataSource.query(`${CASE_SELECT} WHERE c.id = $1 AND ${this.scopeSql(actor, params)}`, params);
    if (!row) throw notFound();
    const party = partyOf(actor, { bankOrgId: row.bank_org_id, enterpriseOrgId: row.enterprise_org_id });
    const [timeline, tranches, checks, profile] = await Promise.all([
      this.dataSource.getRepository(CaseEvent).find({ where: { caseId: id }, order: { at: 'ASC' } }),
      this.dataSource.getRepository(CaseTranche).find({ where: { caseId: id }, order: { disbursedOn: 'ASC', createdAt: 'ASC' } }),
      this.dataSource.getRepository(FundUseCheck).find({ where: { caseId: id }, order: { checkedOn: 'ASC' } }),
      this.dataSource.query(
        'SELECT contact_name AS "contactName", contact_phone AS "contactPhone", contact_email AS "contactEmail" FROM enterprise_profiles WHERE organization_id = $1',
        [row.enterprise_org_id],
      ),
    ]);
    const raw = profile[0] ?? { contactName: null, contactPhone: null, contactEmail: null };
    const revealed = party !== CaseParty.BANK || (await this.contacts.isContactRevealedTo(row.bank_org_id, row.need_id));
    const mask = (v: string | null) => (v ? MASKED : null);
    const contact = revealed ? { ...raw, revealed } : { contactName: mask(raw.contactName), contactPhone: mask(raw.contactPhone), contactEmail: mask(raw.contactEmail), revealed };
    const view = await this.toView(row, zhanjiangDate(), await this.calendar.overrides());
    return this.withReferralLinks(actor, {
      ...view,
      timeline: timeline.map((t) => ({ id: t.id, fromState: t.fromState, toState: t.toState, party: t.party, actorUserId: t.actorUserId, actorName: t.actorName, actorOrgName: t.actorOrgName, comment: t.comment, linkedCaseId: t.linkedCaseId, at: t.at.toISOString() })),
      tranches: tranches.map((t) => ({ id: t.id, amount: t.amount, disbursedOn: t.disbursedOn, note: t.note, createdAt: t.createdAt.toISOString() })),
      fundUseChecks: checks.map((k) => ({ id: k.id, checkedOn: k.checkedOn, result: k.result, detail: k.detail, createdAt: k.createdAt.toISOString() })),
      contact,
      allowedTransitions: allowedTargets(row.state, party),
      referredFrom: null,
      referrals: [],
    });
  }

  // ------------------------------------------------------------------ referral after a decline (转介)

  /**
   * What a declined case may be referred to: the next best products of banks that have not handled
   * the need (the near misses when none fits fully), with matching's reasons and a sentence saying
   * which (or why there is nothing), and the referrals already made from it.
   */
  async referrals(actor: Actor, id: string): Promise<CaseReferralOptions> {
    const c = await this.get(actor, id);
    const [need] = await this.matching.needRows([c.needId]);
    const banks: { bank_org_id: string; name: string }[] = await this.dataSource.query(
      `SELECT DISTINCT c.bank_org_id, o.name FROM matchmaking_cases c JOIN organizations o ON o.id = c.bank_org_id WHERE c.need_id = $1 ORDER BY o.name`,
      [c.needId],
    );
    const blockedReason = referralBlock(c.state, need.status);
    const offer = blockedReason
      ? { proposals: [], widened: false, note: blockedReason }
      : referralProposals(await this.matching.rankProducts(need, { limit: REFERRAL_PROPOSALS, excludeBankOrgIds: banks.map((b) => b.bank_org_id) }), banks.map((b) => b.name));
    return { caseId: c.id, needId: c.needId, canRefer: !blockedReason, blockedReason, ...offer, excludedBankNames: banks.map((b) => b.name), made: c.referrals };
  }

  /**
   * Sends a declined case's need on to another bank (the enterprise: a product; the bureau: a product
   * or a bank): a new pending case through the usual opening (claim cap, contact masked until that
   * bank accepts, the bank told), linked to the declined case on both timelines.
   */
  async refer(actor: Actor, id: string, dto: ReferDto): Promise<CaseDetail> {
    const newId = await this.dataSource.transaction(async (m) => {
      const { c, party } = await this.lockCase(m, actor, id);
      if (party === CaseParty.BANK) throw AppException.forbidden('只有企业或市金融工作局可以转介', CaseErrorCode.TRANSITION_FORBIDDEN);
      const need = await this.lockNeed(m, c.needId);
      const blocked = referralBlock(c.state, need.status);
      if (blocked) throw AppException.conflict(blocked, CaseErrorCode.REFERRAL_NOT_ALLOWED, { state: c.state, needStatus: need.status });
      const target = await this.referralTarget(m, party, dto);
      const [declinedBefore]: { name: string }[] = await m.query(
        `SELECT o.name FROM matchmaking_cases c JOIN organizations o ON o.id = c.bank_org_id WHERE c.need_id = $1 AND c.bank_org_id = $2 AND c.state = ANY($3::text[]) LIMIT 1`,
        [need.id, target.bankOrgId, [CaseState.DECLINED, CaseState.REJECTED]],
      );
      if (declinedBefore) {
        throw AppException.conflict(`${declinedBefore.name}已婉拒过此融资需求，请转介给其他金融机构`, CaseErrorCode.REFERRAL_BANK_DECLINED, { bankOrgId: target.bankOrgId });
      }
      // The claim cap, one live case per bank and the need listed: checked by openCase, as on every path into a case.
      const [bank]: { name: string }[] = await m.query('SELECT name FROM organizations WHERE id = $1', [target.bankOrgId]);
      const by = party === CaseParty.ENTERPRISE ? '企业' : '市金融工作局';
      const note = dto.comment ? `：${dto.comment}` : '';
      const next = await this.openCase(m, actor, need, {
        bankOrgId: target.bankOrgId,
        origin: CaseOrigin.REFERRAL,
        productId: target.product?.id ?? null,
        state: CaseState.PENDING,
        party,
        comment: `${c.state === CaseState.REJECTED ? '他行审查未通过后' : '他行婉拒后'}由${by}转介${target.product ? `，申请产品：${target.product.name}` : ''}${note}`,
      });
      await m.update(MatchmakingCase, { id: next.id }, { referredFromCaseId: c.id });
      await m.update(CaseEvent, { caseId: next.id }, { linkedCaseId: c.id });
      await this.addReferralEvent(m, actor, c, party, `已转介至${bank.name}${target.product ? `（${target.product.name}）` : ''}${note}`, next.id);
      await this.audit.record(m, actor, { action: 'case.refer', entityType: 'matchmaking_case', entityId: c.id, after: { toCaseId: next.id, bankOrgId: target.bankOrgId, productId: target.product?.id ?? null } });
      return next.id;
    });
    return this.get(actor, newId);
  }

  /** The bank (and product) a referral goes to: the enterprise names a product; the bureau a product or a bank. */
  private async referralTarget(m: EntityManager, party: CaseParty, dto: ReferDto): Promise<{ bankOrgId: string; product: Product | null }> {
    if (!dto.productId && (party === CaseParty.ENTERPRISE || !dto.bankOrgId)) {
      const fields = party === CaseParty.ENTERPRISE ? [{ field: 'productId', messages: ['请选择转介的产品'] }] : [{ field: 'productId', messages: ['请选择转介的产品或金融机构'] }, { field: 'bankOrgId', messages: ['请选择转介的产品或金融机构'] }];
      throw AppException.badRequest(party === CaseParty.ENTERPRISE ? '请选择转介的产品' : '请选择转介的产品或金融机构', CaseErrorCode.FIELDS_REQUIRED, fields);
    }
    if (dto.productId) {
      const product = await this.liveProduct(m, dto.productId);
      if (dto.bankOrgId && dto.bankOrgId !== product.bankOrgId) {
        throw AppException.badRequest('所选产品不属于所选金融机构', CaseErrorCode.BANK_INVALID, [{ field: 'bankOrgId', messages: ['与所选产品的金融机构不一致'] }]);
      }
      return { bankOrgId: product.bankOrgId, product };
    }
    await this.assertBank(m, dto.bankOrgId!);
    return { bankOrgId: dto.bankOrgId!, product: null };
  }

  /** The declined case's timeline entry of a referral, linked to the new case. */
  private async addReferralEvent(m: EntityManager, actor: Actor, c: MatchmakingCase, party: CaseParty, comment: string, linkedCaseId: string) {
    const names = await this.actorNames(m, actor);
    await m.insert(CaseEvent, {
      caseId: c.id,
      fromState: c.state,
      toState: c.state,
      party,
      actorUserId: actor.userId,
      actorName: names.name,
      actorOrgId: actor.organizationId,
      actorOrgName: names.orgName,
      comment,
      linkedCaseId,
    });
  }

  /**
   * A case's referral links: the case it was referred from, and the referrals made from it. A bank
   * sees only links to its own cases (not where the enterprise went after its decline, nor who
   * declined before it).
   */
  private async withReferralLinks(actor: Actor, d: CaseDetail): Promise<CaseDetail> {
    const links: (CaseReferralLink & { fromBankOrgId: string })[] = await this.dataSource.query(
      `SELECT c.referred_from_case_id AS "fromCaseId", c.id AS "toCaseId", f.bank_org_id AS "fromBankOrgId", fb.name AS "fromBankName", c.bank_org_id AS "toBankOrgId",
              tb.name AS "toBankName", c.product_id AS "productId", p.name AS "productName", c.state, c.created_at AS "createdAt",
              (SELECT e.party FROM case_events e WHERE e.case_id = c.id AND e.from_state IS NULL ORDER BY e.at, e.id LIMIT 1) AS "referredBy"
         FROM matchmaking_cases c JOIN matchmaking_cases f ON f.id = c.referred_from_case_id
         JOIN organizations fb ON fb.id = f.bank_org_id JOIN organizations tb ON tb.id = c.bank_org_id LEFT JOIN products p ON p.id = c.product_id
        WHERE c.referred_from_case_id = $1 OR c.id = $1 ORDER BY c.created_at, c.id`,
      [d.id],
    );
    const bank = actor.role === Role.BANK ? actor.organizationId : null;
    const visible = links.filter((l) => !bank || (l.fromBankOrgId === bank && l.toBankOrgId === bank));
    const view = ({ fromBankOrgId: _omit, ...l }: CaseReferralLink & { fromBankOrgId: string }): CaseReferralLink => ({ ...l, createdAt: new Date(l.createdAt).toISOString() });
    const shown = new Set(visible.flatMap((l) => [l.fromCaseId, l.toCaseId]));
    return {
      ...d,
      // A link the caller may not follow is not shown: the entry of a referral made elsewhere goes, the opening entry stays unlinked.
      timeline: d.timeline.filter((t) => !t.linkedCaseId || shown.has(t.linkedCaseId) || t.fromState === null).map((t) => (t.linkedCaseId && !shown.has(t.linkedCaseId) ? { ...t, linkedCaseId: null } : t)),
      referredFrom: visible.filter((l) => l.toCaseId === d.id).map(view)[0] ?? null,
      referrals: visible.filter((l) => l.fromCaseId === d.id).map(view),
    };
  }

  // ------------------------------------------------------------------ the workbench (issue 15)

  /**
   * The caller's cases that wait for someone's step, for the home page's queue: a bank's or an
   * enterprise's own cases not ended (deadlines as in the list: overdue first, then the nearest), and,
   * for an enterprise, the declined cases it may still refer onward (referral.ts: need still open, no
   * referral made from it yet, no other bank handling the need, declined in the last 30 days).
   */
  async workQueue(actor: Actor): Promise<(CaseView & { referable: boolean })[]> {
    if (actor.role !== Role.BANK && actor.role !== Role.ENTERPRISE) return [];
    const today = zhanjiangDate();
    const params: unknown[] = [today, ACTIVE];
    const scope = this.scopeSql(actor, params);
    const referable = () => `(c.state = ANY($${params.push(REFERRABLE_STATES)}::text[]) AND n.status IN ('OPEN','IN_MATCHMAKING')
      AND c.state_changed_at > now() - interval '30 days'
      AND NOT EXISTS (SELECT 1 FROM matchmaking_cases r WHERE r.referred_from_case_id = c.id)
      AND NOT EXISTS (SELECT 1 FROM matchmaking_cases o WHERE o.need_id = c.need_id AND o.id <> c.id AND o.state = ANY($2::text[])))`;
    const rows: CaseRow[] = await this.dataSource.query(
      `SELECT * FROM (${CASE_SELECT} WHERE $1::date IS NOT NULL AND ${scope} AND (c.state = ANY($2::text[]) ${actor.role === Role.ENTERPRISE ? `OR ${referable()}` : ''})) c
        ORDER BY (c.state IN ('PENDING','ACCEPTED') AND c.due_on < $1::date) DESC, c.due_on ASC NULLS LAST, c.state_changed_at DESC, c.id LIMIT 500`,
      params,
    );
    const overrides = await this.calendar.overrides();
    return Promise.all(rows.map(async (r) => ({ ...(await this.toView(r, today, overrides)), referable: REFERRABLE_STATES.includes(r.state) })));
  }

  /**
   * A bank's disbursed cases whose fund-use check (资金用途检查) falls due by `until`: every
   * `intervalDays` after the first tranche, or after the last check. Overdue ones first.
   */
  async fundUseChecksDue(bankOrgId: string, o: { until: string; intervalDays: number }): Promise<{ caseId: string; enterpriseName: string; disbursedTotal: string; dueOn: string }[]> {
    return this.dataSource.query(
      `SELECT * FROM (
         SELECT c.id AS "caseId", e.name AS "enterpriseName", c.disbursed_total::text AS "disbursedTotal",
                to_char(coalesce((SELECT max(k.checked_on) FROM fund_use_checks k WHERE k.case_id = c.id), (SELECT min(t.disbursed_on) FROM case_tranches t WHERE t.case_id = c.id)) + $3::int, 'YYYY-MM-DD') AS "dueOn"
           FROM matchmaking_cases c JOIN organizations e ON e.id = c.enterprise_org_id
          WHERE c.bank_org_id = $1 AND c.state = 'DISBURSED' AND c.disbursed_total > 0) x
        WHERE x."dueOn" <= $2 ORDER BY x."dueOn", x."caseId" LIMIT 200`,
      [bankOrgId, o.until, o.intervalDays],
    );
  }

  /** The bureau's day (Zhanjiang date `day`): needs taken up that day, disbursed that day, answers overdue now, open 洗绿 warnings. */
  async dayFigures(day: string): Promise<{ takenUp: number; disbursedAmount: string; disbursedCases: number; overdue: number; openWarnings: number }> {
    const [row] = await this.dataSource.query(
      `SELECT (SELECT count(DISTINCT e.case_id)::int FROM case_events e WHERE e.to_state = 'ACCEPTED' AND e.from_state IS DISTINCT FROM 'ACCEPTED'
                 AND e.at >= ($1::date::timestamp AT TIME ZONE 'Asia/Shanghai') AND e.at < (($1::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')) AS "takenUp",
              (SELECT coalesce(sum(t.amount), 0)::numeric(14,2)::text FROM case_tranches t WHERE t.disbursed_on = $1::date) AS "disbursedAmount",
              (SELECT count(DISTINCT t.case_id)::int FROM case_tranches t WHERE t.disbursed_on = $1::date) AS "disbursedCases",
              (SELECT count(*)::int FROM matchmaking_cases c WHERE c.state IN ('PENDING','ACCEPTED') AND c.due_on < $1::date) AS overdue,
              (SELECT count(*)::int FROM greenwashing_warnings w WHERE w.status = 'OPEN') AS "openWarnings"`,
      [day],
    );
    return row;
  }

  /** The bureau's pipeline: counts by state, and how many are overdue. */
  async pipeline(actor: Actor): Promise<CasePipelineView> {
    const today = zhanjiangDate();
    const params: unknown[] = [today];
    const scope = this.scopeSql(actor, params);
    const rows: { state: CaseState; total: number; overdue: number }[] = await this.dataSource.query(
      `SELECT c.state, count(*)::int AS total, count(*) FILTER (WHERE c.state IN ('PENDING','ACCEPTED') AND c.due_on < $1::date)::int AS overdue
         FROM matchmaking_cases c WHERE ${scope} AND $1::date IS NOT NULL GROUP BY c.state`,
      params,
    );
    return { byState: rows, overdue: rows.reduce((s, r) => s + r.overdue, 0) };
  }
}

function pick(dto: Partial<TransitionDto>) {
  const out: Record<string, unknown> = {};
  for (const k of ['reasonCode', 'reasonText', 'approvedAmount', 'ratePercent', 'termMonths', 'comment'] as const) if (dto[k] !== undefined) out[k] = dto[k];
  return out;
}
