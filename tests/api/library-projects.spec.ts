import { Role } from '@zj/shared';
import { countyPassed, countyUser, createProject, departmentUser, projectBody, submittedProject, unitOrgId } from '../support/library-factories';
import { Session, startTestApp, TestApp } from '../support/test-app';

describe('green project library: registration, review workflow, routing, concurrency', () => {
  let app: TestApp;
  let transport: Session;
  let housing: Session;
  beforeAll(async () => {
    app = await startTestApp();
    transport = await departmentUser(app, 'transport');
    housing = await departmentUser(app, 'housing-construction');
  });
  afterAll(() => app.close());

  it('an enterprise registers a draft with field errors in Chinese when the form is wrong', async () => {
    const ent = await app.userWithRole(Role.ENTERPRISE, { divisionCode: '440803' });
    const bad = await app.http
      .post('/api/v1/projects')
      .set(ent.auth)
      .send(projectBody({ totalInvestment: '-5', stage: 'SOMEDAY', categories: [], unknownField: 1 }));
    expect(bad.status).toBe(400);
    const fields = bad.body.error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['totalInvestment', 'stage', 'categories', 'unknownField']));
    expect(bad.body.error.details.find((d: { field: string }) => d.field === 'stage').messages[0]).toContain('项目阶段');

    const unknownCat = await app.http.post('/api/v1/projects').set(ent.auth).send(projectBody({ categories: [{ version: 'GIC-2019', code: '9.9.9' }] }));
    expect(unknownCat.status).toBe(400);
    expect(unknownCat.body.error.code).toBe('PROJECT_CATEGORY_INVALID');

    const p = await createProject(app, ent);
    expect(p).toMatchObject({ status: 'DRAFT', source: 'SELF_REGISTERED', divisionCode: '440803', primaryCategoryCode: '5.2.2' });
    expect(p.enterprise.id).toBe(ent.organizationId);
    // routed by category 5.2 绿色交通 → 交通运输局
    expect(p.departmentOrgId).toBe(await unitOrgId(app, 'transport'));
    expect(p.timeline.map((e: { action: string }) => e.action)).toEqual(['CREATE']);

    const dup = await app.http.post('/api/v1/projects').set(ent.auth).send(projectBody({ name: p.name }));
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('PROJECT_NAME_TAKEN');
  });

  it('green building stars only for building projects (5.1)', async () => {
    const ent = await app.userWithRole(Role.ENTERPRISE, { divisionCode: '440802' });
    const wrong = await app.http.post('/api/v1/projects').set(ent.auth).send(projectBody({ greenBuildingStars: 2 }));
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe('PROJECT_GREEN_BUILDING_STARS_INVALID');
    const ok = await createProject(app, ent, { greenBuildingStars: 2, categories: [{ version: 'GIC-2019', code: '5.1.2' }] });
    expect(ok.greenBuildingStars).toBe(2);
    expect(ok.departmentOrgId).toBe(await unitOrgId(app, 'housing-construction'));
  });

  it('an enterprise submits → its county reviews first and passes it on → the department takes it up and lists it; the timeline keeps every step', async () => {
    const ent = await app.userWithRole(Role.ENTERPRISE, { divisionCode: '440803' });
    const county = await countyUser(app, '440803');
    const otherCounty = await countyUser(app, '440802');
    const p = await submittedProject(app, ent);
    // the county of the project's division (霞山区) reviews first, not the department
    expect(p).toMatchObject({ status: 'SUBMITTED', reviewStage: 'COUNTY', reviewerOrgId: county.organizationId });
    const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((x) => x.id);
    expect(ids(await app.http.get('/api/v1/projects?queue=mine&pageSize=100').set(county.auth))).toContain(p.id);
    expect(ids(await app.http.get('/api/v1/projects?queue=mine&pageSize=100').set(otherCounty.auth))).not.toContain(p.id);
    expect(ids(await app.http.get('/api/v1/projects?queue=mine&pageSize=100').set(transport.auth))).not.toContain(p.id);
    // neither the department nor another county may act before the county passed it
    expect((await app.http.post(`/api/v1/projects/${p.id}/review`).set(transport.auth).send({ action: 'LIST' })).status).toBe(409);
    expect((await app.http.post(`/api/v1/projects/${p.id}/review`).set(otherCounty.auth).send({ action: 'PASS' })).status).toBe(404);
    // nor may the county list it itself
    expect((await app.http.post(`/api/v1/projects/${p.id}/review`).set(county.auth).send({ action: 'LIST' })).status).toBe(409);

    const countyStarted = await app.http.post(`/api/v1/projects/${p.id}/review`).set(county.auth).send({ action: 'START_REVIEW', version: p.version });
    expect(countyStarted.body).toMatchObject({ status: 'UNDER_REVIEW', reviewStage: 'COUNTY' });
    const passed = await app.http.post(`/api/v1/projects/${p.id}/review`).set(county.auth).send({ action: 'PASS', version: countyStarted.body.version, comment: '材料齐全，同意报送' });
    expect(passed.status).toBe(200);
    expect(passed.body).toMatchObject({ status: 'SUBMITTED', reviewStage: 'DEPARTMENT', reviewerOrgId: await unitOrgId(app, 'transport') });

    // now the department's queue holds it; another department's does not
    expect(ids(await app.http.get('/api/v1/projects?queue=mine&pageSize=100').set(transport.auth))).toContain(p.id);
    expect(ids(await app.http.get('/api/v1/projects?queue=mine&pageSize=100').set(housing.auth))).not.toContain(p.id);
    expect(ids(await app.http.get('/api/v1/projects?queue=mine&pageSize=100').set(county.auth))).not.toContain(p.id);
    // a department that is not the reviewer cannot act, and cannot even see the project
    expect((await app.http.post(`/api/v1/projects/${p.id}/review`).set(housing.auth).send({ action: 'LIST' })).status).toBe(404);

    const started = await app.http.post(`/api/v1/projects/${p.id}/review`).set(transport.auth).send({ action: 'START_REVIEW', version: passed.body.version });
    expect(started.status).toBe(200);
    expect(started.body.status).toBe('UNDER_REVIEW');
    // under review: the enterprise can no longer withdraw or edit
    expect((await app.http.post(`/api/v1/projects/${p.id}/withdraw`).set(ent.auth).send({})).status).toBe(409);
    expect((await app.http.patch(`/api/v1/projects/${p.id}`).set(ent.auth).send({ version: started.body.version, name: '改名' })).status).toBe(409);

    const listed = await app.http.post(`/api/v1/projects/${p.id}/review`).set(transport.auth).send({ action: 'LIST', version: started.body.version, comment: '同意入库' });
    expect(listed.status).toBe(200);
    expect(listed.body.status).toBe('LISTED');
    expect(listed.body.listedAt).toEqual(expect.any(String));

    const timeline = (await app.http.get(`/api/v1/projects/${p.id}/timeline`).set(ent.auth)).body;
    expect(timeline.map((e: { action: string }) => e.action)).toEqual(['CREATE', 'SUBMIT', 'START_REVIEW', 'PASS', 'START_REVIEW', 'LIST']);
    expect(timeline.map((e: { reviewStage: string | null }) => e.reviewStage)).toEqual([null, 'COUNTY', 'COUNTY', 'DEPARTMENT', 'DEPARTMENT', null]);
    expect(timeline[3]).toMatchObject({ actorUserId: county.user.id, comment: '材料齐全，同意报送' });
    const last = timeline[5];
    expect(last).toMatchObject({ fromStatus: 'UNDER_REVIEW', toStatus: 'LISTED', actorUserId: transport.user.id, actorOrgName: '市交通运输局', comment: '同意入库' });
    expect(new Date(last.at).getTime()).toBeGreaterThan(Date.now() - 60_000);

    // the audit log has the county's pass (with its opinion) and the listing
    const audit: { action: string; actor_user_id: string; after: { comment: string | null } }[] = await app.dataSource.query(
      `SELECT action, actor_user_id, after FROM audit_log WHERE entity_id = $1 AND action IN ('project.pass', 'project.list') ORDER BY seq`,
      [p.id],
    );
    expect(audit.map((a) => [a.action, a.actor_user_id, a.after.comment])).toEqual([
      ['project.pass', county.user.id, '材料齐全，同意报送'],
      ['project.list', transport.user.id, '同意入库'],
    ]);
  });

  it('the county may return an enterprise’s submission; the resubmission comes back to the county', async () => {
    const ent = await app.userWithRole(Role.ENTERPRISE, { divisionCode: '440811' });
    const county = await countyUser(app, '440811');
    const p = await submittedProject(app, ent);
    const ret = await app.http.post(`/api/v1/projects/${p.id}/review`).set(county.auth).send({ action: 'RETURN', version: p.version, reasons: [{ message: '请补充项目备案文件' }] });
    expect(ret.status).toBe(200);
    expect(ret.body).toMatchObject({ status: 'RETURNED', reviewStage: null, reviewerOrgId: null });
    const seen = (await app.http.get(`/api/v1/projects/${p.id}`).set(ent.auth)).body;
    expect(seen.returnReasons).toEqual([{ message: '请补充项目备案文件' }]);
    const again = await app.http.post(`/api/v1/projects/${p.id}/submit`).set(ent.auth).send({ version: seen.version });
    expect(again.body).toMatchObject({ status: 'SUBMITTED', reviewStage: 'COUNTY', reviewerOrgId: county.organizationId });
  });

  it('a department’s own recommendation goes straight to the routed department', async () => {
    const ent = await app.userWithRole(Role.ENTERPRISE, { divisionCode: '440803' });
    const p = await createProject(app, transport, { enterpriseOrgId: ent.organizationId });
    expect(p.source).toBe('DEPARTMENT_RECOMMENDED');
    const sub = await app.http.post(`/api/v1/projects/${p.id}/submit`).set(transport.auth).send({});
    expect(sub.body).toMatchObject({ status: 'SUBMITTED', reviewStage: 'DEPARTMENT', reviewerOrgId: transport.organizationId });
  });

  it('a return needs reasons; the enterprise sees them, corrects and resubmits', async () => {
    const ent = await app.userWithRole(Role.ENTERPRISE, { divisionCode: '440803' });
    const p = await countyPassed(app, ent);
    const noReason = await app.http.post(`/api/v1/projects/${p.id}/review`).set(transport.auth).send({ action: 'RETURN' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.code).toBe('PROJECT_RETURN_REASONS_REQUIRED');

    const ret = await app.http
      .post(`/api/v1/projects/${p.id}/review`)
      .set(transport.auth)
      .send({ action: 'RETURN', reasons: [{ field: 'totalInvestment', message: '总投资与可研报告不一致，请核实' }] });
    expect(ret.status).toBe(200);
    const seen = (await app.http.get(`/api/v1/projects/${p.id}`).set(ent.auth)).body;
    expect(seen.status).toBe('RETURNED');
    expect(seen.returnReasons).toEqual([{ field: 'totalInvestment', message: '总投资与可研报告不一致，请核实' }]);
    expect(seen.permissions).toMatchObject({ edit: true, submit: true, review: false });

    const fixed = await app.http.patch(`/api/v1/projects/${p.id}`).set(ent.auth).send({ version: seen.version, totalInvestment: '4200.00' });
    expect(fixed.status).toBe(200);
    expect(fixed.body.totalInvestment).toBe('4200.00');
    const again = await app.http.post(`/api/v1/projects/${p.id}/submit`).set(ent.auth).send({ version: fixed.body.version });
    expect(again.status).toBe(200);
    // a resubmission goes through the county's first review again
    expect(again.body).toMatchObject({ status: 'SUBMITTED', reviewStage: 'COUNTY', returnReasons: null });
  });

  it('two reviewers acting at once: exactly one succeeds, the other gets 409', async () => {
    const ent = await app.userWithRole(Role.ENTERPRISE, { divisionCode: '440803' });
    const p = await countyPassed(app, ent);
    const colleague = await departmentUser(app, 'transport');
    const [a, b] = await Promise.all([
      app.http.post(`/api/v1/projects/${p.id}/review`).set(transport.auth).send({ action: 'LIST', version: p.version }),
      app.http.post(`/api/v1/projects/${p.id}/review`).set(colleague.auth).send({ action: 'RETURN', version: p.version, reasons: [{ message: '材料不全，请补充' }] }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(['PROJECT_VERSION_CONFLICT', 'PROJECT_STATE_CONFLICT']).toContain(loser.body.error.code);
    const events = await app.dataSource.query(`SELECT action FROM project_review_events WHERE project_id = $1 AND action IN ('LIST','RETURN')`, [p.id]);
    expect(events).toHaveLength(1);

    // without a version, the second reviewer still cannot act on a decided project
    const late = await app.http.post(`/api/v1/projects/${p.id}/review`).set(colleague.auth).send({ action: 'LIST' });
    expect(late.status).toBe(409);
  });

  it('a county-submitted project is reviewed by the county first, then by the department', async () => {
    const county = await app.userWithRole(Role.COUNTY, { divisionCode: '440882' });
    const ent = await app.userWithRole(Role.ENTERPRISE, { divisionCode: '440882' });
    const other = await app.userWithRole(Role.ENTERPRISE, { divisionCode: '440825' });
    // a county registers projects of its own county's enterprises only; others' ids answer 404
    expect((await app.http.post('/api/v1/projects').set(county.auth).send(projectBody({ enterpriseOrgId: other.organizationId }))).status).toBe(404);

    const p = await createProject(app, county, { enterpriseOrgId: ent.organizationId, categories: [{ version: 'GIC-2019', code: '4.3.2' }], tags: ['红树林', '蓝碳'] });
    expect(p).toMatchObject({ source: 'COUNTY_SUBMITTED', divisionCode: '440882' });
    const resources = await departmentUser(app, 'natural-resources');
    const sub = await app.http.post(`/api/v1/projects/${p.id}/submit`).set(county.auth).send({});
    expect(sub.body).toMatchObject({ status: 'SUBMITTED', reviewStage: 'COUNTY', reviewerOrgId: county.organizationId });
    // the department cannot list it before the county passed it
    expect((await app.http.post(`/api/v1/projects/${p.id}/review`).set(resources.auth).send({ action: 'LIST' })).status).toBe(409);
    const passed = await app.http.post(`/api/v1/projects/${p.id}/review`).set(county.auth).send({ action: 'PASS', comment: '材料齐全' });
    expect(passed.body).toMatchObject({ status: 'SUBMITTED', reviewStage: 'DEPARTMENT', reviewerOrgId: resources.organizationId });
    const listed = await app.http.post(`/api/v1/projects/${p.id}/review`).set(resources.auth).send({ action: 'LIST' });
    expect(listed.status).toBe(200);
    // the enterprise sees its project listed, with the whole path
    const mine = await app.http.get(`/api/v1/projects/${p.id}`).set(ent.auth);
    expect(mine.body.status).toBe('LISTED');
    expect(mine.body.timeline.map((e: { action: string }) => e.action)).toEqual(['CREATE', 'SUBMIT', 'PASS', 'LIST']);
  });

  it('bulk pass by a county answers per project', async () => {
    const county = await app.userWithRole(Role.COUNTY, { divisionCode: '440881' });
    const ent = await app.userWithRole(Role.ENTERPRISE, { divisionCode: '440881' });
    const a = await createProject(app, county, { enterpriseOrgId: ent.organizationId });
    const b = await createProject(app, county, { enterpriseOrgId: ent.organizationId });
    await app.http.post(`/api/v1/projects/${a.id}/submit`).set(county.auth).send({});
    // b stays a draft: passing it fails on its own
    const res = await app.http.post('/api/v1/projects/review/bulk').set(county.auth).send({ action: 'PASS', items: [{ id: a.id }, { id: b.id }] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ succeeded: 1, failed: 1 });
    expect(res.body.results.find((r: { id: string }) => r.id === b.id).code).toBe('PROJECT_STATE_CONFLICT');
  });

  it('the bureau edits review routing; new submissions follow it, the longest prefix wins, unknown → bureau', async () => {
    const admin = await app.admin();
    const before = (await app.http.get('/api/v1/review-routes?version=GIC-2019').set(admin.auth)).body;
    expect(before.routes.find((r: { prefix: string }) => r.prefix === '5.2').departmentName).toBe('市交通运输局');
    const housingId = await unitOrgId(app, 'housing-construction');
    try {
      const bad = await app.http.put('/api/v1/review-routes').set(admin.auth).send({ version: 'GIC-2019', routes: [{ prefix: '9.9', departmentOrgId: housingId }] });
      expect(bad.status).toBe(400);
      expect((await app.http.put('/api/v1/review-routes').set(transport.auth).send({ version: 'GIC-2019', routes: [] })).status).toBe(403);

      // 绿色服务 (6) loses its routes except a new 6.5.1 → 住建局
      const kept = before.routes.filter((r: { prefix: string }) => r.prefix !== '6' && !r.prefix.startsWith('6.'));
      const routes = [...kept.map((r: { prefix: string; departmentOrgId: string }) => ({ prefix: r.prefix, departmentOrgId: r.departmentOrgId })), { prefix: '6.5.1', departmentOrgId: housingId }];
      const put = await app.http.put('/api/v1/review-routes').set(admin.auth).send({ version: 'GIC-2019', routes });
      expect(put.status).toBe(200);
      const ent = await app.userWithRole(Role.ENTERPRISE);
      const p = await countyPassed(app, ent, { categories: [{ version: 'GIC-2019', code: '6.5.1' }] });
      expect(p.reviewerOrgId).toBe(housingId);
      const q = await countyPassed(app, ent, { categories: [{ version: 'GIC-2019', code: '6.5.2' }] });
      expect(q.reviewerOrgId).toBe(await unitOrgId(app, 'finance-bureau'));
      const [audit] = await app.dataSource.query(`SELECT actor_user_id FROM audit_log WHERE action = 'review_routes.replace' ORDER BY seq DESC LIMIT 1`);
      expect(audit.actor_user_id).toBe(admin.user.id);
    } finally {
      await app.http
        .put('/api/v1/review-routes')
        .set(admin.auth)
        .send({ version: 'GIC-2019', routes: before.routes.map((r: { prefix: string; departmentOrgId: string }) => ({ prefix: r.prefix, departmentOrgId: r.departmentOrgId })) });
    }
  });

  it('attachments: type and size limited, content checked', async () => {
    const ent = await app.userWithRole(Role.ENTERPRISE);
    const p = await createProject(app, ent);
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2000, 32)]);
    const ok = await app.http.post(`/api/v1/projects/${p.id}/attachments`).set(ent.auth).field('kind', 'FEASIBILITY_STUDY').attach('file', pdf, '可行性研究报告.pdf');
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ fileName: '可行性研究报告.pdf', sizeBytes: pdf.length, mimeType: 'application/pdf' });
    const exe = await app.http.post(`/api/v1/projects/${p.id}/attachments`).set(ent.auth).field('kind', 'OTHER').attach('file', Buffer.from('MZ....'), 'tool.exe');
    expect(exe.status).toBe(400);
    expect(exe.body.error.code).toBe('PROJECT_ATTACHMENT_TYPE_NOT_ALLOWED');
    const fake = await app.http.post(`/api/v1/projects/${p.id}/attachments`).set(ent.auth).field('kind', 'OTHER').attach('file', Buffer.from('not really a pdf'), 'report.pdf');
    expect(fake.status).toBe(400);
    const big = await app.http.post(`/api/v1/projects/${p.id}/attachments`).set(ent.auth).field('kind', 'OTHER').attach('file', Buffer.concat([pdf, Buffer.alloc(11 * 1024 * 1024)]), 'big.pdf');
    expect(big.status).toBe(413);
    const dl = await app.http.get(`/api/v1/projects/attachments/${ok.body.id}`).set(ent.auth);
    expect(dl.status).toBe(200);
    expect(Buffer.compare(dl.body as Buffer, pdf)).toBe(0);
    const stranger = await app.userWithRole(Role.ENTERPRISE);
    expect((await app.http.get(`/api/v1/projects/attachments/${ok.body.id}`).set(stranger.auth)).status).toBe(404);
  });

  it('keyword search: case-insensitive substring, two-character keywords, pages with the total in sort order, follows edits', async () => {
    const ent = await app.userWithRole(Role.ENTERPRISE, { divisionCode: '440803' });
    const tok = `Kw${Date.now().toString(36)}`.toUpperCase();
    const names = ['甲乙岸电项目', '丙丁光伏项目', '戊己储能项目'].map((n) => `${n}${tok}`);
    const created = [];
    for (const name of names) created.push(await createProject(app, ent, { name }));
    const search = async (q: string, extra = '') => (await app.http.get(`/api/v1/projects?q=${encodeURIComponent(q)}${extra}`).set(ent.auth)).body;

    const all = await search(tok.toLowerCase(), '&sort=createdAt&pageSize=100');
    expect(all.total).toBe(3);
    expect(all.items.map((p: { name: string }) => p.name)).toEqual(names);
    const first = await search(tok.toLowerCase(), '&sort=-createdAt&pageSize=2');
    const second = await search(tok.toLowerCase(), '&sort=-createdAt&pageSize=2&page=2');
    expect([first.total, second.total]).toEqual([3, 3]);
    expect([...first.items, ...second.items].map((p: { id: string }) => p.id)).toEqual(created.map((p) => p.id).reverse());
    expect((await search(tok, '&page=3&pageSize=2')).items).toEqual([]);
    // a page of a keyword search carries the same details as any list
    expect(first.items[0]).toMatchObject({ enterprise: { id: ent.organizationId }, divisionName: '霞山区', categories: [expect.objectContaining({ code: '5.2.2', primary: true })] });

    expect((await search('光伏')).items.map((p: { id: string }) => p.id)).toEqual([created[1].id]);
    expect((await search('乙岸')).items.map((p: { id: string }) => p.id)).toEqual([created[0].id]);

    const renamed = await app.http.patch(`/api/v1/projects/${created[2].id}`).set(ent.auth).send({ version: created[2].version, name: `庚辛氢能项目${tok}`, description: '更名后的说明' });
    expect(renamed.status).toBe(200);
    expect((await search('储能')).total).toBe(0);
    expect((await search('氢能')).items.map((p: { id: string }) => p.id)).toEqual([created[2].id]);
    expect((await search('更名后')).items.map((p: { id: string }) => p.id)).toEqual([created[2].id]);
  });
});
