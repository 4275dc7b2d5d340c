import {
  CERTIFICATION_KIND_LABELS,
  CertificationKind,
  Certification,
  ENV_CREDIT_RATING_LABELS,
  EnvCreditRating,
  GradeBreakdownLine,
  ScorecardBand,
  ScorecardIndicator,
  ScorecardIndicatorKind,
} from '@zj/shared';

/**
 * The green scorecard (in the manner of Huzhou's 绿色企业评价): each indicator turns enterprise data into
 * 0–100 points; the weighted sum is the score; the first band the score reaches is the grade. Plain
 * functions: the explanation of every line is part of the result.
 */

export interface ScoreInputs {
  /** ISO date the grade is computed on. */
  today: string;
  greenIdentificationValidUntil: string | null;
  envCreditRating: EnvCreditRating | null;
  certifications: Certification[];
  envDisclosure: boolean;
  carbonYear: number | null;
  carbonIntensity: string | null;
  listedProjects: number;
}

export interface GradeResult {
  score: string;
  grade: string;
  gradeLabel: string;
  breakdown: GradeBreakdownLine[];
}

const round2 = (n: number) => Math.round(n * 100) / 100;

function line(ind: ScorecardIndicator, points: number, explanation: string): GradeBreakdownLine {
  const p = Math.max(0, Math.min(100, points));
  return { key: ind.key, label: ind.label, weight: ind.weight, points: p, weighted: round2((p * ind.weight) / 100), explanation };
}

function indicatorLine(ind: ScorecardIndicator, x: ScoreInputs): GradeBreakdownLine {
  switch (ind.kind) {
    case ScorecardIndicatorKind.GREEN_IDENTIFICATION:
      return x.greenIdentificationValidUntil && x.greenIdentificationValidUntil >= x.today
        ? line(ind, 100, `绿色企业认定有效期至 ${x.greenIdentificationValidUntil}`)
        : line(ind, 0, '无有效的绿色企业认定');
    case ScorecardIndicatorKind.ENV_CREDIT_RATING: {
      if (!x.envCreditRating) return line(ind, 0, '未填报环境信用评价');
      const pts = ind.points?.[x.envCreditRating] ?? 0;
      return line(ind, pts, `环境信用评价为${ENV_CREDIT_RATING_LABELS[x.envCreditRating]}，得 ${pts} 分`);
    }
    case ScorecardIndicatorKind.CERTIFICATIONS: {
      const valid = x.certifications.filter((c) => !c.validUntil || c.validUntil >= x.today);
      const kinds = [...new Set(valid.map((c) => c.kind))];
      const pts = kinds.reduce((s, k) => s + (ind.points?.[k] ?? 0), 0);
      if (!kinds.length) return line(ind, 0, '无有效的绿色认证');
      const names = kinds.map((k) => CERTIFICATION_KIND_LABELS[k as CertificationKind] ?? k).join('、');
      return line(ind, pts, `持有有效认证：${names}，合计 ${Math.min(100, pts)} 分${pts > 100 ? '（上限100）' : ''}`);
    }
    case ScorecardIndicatorKind.DISCLOSURE:
      return x.envDisclosure ? line(ind, 100, '已披露环境信息') : line(ind, 0, '未披露环境信息');
    case ScorecardIndicatorKind.CARBON_ACCOUNT: {
      const maxAge = ind.maxAgeYears ?? 2;
      const year = Number(x.today.slice(0, 4));
      if (x.carbonYear && year - x.carbonYear <= maxAge) return line(ind, 100, `已建立碳账户（${x.carbonYear}年数据）`);
      return line(ind, 0, x.carbonYear ? `碳账户数据为${x.carbonYear}年，已超过${maxAge}年` : '未建立碳账户');
    }
    case ScorecardIndicatorKind.CARBON_INTENSITY: {
      if (x.carbonIntensity === null) return line(ind, 0, '未填报碳排放强度');
      const v = Number(x.carbonIntensity);
      const band = (ind.bands ?? []).find((b) => b.max === undefined || v <= b.max);
      const pts = band?.points ?? 0;
      return line(ind, pts, `碳排放强度 ${x.carbonIntensity}${band?.max !== undefined ? `，不高于 ${band.max}` : ''}，得 ${pts} 分`);
    }
    case ScorecardIndicatorKind.LISTED_PROJECTS: {
      const band = (ind.bands ?? []).find((b) => x.listedProjects >= (b.min ?? 0));
      const pts = band?.points ?? 0;
      return line(ind, pts, `已入库绿色项目 ${x.listedProjects} 个，得 ${pts} 分`);
    }
    default:
      return line(ind, 0, '未知指标');
  }
}

