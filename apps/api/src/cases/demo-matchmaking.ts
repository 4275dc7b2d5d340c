import { ACTIVE_CASE_STATES, CaseOrigin, CaseParty, CaseState, CollateralKind, compareDecimal, DeclineReason, EnterpriseSize, formatDecimal, FundUseResult, ProductStatus, ProductType, RateKind, sumDecimal } from '@zj/shared';
import { EntityManager } from 'typeorm';
import { zhanjiangDate } from '../common/time';
import { DEMO_BANKS, DEMO_NEEDS } from '../demo';
import { needListedSql } from '../financing-needs';
import { Product } from '../products';
import { addCalendarDays, addWorkingDays, isWorkingDay, type CalendarOverrides } from '../work-calendar';
import { checkTransition } from './case-machine';
import { approvedAmountProblems } from './case-rules';
import { CaseEvent, CaseTranche, FundUseCheck, MatchmakingCase } from './case.entity';

const GIC = 'GIC-2019';
const ALL_COUNTIES: string[] = [];

type DemoProduct = Omit<Partial<Product>, 'bankOrgId' | 'bank'> & { bank: number; name: string; type: ProductType };

/** Invented products of the invented demo banks (every name ends with （演示））. Amounts in 万元. */
const DEMO_PRODUCTS: DemoProduct[] = [
  { bank: 0, name: '碳减排贷（演示）', type: ProductType.LOAN, description: '面向清洁能源、节能环保、碳减排技术项目，符合条件的可申请人民银行碳减排支持工具（按贷款本金60%提供再贷款）。', minAmount: '500.00', maxAmount: '50000.00', minTermMonths: 12, maxTermMonths: 180, rateKind: RateKind.LPR_PLUS, lprBasisPointsMin: -30, lprBasisPointsMax: 20, collateralAccepted: [CollateralKind.RECEIVABLES, CollateralKind.EQUIPMENT, CollateralKind.SUBSIDY_RIGHTS], categoryRules: [{ version: GIC, prefix: '3' }], tags: ['碳减排支持工具', '再贷款'] },
  { bank: 0, name: '分布式光伏贷（演示）', type: ProductType.LOAN, description: '工商业屋顶分布式光伏建设贷款，以电费收益权质押，期限最长10年。', minAmount: '100.00', maxAmount: '8000.00', minTermMonths: 12, maxTermMonths: 120, rateKind: RateKind.FIXED, rateMinPercent: '3.05', rateMaxPercent: '3.60', collateralAccepted: [CollateralKind.RECEIVABLES, CollateralKind.EQUIPMENT], categoryRules: [{ version: GIC, prefix: '3.2.2' }], tags: ['碳减排支持工具'] },
  { bank: 1, name: '绿色建筑贷（演示）', type: ProductType.LOAN, description: '支持二星级及以上绿色建筑、既有建筑节能改造的开发与改造贷款。', minAmount: '1000.00', maxAmount: '80000.00', minTermMonths: 24, maxTermMonths: 120, rateKind: RateKind.LPR_PLUS, lprBasisPointsMin: 0, lprBasisPointsMax: 60, collateralAccepted: [CollateralKind.REAL_ESTATE, CollateralKind.GUARANTEE], categoryRules: [{ version: GIC, prefix: '5.1' }], tags: [] },
  { bank: 1, name: '蓝色债券承销（演示）', type: ProductType.BOND, description: '为海洋生态保护、海上风电、港口绿色升级等项目提供蓝色债券承销服务。', minAmount: '10000.00', maxAmount: '200000.00', minTermMonths: 36, maxTermMonths: 120, rateKind: RateKind.NONE, collateralAccepted: [CollateralKind.NONE], categoryRules: [{ version: GIC, prefix: '3.2.1' }, { version: GIC, prefix: '4.3' }], tags: ['蓝色金融'] },
  { bank: 2, name: '红树林生态修复贷（演示）', type: ProductType.LOAN, description: '支持红树林营造修复及蓝碳开发项目，可接受碳汇收益权质押。', minAmount: '100.00', maxAmount: '10000.00', minTermMonths: 12, maxTermMonths: 120, rateKind: RateKind.FIXED, rateMinPercent: '3.00', rateMaxPercent: '3.80', collateralAccepted: [CollateralKind.CARBON_CREDITS, CollateralKind.GUARANTEE, CollateralKind.SUBSIDY_RIGHTS], categoryRules: [{ version: GIC, prefix: '4.3' }], counties: ['440882', '440825', '440804', '440883'], tags: ['碳汇', '蓝色金融'] },
  { bank: 2, name: '绿色交通贷（演示）', type: ProductType.LOAN, description: '新能源公交、充电设施、港口岸电等绿色交通项目贷款。', minAmount: '200.00', maxAmount: '30000.00', minTermMonths: 12, maxTermMonths: 120, rateKind: RateKind.FIXED, rateMinPercent: '3.10', rateMaxPercent: '3.70', collateralAccepted: [CollateralKind.RECEIVABLES, CollateralKind.EQUIPMENT], categoryRules: [{ version: GIC, prefix: '5.2' }], tags: ['碳减排支持工具'] },
  { bank: 3, name: '绿色供应链贷（演示）', type: ProductType.SUPPLY_CHAIN, description: '依托核心企业应收账款，为绿色产业链上下游中小企业提供融资。', minAmount: '50.00', maxAmount: '3000.00', minTermMonths: 3, maxTermMonths: 24, rateKind: RateKind.FIXED, rateMinPercent: '3.30', rateMaxPercent: '4.50', collateralAccepted: [CollateralKind.RECEIVABLES], categoryRules: [], tags: ['中小融'] },
  { bank: 3, name: '节能改造贷（演示）', type: ProductType.LOAN, description: '工业企业节能降碳改造、余热余压利用项目贷款。', minAmount: '200.00', maxAmount: '20000.00', minTermMonths: 12, maxTermMonths: 96, rateKind: RateKind.LPR_PLUS, lprBasisPointsMin: 10, lprBasisPointsMax: 80, collateralAccepted: [CollateralKind.EQUIPMENT, CollateralKind.REAL_ESTATE], categoryRules: [{ version: GIC, prefix: '1' }], tags: [] },
  { bank: 4, name: '小微绿色信用贷（演示）', type: ProductType.LOAN, description: '面向县域小微企业与农业经营主体的绿色信用贷款，无需抵押。', minAmount: '10.00', maxAmount: '500.00', minTermMonths: 6, maxTermMonths: 36, rateKind: RateKind.FIXED, rateMinPercent: '3.45', rateMaxPercent: '4.35', collateralAccepted: [CollateralKind.NONE], categoryRules: [], counties: ['440882', '440825', '440823', '440881', '440883'], enterpriseSizes: [EnterpriseSize.SMALL, EnterpriseSize.MICRO], tags: ['信用贷', '首贷'] },
  { bank: 5, name: '环境污染强制责任险（演示）', type: ProductType.INSURANCE, description: '为涉重金属、危险化学品等环境高风险企业提供环境污染强制责任保险。', minAmount: null, maxAmount: '5000.00', minTermMonths: 12, maxTermMonths: 12, rateKind: RateKind.NONE, collateralAccepted: [], categoryRules: [], tags: [] },
  { bank: 5, name: '红树林碳汇指数保险（演示）', type: ProductType.INSURANCE, description: '以红树林固碳量损失为保险责任的碳汇指数保险，台风等灾害造成碳汇损失时赔付。', minAmount: '10.00', maxAmount: '2000.00', minTermMonths: 12, maxTermMonths: 36, rateKind: RateKind.NONE, collateralAccepted: [], categoryRules: [{ version: GIC, prefix: '4.3.2' }], counties: ['440882', '440825', '440883', '440804'], tags: ['碳汇', '蓝色金融'] },
];

