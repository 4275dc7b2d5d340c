import { Role } from '@zj/shared';
import { creditCodeFactory } from '../support/factories';
import { createProject, importFile, submittedProject, uniq } from '../support/library-factories';
import { Session, startTestApp, TestApp } from '../support/test-app';

/**
 * Search by any word a person would use (issue 15): "光伏" and "红树林" find projects and enterprises
 * by their descriptions, their categories' names and the categories' everyday keywords, not only by
 * the words of their names.
 */
describe('library search: any word finds projects and enterprises', () => {
  let app: TestApp;
  let bureau: Session;
  let county: Session;
  beforeAll(async () => {
    app = await startTestApp();
    bureau = await app.userWithRole(Role.BUREAU);
    county = await app.userWithRole(Role.COUNTY, { divisionCode: '440882' });
  });
  afterAll(() => app.close());

  const projectNames = async (s: Session, q: string, extra = '') =>
    (await app.http.get(`/api/v1/projects?q=${encodeURIComponent(q)}&pageSize=100${extra}`).set(s.auth)).body.items.map((p: { name: string }) => p.name) as string[];
  const enterpriseNames = async (s: Session, q: string) =>
    (await app.http.get(`/api/v1/enterprises?q=${encodeURIComponent(q)}&pageSize=100`).set(s.auth)).body.items.map((e: { name: string }) => e.name) as string[];

  it('"光伏" finds a project by its category keyword, "太阳能利用" by its category name, "红树林" by a description or a category keyword', async () => {
    const ent = await app.userWithRole(Role.ENTERPRISE, { divisionCode: '440811' });
    // 3.2.2 太阳能利用设施建设和运营: neither the name nor the description says 光伏.
    const solar = await createProject(app, ent, { name: `麻章临港园区屋顶发电工程${uniq()}`, description: '园区厂房屋顶建设发电设施，自发自用余电上网', categories: [{ version: 'GIC-2019', code: '3.2.2' }] });
    // 4.3.13 海域、海岸带和海岛综合整治: found by its category's keyword 红树林.
    const coast = await createProject(app, ent, { name: `雷州湾海岸带整治工程${uniq()}`, description: '岸线整治与滩涂修复', categories: [{ version: 'GIC-2019', code: '4.3.13' }] });
    // 5.2.2 岸电: found by its description only.
    const described = await createProject(app, ent, { name: `港区生态护岸工程${uniq()}`, description: '港区护岸同步种植红树林约 20 公顷' });
    const unrelated = await createProject(app, ent, { name: `霞山港区岸电改造${uniq()}` });

    const pv = await projectNames(ent, '光伏');
    expect(pv).toContain(solar.name);
    expect(pv).not.toContain(coast.name);
    expect(pv).not.toContain(unrelated.name);
    expect(await projectNames(ent, '太阳能利用')).toContain(solar.name);

    const mangrove = await projectNames(ent, '红树林');
    expect(mangrove).toEqual(expect.arrayContaining([coast.name, described.name]));
    expect(mangrove).not.toContain(solar.name);
    expect(mangrove).not.toContain(unrelated.name);
    // the parent category's name (4.3 生态修复 → 4 生态环境产业) finds it too
    expect(await projectNames(ent, '生态环境产业')).toContain(coast.name);

    // changing the categories changes what finds the project
    const moved = await app.http.patch(`/api/v1/projects/${solar.id}`).set(ent.auth).send({ version: solar.version, categories: [{ version: 'GIC-2019', code: '5.2.2' }] });
    expect(moved.status).toBe(200);
    expect(await projectNames(ent, '光伏')).not.toContain(solar.name);
    expect(await projectNames(ent, '岸电')).toContain(solar.name);
    // editing the description is searched at once
    const edited = await app.http.patch(`/api/v1/projects/${unrelated.id}`).set(ent.auth).send({ version: unrelated.version, description: '配套建设光伏车棚' });
    expect(edited.status).toBe(200);
    expect(await projectNames(ent, '光伏')).toContain(unrelated.name);
  });

  it('imported projects are found by their categories\' keywords', async () => {
    const code = creditCodeFactory('440882');
    const name = `雷州导入海岸带项目${uniq()}`;
    const file = await importFile({
      enterprises: [{ creditCode: code, name: `雷州导入测试${uniq()}有限公司`, division: '雷州市', industrySection: 'N', industryDivision: '77', size: '小型', registeredCapital: '2000', contactName: '林经理', contactPhone: '0759-1234567' }],
      projects: [{ creditCode: code, name, location: '雷州市附城镇', categories: '4.3.13', stage: '在建', totalInvestment: '2600', description: '滩涂综合整治' }],
    });
    const res = await app.http.post('/api/v1/projects/import?mode=import-all').set(county.auth).attach('file', file, '项目汇总.xlsx');
    expect(res.body.job).toMatchObject({ status: 'DONE', errorCount: 0 });
    expect(await projectNames(county, '红树林')).toContain(name);
    expect(await projectNames(county, '光伏')).not.toContain(name);
  });

  it('enterprises are found by the words of their projects and profiles; drafts do not count, and a bank finds only what it may see', async () => {
    const solarEnt = await app.userWithRole(Role.ENTERPRISE, { divisionCode: '440825' });
    await submittedProject(app, solarEnt, { name: `徐闻渔业养殖区发电项目${uniq()}`, description: '鱼塘水面架设发电组件', categories: [{ version: 'GIC-2019', code: '3.2.2' }] });
    const scopeEnt = await app.userWithRole(Role.ENTERPRISE, { divisionCode: '440882' });
    expect(
      (await app.http.put(`/api/v1/enterprises/${scopeEnt.organizationId}/profile`).set(scopeEnt.auth).send({ businessScope: '红树林种苗培育、滨海湿地生态修复工程施工' })).status,
    ).toBe(200);
    const draftEnt = await app.userWithRole(Role.ENTERPRISE, { divisionCode: '440825' });
    await createProject(app, draftEnt, { name: `草稿光伏项目${uniq()}`, categories: [{ version: 'GIC-2019', code: '3.2.2' }] });
    const nameOf = async (s: Session) => (await app.http.get(`/api/v1/enterprises/${s.organizationId}`).set(bureau.auth)).body.organization.name as string;
    const [solarName, scopeName, draftName] = await Promise.all([nameOf(solarEnt), nameOf(scopeEnt), nameOf(draftEnt)]);

    const pv = await enterpriseNames(bureau, '光伏');
    expect(pv).toContain(solarName);
    expect(pv).not.toContain(scopeName);
    expect(pv).not.toContain(draftName);
    const mangrove = await enterpriseNames(bureau, '红树林');
    expect(mangrove).toContain(scopeName);
    expect(mangrove).not.toContain(solarName);
    // the name still finds it
    expect(await enterpriseNames(bureau, solarName)).toEqual([solarName]);

    // a bank sees enterprises of the library only: the submitted (not listed) project's enterprise is not there
    const bank = await app.userWithRole(Role.BANK);
    expect(await enterpriseNames(bank, '光伏')).not.toContain(solarName);
  });
});
