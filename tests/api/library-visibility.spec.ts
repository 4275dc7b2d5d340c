import { MASKED, NeedStatus, Role } from '@zj/shared';
import { SYSTEM_ACTOR } from '../../apps/api/src/common/auth/actor';
import { ContactRevealRegistry } from '../../apps/api/src/financing-needs/contact-reveal';
import { FinancingNeedsService } from '../../apps/api/src/financing-needs/financing-needs.service';
import { creditCodeFactory } from '../support/factories';
import { countyPassed, createProject, departmentUser, needBody, uniq } from '../support/library-factories';
import { Session, startTestApp, TestApp } from '../support/test-app';

describe('library visibility, financing needs, masking, search and statistics', () => {
  let app: TestApp;
  let transport: Session;
  let ent: Session;
  let other: Session;
  let bankA: Session;
  let bankB: Session;
  let listed: { id: string; version: number; name: string };
  let draft: { id: string };

  beforeAll(async () => {
    app = await startTestApp();
    transport = await departmentUser(app, 'transport');
    ent = await app.userWithRole(Role.ENTERPRISE, { divisionCode: '440803' });
    other = await app.userWithRole(Role.ENTERPRISE, { divisionCode: '440804' });
    bankA = await app.userWithRole(Role.BANK);
    bankB = await app.userWithRole(Role.BANK);
    await app.http
      .put(`/api/v1/enterprises/${ent.organizationId}/profile`)
      .set(ent.auth)
      .send({ contactName: '陈经理', contactPhone: '0759-2222333', contactEmail: 'chen@example.com', size: 'MEDIUM', industrySection: 'G', industryDivision: '55' });
    const p = await countyPassed(app, ent, { name: `霞山港区岸电改造工程${uniq()}`, tags: ['重大基础设施', '岸电'] });
    listed = (await app.http.post(`/api/v1/projects/${p.id}/review`).set(transport.auth).send({ action: 'LIST' })).body;
    draft = await createProject(app, ent, { name: `草稿项目${uniq()}` });
  });
  afterAll(() => app.close());

  it('others’ records answer 404 route by route, so existence does not leak', async () => {
    const otherProject = await createProject(app, other);
    const otherNeed = (await app.http.post('/api/v1/financing-needs').set(other.auth).send(needBody({ projectId: otherProject.id }))).body;
    for (const path of [`/api/v1/projects/${otherProject.id}`, `/api/v1/projects/${otherProject.id}/timeline`, `/api/v1/financing-needs/${otherNeed.id}`, `/api/v1/enterprises/${other.organizationId}`, `/api/v1/enterprises/${other.organizationId}/grades`]) {
      const res = await app.http.get(path).set(ent.auth);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
    }
    expect((await app.http.patch(`/api/v1/projects/${otherProject.id}`).set(ent.auth).send({ version: 1, name: '偷改' })).status).toBe(404);
    expect((await app.http.post(`/api/v1/projects/${otherProject.id}/submit`).set(ent.auth).send({})).status).toBe(404);
    expect((await app.http.patch(`/api/v1/financing-needs/${otherNeed.id}`).set(ent.auth).send({ version: 1, amount: '1.00' })).status).toBe(404);
    expect((await app.http.post(`/api/v1/financing-needs/${otherNeed.id}/withdraw`).set(ent.auth).send({})).status).toBe(404);
    expect((await app.http.put(`/api/v1/enterprises/${other.organizationId}/profile`).set(ent.auth).send({ size: 'SMALL' })).status).toBe(404);
    expect((await app.http.post('/api/v1/financing-needs').set(ent.auth).send(needBody({ projectId: otherProject.id }))).status).toBe(404);
    // an enterprise's list holds only its own
    const mine = await app.http.get('/api/v1/projects?pageSize=100').set(ent.auth);
    expect(mine.body.items.every((p: { enterpriseOrgId: string }) => p.enterpriseOrgId === ent.organizationId)).toBe(true);
    // a county sees its own county only
    const countyPoTou = await app.userWithRole(Role.COUNTY, { divisionCode: '440804' });
    expect((await app.http.get(`/api/v1/projects/${listed.id}`).set(countyPoTou.auth)).status).toBe(404);
    const countyXiaShan = await app.userWithRole(Role.COUNTY, { divisionCode: '440803' });
    expect((await app.http.get(`/api/v1/projects/${listed.id}`).set(countyXiaShan.auth)).status).toBe(200);
    // its enterprises' drafts stay with the enterprise
    expect((await app.http.get(`/api/v1/projects/${draft.id}`).set(countyXiaShan.auth)).status).toBe(404);
  });

  it('banks see listed projects and shared open needs only; regulators see statistics only', async () => {
    expect((await app.http.get(`/api/v1/projects/${listed.id}`).set(bankA.auth)).status).toBe(200);
    expect((await app.http.get(`/api/v1/projects/${draft.id}`).set(bankA.auth)).status).toBe(404);
    const bankList = await app.http.get('/api/v1/projects?pageSize=100').set(bankA.auth);
    expect(bankList.body.items.every((p: { status: string }) => p.status === 'LISTED')).toBe(true);
    // no timeline for banks
    expect((await app.http.get(`/api/v1/projects/${listed.id}/timeline`).set(bankA.auth)).status).toBe(403);

    const all = (await app.http.post('/api/v1/financing-needs').set(ent.auth).send(needBody({ projectId: listed.id }))).body;
    const notShared = (await app.http.post('/api/v1/financing-needs').set(ent.auth).send(needBody({ projectId: listed.id, sharing: 'NOT_SHARED', purpose: '暂不共享的需求' }))).body;
    const onlyB = (await app.http.post('/api/v1/financing-needs').set(ent.auth).send(needBody({ projectId: listed.id, sharing: 'SELECTED_BANKS', bankOrgIds: [bankB.organizationId], purpose: '仅向B银行' }))).body;
    const onDraft = (await app.http.post('/api/v1/financing-needs').set(ent.auth).send(needBody({ projectId: draft.id, purpose: '草稿项目的需求' }))).body;
    expect([all.status, notShared.status, onlyB.status, onDraft.status]).toEqual(['OPEN', 'OPEN', 'OPEN', 'OPEN']);

    const seenA = (await app.http.get(`/api/v1/financing-needs?projectId=${listed.id}&pageSize=100`).set(bankA.auth)).body.items.map((n: { id: string }) => n.id);
    expect(seenA).toEqual([all.id]);
    const seenB = (await app.http.get(`/api/v1/financing-needs?projectId=${listed.id}&pageSize=100`).set(bankB.auth)).body.items.map((n: { id: string }) => n.id).sort();
    expect(seenB).toEqual([all.id, onlyB.id].sort());
    for (const id of [notShared.id, onlyB.id, onDraft.id]) expect((await app.http.get(`/api/v1/financing-needs/${id}`).set(bankA.auth)).status).toBe(404);
    // the bank does not learn which other banks a need is shared with
    expect((await app.http.get(`/api/v1/financing-needs/${onlyB.id}`).set(bankB.auth)).body.sharedWithBanks).toEqual([]);

    const regulator = await app.userWithRole(Role.REGULATOR);
    expect((await app.http.get('/api/v1/projects').set(regulator.auth)).status).toBe(403);
    expect((await app.http.get(`/api/v1/projects/${listed.id}`).set(regulator.auth)).status).toBe(403);
    expect((await app.http.get('/api/v1/financing-needs').set(regulator.auth)).status).toBe(403);
    const stats = await app.http.get('/api/v1/projects/stats').set(regulator.auth);
    expect(stats.status).toBe(200);
    expect(stats.body.totals.count).toBeGreaterThanOrEqual(2);
  });

  it('contacts are masked for a bank until it has taken the need up (the pipeline tells through the registry)', async () => {
    const need = (await app.http.post('/api/v1/financing-needs').set(ent.auth).send(needBody({ projectId: listed.id, purpose: `设备更新${uniq()}` }))).body;
    const before = await app.http.get(`/api/v1/financing-needs/${need.id}`).set(bankA.auth);
    expect(before.body.contact).toEqual({ contactName: MASKED, contactPhone: MASKED, contactEmail: MASKED });
    expect(before.body.contactRevealed).toBe(false);
    const prof = await app.http.get(`/api/v1/enterprises/${ent.organizationId}`).set(bankA.auth);
    expect(prof.status).toBe(200);
    expect(prof.body.profile.contactPhone).toBe(MASKED);
    // the enterprise itself sees its contacts
    expect((await app.http.get(`/api/v1/financing-needs/${need.id}`).set(ent.auth)).body.contact.contactPhone).toBe('0759-2222333');

    const registry = app.platform.app.get(ContactRevealRegistry, { strict: false });
    registry.use({ revealedNeedIds: async (bankOrgId, ids) => new Set(bankOrgId === bankA.organizationId ? ids.filter((id) => id === need.id) : []) });
    try {
      const after = await app.http.get(`/api/v1/financing-needs/${need.id}`).set(bankA.auth);
      expect(after.body.contact.contactPhone).toBe('0759-2222333');
      expect((await app.http.get(`/api/v1/enterprises/${ent.organizationId}`).set(bankA.auth)).body.profile.contactName).toBe('陈经理');
      expect((await app.http.get(`/api/v1/financing-needs/${need.id}`).set(bankB.auth)).body.contact.contactPhone).toBe(MASKED);
    } finally {
      registry.use({ revealedNeedIds: async () => new Set() });
    }
  });

  it('need rules: validation in Chinese, version conflicts, withdraw, pipeline transitions, expiry', async () => {
    const bad = await app.http.post('/api/v1/financing-needs').set(ent.auth).send(needBody({ amount: '-1', termMonths: 0, instrument: 'CROWDFUNDING', collateral: [], sharing: 'SELECTED_BANKS' }));
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(['amount', 'termMonths', 'instrument', 'collateral']));
    const noBanks = await app.http.post('/api/v1/financing-needs').set(ent.auth).send(needBody({ projectId: listed.id, sharing: 'SELECTED_BANKS' }));
    expect(noBanks.body.error.code).toBe('FINANCING_NEED_BANKS_REQUIRED');
    const notBank = await app.http.post('/api/v1/financing-needs').set(ent.auth).send(needBody({ projectId: listed.id, sharing: 'SELECTED_BANKS', bankOrgIds: [other.organizationId] }));
    expect(notBank.body.error.code).toBe('FINANCING_NEED_BANK_INVALID');
    const noneAndMore = await app.http.post('/api/v1/financing-needs').set(ent.auth).send(needBody({ collateral: ['NONE', 'REAL_ESTATE'] }));
    expect(noneAndMore.body.error.code).toBe('FINANCING_NEED_COLLATERAL_INVALID');
    const past = await app.http.post('/api/v1/financing-needs').set(ent.auth).send(needBody({ wantedBy: '2020-01-01' }));
    expect(past.body.error.code).toBe('FINANCING_NEED_WANTED_BY_PAST');

    const n = (await app.http.post('/api/v1/financing-needs').set(ent.auth).send(needBody({ purpose: '企业整体流动资金需求' }))).body;
    expect(n.projectId).toBeNull();
    const upd = await app.http.patch(`/api/v1/financing-needs/${n.id}`).set(ent.auth).send({ version: n.version, amount: '2500.50' });
    expect(upd.body.amount).toBe('2500.50');
    const stale = await app.http.patch(`/api/v1/financing-needs/${n.id}`).set(ent.auth).send({ version: n.version, amount: '9.00' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('FINANCING_NEED_VERSION_CONFLICT');

    // the pipeline's transitions, in its own transaction
    const svc = app.platform.app.get(FinancingNeedsService, { strict: false });
    await app.dataSource.transaction((m) => svc.markInMatchmaking(m, SYSTEM_ACTOR, n.id));
    const inMatch = await app.http.patch(`/api/v1/financing-needs/${n.id}`).set(ent.auth).send({ version: upd.body.version + 1, amount: '1.00' });
    expect(inMatch.status).toBe(409);
    expect(inMatch.body.error.code).toBe('FINANCING_NEED_NOT_EDITABLE');
    await expect(app.dataSource.transaction((m) => svc.setStatus(m, SYSTEM_ACTOR, n.id, NeedStatus.EXPIRED))).rejects.toMatchObject({ code: 'FINANCING_NEED_STATE_CONFLICT' });
    const w = await app.http.post(`/api/v1/financing-needs/${n.id}/withdraw`).set(ent.auth).send({});
    expect(w.body.status).toBe('WITHDRAWN');
    await expect(app.dataSource.transaction((m) => svc.reopen(m, SYSTEM_ACTOR, n.id))).rejects.toMatchObject({ code: 'FINANCING_NEED_STATE_CONFLICT' });

    const loaded = await svc.loadForMatching(upd.body.id);
    expect(loaded?.enterprise.id).toBe(ent.organizationId);

    // a need past its wanted-by date expires in the sweep
    const soon = (await app.http.post('/api/v1/financing-needs').set(ent.auth).send(needBody({ purpose: `即将过期${uniq()}` }))).body;
    await app.dataSource.query(`UPDATE financing_needs SET wanted_by = current_date - 3 WHERE id = $1`, [soon.id]);
    expect(await svc.expireOverdue()).toBeGreaterThanOrEqual(1);
    expect((await app.http.get(`/api/v1/financing-needs/${soon.id}`).set(ent.auth)).body.status).toBe('EXPIRED');
  });

  it('search: Chinese substring, category prefix, tag, amount range, instrument; statistics by county, category, status', async () => {
    const kw = encodeURIComponent('港区岸电');
    const hit = await app.http.get(`/api/v1/projects?q=${kw}&categoryPrefix=5.2&tag=${encodeURIComponent('岸电')}&minAmount=1000&maxAmount=5000&instrument=LOAN&divisionCode=440803`).set(transport.auth);
    expect(hit.status).toBe(200);
    expect(hit.body.items.map((p: { id: string }) => p.id)).toContain(listed.id);
    for (const q of ['categoryPrefix=5.1', 'categoryPrefix=5.20', 'minAmount=5000', 'instrument=BOND', 'divisionCode=440804', `q=${encodeURIComponent('红树林')}`]) {
      const miss = await app.http.get(`/api/v1/projects?q=${kw}&${q}`.replace(`q=${kw}&q=`, 'q=')).set(transport.auth);
      expect({ q, ids: miss.body.items.map((p: { id: string }) => p.id) }).toEqual({ q, ids: expect.not.arrayContaining([listed.id]) });
    }
    expect((await app.http.get('/api/v1/projects?categoryPrefix=5..2').set(transport.auth)).status).toBe(400);
    expect((await app.http.get('/api/v1/projects?sort=-nonsense').set(transport.auth)).status).toBe(400);

    const stats = (await app.http.get('/api/v1/projects/stats').set(ent.auth)).body;
    const mine = (await app.http.get('/api/v1/projects?pageSize=100').set(ent.auth)).body;
    expect(stats.totals.count).toBe(mine.total);
    expect(stats.byDivision.find((d: { divisionCode: string }) => d.divisionCode === '440803')).toMatchObject({ divisionName: '霞山区' });
    expect(stats.byCategory.find((c: { categoryCode: string }) => c.categoryCode === '5')).toMatchObject({ categoryName: '基础设施绿色升级' });
    expect(stats.byStatus.map((s: { status: string }) => s.status).sort()).toEqual(['DRAFT', 'LISTED']);
    const sum = stats.byStatus.reduce((s: number, x: { totalInvestment: string }) => s + Number(x.totalInvestment), 0);
    expect(sum.toFixed(2)).toBe(Number(stats.totals.totalInvestment).toFixed(2));

    const ents = await app.http.get(`/api/v1/enterprises?q=${encodeURIComponent('测试绿色企业')}&pageSize=100`).set(bankA.auth);
    expect(ents.body.items.map((e: { id: string }) => e.id)).toContain(ent.organizationId);
    expect(ents.body.items.map((e: { id: string }) => e.id)).not.toContain(other.organizationId);
  });

  it('enterprises: counties register their own; green identification with validity; graded with an explained scorecard whose versions are kept', async () => {
    const county = await app.userWithRole(Role.COUNTY, { divisionCode: '440825' });
    const code = creditCodeFactory('440825');
    const wrongCounty = await app.http.post('/api/v1/enterprises').set(county.auth).send({ name: '徐闻测试农业公司', creditCode: code, divisionCode: '440882' });
    expect(wrongCounty.body.error.code).toBe('ENTERPRISE_DIVISION_NOT_ALLOWED');
    const created = await app.http.post('/api/v1/enterprises').set(county.auth).send({ name: '徐闻测试农业公司', creditCode: code, divisionCode: '440825', size: 'SMALL', industrySection: 'A', industryDivision: '05' });
    expect(created.status).toBe(201);
    expect(created.body.organization).toMatchObject({ creditCode: code, divisionCode: '440825' });
    expect((await app.http.post('/api/v1/enterprises').set(county.auth).send({ name: '重复', creditCode: code, divisionCode: '440825' })).status).toBe(409);
    const badIndustry = await app.http.put(`/api/v1/enterprises/${created.body.organization.id}/profile`).set(county.auth).send({ industrySection: 'A', industryDivision: '44' });
    expect(badIndustry.body.error.code).toBe('ENTERPRISE_INDUSTRY_INVALID');

    const applied = await app.http.post(`/api/v1/enterprises/${ent.organizationId}/green-identifications`).set(ent.auth).send({ statement: '本企业从事港口岸电与绿色交通设施运营，申请认定为绿色企业。' });
    expect(applied.status).toBe(201);
    expect((await app.http.post(`/api/v1/enterprises/${ent.organizationId}/green-identifications`).set(ent.auth).send({ statement: '再申请一次看看会不会重复。' })).status).toBe(409);
    const admin = await app.admin();
    const tooLong = await app.http.post(`/api/v1/green-identifications/${applied.body.id}/decision`).set(admin.auth).send({ decision: 'APPROVE', validFrom: '2025-01-01', validUntil: '2030-01-01' });
    expect(tooLong.body.error.code).toBe('GREEN_IDENTIFICATION_VALIDITY_INVALID');
    const today = new Date().toISOString().slice(0, 10);
    const nextYear = `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`;
    const ok = await app.http.post(`/api/v1/green-identifications/${applied.body.id}/decision`).set(admin.auth).send({ decision: 'APPROVE', validFrom: today, validUntil: nextYear, note: '符合条件' });
    expect(ok.body).toMatchObject({ status: 'APPROVED', validUntil: nextYear });

    const g1 = await app.http.post(`/api/v1/enterprises/${ent.organizationId}/grade`).set(ent.auth);
    expect(g1.status).toBe(200);
    const idLine = g1.body.breakdown.find((l: { key: string }) => l.key === 'identification');
    expect(idLine).toMatchObject({ points: 100, explanation: expect.stringContaining(nextYear) });
    expect(g1.body.breakdown.find((l: { key: string }) => l.key === 'listedProjects').points).toBeGreaterThan(0);
    const total = g1.body.breakdown.reduce((s: number, l: { weighted: number }) => s + l.weighted, 0);
    expect(Number(g1.body.score)).toBeCloseTo(total, 2);

    // a new scorecard version: the old grade keeps its version; the new grade uses the new one
    const before = (await app.http.get('/api/v1/scorecards').set(admin.auth)).body;
    const active = before.find((s: { status: string }) => s.status === 'ACTIVE');
    const invalid = await app.http.post('/api/v1/scorecards').set(admin.auth).send({ name: '权重不对', indicators: [{ key: 'a', label: '披露', kind: 'DISCLOSURE', weight: 50 }], bands: active.bands });
    expect(invalid.body.error.code).toBe('SCORECARD_INVALID');
    const next = await app.http.post('/api/v1/scorecards').set(admin.auth).send({ name: '仅看认定', indicators: [{ key: 'id', label: '绿色企业认定', kind: 'GREEN_IDENTIFICATION', weight: 100 }], bands: active.bands });
    expect(next.status).toBe(201);
    try {
      expect((await app.http.post(`/api/v1/scorecards/${next.body.id}/activate`).set(admin.auth)).status).toBe(200);
      const g2 = (await app.http.post(`/api/v1/enterprises/${ent.organizationId}/grade`).set(ent.auth)).body;
      expect(g2).toMatchObject({ scorecardVersion: next.body.version, score: '100.00', grade: 'A' });
      const history = (await app.http.get(`/api/v1/enterprises/${ent.organizationId}/grades`).set(ent.auth)).body;
      expect(history.map((g: { scorecardVersion: number; isCurrent: boolean }) => [g.scorecardVersion, g.isCurrent])).toEqual([
        [next.body.version, true],
        [active.version, false],
      ]);
    } finally {
      // put the previous scorecard back as a new active version, for other tests
      const restore = await app.http.post('/api/v1/scorecards').set(admin.auth).send({ name: active.name, indicators: active.indicators, bands: active.bands });
      await app.http.post(`/api/v1/scorecards/${restore.body.id}/activate`).set(admin.auth);
    }
  });
});