interface DemoCase {
  /** DEMO_NEEDS index: a need of a listed project (as every path into a case requires), not one the demo 对接会's intents use. */
  need: number;
  bank: number;
  product: string | null;
  origin: CaseOrigin;
  path: CaseState[];
  approved?: { amount: string; rate: string; term: number };
  /** Tranches, days after the case started. */
  tranches?: { amount: string; afterDays: number }[];
  /** A fund-use check, days after the case started. */
  fundCheckAfterDays?: number;
  declined?: DeclineReason;
  /** Days ago the case started. */
  ago: number;
}

const DEMO_CASES: DemoCase[] = [
  { need: 20, bank: 2, product: '红树林生态修复贷（演示）', origin: CaseOrigin.APPLICATION, path: [CaseState.PENDING, CaseState.ACCEPTED, CaseState.IN_CONTACT, CaseState.UNDER_REVIEW, CaseState.APPROVED, CaseState.DISBURSED], approved: { amount: '2000.00', rate: '3.20', term: 96 }, tranches: [{ amount: '1200.00', afterDays: 45 }, { amount: '800.00', afterDays: 100 }], fundCheckAfterDays: 110, ago: 120 },
  { need: 21, bank: 0, product: '碳减排贷（演示）', origin: CaseOrigin.CLAIM, path: [CaseState.ACCEPTED], ago: 2 },
  { need: 13, bank: 4, product: null, origin: CaseOrigin.PUSH, path: [CaseState.PENDING], ago: 9 },
  { need: 15, bank: 1, product: null, origin: CaseOrigin.CLAIM, path: [CaseState.ACCEPTED, CaseState.IN_CONTACT, CaseState.UNDER_REVIEW], ago: 20 },
  { need: 25, bank: 2, product: '绿色交通贷（演示）', origin: CaseOrigin.APPLICATION, path: [CaseState.PENDING, CaseState.DECLINED], declined: DeclineReason.CAPACITY, ago: 15 },
  { need: 5, bank: 0, product: '分布式光伏贷（演示）', origin: CaseOrigin.APPLICATION, path: [CaseState.PENDING, CaseState.ACCEPTED, CaseState.IN_CONTACT, CaseState.UNDER_REVIEW, CaseState.APPROVED], approved: { amount: '4000.00', rate: '3.15', term: 120 }, ago: 30 },
];

