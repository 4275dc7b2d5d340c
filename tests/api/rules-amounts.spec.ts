import { Role } from '@zj/shared';
import { creditCodeFactory } from '../support/factories';
import { createProject, importFile, needBody, uniq } from '../support/library-factories';
import { greenEnterprise, openNeed, publishedProduct } from '../support/matchmaking-factories';
import { Session, startTestApp, TestApp } from '../support/test-app';

/**
 * Issue 14: amounts that contradict each other are refused on every path (docs/LIBRARY.md, "Amounts
 * that must agree"): a need asks for no more than its project's total investment (form/API, the
 * bureau's change, the import, and a project's investment lowered under its needs); credit approved
 * is no more than the need asked for, nor than the product's maximum.
 */
describe('rules: amounts agree with each other on every path', () => {
  let app: TestApp;
  let bureau: Session;
  beforeAll(async () => {
    app = await startTestApp();
    bureau = await app.admin();
  });
  afterAll(() => app.close());

  const fieldMessages = (body: { error: { details?: { field: string; messages: string[] }[] } }, field: string) => body.error.details?.find((d) => d.field === field)?.messages ?? [];

  it('a need larger than its project’s total investment is refused: by the enterprise, by the bureau, and by lowering the investment', async () => {
    const g = await greenEnterprise(app, { project: { totalInvestment: '4500.00' } });
    const over = await app.http.post('/api/v1/financing-needs').set(g.enterprise.auth).send(needBody({ projectId: g.projectId, amount: '4500.01' }));
    expect(over.status).toBe(400);
    expect(over.body.error.code).toBe('FINANCING_NEED_AMOUNT_ABOVE_INVESTMENT');
    expect(fieldMessages(over.body, 'amount')).toEqual(['不能超过所属项目总投资4500.00万元']);
    // Equal is fine.
    const need = await openNeed(app, g, { amount: '4500.00' });
    const enterpriseRaise = await app.http.patch(`/api/v1/financing-needs/${need.id}`).set(g.enterprise.auth).send({ version: need.version, amount: '4600.00' });
    expect(enterpriseRaise.status).toBe(400);
    expect(fieldMessages(enterpriseRaise.body, 'amount')).toEqual(['不能超过所属项目总投资4500.00万元']);
    const bureauRaise = await app.http.patch(`/api/v1/financing-needs/${need.id}`).set(bureau.auth).send({ version: need.version, amount: '9000.00' });
    expect(bureauRaise.status).toBe(400);
    expect(bureauRaise.body.error.code).toBe('FINANCING_NEED_AMOUNT_ABOVE_INVESTMENT');
    expect((await app.http.get(`/api/v1/financing-needs/${need.id}`).set(bureau.auth)).body.amount).toBe('4500.00');

    // A draft project's investment cannot be lowered under the needs registered on it.
    const draft = await createProject(app, g.enterprise, { totalInvestment: '1000.00' });
    const onDraft = await app.http.post('/api/v1/financing-needs').set(g.enterprise.auth).send(needBody({ projectId: draft.id, amount: '800.00' }));
    expect(onDraft.status).toBe(201);
    const lowered = await app.http.patch(`/api/v1/projects/${draft.id}`).set(g.enterprise.auth).send({ version: draft.version, totalInvestment: '500.00' });
    expect(lowered.status).toBe(400);
    expect(fieldMessages(lowered.body, 'totalInvestment')).toEqual(['不能低于该项目融资需求的金额800.00万元']);
    expect((await app.http.patch(`/api/v1/projects/${draft.id}`).set(g.enterprise.auth).send({ version: draft.version, totalInvestment: '800.00' })).status).toBe(200);
  });

  it('the import refuses a need larger than its project’s total investment, in the file or already in the library', async () => {
    const county = await app.userWithRole(Role.COUNTY, { divisionCode: '440811' });
    const code = creditCodeFactory('440811');
    const name = `导入光伏项目${uniq()}`;
    const enterprise = { creditCode: code, name: `湛江导入测试${uniq()}有限公司`, division: '麻章区', industrySection: 'D', industryDivision: '44', size: '小型', registeredCapital: '2000', contactName: '林经理', contactPhone: '0759-1234567', envCreditRating: '绿牌', envDisclosure: '是' };
    const project = { creditCode: code, name, location: '麻章区临港产业园', categories: '3.2.2', stage: '在建', totalInvestment: '4800', co2AvoidedT: '7530', tags: '分布式光伏', description: '屋顶分布式光伏' };
    const need = (amount: string) => ({ creditCode: code, projectName: name, amount, termMonths: '96', instrument: '贷款', purpose: '光伏组件采购及安装', collateral: '应收账款、设备抵押', maxRatePercent: '3.85', sharing: '向全部金融机构共享' });
    const post = (buf: Buffer, mode: string) => app.http.post(`/api/v1/projects/import?mode=${mode}`).set(county.auth).attach('file', buf, '项目汇总.xlsx');

    const bad = await post(await importFile({ enterprises: [enterprise], projects: [project], needs: [need('4800'), need('4800.01')] }), 'validate');
    expect(bad.status).toBe(200);
    expect(bad.body.job.errors).toEqual([{ sheet: '融资需求', row: 3, column: '融资金额（万元）', value: '4800.01', message: '不能超过所属项目总投资4800.00万元' }]);
    const ok = await post(await importFile({ enterprises: [enterprise], projects: [project], needs: [need('4800')] }), 'import-all');
    expect(ok.body.job).toMatchObject({ status: 'DONE', errorCount: 0 });
    // Later, a need for the project already in the library.
    const later = await post(await importFile({ needs: [need('5000')] }), 'validate');
    expect(later.body.job.errors).toEqual([{ sheet: '融资需求', row: 2, column: '融资金额（万元）', value: '5000', message: '不能超过所属项目总投资4800.00万元' }]);
  });

  it('credit approved larger than the need or than the product’s maximum is refused, naming the limit', async () => {
    const g = await greenEnterprise(app);
    const need = await openNeed(app, g, { amount: '600.00' });
    const bank = await app.userWithRole(Role.BANK);
    const product = await publishedProduct(app, bank, { maxAmount: '500.00' });
    const applied = await app.http.post('/api/v1/cases/apply').set(g.enterprise.auth).send({ needId: need.id, productId: product.id });
    expect(applied.status).toBe(201);
    const t = (body: object) => app.http.post(`/api/v1/cases/${applied.body.id}/transitions`).set(bank.auth).send(body);
    for (const to of ['ACCEPTED', 'IN_CONTACT', 'UNDER_REVIEW']) expect((await t({ to })).status).toBe(200);
    const terms = { to: 'APPROVED', ratePercent: '3.30', termMonths: 36 };
    const aboveProduct = await t({ ...terms, approvedAmount: '550.00' });
    expect(aboveProduct.status).toBe(400);
    expect(aboveProduct.body.error.code).toBe('CASE_AMOUNT_OUT_OF_RANGE');
    expect(fieldMessages(aboveProduct.body, 'approvedAmount')).toEqual([`不能超过产品“${product.name}”的最高额度500.00万元`]);
    const aboveBoth = await t({ ...terms, approvedAmount: '700.00' });
    expect(fieldMessages(aboveBoth.body, 'approvedAmount')).toEqual(['不能超过融资需求金额600.00万元', `不能超过产品“${product.name}”的最高额度500.00万元`]);
    expect((await t({ ...terms, approvedAmount: '500.00' })).status).toBe(200);

    // Without a product (a claim), the need is the limit.
    const need2 = await openNeed(app, g, { amount: '300.00' });
    const claimed = await app.http.post('/api/v1/cases/claim').set(bank.auth).send({ needId: need2.id });
    const t2 = (body: object) => app.http.post(`/api/v1/cases/${claimed.body.id}/transitions`).set(bank.auth).send(body);
    for (const to of ['IN_CONTACT', 'UNDER_REVIEW']) expect((await t2({ to })).status).toBe(200);
    const aboveNeed = await t2({ ...terms, approvedAmount: '300.01' });
    expect(aboveNeed.status).toBe(400);
    expect(fieldMessages(aboveNeed.body, 'approvedAmount')).toEqual(['不能超过融资需求金额300.00万元']);
    expect((await app.http.get(`/api/v1/cases/${claimed.body.id}`).set(bank.auth)).body.state).toBe('UNDER_REVIEW');
    expect((await t2({ ...terms, approvedAmount: '300.00' })).status).toBe(200);
  });
});
