import { formatRange, RateKind, type ProductView } from '@zj/shared';

/** '500.00' → '500万元'. */
export function wanText(v: string | null | undefined): string {
  if (v === null || v === undefined) return '—';
  return `${v.replace(/\.00$/, '').replace(/(\.\d)0$/, '$1')}万元`;
}

/** The product's amount range, written by the shared range formatter: '100–8000万元', '5000万元' (one value), '不超过5000万元'. */
export function amountRange(p: Pick<ProductView, 'minAmount' | 'maxAmount'>): string {
  const n = (v: string | null) => (v ? wanText(v).replace('万元', '') : null);
  return formatRange(n(p.minAmount), n(p.maxAmount), '万元');
}

/** The product's term range: '12–120个月', '12个月' (never '12–12个月'), '不超过120个月', '不少于12个月'. */
export function termRange(p: Pick<ProductView, 'minTermMonths' | 'maxTermMonths'>): string {
  return formatRange(p.minTermMonths || null, p.maxTermMonths || null, '个月');
}

export function rateText(p: Pick<ProductView, 'rateKind' | 'rateMinPercent' | 'rateMaxPercent' | 'lprBasisPointsMin' | 'lprBasisPointsMax'>): string {
  if (p.rateKind === RateKind.FIXED) return p.rateMaxPercent && p.rateMaxPercent !== p.rateMinPercent ? `${p.rateMinPercent}%–${p.rateMaxPercent}%` : `${p.rateMinPercent}%`;
  if (p.rateKind === RateKind.LPR_PLUS) {
    const bp = (n: number | null) => (n === null ? '' : n >= 0 ? `+${n}` : `${n}`);
    return `LPR${bp(p.lprBasisPointsMin)}${p.lprBasisPointsMax !== p.lprBasisPointsMin ? `～${bp(p.lprBasisPointsMax)}` : ''}BP`;
  }
  return '不适用';
}