/**
 * Demo products and cases in various states, once (after the library's demo seed). Everything is
 * invented and marked is_demo; each case's timeline lies between the day it started and now.
 * Answers how many products and cases were made.
 */
export async function seedMatchmakingDemo(m: EntityManager, now: Date = new Date()): Promise<{ products: number; cases: number }> {
  if (await m.exists(Product, { where: { isDemo: true } })) return { products: 0, cases: 0 };
  const banks: { id: string; name: string }[] = await m.query(`SELECT id, name FROM organizations WHERE is_demo AND name = ANY($1::text[])`, [DEMO_BANKS.map((b) => b.name)]);
  const bankId = (i: number) => banks.find((b) => b.name === DEMO_BANKS[i].name)?.id;
  if (!banks.length) return { products: 0, cases: 0 };
  const byName = new Map<string, Product>();
  for (const { bank, ...p } of DEMO_PRODUCTS) {
    const id = bankId(bank);
    if (!id) continue;
    const saved = await m.save(m.create(Product, { counties: ALL_COUNTIES, enterpriseSizes: [], requiredMaterials: ['营业执照', '近两年财务报表', '项目立项及环评文件'], contactName: '绿色金融部（演示）', contactPhone: '0759-0000000', ...p, bankOrgId: id, status: ProductStatus.PUBLISHED, publishedAt: new Date(), isDemo: true }));
    byName.set(saved.name, saved);
  }
  // The demo's needs by purpose, open and listed (a need of a project under review or returned reaches no bank).
  const open: { id: string; enterprise_org_id: string; purpose: string }[] = await m.query(
    `SELECT n.id, n.enterprise_org_id, n.purpose FROM financing_needs n WHERE n.is_demo AND n.status = 'OPEN' AND ${needListedSql('n')}`,
  );
  const byPurpose = new Map(open.map((n) => [n.purpose, n]));
  const overrides = await calendarOverrides(m);
  let cases = 0;
  for (const d of DEMO_CASES) {
    const need = DEMO_NEEDS[d.need] ? byPurpose.get(DEMO_NEEDS[d.need].purpose) : undefined;
    const bank = bankId(d.bank);
    if (!need || !bank) continue;
    // Started on a working day, in office hours.
    let startDate = zhanjiangDate(new Date(now.getTime() - d.ago * DAY_MS));
    while (!isWorkingDay(startDate, overrides)) startDate = addCalendarDays(startDate, -1);
    const start = earlier(zjAt(startDate, '09:20'), new Date(now.getTime() - 3600_000));
    const opener = d.origin === CaseOrigin.APPLICATION ? { party: CaseParty.ENTERPRISE, org: need.enterprise_org_id } : d.origin === CaseOrigin.PUSH ? { party: CaseParty.BUREAU, org: null } : { party: CaseParty.BANK, org: bank };
    await writeDemoCase(
      m,
      {
        needId: need.id,
        bankOrgId: bank,
        enterpriseOrgId: need.enterprise_org_id,
        productId: d.product ? (byName.get(d.product)?.id ?? null) : null,
        origin: d.origin,
        path: d.path,
        openedAt: start,
        stepDays: 3,
        opener: { party: opener.party, actor: { userId: null, organizationId: opener.org } },
        bank: { userId: null, organizationId: bank },
        openComment: '（演示）',
        comments: {},
        declined: d.declined ? { reason: d.declined, text: '本季度绿色信贷额度已用完（演示）' } : undefined,
        approved: d.approved,
        tranches: d.tranches?.map((t) => ({ amount: t.amount, on: addCalendarDays(startDate, t.afterDays), note: '（演示）' })),
        fundUseCheck: d.fundCheckAfterDays ? { on: addCalendarDays(startDate, d.fundCheckAfterDays) } : undefined,
        now,
      },
      overrides,
    );
    cases++;
  }
  return { products: byName.size, cases };
}

