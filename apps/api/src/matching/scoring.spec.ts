import { CollateralKind, CriterionResult, EnterpriseSize, FinancingInstrument, MatchCriterion, ProductType, RateKind } from '@zj/shared';
import { explainMatch, MatchNeed, MatchProduct, rankMatches, scoreMatch } from './scoring';

const ctx = { lprPercent: '3.00' };

/** A need that fits `product()` on every criterion; each test changes one thing. */
function need(o: Partial<MatchNeed> = {}): MatchNeed {
  return {
    amount: '300.00',
    termMonths: 36,
    instrument: FinancingInstrument.LOAN,
    collateral: [CollateralKind.CARBON_CREDITS],
    maxRatePercent: '4.50',
    categories: [{ version: 'GIC-2019', code: '4.3.2' }],
    projectDivisionCode: '440882',
    enterpriseDivisionCode: '440882',
    size: EnterpriseSize.SMALL,
    grade: 'B',
    ...o,
  };
}

function product(o: Partial<MatchProduct> = {}): MatchProduct {
  return {
    type: ProductType.LOAN,
    minAmount: '50.00',
    maxAmount: '500.00',
    minTermMonths: 12,
    maxTermMonths: 60,
    rateKind: RateKind.FIXED,
    rateMinPercent: '3.20',
    rateMaxPercent: '4.20',
    lprBasisPointsMin: null,
    lprBasisPointsMax: null,
    collateralAccepted: [CollateralKind.CARBON_CREDITS, CollateralKind.REAL_ESTATE],
    categoryRules: [{ version: 'GIC-2019', prefix: '4.3.2' }],
    counties: ['440882', '440825'],
    enterpriseSizes: [EnterpriseSize.SMALL, EnterpriseSize.MICRO],
    minGreenGrade: 'B',
    ...o,
  };
}

const criterion = (n: MatchNeed, p: MatchProduct, c: MatchCriterion) => explainMatch(n, p, ctx).criteria.find((x) => x.criterion === c)!;

