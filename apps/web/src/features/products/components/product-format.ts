import { RateKind, type ProductView } from '@zj/shared';

/** '500.00' → '500万元'. */
export function wanText(v: string | null | undefined): string {
  if (v === null || v === undefined) return '—';
  return `${v.replace(/\.00$/, '').replace(/(\.\d)0$/, '$1')}万元`;
}

export function amountRange(p: Pick<ProductView, 'minAmount' | 'maxAmount'>): string {
  if (p.minAmount && p.maxAmount) return `${wanText(p.minAmount).replace('万元', '')}–${wanText(p.maxAmount)}`;
  if (p.maxAmount) return `${wanText(p.maxAmount)}以内`;
  if (p.minAmount) return `${wanText(p.minAmount)}以上`;
  return '不限';
}

export function termRange(p: Pick<ProductView, 'minTermMonths' | 'maxTermMonths'>): string {
  if (p.minTermMonths && p.maxTermMonths) return `${p.minTermMonths}–${p.maxTermMonths}个月`;
  if (p.maxTermMonths) return `${p.maxTermMonths}个月以内`;
  return '不限';
}

export function rateText(p: Pick<ProductView, 'rateKind' | 'rateMinPercent' | 'rateMaxPercent' | 'lprBasisPointsMin' | 'lprBasisPointsMax'>): string {
  if (p.rateKind === RateKind.FIXED) return p.rateMaxPercent && p.rateMaxPercent !== p.rateMinPercent ? `${p.rateMinPercent}%–${p.rateMaxPercent}%` : `${p.rateMinPercent}%`;
  if (p.rateKind === RateKind.LPR_PLUS) {
    const bp = (n: number | null) => (n === null ? '' : n >= 0 ? `+${n}` : `${n}`);
    return `LPR${bp(p.lprBasisPointsMin)}${p.lprBasisPointsMax !== p.lprBasisPointsMin ? `～${bp(p.lprBasisPointsMax)}` : ''}BP`;
  }
  return '不适用';
}