// ---------------------------------------------------------------- a case of a letter of intent signed at a demo 对接会

/** Who acted: a user (null when unknown) of an organisation (null: the system). */
export interface DemoCaseActor {
  userId: string | null;
  organizationId: string | null;
}

export interface DemoEventCase {
  needId: string;
  bankOrgId: string;
  enterpriseOrgId: string;
  eventId: string;
  /** The letter of intent (events module's id): the case's source_ref. */
  intentId: string;
  /** The intent's amount (万元), named on the first step when no comment is given. */
  amount: string;
  /** When the intent was signed: the case opens then (ACCEPTED, answered at once, as openFromEvent). */
  signedAt: Date;
  /** Who signed for the platform (the bureau at the ceremony, else the bank's officer); the bank's officer makes the later steps. */
  signedBy?: DemoCaseActor | null;
  bankUserId?: string | null;
  /** The first step's comment (the events module's wording of the intent). */
  comment?: string;
  /** The states the case went through, from ACCEPTED (DISBURSED, when there, last). */
  path: CaseState[];
  /** The comment of each later state (the first tranche's note for DISBURSED). */
  comments?: Partial<Record<CaseState, string>>;
  approved?: { amount: string; rate: string; term: number };
  /** Disbursements (dates moved, when needed, into [approval, today]); the first one moves the case to DISBURSED. */
  tranches?: { amount: string; on: string; note?: string | null }[];
  fundUseCheck?: { on: string; result?: FundUseResult; detail?: string | null };
  /** Days between the steps before disbursement (default 7; fewer when they would not fit before the first tranche or now). */
  stepDays?: number;
  now?: Date;
}

/**
 * Writes the case a letter of intent signed at a demo 对接会 opened, and its whole timeline, as
 * CasesService.openFromEvent and the bank's later steps would have written them at the time: origin
 * EVENT (source event, source_ref = the intent), opened ACCEPTED when the intent was signed, each step
 * after it and before now, tranches dated between the approval and today, the need IN_MATCHMAKING
 * from the signing and SATISFIED from the first disbursement. Marked is_demo; no notifications, and
 * no audit rows of its own (the demo seed records one for all it loaded). The need must be open and
 * the bank must not already handle it. Answers the case id.
 */
