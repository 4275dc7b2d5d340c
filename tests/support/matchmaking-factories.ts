import { Role } from '@zj/shared';
import { countyPassed, departmentUser, needBody, uniq } from './library-factories';
import { Session, TestApp } from './test-app';

/** A valid product body: a green loan for 绿色交通 (5.2) in the whole city, 50–5000万元, 12–120 months. */
export function productBody(o: Record<string, unknown> = {}) {
  return {
    name: `测试绿色交通贷${uniq()}`,
    type: 'LOAN',
    description: '支持港口岸电、新能源交通等绿色交通项目的中长期贷款',
    minAmount: '50.00',
    maxAmount: '5000.00',
    minTermMonths: 12,
    maxTermMonths: 120,
    rateKind: 'FIXED',
    rateMinPercent: '3.10',
    rateMaxPercent: '3.50',
    collateralAccepted: ['RECEIVABLES', 'REAL_ESTATE'],
    categoryRules: [{ version: 'GIC-2019', prefix: '5.2' }],
    counties: [],
    enterpriseSizes: [],
    tags: ['碳减排支持工具'],
    requiredMaterials: ['营业执照', '项目立项文件'],
    contactName: '测试客户经理',
    contactPhone: '0759-1234567',
    ...o,
  };
}

export async function publishedProduct(app: TestApp, bank: Session, o: Record<string, unknown> = {}) {
  const created = await app.http.post('/api/v1/products').set(bank.auth).send(productBody(o));
  if (created.status !== 201) throw new Error(`create product failed: ${created.status} ${JSON.stringify(created.body)}`);
  const pub = await app.http.post(`/api/v1/products/${created.body.id}/publish`).set(bank.auth).send({ version: created.body.version });
  if (pub.status !== 200) throw new Error(`publish failed: ${pub.status} ${JSON.stringify(pub.body)}`);
  return pub.body;
}

export interface GreenEnterprise {
  enterprise: Session;
  projectId: string;
}

/** An enterprise (with contact details) and one listed (入库) project of category 5.2.2: passed by its county, listed by 交通运输局. */
export async function greenEnterprise(app: TestApp, o: { divisionCode?: string; project?: Record<string, unknown> } = {}): Promise<GreenEnterprise> {
  const enterprise = await app.userWithRole(Role.ENTERPRISE, { divisionCode: o.divisionCode ?? '440803' });
  const profile = await app.http
    .put(`/api/v1/enterprises/${enterprise.organizationId}/profile`)
    .set(enterprise.auth)
    .send({ size: 'SMALL', contactName: '林经理', contactPhone: '13800138000', contactEmail: `lin.${uniq()}@example.com` });
  if (profile.status !== 200 && profile.status !== 201) throw new Error(`profile failed: ${profile.status} ${JSON.stringify(profile.body)}`);
  const p = await countyPassed(app, enterprise, { divisionCode: o.divisionCode ?? '440803', ...o.project });
  const transport = await departmentUser(app, 'transport');
  const started = await app.http.post(`/api/v1/projects/${p.id}/review`).set(transport.auth).send({ action: 'START_REVIEW', version: p.version });
  if (started.status !== 200) throw new Error(`start review failed: ${started.status} ${JSON.stringify(started.body)}`);
  const listed = await app.http.post(`/api/v1/projects/${p.id}/review`).set(transport.auth).send({ action: 'LIST', version: started.body.version });
  if (listed.status !== 200) throw new Error(`list failed: ${listed.status} ${JSON.stringify(listed.body)}`);
  return { enterprise, projectId: p.id };
}

/** A financing need of the enterprise's listed project, shared with all banks. */
export async function openNeed(app: TestApp, g: GreenEnterprise, o: Record<string, unknown> = {}) {
  const res = await app.http.post('/api/v1/financing-needs').set(g.enterprise.auth).send(needBody({ projectId: g.projectId, ...o }));
  if (res.status !== 201) throw new Error(`create need failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; version: number };
}
