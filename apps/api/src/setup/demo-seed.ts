import { COUNTY_LEVEL_DIVISIONS, OrgType, Role } from '@zj/shared';
import { EntityManager } from 'typeorm';
import { hashPassword, User } from '../users';
import { DEMO_BANKS, DEMO_ENTERPRISES } from '../demo';
import { Organization } from '../organizations';

/** Every demo login uses this password; demo data is switched off with DEMO_DATA=false. */
export const DEMO_PASSWORD = 'Demo@Zhanjiang2026';
export const DEMO_EMAIL_DOMAIN = 'demo.zjgf.local';

export interface DemoLogin {
  email: string;
  role: Role;
  organization: string;
}

/** Logins are stored lower-case (sign-in lower-cases what is typed): county-440800z01@…. */
const demoEmail = (local: string) => `${local}@${DEMO_EMAIL_DOMAIN}`.toLowerCase();

/** Government accounts of the demo: which unit, which role, which login. */
const GOVERNMENT_LOGINS: { unitCode: string; local: string; role: Role; displayName: string }[] = [
  { unitCode: 'finance-bureau', local: 'bureau', role: Role.BUREAU, displayName: '金融局·陈科长（演示）' },
  { unitCode: 'pbc-zhanjiang', local: 'pbc', role: Role.REGULATOR, displayName: '人行·李处长（演示）' },
  { unitCode: 'nfra-zhanjiang', local: 'nfra', role: Role.REGULATOR, displayName: '监管分局·王科长（演示）' },
  { unitCode: 'transport', local: 'transport', role: Role.DEPARTMENT, displayName: '交通运输局·赵科员（演示）' },
  { unitCode: 'housing-construction', local: 'housing', role: Role.DEPARTMENT, displayName: '住建局·周科员（演示）' },
  { unitCode: 'agriculture-rural', local: 'agriculture', role: Role.DEPARTMENT, displayName: '农业农村局·吴科员（演示）' },
  { unitCode: 'ecology-environment', local: 'ecology', role: Role.DEPARTMENT, displayName: '生态环境局·郑科员（演示）' },
  { unitCode: 'development-reform', local: 'development', role: Role.DEPARTMENT, displayName: '发展改革局·冯科员（演示）' },
  { unitCode: 'industry-information', local: 'industry', role: Role.DEPARTMENT, displayName: '工信局·何科员（演示）' },
  { unitCode: 'natural-resources', local: 'resources', role: Role.DEPARTMENT, displayName: '自然资源局·许科员（演示）' },
];

/**
 * The demo set: invented banks and enterprises (every name ends with （演示）), and a login for every
 * role. Runs once, on the first start with DEMO_DATA on; answers the logins it made.
 */
export async function seedDemo(m: EntityManager): Promise<DemoLogin[]> {
  if (await m.exists(Organization, { where: { isDemo: true } })) return [];
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const logins: DemoLogin[] = [];
  const addUser = async (local: string, displayName: string, role: Role, org: Pick<Organization, 'id' | 'name'>) => {
    const email = demoEmail(local);
    if (await m.exists(User, { where: { email } })) return;
    await m.insert(User, { email, displayName, role, organizationId: org.id, passwordHash });
    logins.push({ email, role, organization: org.name });
  };

  for (const g of GOVERNMENT_LOGINS) {
    const org = await m.findOneByOrFail(Organization, { unitCode: g.unitCode });
    await addUser(g.local, g.displayName, g.role, org);
  }
  for (const d of COUNTY_LEVEL_DIVISIONS) {
    const org = await m.findOneByOrFail(Organization, { unitCode: `county-${d.code}` });
    await addUser(`county-${d.code}`, `${d.name}·金融办（演示）`, Role.COUNTY, org);
  }
  for (const [i, b] of DEMO_BANKS.entries()) {
    const org = await m.save(
      m.create(Organization, { type: OrgType.FINANCIAL_INSTITUTION, name: b.name, institutionKind: b.institutionKind, branchName: b.branchName, isDemo: true }),
    );
    await addUser(`bank${i + 1}`, `${b.name.replace('（演示）', '')}·客户经理（演示）`, Role.BANK, org);
  }
  for (const [i, e] of DEMO_ENTERPRISES.entries()) {
    const org = await m.save(m.create(Organization, { type: OrgType.ENTERPRISE, name: e.name, creditCode: e.creditCode, divisionCode: e.divisionCode, isDemo: true }));
    await addUser(`enterprise${i + 1}`, `${e.name.replace('（演示）', '')}·财务负责人（演示）`, Role.ENTERPRISE, org);
  }
  return logins;
}
