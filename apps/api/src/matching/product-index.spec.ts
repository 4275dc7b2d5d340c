import { CollateralKind, EnterpriseSize, FinancingInstrument, ProductType, RateKind } from '@zj/shared';
import type { Product } from '../products';
import { IndexedProduct, prepareNeed, quickHardFails } from './product-index';
import { amountUnits, explainMatch, MatchNeed } from './scoring';

/** Deterministic pseudo-random generator, so a failure can be replayed. */
function rng(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

describe('quick pre-check of the product index', () => {
  it('never counts more hard failures than the full explanation (it only skips what scoring would exclude)', () => {
    const r = rng(7);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
    const codes = ['3.2.1', '3.2.2', '4.3.2', '4.3.1', '5.1.2', '5.2.2', '5.2.5', '1.1.1'];
    const prefixes = ['3', '3.2', '4.3', '4.3.2', '5', '5.2', '5.2.2', '1.1'];
    const divisions = ['440802', '440803', '440882', '440825', '440800Z01'];
    let checked = 0;
    let skipped = 0;
    for (let i = 0; i < 5000; i++) {
      const need: MatchNeed = {
        amount: pick(['10.00', '49.99', '300.00', '500.00', '600.00', '600.01', '9000.00']),
        termMonths: pick([3, 12, 36, 60, 72, 73, 120]),
        instrument: pick(Object.values(FinancingInstrument)),
        collateral: [pick(Object.values(CollateralKind))],
        maxRatePercent: pick([null, '3.00', '3.60']),
        categories: r() < 0.2 ? [] : [{ version: pick(['GIC-2019', 'GFSP-2025']), code: pick(codes) }],
        projectDivisionCode: r() < 0.2 ? null : pick(divisions),
        enterpriseDivisionCode: pick(divisions),
        size: r() < 0.2 ? null : pick(Object.values(EnterpriseSize)),
        grade: r() < 0.3 ? null : pick(['A', 'B', 'C', 'D']),
      };
      const min = pick([null, '50.00', '300.00']);
      const product = {
        type: pick(Object.values(ProductType)),
        minAmount: min,
        maxAmount: pick([null, '500.00', '5000.00']),
        minTermMonths: pick([null, 12, 24]),
        maxTermMonths: pick([null, 60, 120]),
        rateKind: RateKind.FIXED,
        rateMinPercent: '3.10',
        rateMaxPercent: '3.50',
        lprBasisPointsMin: null,
        lprBasisPointsMax: null,
        collateralAccepted: [],
        categoryRules: r() < 0.2 ? [] : [{ version: 'GIC-2019', prefix: pick(prefixes) }],
        counties: r() < 0.5 ? [] : [pick(divisions)],
        enterpriseSizes: r() < 0.5 ? [] : [pick(Object.values(EnterpriseSize))],
        minGreenGrade: pick([null, 'A', 'B']),
      } as unknown as Product;
      const ip: IndexedProduct = {
        product,
        bankName: '',
        minUnits: product.minAmount ? amountUnits(product.minAmount) : null,
        maxUnits: product.maxAmount ? amountUnits(product.maxAmount) : null,
        tops: new Set(product.categoryRules.map((c) => `${c.version}:${c.prefix.split('.')[0]}`)),
      };
      const quick = quickHardFails(prepareNeed(need), ip);
      const full = explainMatch(need, product, { lprPercent: '3.00' }).failed.length;
      expect({ i, quick: Math.min(quick, full + 1) }).toEqual({ i, quick: Math.min(quick, full) });
      checked++;
      if (quick > 0) skipped++;
    }
    expect(checked).toBe(5000);
    // The pre-check does real work: it rules out a good share of the pairs.
    expect(skipped).toBeGreaterThan(1000);
  });
});