export async function seedDemoEventCase(m: EntityManager, o: DemoEventCase): Promise<string> {
  if (o.path[0] !== CaseState.ACCEPTED) throw new Error('a case opened by a letter of intent starts ACCEPTED');
  const [need]: { status: string }[] = await m.query(`SELECT status FROM financing_needs WHERE id = $1 FOR UPDATE`, [o.needId]);
  if (!need || !['OPEN', 'IN_MATCHMAKING'].includes(need.status)) throw new Error(`demo intent: need ${o.needId} is not open`);
  const [live] = await m.query(`SELECT id FROM matchmaking_cases WHERE need_id = $1 AND bank_org_id = $2 AND state = ANY($3::text[]) LIMIT 1`, [o.needId, o.bankOrgId, ACTIVE]);
  if (live) throw new Error(`demo intent: bank ${o.bankOrgId} already handles need ${o.needId}`);
  const signedBy = o.signedBy ?? { userId: o.bankUserId ?? null, organizationId: o.bankOrgId };
  return writeDemoCase(
    m,
    {
      needId: o.needId,
      bankOrgId: o.bankOrgId,
      enterpriseOrgId: o.enterpriseOrgId,
      productId: null,
      origin: CaseOrigin.EVENT,
      path: o.path,
      openedAt: o.signedAt,
      stepDays: o.stepDays ?? 7,
      opener: { party: signedBy.organizationId === o.bankOrgId ? CaseParty.BANK : CaseParty.BUREAU, actor: signedBy },
      bank: { userId: o.bankUserId ?? null, organizationId: o.bankOrgId },
      openComment: o.comment ?? `对接会签约意向：${formatDecimal(o.amount)}万元`,
      comments: o.comments ?? {},
      approved: o.approved,
      tranches: o.tranches,
      fundUseCheck: o.fundUseCheck,
      sourceEventId: o.eventId,
      sourceRef: o.intentId,
      now: o.now ?? new Date(),
    },
    await calendarOverrides(m),
  );
}

// ---------------------------------------------------------------- writing a case with its timeline

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const ACTIVE = ACTIVE_CASE_STATES as CaseState[];
/** Working days to answer a pending case, and to make first contact after accepting (AppConfig's defaults). */
const ANSWER_WORKING_DAYS = 3;
const CONTACT_WORKING_DAYS = 7;
/** Office hours at which the demo's people act, in turn. */
const STEP_TIMES = ['09:40', '10:25', '11:10', '14:50', '15:35', '16:20'];
/** `date` (in Zhanjiang) at hh:mm Zhanjiang time. */
const zjAt = (date: string, hm: string) => new Date(`${date}T${hm}:00+08:00`);
const later = (a: Date, b: Date) => (a > b ? a : b);
const earlier = (a: Date, b: Date) => (a < b ? a : b);

async function calendarOverrides(m: EntityManager): Promise<CalendarOverrides> {
  const rows: { date: string; kind: string }[] = await m.query(`SELECT to_char(date, 'YYYY-MM-DD') AS date, kind FROM work_calendar_days`);
  return new Map(rows.map((r) => [r.date, r.kind])) as CalendarOverrides;
}

interface DemoCaseSpec {
  needId: string;
  bankOrgId: string;
  enterpriseOrgId: string;
  productId: string | null;
  origin: CaseOrigin;
  path: CaseState[];
  openedAt: Date;
  stepDays: number;
  opener: { party: CaseParty; actor: DemoCaseActor | null };
  bank: DemoCaseActor | null;
  openComment: string;
  comments: Partial<Record<CaseState, string>>;
  declined?: { reason: DeclineReason; text: string | null };
  approved?: { amount: string; rate: string; term: number };
  tranches?: { amount: string; on: string; note?: string | null }[];
  fundUseCheck?: { on: string; result?: FundUseResult; detail?: string | null };
  sourceEventId?: string | null;
  sourceRef?: string | null;
  now: Date;
}

