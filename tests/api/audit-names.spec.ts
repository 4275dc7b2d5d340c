import { auditSentence, Role } from '@zj/shared';
import { createProject } from '../support/library-factories';
import { startTestApp, TestApp } from '../support/test-app';

describe('audit log: entries name who did it and the record', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('a project registration reads as a sentence: the user and organisation by name, the project by its current name', async () => {
    const ent = await app.userWithRole(Role.ENTERPRISE, { divisionCode: '440811' });
    const p = await createProject(app, ent);
    const bureau = await app.userWithRole(Role.BUREAU);
    const res = await app.http.get(`/api/v1/audit-log?entityType=project&entityId=${p.id}`).set(bureau.auth);
    expect(res.status).toBe(200);
    const [entry] = res.body.items;
    const [org] = await app.dataSource.query('SELECT name FROM organizations WHERE id = $1', [ent.organizationId]);
    expect(entry).toMatchObject({ action: 'project.create', actorName: `测试${Role.ENTERPRISE}`, actorOrgName: org.name, entityName: p.name });
    expect(auditSentence(entry)).toBe(`${org.name} 测试${Role.ENTERPRISE} 登记了项目“${p.name}”`);

    // renamed: the log names the record as it is called now
    await app.http.patch(`/api/v1/projects/${p.id}`).set(ent.auth).send({ version: p.version, name: `${p.name}（二期）` }).expect(200);
    const again = await app.http.get(`/api/v1/audit-log?entityType=project&entityId=${p.id}`).set(bureau.auth);
    expect(again.body.items.map((e: { entityName: string }) => e.entityName)).toEqual([`${p.name}（二期）`, `${p.name}（二期）`]);
  });
});
