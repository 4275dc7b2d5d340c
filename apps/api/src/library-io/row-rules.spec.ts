import { CollateralKind, FinancingInstrument, NeedSharing, ProjectStage, withCreditCodeCheckChar } from '@zj/shared';
import { divisionOf, neutraliseCell, parseEnterpriseRow, parseNeedRow, parseProjectRow, RawRow } from './row-rules';

const code = withCreditCodeCheckChar('91440811MA4UXXXX1'.replace(/X/g, '1'));
const row = (cells: Record<string, string>, formulas: string[] = []): RawRow => ({ row: 2, cells, formulas });
const cats = new Set(['5.2.2', '4.3.2', '5.1.2']);

describe('import row rules', () => {
  it('reads a good enterprise row, with labels and aliases', () => {
    const r = parseEnterpriseRow(row({ creditCode: code.toLowerCase(), name: '湛江测试环保有限公司', division: '麻章区', industrySection: 'd', industryDivision: '44', size: '小型', registeredCapital: '2,000', envCreditRating: '绿牌', envDisclosure: '是' }));
    expect(r.errors).toEqual([]);
    expect(r.record).toMatchObject({ creditCode: code, divisionCode: '440811', industrySection: 'D', size: 'SMALL', registeredCapital: '2000.00', envCreditRating: 'GREEN', envDisclosure: true });
  });

  it('names the column and the problem of each bad cell', () => {
    const bad = code.slice(0, 17) + (code[17] === '0' ? '1' : '0');
    const r = parseEnterpriseRow(row({ creditCode: bad, name: '', division: '海南区', industrySection: 'D', industryDivision: '13', registeredCapital: '-100' }));
    expect(r.record).toBeNull();
    const by = Object.fromEntries(r.errors.map((e) => [e.column, e.message]));
    expect(by['统一社会信用代码']).toContain('校验');
    expect(by['企业名称']).toBe('必填');
    expect(by['所在县（市、区）']).toContain('不是湛江市');
    expect(by['行业大类']).toContain('不属于门类');
    expect(by['注册资本（万元）']).toBe('不能为负数');
    expect(r.errors.every((e) => e.sheet === '企业' && e.row === 2)).toBe(true);
  });

  it('refuses formula cells', () => {
    const r = parseEnterpriseRow(row({ creditCode: code, name: '某公司', division: '麻章区', registeredCapital: '' }, ['registeredCapital']));
    expect(r.errors).toEqual([expect.objectContaining({ column: '注册资本（万元）', message: expect.stringContaining('公式') })]);
  });

  it('project rows: unknown categories, absurd or negative amounts, stars only for buildings, dates in order', () => {
    const ok = parseProjectRow(row({ creditCode: code, name: '岸电项目', categories: '5.2.2；4.3.2', stage: '在建', totalInvestment: '4500', tags: '重大基础设施、蓝碳' }), cats);
    expect(ok.errors).toEqual([]);
    expect(ok.record).toMatchObject({ categories: ['5.2.2', '4.3.2'], stage: ProjectStage.UNDER_CONSTRUCTION, totalInvestment: '4500.00', tags: ['重大基础设施', '蓝碳'] });

    const bad = parseProjectRow(
      row({ creditCode: code, name: '岸电项目', categories: '9.9.9', stage: '建好了', totalInvestment: '99999999999', greenBuildingStars: '2', constructionStart: '2025-05-01', constructionEnd: '2025-02-30' }),
      cats,
    );
    const by = Object.fromEntries(bad.errors.map((e) => [e.column, e.message]));
    expect(by['绿色产业分类代码']).toContain('9.9.9');
    expect(by['项目阶段']).toContain('拟建');
    expect(by['总投资（万元）']).toContain('数值过大');
    expect(by['绿色建筑星级']).toContain('5.1');
    expect(by['建设结束日期']).toBe('日期不存在');
    expect(parseProjectRow(row({ creditCode: code, name: '项目', categories: '5.2.2', stage: '拟建', totalInvestment: '0' }), cats).errors[0].message).toBe('应大于0');
    expect(parseProjectRow(row({ creditCode: code, name: '项目', categories: '5.2.2', stage: '拟建', totalInvestment: '12.345' }), cats).errors[0].message).toBe('最多2位小数');
  });

  it('need rows: instruments, collateral labels, sharing, dates not in the past', () => {
    const ok = parseNeedRow(row({ creditCode: code, amount: '3000', termMonths: '96', instrument: '贷款', purpose: '设备采购', collateral: '设备抵押、保证', sharing: '向全部金融机构共享', wantedBy: '2030/6/30' }), '2025-01-01');
    expect(ok.errors).toEqual([]);
    expect(ok.record).toMatchObject({ amount: '3000.00', termMonths: 96, instrument: FinancingInstrument.LOAN, collateral: [CollateralKind.EQUIPMENT, CollateralKind.GUARANTEE], sharing: NeedSharing.ALL_BANKS, wantedBy: '2030-06-30' });
    const bad = parseNeedRow(row({ creditCode: code, amount: 'abc', termMonths: '0', instrument: '众筹', purpose: '设备', collateral: '无、不动产', wantedBy: '2020-01-01' }), '2025-01-01');
    const by = Object.fromEntries(bad.errors.map((e) => [e.column, e.message]));
    expect(Object.keys(by)).toEqual(expect.arrayContaining(['融资金额（万元）', '期限（月）', '融资方式', '担保方式', '希望到位日期']));
    expect(parseNeedRow(row({ creditCode: code, amount: '1', termMonths: '1', instrument: '债券', purpose: '发行', collateral: '无' }), '2025-01-01').record?.sharing).toBe(NeedSharing.NOT_SHARED);
  });

  it('divisions by name, short name or code; formula-looking text is neutralised on export', () => {
    expect(divisionOf('雷州市')).toBe('440882');
    expect(divisionOf('雷州')).toBe('440882');
    expect(divisionOf('440800Z01')).toBe('440800Z01');
    expect(divisionOf('湛江市')).toBeNull();
    expect(neutraliseCell('=HYPERLINK("http://x")')).toBe(`'=HYPERLINK("http://x")`);
    expect(neutraliseCell('+86 759')).toBe(`'+86 759`);
    expect(neutraliseCell('@SUM(A1)')).toBe(`'@SUM(A1)`);
    expect(neutraliseCell('正常文字')).toBe('正常文字');
    expect(neutraliseCell(12)).toBe(12);
  });
});
