import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CITY_CODE, COUNTY_LEVEL_DIVISIONS, DivisionKind, divisionByCode, InstitutionKind, isValidCreditCode } from '@zj/shared';
import { parseTaxonomyCsv } from '../reference';
import { DEMO_BANKS, DEMO_ENTERPRISES, DEMO_NEEDS, DEMO_PROJECTS } from './demo-data';

const catalogue = parseTaxonomyCsv(
  readFileSync(join(__dirname, '../reference/data/green-industry-catalogue-2019.csv'), 'utf8'),
).categories;
const level3Codes = new Set(catalogue.filter((c) => c.level === 3).map((c) => c.code));

/** GB/T 4754-2017: the two-digit divisions each section letter spans. */
const SECTION_DIVISIONS: Record<string, [number, number]> = {
  A: [1, 5], B: [6, 12], C: [13, 43], D: [44, 46], E: [47, 50], F: [51, 52], G: [53, 60], H: [61, 62], I: [63, 65],
  J: [66, 69], K: [70, 70], L: [71, 72], M: [73, 75], N: [76, 79], O: [80, 82], P: [83, 83], Q: [84, 85], R: [86, 90],
  S: [91, 96], T: [97, 97],
};

const DEMO_SUFFIX = '（演示）';
const AMOUNT = /^\d+\.\d{2}$/;
const QUANTITY = /^\d+(\.\d+)?$/;

describe('demo banks', () => {
  it('are 5 banks and 1 insurer, all marked as demo', () => {
    expect(DEMO_BANKS.filter((b) => b.institutionKind === InstitutionKind.BANK)).toHaveLength(5);
    expect(DEMO_BANKS.filter((b) => b.institutionKind === InstitutionKind.INSURER)).toHaveLength(1);
    for (const b of DEMO_BANKS) expect(b.name.endsWith(DEMO_SUFFIX)).toBe(true);
    expect(new Set(DEMO_BANKS.map((b) => b.name)).size).toBe(DEMO_BANKS.length);
  });

  it('give every bank a branch and include a disclosing local rural commercial bank', () => {
    for (const b of DEMO_BANKS.filter((b) => b.institutionKind === InstitutionKind.BANK)) expect(b.branchName).toBeTruthy();
    const rural = DEMO_BANKS.filter((b) => b.isLocalRuralCommercialBank);
    expect(rural.length).toBeGreaterThan(0);
    expect(rural.every((b) => b.disclosesEnvironmentalInfo)).toBe(true);
  });
});

describe('demo enterprises', () => {
  it('are all marked as demo, with unique names', () => {
    for (const e of DEMO_ENTERPRISES) expect(e.name.endsWith(DEMO_SUFFIX)).toBe(true);
    expect(new Set(DEMO_ENTERPRISES.map((e) => e.name)).size).toBe(DEMO_ENTERPRISES.length);
  });

  it('have valid, unique credit codes whose division digits match the enterprise', () => {
    for (const e of DEMO_ENTERPRISES) {
      expect(isValidCreditCode(e.creditCode)).toBe(true);
      const division = divisionByCode(e.divisionCode);
      expect(e.creditCode.slice(2, 8)).toBe(division?.kind === DivisionKind.ZONE ? CITY_CODE : e.divisionCode);
    }
    expect(new Set(DEMO_ENTERPRISES.map((e) => e.creditCode)).size).toBe(DEMO_ENTERPRISES.length);
  });

  it('sit in known county-level divisions, each of the 9 counties and 3 zones having one', () => {
    for (const e of DEMO_ENTERPRISES) expect(COUNTY_LEVEL_DIVISIONS.map((d) => d.code)).toContain(e.divisionCode);
    const covered = new Set(DEMO_ENTERPRISES.map((e) => e.divisionCode));
    expect(COUNTY_LEVEL_DIVISIONS).toHaveLength(12);
    for (const d of COUNTY_LEVEL_DIVISIONS) expect([d.name, covered.has(d.code)]).toEqual([d.name, true]);
  });

  it('have a consistent industry class and capital in 万元', () => {
    for (const { industry, registeredCapital } of DEMO_ENTERPRISES) {
      const [from, to] = SECTION_DIVISIONS[industry.section];
      expect(industry.division).toMatch(/^\d{2}$/);
      expect(Number(industry.division)).toBeGreaterThanOrEqual(from);
      expect(Number(industry.division)).toBeLessThanOrEqual(to);
      expect(industry.name).toBeTruthy();
      expect(registeredCapital).toMatch(AMOUNT);
    }
  });
});

describe('demo projects', () => {
  it('belong to a demo enterprise and lie in a known division', () => {
    for (const p of DEMO_PROJECTS) {
      expect(DEMO_ENTERPRISES[p.enterpriseIndex]).toBeDefined();
      expect(divisionByCode(p.divisionCode)).toBeDefined();
    }
  });

  it('use third-level codes of the 2019 catalogue', () => {
    expect(level3Codes.size).toBe(211);
    for (const p of DEMO_PROJECTS) expect([p.name, level3Codes.has(p.categoryCode)]).toEqual([p.name, true]);
  });

  it('state amounts and benefits as decimal strings', () => {
    for (const p of DEMO_PROJECTS) {
      expect(p.totalInvestment).toMatch(AMOUNT);
      for (const v of [p.co2AvoidedTonsPerYear, p.coalSavedTcePerYear, p.waterSavedTonsPerYear]) {
        if (v !== null) expect(v).toMatch(QUANTITY);
      }
    }
  });

  it('give star ratings to green buildings (5.1.2) only', () => {
    for (const p of DEMO_PROJECTS) expect(p.greenBuildingStars !== null).toBe(p.categoryCode === '5.1.2');
  });

  it('cover the showcase themes', () => {
    const tags = new Set(DEMO_PROJECTS.flatMap((p) => p.tags));
    for (const tag of ['红树林', '蓝碳', '碳汇', '预制菜', '重大基础设施', '绿色建筑', '海上风电', '分布式光伏']) {
      expect(tags).toContain(tag);
    }
  });
});

describe('demo needs', () => {
  it('refer to demo projects with sensible terms', () => {
    for (const n of DEMO_NEEDS) {
      expect(DEMO_PROJECTS[n.projectIndex]).toBeDefined();
      expect(n.amount).toMatch(AMOUNT);
      expect(Number.isInteger(n.termMonths) && n.termMonths > 0).toBe(true);
      expect(n.purpose).toBeTruthy();
      if (n.maxRatePercent !== null) expect(n.maxRatePercent).toMatch(/^\d{1,2}\.\d{2}$/);
    }
  });

  it('offer collateral as a non-empty list where NONE stands alone', () => {
    for (const { collateral } of DEMO_NEEDS) {
      expect(collateral.length).toBeGreaterThan(0);
      expect(new Set(collateral).size).toBe(collateral.length);
      if (collateral.includes('NONE')) expect(collateral).toEqual(['NONE']);
    }
  });
});