/** One row of the timeline: a state change, a tranche or a fund-use check. */
interface Entry {
  from: CaseState | null;
  to: CaseState;
  party: CaseParty;
  actor: DemoCaseActor | null;
  comment: string | null;
  at: Date;
  tranche?: { amount: string; note: string | null };
  check?: { result: FundUseResult; detail: string | null };
}

/**
 * The moments of a case's timeline: the opening at `openedAt`, the steps before disbursement every
 * `stepDays` (a working day, office hours) or evenly spread when they would not fit before the first
 * tranche or now, then the tranches and the fund-use check on their dates (moved into
 * [the approval, today]); every moment after the one before it, the last before now.
 */
function planTimeline(s: DemoCaseSpec, overrides: CalendarOverrides): Entry[] {
  const { path, now } = s;
  const disbursedAt = path.indexOf(CaseState.DISBURSED);
  if (disbursedAt >= 0 && disbursedAt !== path.length - 1) throw new Error('demo case: DISBURSED must be the last state');
  if (disbursedAt >= 0 && (!s.approved || !s.tranches?.length)) throw new Error('demo case: a disbursed case needs its approval and tranches');
  for (const [i, to] of path.entries()) {
    if (i > 0 && !checkTransition(path[i - 1], to, CaseParty.BANK).ok) throw new Error(`demo case: ${path[i - 1]} → ${to} is not a bank's step`);
  }
  if (path.includes(CaseState.APPROVED) && !s.approved) throw new Error('demo case: an approved case needs its approval');
  const total = sumDecimal((s.tranches ?? []).map((t) => t.amount));
  if (s.approved && compareDecimal(total, s.approved.amount) > 0) throw new Error('demo case: tranches exceed the approval');
  if (s.openedAt >= now) throw new Error('demo case: opened in the future');

  const today = zhanjiangDate(now);
  const opened = zhanjiangDate(s.openedAt);
  const clampDate = (d: string, min: string) => (d < min ? min : d > today ? today : d);
  const tranches = disbursedAt >= 0 ? (s.tranches ?? []) : [];
  const firstOn = tranches.length ? clampDate(tranches[0].on, opened) : null;
  const latest = new Date(now.getTime() - 10 * MINUTE_MS);
  const upper = firstOn ? earlier(zjAt(firstOn, '15:00'), latest) : latest;

  // The states before disbursement.
  const steps = disbursedAt >= 0 ? path.slice(0, -1) : path;
  const times: Date[] = [s.openedAt];
  const n = steps.length - 1;
  for (let i = 1; i <= n; i++) {
    let d = addCalendarDays(opened, i * s.stepDays);
    while (!isWorkingDay(d, overrides)) d = addCalendarDays(d, 1);
    times.push(zjAt(d, STEP_TIMES[i % STEP_TIMES.length]));
  }
  if (times.some((t, i) => i > 0 && t <= times[i - 1]) || times[n] > upper) {
    const gap = Math.max(MINUTE_MS, (upper.getTime() - s.openedAt.getTime()) / (n + 1));
    for (let i = 1; i <= n; i++) times[i] = new Date(s.openedAt.getTime() + i * gap);
  }
  const entries: Entry[] = steps.map((to, i) => ({
    from: i === 0 ? null : steps[i - 1],
    to,
    party: i === 0 ? s.opener.party : CaseParty.BANK,
    actor: i === 0 ? s.opener.actor : s.bank,
    comment: i === 0 ? s.openComment : (s.comments[to] ?? (to === CaseState.DECLINED ? s.declined?.text : null) ?? '（演示）'),
    at: times[i],
  }));

  // The tranches (the first moves the case to DISBURSED) and the fund-use check.
  let on = zhanjiangDate(times[n]);
  for (const [i, t] of tranches.entries()) {
    on = clampDate(t.on, on);
    const note = i === 0 ? (s.comments[CaseState.DISBURSED] ?? t.note ?? null) : (t.note ?? null);
    entries.push({
      from: i === 0 ? CaseState.APPROVED : CaseState.DISBURSED,
      to: CaseState.DISBURSED,
      party: CaseParty.BANK,
      actor: s.bank,
      comment: i === 0 ? (note ?? `首笔放款${t.amount}万元`) : `追加放款${t.amount}万元${note ? `：${note}` : ''}`,
      at: zjAt(on, '15:20'),
      tranche: { amount: t.amount, note },
    });
  }
  if (tranches.length && s.fundUseCheck) {
    const checkOn = clampDate(s.fundUseCheck.on, zhanjiangDate(entries[steps.length].at));
    entries.push({
      from: CaseState.DISBURSED,
      to: CaseState.DISBURSED,
      party: CaseParty.BANK,
      actor: s.bank,
      comment: null,
      at: zjAt(checkOn, '16:10'),
      check: { result: s.fundUseCheck.result ?? FundUseResult.AS_AGREED, detail: s.fundUseCheck.detail ?? null },
    });
    const tail = entries.splice(steps.length).sort((a, b) => a.at.getTime() - b.at.getTime());
    entries.push(...tail);
  }

  // Every moment after the one before it, the last before now.
  for (let i = entries.length - 1; i >= 1; i--) {
    const cap = i === entries.length - 1 ? latest : new Date(entries[i + 1].at.getTime() - MINUTE_MS);
    entries[i].at = earlier(entries[i].at, cap);
  }
  for (let i = 1; i < entries.length; i++) entries[i].at = later(entries[i].at, new Date(entries[i - 1].at.getTime() + MINUTE_MS));
  return entries;
}

