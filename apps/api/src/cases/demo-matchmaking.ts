import { CaseOrigin, CaseState, CollateralKind, EnterpriseSize, ProductStatus, ProductType, RateKind } from '@zj/shared';
import { EntityManager } from 'typeorm';
import { DEMO_BANKS } from '../demo/demo-data';
import { Product } from '../products/product.entity';
import { addCalendarDays, zhanjiangDate } from '../work-calendar/working-days';
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
  need: number;
  bank: number;
  product: string | null;
  origin: CaseOrigin;
  path: CaseState[];
  approved?: { amount: string; rate: string; term: number };
  tranches?: { amount: string; on: string }[];
  declined?: string;
  /** Days ago the case started. */
  ago: number;
}

const DEMO_CASES: DemoCase[] = [
  { need: 0, bank: 2, product: '红树林生态修复贷（演示）', origin: CaseOrigin.APPLICATION, path: [CaseState.PENDING, CaseState.ACCEPTED, CaseState.IN_CONTACT, CaseState.UNDER_REVIEW, CaseState.APPROVED, CaseState.DISBURSED], approved: { amount: '2000.00', rate: '3.20', term: 96 }, tranches: [{ amount: '1200.00', on: '2025-11-10' }, { amount: '800.00', on: '2026-01-15' }], ago: 120 },
  { need: 1, bank: 0, product: '碳减排贷（演示）', origin: CaseOrigin.CLAIM, path: [CaseState.ACCEPTED], ago: 2 },
  { need: 2, bank: 4, product: null, origin: CaseOrigin.PUSH, path: [CaseState.PENDING], ago: 9 },
  { need: 3, bank: 1, product: null, origin: CaseOrigin.CLAIM, path: [CaseState.ACCEPTED, CaseState.IN_CONTACT, CaseState.UNDER_REVIEW], ago: 20 },
  { need: 4, bank: 2, product: '绿色交通贷（演示）', origin: CaseOrigin.APPLICATION, path: [CaseState.PENDING, CaseState.DECLINED], declined: 'CAPACITY', ago: 15 },
  { need: 5, bank: 0, product: '分布式光伏贷（演示）', origin: CaseOrigin.APPLICATION, path: [CaseState.PENDING, CaseState.ACCEPTED, CaseState.IN_CONTACT, CaseState.UNDER_REVIEW, CaseState.APPROVED], approved: { amount: '4000.00', rate: '3.15', term: 120 }, ago: 30 },
];

/**
 * Demo products and cases in various states, once (after the library's demo seed). Everything is
 * invented and marked is_demo. Answers how many products and cases were made.
 */
export async function seedMatchmakingDemo(m: EntityManager): Promise<{ products: number; cases: number }> {
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
  const needs: { id: string; enterprise_org_id: string }[] = await m.query(`SELECT id, enterprise_org_id FROM financing_needs WHERE is_demo AND status = 'OPEN' ORDER BY created_at, id LIMIT 6`);
  let cases = 0;
  const today = zhanjiangDate();
  for (const d of DEMO_CASES) {
    const need = needs[d.need];
    const bank = bankId(d.bank);
    if (!need || !bank) continue;
    const start = new Date(Date.now() - d.ago * 86_400_000);
    const state = d.path[d.path.length - 1];
    const c = await m.save(
      m.create(MatchmakingCase, {
        needId: need.id,
        bankOrgId: bank,
        enterpriseOrgId: need.enterprise_org_id,
        productId: d.product ? (byName.get(d.product)?.id ?? null) : null,
        origin: d.origin,
        state,
        declineReason: (d.declined as MatchmakingCase['declineReason']) ?? null,
        reasonText: d.declined ? '本季度绿色信贷额度已用完（演示）' : null,
        approvedAmount: d.approved?.amount ?? null,
        approvedRatePercent: d.approved?.rate ?? null,
        approvedTermMonths: d.approved?.term ?? null,
        disbursedTotal: (d.tranches ?? []).reduce((s, t) => s + Number(t.amount), 0).toFixed(2),
        // The pushed case is past its answer deadline; the accepted one has a contact deadline ahead.
        dueOn: state === CaseState.PENDING ? addCalendarDays(today, -2) : state === CaseState.ACCEPTED ? addCalendarDays(today, 7) : null,
        answeredAt: d.path.includes(CaseState.ACCEPTED) || d.path.includes(CaseState.DECLINED) ? new Date(start.getTime() + 26 * 3600_000) : null,
        chosenAt: state === CaseState.DISBURSED ? start : null,
        isDemo: true,
        stateChangedAt: start,
      }),
    );
    let from: CaseState | null = null;
    for (const [i, s] of d.path.entries()) {
      await m.insert(CaseEvent, { caseId: c.id, fromState: from, toState: s, party: s === CaseState.PENDING && d.origin === CaseOrigin.APPLICATION ? 'ENTERPRISE' as never : s === CaseState.PENDING ? 'BUREAU' as never : 'BANK' as never, actorName: '演示数据', comment: '（演示）', at: new Date(start.getTime() + i * 3 * 86_400_000) });
      from = s;
    }
    for (const t of d.tranches ?? []) await m.insert(CaseTranche, { caseId: c.id, amount: t.amount, disbursedOn: t.on, note: '（演示）' });
    if (state === CaseState.DISBURSED) await m.insert(FundUseCheck, { caseId: c.id, checkedOn: '2026-02-28', result: 'AS_AGREED' as never, detail: null });
    const needStatus = state === CaseState.DISBURSED ? 'SATISFIED' : state === CaseState.DECLINED ? 'OPEN' : 'IN_MATCHMAKING';
    await m.query(`UPDATE financing_needs SET status = $2, status_changed_at = now() WHERE id = $1`, [need.id, needStatus]);
    cases++;
  }
  return { products: byName.size, cases };
}