describe('matching: scores and explanations', () => {
  it('a need that fits everything scores 100 with every criterion met', () => {
    const m = explainMatch(need(), product(), ctx);
    expect(m.eligible).toBe(true);
    expect(m.score).toBe(100);
    expect(m.criteria.map((c) => c.result)).toEqual(Array(9).fill(CriterionResult.MET));
    expect(m.criteria.find((c) => c.criterion === MatchCriterion.CATEGORY)!.explanation).toBe('项目类别 4.3.2 与产品支持类别完全一致');
  });

  describe('category fit: exact code, same second level, same top level', () => {
    it('met: exact code, or a code under a listed prefix (scoring the exact code highest)', () => {
      expect(criterion(need(), product(), MatchCriterion.CATEGORY)).toMatchObject({ result: 'MET', points: 25 });
      const second = criterion(need(), product({ categoryRules: [{ version: 'GIC-2019', prefix: '4.3' }] }), MatchCriterion.CATEGORY);
      expect(second).toMatchObject({ result: 'MET', points: 22.5, explanation: '项目类别 4.3.2 属于产品支持的二级类别 4.3' });
      const top = criterion(need(), product({ categoryRules: [{ version: 'GIC-2019', prefix: '4' }] }), MatchCriterion.CATEGORY);
      expect(top).toMatchObject({ result: 'MET', points: 20 });
    });
    it('partly: another code of the same second level, or only the same top level', () => {
      const sibling = criterion(need(), product({ categoryRules: [{ version: 'GIC-2019', prefix: '4.3.1' }] }), MatchCriterion.CATEGORY);
      expect(sibling).toMatchObject({ result: 'PARTLY', points: 12.5, explanation: '项目类别 4.3.2 与产品支持类别 4.3.1 同属二级类别 4.3' });
      const cousin = criterion(need(), product({ categoryRules: [{ version: 'GIC-2019', prefix: '4.1' }] }), MatchCriterion.CATEGORY);
      expect(cousin).toMatchObject({ result: 'PARTLY', points: 7.5 });
    });
    it('not met: another top level, or another catalogue version — and the product is excluded', () => {
      const other = explainMatch(need(), product({ categoryRules: [{ version: 'GIC-2019', prefix: '3.2' }] }), ctx);
      expect(other.eligible).toBe(false);
      expect(other.failed).toEqual([MatchCriterion.CATEGORY]);
      expect(other.summary).toBe('项目类别 4.3.2 不在产品支持的绿色类别 3.2 内');
      const version = criterion(need(), product({ categoryRules: [{ version: 'GFSP-2025', prefix: '5' }] }), MatchCriterion.CATEGORY);
      expect(version.result).toBe('NOT_MET');
      expect(version.explanation).toContain('GFSP-2025');
    });
  });

  describe('amount', () => {
    it('met inside the range, partly within 20% above the maximum, not met beyond', () => {
      expect(criterion(need({ amount: '500.00' }), product(), MatchCriterion.AMOUNT).result).toBe('MET');
      expect(criterion(need({ amount: '600.00' }), product(), MatchCriterion.AMOUNT)).toMatchObject({ result: 'PARTLY', explanation: '金额略高于产品上限500万元，可部分满足' });
      const over = explainMatch(need({ amount: '600.01' }), product(), ctx);
      expect(over.eligible).toBe(false);
      expect(over.summary).toBe('金额高于产品上限500万元');
    });
    it('below the minimum', () => {
      expect(criterion(need({ amount: '40.00' }), product(), MatchCriterion.AMOUNT).result).toBe('PARTLY');
      expect(criterion(need({ amount: '39.99' }), product(), MatchCriterion.AMOUNT)).toMatchObject({ result: 'NOT_MET', explanation: '金额低于产品下限50万元' });
    });
  });

  it('term: met, partly (a little longer), not met', () => {
    expect(criterion(need({ termMonths: 60 }), product(), MatchCriterion.TERM).result).toBe('MET');
    expect(criterion(need({ termMonths: 72 }), product(), MatchCriterion.TERM).result).toBe('PARTLY');
    expect(criterion(need({ termMonths: 73 }), product(), MatchCriterion.TERM)).toMatchObject({ result: 'NOT_MET', explanation: '期限73个月长于产品最长期限60个月' });
    expect(criterion(need({ termMonths: 6 }), product(), MatchCriterion.TERM).result).toBe('NOT_MET');
  });

  it('explanations write a range once (no "12–12个月"), an open end in words, and no doubled word ("以内内")', () => {
    const text = (n: MatchNeed, p: MatchProduct, c: MatchCriterion) => criterion(n, p, c).explanation;
    expect(text(need({ termMonths: 120 }), product({ minTermMonths: null, maxTermMonths: 120 }), MatchCriterion.TERM)).toBe('期限120个月符合产品期限（不超过120个月）');
    expect(text(need({ termMonths: 12 }), product({ minTermMonths: 12, maxTermMonths: 12 }), MatchCriterion.TERM)).toBe('期限12个月符合产品期限（12个月）');
    expect(text(need({ termMonths: 36 }), product({ minTermMonths: 12, maxTermMonths: null }), MatchCriterion.TERM)).toBe('期限36个月符合产品期限（不少于12个月）');
    expect(text(need({ termMonths: 36 }), product(), MatchCriterion.TERM)).toBe('期限36个月在产品期限12–60个月内');
    expect(text(need(), product({ minAmount: null, maxAmount: null }), MatchCriterion.AMOUNT)).toBe('金额300万元符合产品额度（不限）');
    expect(text(need(), product({ minAmount: '300.00', maxAmount: '300.00' }), MatchCriterion.AMOUNT)).toBe('金额300万元符合产品额度（300万元）');
    expect(text(need(), product(), MatchCriterion.AMOUNT)).toBe('金额300万元在产品额度50–500万元内');
    expect(text(need({ maxRatePercent: '4.50' }), product({ rateMinPercent: '3.20', rateMaxPercent: '3.20' }), MatchCriterion.RATE)).toBe('产品利率3.2%不高于企业可接受的4.5%');
    expect(text(need({ maxRatePercent: '4.50' }), product(), MatchCriterion.RATE)).toBe('产品利率3.2%–4.2%不高于企业可接受的4.5%');
    // Over many shapes of product: never a doubled character from joining two phrases, never a range of one value.
    for (const [min, max] of [[null, 120], [12, null], [12, 12], [null, null], [6, 120]] as const) {
      for (const c of [MatchCriterion.TERM, MatchCriterion.AMOUNT, MatchCriterion.RATE]) {
        const p = product({ minTermMonths: min, maxTermMonths: max, minAmount: min === null ? null : `${min}.00`, maxAmount: max === null ? null : `${max}00.00`, rateMinPercent: '3.00', rateMaxPercent: max === null ? '3.00' : '3.90' });
        const e = text(need({ termMonths: 12, amount: '1200.00' }), p, c);
        expect(e).not.toMatch(/内内|以上上|(\d+(?:\.\d+)?)[^\d–]*–\1(?!\d)/);
      }
    }
  });

  it('instrument: same, related (supply-chain finance for a loan), other', () => {
    expect(criterion(need(), product(), MatchCriterion.INSTRUMENT).result).toBe('MET');
    expect(criterion(need({ instrument: FinancingInstrument.SUPPLY_CHAIN }), product(), MatchCriterion.INSTRUMENT).result).toBe('PARTLY');
    expect(criterion(need({ instrument: FinancingInstrument.INSURANCE }), product(), MatchCriterion.INSTRUMENT)).toMatchObject({
      result: 'NOT_MET',
      explanation: '企业需要保险，产品为贷款',
    });
    expect(criterion(need({ instrument: FinancingInstrument.EQUITY }), product({ type: ProductType.FUND }), MatchCriterion.INSTRUMENT).result).toBe('MET');
  });

  it('collateral is soft: not met lowers the score but keeps the product', () => {
    expect(criterion(need(), product(), MatchCriterion.COLLATERAL).result).toBe('MET');
    expect(criterion(need({ collateral: [CollateralKind.EQUIPMENT] }), product(), MatchCriterion.COLLATERAL).result).toBe('PARTLY');
    const none = explainMatch(need({ collateral: [CollateralKind.NONE] }), product(), ctx);
    expect(none.criteria.find((c) => c.criterion === MatchCriterion.COLLATERAL)!.result).toBe('NOT_MET');
    expect(none.eligible).toBe(true);
    expect(none.score).toBe(90);
    expect(criterion(need({ collateral: [CollateralKind.NONE] }), product({ collateralAccepted: [CollateralKind.NONE] }), MatchCriterion.COLLATERAL).result).toBe('MET');
  });

  it('county: project in the area, only the enterprise registered there, neither', () => {
    expect(criterion(need(), product(), MatchCriterion.COUNTY).result).toBe('MET');
    expect(criterion(need({ projectDivisionCode: '440811' }), product(), MatchCriterion.COUNTY)).toMatchObject({
      result: 'PARTLY',
      explanation: '企业注册地雷州市在服务区域内，但项目位于麻章区',
    });
    expect(criterion(need({ projectDivisionCode: '440811', enterpriseDivisionCode: '440811' }), product(), MatchCriterion.COUNTY)).toMatchObject({
      result: 'NOT_MET',
      explanation: '麻章区不在产品服务区域（雷州市、徐闻县）内',
    });
    expect(criterion(need({ projectDivisionCode: '440811' }), product({ counties: [] }), MatchCriterion.COUNTY).result).toBe('MET');
  });

  it('size: listed, adjacent, far off', () => {
    expect(criterion(need(), product(), MatchCriterion.SIZE).result).toBe('MET');
    expect(criterion(need({ size: EnterpriseSize.MEDIUM }), product(), MatchCriterion.SIZE).result).toBe('PARTLY');
    expect(criterion(need({ size: EnterpriseSize.LARGE }), product(), MatchCriterion.SIZE)).toMatchObject({ result: 'NOT_MET', explanation: '产品面向小型、微型企业，企业为大型企业' });
  });

  it('green grade: reached, one grade short or not graded, far short', () => {
    expect(criterion(need({ grade: 'A' }), product(), MatchCriterion.GREEN_GRADE).result).toBe('MET');
    expect(criterion(need({ grade: 'C' }), product(), MatchCriterion.GREEN_GRADE).result).toBe('PARTLY');
    expect(criterion(need({ grade: null }), product(), MatchCriterion.GREEN_GRADE).result).toBe('PARTLY');
    expect(criterion(need({ grade: 'D' }), product(), MatchCriterion.GREEN_GRADE)).toMatchObject({ result: 'NOT_MET', explanation: '企业绿色评级D级，低于产品要求的B级' });
  });

  it('rate ceiling (soft), with fixed ranges and LPR + basis points', () => {
    expect(criterion(need({ maxRatePercent: '4.20' }), product(), MatchCriterion.RATE).result).toBe('MET');
    expect(criterion(need({ maxRatePercent: '3.50' }), product(), MatchCriterion.RATE).result).toBe('PARTLY');
    const high = explainMatch(need({ maxRatePercent: '3.00' }), product(), ctx);
    expect(high.criteria.find((c) => c.criterion === MatchCriterion.RATE)).toMatchObject({ result: 'NOT_MET', explanation: '产品最低利率3.2%高于企业可接受的3.0%' });
    expect(high.eligible).toBe(true);
    // LPR 3.00% + 20–60bp = 3.20%–3.60%
    const lpr = product({ rateKind: RateKind.LPR_PLUS, rateMinPercent: null, rateMaxPercent: null, lprBasisPointsMin: 20, lprBasisPointsMax: 60 });
    expect(criterion(need({ maxRatePercent: '3.60' }), lpr, MatchCriterion.RATE).result).toBe('MET');
    expect(criterion(need({ maxRatePercent: '3.40' }), lpr, MatchCriterion.RATE).result).toBe('PARTLY');
    expect(criterion(need({ maxRatePercent: '3.10' }), lpr, MatchCriterion.RATE).result).toBe('NOT_MET');
  });

  it('hard criteria exclude, soft ones rank; near misses fail exactly one hard criterion and say which', () => {
    const n = need({ amount: '800.00', maxRatePercent: '3.30' });
    const items = [
      { item: 'fits', match: explainMatch(n, product({ maxAmount: '1000.00' }), ctx) },
      { item: 'fits-but-dearer', match: explainMatch(n, product({ maxAmount: '1000.00', rateMinPercent: '3.50', rateMaxPercent: '4.00' }), ctx) },
      { item: 'too-small', match: explainMatch(n, product(), ctx) },
      { item: 'too-small-and-wrong-area', match: explainMatch(n, product({ counties: ['440811'] }), ctx) },
    ];
    const { matches, nearMisses } = rankMatches(items, 20);
    expect(matches.map((m) => m.item)).toEqual(['fits', 'fits-but-dearer']);
    expect(matches[0].match.score).toBeGreaterThan(matches[1].match.score);
    expect(nearMisses.map((m) => m.item)).toEqual(['too-small']);
    expect(nearMisses[0].match.summary).toBe('金额高于产品上限500万元');
  });

  it('scoring without explanations (used to rank many products) agrees with the explanation on every pair', () => {
    let seed = 11;
    const r = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
    const outcomes = new Set<string>();
    for (let i = 0; i < 4000; i++) {
      const n = need({
        amount: pick(['10.00', '39.99', '40.00', '300.00', '500.00', '600.00', '600.01']),
        termMonths: pick([6, 9, 10, 12, 36, 60, 72, 73]),
        instrument: pick(Object.values(FinancingInstrument)),
        collateral: pick([[], [CollateralKind.NONE], [CollateralKind.EQUIPMENT], [CollateralKind.CARBON_CREDITS, CollateralKind.EQUIPMENT]]),
        maxRatePercent: pick([null, '3.00', '3.40', '3.60', '4.50']),
        categories: pick([[], [{ version: 'GIC-2019', code: '4.3.2' }], [{ version: 'GIC-2019', code: '5.2.2' }, { version: 'GIC-2019', code: '4.1.1' }], [{ version: 'GFSP-2025', code: '4.3.2' }]]),
        projectDivisionCode: pick([null, '440882', '440811']),
        enterpriseDivisionCode: pick([null, '440882', '440811', '440825']),
        size: pick([null, ...Object.values(EnterpriseSize)]),
        grade: pick([null, 'A', 'b', 'C', 'D']),
      });
      const p = product({
        type: pick(Object.values(ProductType)),
        minAmount: pick([null, '50.00']),
        maxAmount: pick([null, '500.00']),
        minTermMonths: pick([null, 12]),
        maxTermMonths: pick([null, 60]),
        ...pick([{}, { rateKind: RateKind.NONE, rateMinPercent: null, rateMaxPercent: null }, { rateKind: RateKind.LPR_PLUS, rateMinPercent: null, rateMaxPercent: null, lprBasisPointsMin: 20, lprBasisPointsMax: 60 }]),
        collateralAccepted: pick([[], [CollateralKind.NONE], [CollateralKind.CARBON_CREDITS, CollateralKind.REAL_ESTATE]]),
        categoryRules: pick([[], [{ version: 'GIC-2019', prefix: '4.3.2' }], [{ version: 'GIC-2019', prefix: '4.3' }, { version: 'GIC-2019', prefix: '5' }], [{ version: 'GIC-2019', prefix: '4.3.1' }], [{ version: 'GFSP-2025', prefix: '4' }]]),
        counties: pick([[], ['440882'], ['440825', '440811']]),
        enterpriseSizes: pick([[], [EnterpriseSize.SMALL], [EnterpriseSize.LARGE, EnterpriseSize.MICRO]]),
        minGreenGrade: pick([null, 'a', 'B']),
      });
      const full = explainMatch(n, p, ctx);
      expect({ i, ...scoreMatch(n, p, ctx) }).toEqual({ i, score: full.score, eligible: full.eligible, failed: full.failed });
      outcomes.add(`${full.eligible}:${full.failed.length}`);
    }
    // The pairs cover eligible products, near misses and products failing several criteria.
    expect([...outcomes]).toEqual(expect.arrayContaining(['true:0', 'false:1', 'false:2']));
  });
});
