import { CertificationKind, EnvCreditRating, ScorecardIndicatorKind } from '@zj/shared';
import { computeGrade, DEFAULT_SCORECARD, ScoreInputs, scorecardProblems } from './scorecard-engine';

const none: ScoreInputs = {
  today: '2025-06-01',
  greenIdentificationValidUntil: null,
  envCreditRating: null,
  certifications: [],
  envDisclosure: false,
  carbonYear: null,
  carbonIntensity: null,
  listedProjects: 0,
};

describe('green scorecard', () => {
  const { indicators, bands } = DEFAULT_SCORECARD;

  it('the default scorecard is valid', () => {
    expect(scorecardProblems(indicators, bands)).toEqual([]);
  });

  it('an enterprise with nothing scores 0 and is 非绿, each line explaining why', () => {
    const g = computeGrade(indicators, bands, none);
    expect(g).toMatchObject({ score: '0.00', grade: 'D', gradeLabel: '非绿' });
    expect(g.breakdown).toHaveLength(indicators.length);
    expect(g.breakdown.find((l) => l.key === 'identification')?.explanation).toBe('无有效的绿色企业认定');
  });

  it('weights each indicator and picks the band the score reaches', () => {
    const g = computeGrade(indicators, bands, {
      ...none,
      greenIdentificationValidUntil: '2026-12-31', // 25
      envCreditRating: EnvCreditRating.BLUE, // 75% of 20 = 15
      certifications: [{ kind: CertificationKind.ISO14001 }, { kind: CertificationKind.GREEN_FACTORY, validUntil: '2027-01-01' }], // 100% of 15
      envDisclosure: true, // 10
      carbonYear: 2024, // 10
      listedProjects: 1, // 60% of 20 = 12
    });
    expect(g.score).toBe('87.00');
    expect(g.grade).toBe('A');
    expect(g.breakdown.find((l) => l.key === 'certifications')).toMatchObject({ points: 100, weighted: 15 });
  });

  it('ignores expired identifications and certifications and an old carbon account', () => {
    const g = computeGrade(indicators, bands, {
      ...none,
      greenIdentificationValidUntil: '2025-05-31',
      certifications: [{ kind: CertificationKind.ISO14001, validUntil: '2024-12-31' }],
      carbonYear: 2020,
    });
    expect(g.score).toBe('0.00');
    expect(g.breakdown.find((l) => l.key === 'carbonAccount')?.explanation).toContain('已超过2年');
  });

  it('refuses a scorecard whose weights do not add up to 100 or has no floor band', () => {
    const problems = scorecardProblems(
      [{ key: 'a', label: 'a', kind: ScorecardIndicatorKind.DISCLOSURE, weight: 50 }],
      [{ grade: 'A', label: '深绿', minScore: 60 }],
    );
    expect(problems.map((p) => p.field)).toEqual(['indicators', 'bands']);
  });

  it('carbon intensity bands: the first band with intensity at or below max', () => {
    const ind = [{ key: 'ci', label: '碳排放强度', kind: ScorecardIndicatorKind.CARBON_INTENSITY, weight: 100, bands: [{ max: 0.5, points: 100 }, { max: 1, points: 50 }, { points: 0 }] }];
    const b = [{ grade: 'A', label: '深绿', minScore: 80 }, { grade: 'D', label: '非绿', minScore: 0 }];
    expect(computeGrade(ind, b, { ...none, carbonIntensity: '0.4000' }).score).toBe('100.00');
    expect(computeGrade(ind, b, { ...none, carbonIntensity: '0.8' }).score).toBe('50.00');
    expect(computeGrade(ind, b, { ...none, carbonIntensity: '3' }).score).toBe('0.00');
  });
});