/** Writes a demo case and its timeline (see planTimeline), and the need's status as the service would have set it. Answers the case id. */
async function writeDemoCase(m: EntityManager, s: DemoCaseSpec, overrides: CalendarOverrides): Promise<string> {
  if (s.approved) {
    // Credit approved within the need and the product's maximum, as CasesService enforces (case-rules.ts).
    const [need]: { amount: string }[] = await m.query(`SELECT amount FROM financing_needs WHERE id = $1`, [s.needId]);
    const product = s.productId ? await m.findOneBy(Product, { id: s.productId }) : null;
    const problems = approvedAmountProblems({ approvedAmount: s.approved.amount, needAmount: need.amount, product });
    if (problems.length) throw new Error(`demo case: approved ${s.approved.amount}: ${problems.join('; ')}`);
  }
  const entries = planTimeline(s, overrides);
  const state = s.path[s.path.length - 1];
  const opened = entries[0].at;
  const changes = entries.filter((e) => e.from !== e.to);
  const lastChange = changes[changes.length - 1];
  const answer = s.path[0] === CaseState.PENDING ? changes.find((e) => e.from === CaseState.PENDING) : changes[0];
  const firstTranche = entries.find((e) => e.tranche);
  const dueOn =
    state === CaseState.PENDING
      ? addWorkingDays(zhanjiangDate(opened), ANSWER_WORKING_DAYS, overrides)
      : state === CaseState.ACCEPTED
        ? addWorkingDays(zhanjiangDate(lastChange.at), CONTACT_WORKING_DAYS, overrides)
        : null;
  const disbursed = sumDecimal(entries.map((e) => e.tranche?.amount));
  const inserted = await m.insert(MatchmakingCase, {
    needId: s.needId,
    bankOrgId: s.bankOrgId,
    enterpriseOrgId: s.enterpriseOrgId,
    productId: s.productId,
    origin: s.origin,
    state,
    declineReason: state === CaseState.DECLINED ? (s.declined?.reason ?? DeclineReason.OTHER) : null,
    reasonText: state === CaseState.DECLINED ? (s.declined?.text ?? null) : null,
    approvedAmount: s.path.includes(CaseState.APPROVED) ? s.approved!.amount : null,
    approvedRatePercent: s.path.includes(CaseState.APPROVED) ? s.approved!.rate : null,
    approvedTermMonths: s.path.includes(CaseState.APPROVED) ? s.approved!.term : null,
    disbursedTotal: disbursed,
    dueOn,
    answeredAt: answer ? answer.at : null,
    chosenAt: firstTranche?.at ?? null,
    sourceEventId: s.sourceEventId ?? null,
    sourceRef: s.sourceRef ?? null,
    createdByUserId: s.opener.actor?.userId ?? null,
    isDemo: true,
    stateChangedAt: lastChange.at,
    version: entries.length,
    createdAt: opened,
    updatedAt: entries[entries.length - 1].at,
  });
  const caseId = inserted.identifiers[0].id as string;

  const names = await actorNames(m, entries.map((e) => e.actor));
  for (const e of entries) {
    const who = names(e.actor);
    if (e.tranche) await m.insert(CaseTranche, { caseId, amount: e.tranche.amount, disbursedOn: zhanjiangDate(e.at), note: e.tranche.note, createdByUserId: e.actor?.userId ?? null, createdAt: e.at });
    let comment = e.comment;
    if (e.check) {
      const checkedOn = zhanjiangDate(e.at);
      await m.insert(FundUseCheck, { caseId, checkedOn, result: e.check.result, detail: e.check.detail, createdByUserId: e.actor?.userId ?? null, createdAt: e.at });
      comment = `资金用途检查（${checkedOn}）：${e.check.result === FundUseResult.AS_AGREED ? '按约定用途使用' : `用途偏离：${e.check.detail}`}`;
    }
    await m.insert(CaseEvent, { caseId, fromState: e.from, toState: e.to, party: e.party, actorUserId: e.actor?.userId ?? null, actorName: who.name, actorOrgId: e.actor?.organizationId ?? null, actorOrgName: who.orgName, comment, at: e.at });
  }

  // The need, as the service moves it: in matchmaking from the opening, satisfied from the first
  // disbursement, open again when a case ends without another bank handling it.
  await m.query(`UPDATE financing_needs SET status = 'IN_MATCHMAKING', status_changed_at = $2, version = version + 1 WHERE id = $1 AND status = 'OPEN'`, [s.needId, opened]);
  if (firstTranche) {
    await m.query(`UPDATE financing_needs SET status = 'SATISFIED', status_changed_at = $2, version = version + 1 WHERE id = $1 AND status = 'IN_MATCHMAKING'`, [s.needId, firstTranche.at]);
  }
  if (!ACTIVE.includes(state)) {
    await m.query(
      `UPDATE financing_needs SET status = 'OPEN', status_changed_at = $2, version = version + 1
        WHERE id = $1 AND status = 'IN_MATCHMAKING' AND NOT EXISTS (SELECT 1 FROM matchmaking_cases WHERE need_id = $1 AND state = ANY($3::text[]))`,
      [s.needId, lastChange.at, ACTIVE],
    );
  }
  return caseId;
}

/** The names the timeline shows for its actors: the user's display name (演示数据 when none) and the organisation's name. */
async function actorNames(m: EntityManager, actors: (DemoCaseActor | null)[]): Promise<(a: DemoCaseActor | null) => { name: string; orgName: string | null }> {
  const userIds = [...new Set(actors.map((a) => a?.userId).filter((x): x is string => !!x))];
  const orgIds = [...new Set(actors.map((a) => a?.organizationId).filter((x): x is string => !!x))];
  const users: { id: string; name: string }[] = userIds.length ? await m.query(`SELECT id, display_name AS name FROM users WHERE id = ANY($1::uuid[])`, [userIds]) : [];
  const orgs: { id: string; name: string }[] = orgIds.length ? await m.query(`SELECT id, name FROM organizations WHERE id = ANY($1::uuid[])`, [orgIds]) : [];
  return (a) => ({
    name: users.find((u) => u.id === a?.userId)?.name ?? '演示数据',
    orgName: orgs.find((o) => o.id === a?.organizationId)?.name ?? null,
  });
}