export function computeGrade(indicators: ScorecardIndicator[], bands: ScorecardBand[], inputs: ScoreInputs): GradeResult {
  const breakdown = indicators.map((ind) => indicatorLine(ind, inputs));
  const total = round2(breakdown.reduce((s, l) => s + l.weighted, 0));
  const sorted = [...bands].sort((a, b) => b.minScore - a.minScore);
  const band = sorted.find((b) => total >= b.minScore) ?? sorted[sorted.length - 1];
  return { score: total.toFixed(2), grade: band.grade, gradeLabel: band.label, breakdown };
}

/** Problems of a scorecard definition (empty when valid): weights add up to 100, bands cover 0. */
export function scorecardProblems(indicators: ScorecardIndicator[], bands: ScorecardBand[]): { field: string; messages: string[] }[] {
  const out: { field: string; messages: string[] }[] = [];
  const sum = indicators.reduce((s, i) => s + i.weight, 0);
  if (Math.abs(sum - 100) > 1e-9) out.push({ field: 'indicators', messages: [`各指标权重之和应为100，当前为${sum}`] });
  const keys = indicators.map((i) => i.key);
  if (new Set(keys).size !== keys.length) out.push({ field: 'indicators', messages: ['指标代码不能重复'] });
  indicators.forEach((ind, i) => {
    if ((ind.kind === ScorecardIndicatorKind.CARBON_INTENSITY || ind.kind === ScorecardIndicatorKind.LISTED_PROJECTS) && !ind.bands?.length) {
      out.push({ field: `indicators[${i}].bands`, messages: ['该类指标须设置分档'] });
    }
    if ((ind.kind === ScorecardIndicatorKind.ENV_CREDIT_RATING || ind.kind === ScorecardIndicatorKind.CERTIFICATIONS) && !ind.points) {
      out.push({ field: `indicators[${i}].points`, messages: ['该类指标须设置各项得分'] });
    }
  });
  if (!bands.some((b) => b.minScore === 0)) out.push({ field: 'bands', messages: ['须有一个最低分为0的等级，使每个得分都有等级'] });
  const grades = bands.map((b) => b.grade);
  if (new Set(grades).size !== grades.length) out.push({ field: 'bands', messages: ['等级不能重复'] });
  return out;
}

/** The first scorecard, seeded when none exists. Administrators change it by creating a new version. */
export const DEFAULT_SCORECARD: { name: string; indicators: ScorecardIndicator[]; bands: ScorecardBand[] } = {
  name: '湛江绿色企业评分卡（第1版）',
  indicators: [
    { key: 'identification', label: '绿色企业认定', kind: ScorecardIndicatorKind.GREEN_IDENTIFICATION, weight: 25 },
    {
      key: 'envCredit',
      label: '环境信用评价',
      kind: ScorecardIndicatorKind.ENV_CREDIT_RATING,
      weight: 20,
      points: { GREEN: 100, BLUE: 75, YELLOW: 30, RED: 0 },
    },
    {
      key: 'certifications',
      label: '绿色认证',
      kind: ScorecardIndicatorKind.CERTIFICATIONS,
      weight: 15,
      points: { ISO14001: 40, ISO50001: 30, GREEN_FACTORY: 60, GREEN_SUPPLY_CHAIN: 40, CLEAN_PRODUCTION: 30, GREEN_PRODUCT: 20, OTHER: 10 },
    },
    { key: 'disclosure', label: '环境信息披露', kind: ScorecardIndicatorKind.DISCLOSURE, weight: 10 },
    { key: 'carbonAccount', label: '碳账户', kind: ScorecardIndicatorKind.CARBON_ACCOUNT, weight: 10, maxAgeYears: 2 },
    {
      key: 'listedProjects',
      label: '入库绿色项目',
      kind: ScorecardIndicatorKind.LISTED_PROJECTS,
      weight: 20,
      bands: [
        { min: 3, points: 100 },
        { min: 2, points: 80 },
        { min: 1, points: 60 },
        { min: 0, points: 0 },
      ],
    },
  ],
  bands: [
    { grade: 'A', label: '深绿', minScore: 80 },
    { grade: 'B', label: '中绿', minScore: 60 },
    { grade: 'C', label: '浅绿', minScore: 40 },
    { grade: 'D', label: '非绿', minScore: 0 },
  ],
};
