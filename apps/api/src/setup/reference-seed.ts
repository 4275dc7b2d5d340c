import { COUNTY_LEVEL_DIVISIONS, DIVISIONS, DivisionKind, OrgType } from '@zj/shared';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { EntityManager } from 'typeorm';
import { Organization } from '../organizations';
import { GOVERNMENT_UNITS, ReferenceService, parseTaxonomyCsv, DivisionRecord, TaxonomyVersion } from '../reference';

export const GIC_2019 = { version: 'GIC-2019', name: '绿色产业指导目录（2019年版）', effectiveFrom: '2019-02-14' };

/** The government of a county-level division or the committee of a zone, as an organisation. */
export function countyOrgName(divisionCode: string): string {
  const d = DIVISIONS.find((x) => x.code === divisionCode)!;
  if (d.kind === DivisionKind.ZONE) return `${d.name}管委会`;
  return `${d.name}人民政府`;
}

/** Loads reference data that is missing: divisions, the 2019 catalogue, the plan's units, county governments. */
export async function seedReference(m: EntityManager, reference: ReferenceService): Promise<string[]> {
  const done: string[] = [];
  for (const d of DIVISIONS) {
    await m.upsert(DivisionRecord, { code: d.code, name: d.name, kind: d.kind, parentCode: d.parentCode }, ['code']);
  }
  if (!(await m.exists(TaxonomyVersion, { where: { version: GIC_2019.version } }))) {
    const csv = readFileSync(path.join(__dirname, '../reference/data/green-industry-catalogue-2019.csv'), 'utf8');
    const { categories, errors } = parseTaxonomyCsv(csv);
    if (errors.length) throw new Error(`bundled 2019 catalogue is invalid: ${JSON.stringify(errors.slice(0, 3))}`);
    await reference.insertTaxonomy(m, GIC_2019, categories);
    done.push(`taxonomy ${GIC_2019.version}: ${categories.length} categories`);
  }
  for (const unit of GOVERNMENT_UNITS) {
    if (await m.exists(Organization, { where: { unitCode: unit.code } })) continue;
    await m.insert(Organization, {
      type: OrgType.GOVERNMENT_UNIT,
      name: unit.name,
      unitCode: unit.code,
      // The plan names these units by their former names; the date of the rename is not recorded.
      formerNames: unit.formerNames.map((name) => ({ name, until: null })),
    });
    done.push(`unit ${unit.name}`);
  }
  for (const d of COUNTY_LEVEL_DIVISIONS) {
    const unitCode = `county-${d.code}`;
    if (await m.exists(Organization, { where: { unitCode } })) continue;
    await m.insert(Organization, { type: OrgType.COUNTY, name: countyOrgName(d.code), unitCode, divisionCode: d.code });
    done.push(`county ${d.name}`);
  }
  return done;
}
