import { CollateralKind, FinancingInstrument, NeedSharing, ProjectStage, withCreditCodeCheckChar } from '@zj/shared';
import { Catalogues } from './catalogue';
import { divisionOf, neutraliseCell, parseEnterpriseRow, parseNeedRow, parseProjectRow, RawRow } from './row-rules';
import type { SheetLayout } from './sheet-layout';

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

  it('numbers and dates as counties write them: full-width digits and spaces, grouping, text dates, units after the number', () => {
    const r = parseProjectRow(
      row({ creditCode: ` ${code.toLowerCase()}\u3000`, name: '岸电项目 ', categories: '５．２．２', stage: ' 在建 ', totalInvestment: '１，２３４．５６', constructionStart: '2026年5月1日', constructionEnd: '２０２６/１２/３１', co2AvoidedT: '1 200' }),
      cats,
    );
    expect(r.errors).toEqual([]);
    expect(r.record).toMatchObject({ creditCode: code, name: '岸电项目', categories: ['5.2.2'], totalInvestment: '1234.56', constructionStart: '2026-05-01', constructionEnd: '2026-12-31', co2AvoidedT: '1200.00', taxonomyVersion: 'GIC-2019' });
    const need = parseNeedRow(row({ creditCode: code, amount: '3500万', termMonths: '96个月', instrument: '贷款 ', purpose: '设备采购', collateral: '保证', maxRatePercent: '3.85%', wantedBy: '20300630' }), '2026-01-01');
    expect(need.errors).toEqual([]);
    expect(need.record).toMatchObject({ amount: '3500.00', termMonths: 96, maxRatePercent: '3.85', wantedBy: '2030-06-30' });
    const bad = parseProjectRow(row({ creditCode: code, name: '项目', categories: '5.2.2', stage: '拟建', totalInvestment: '4800', constructionStart: '2026-5' }), cats);
    expect(bad.errors[0]).toMatchObject({ column: '建设开始日期', value: '2026-5', message: expect.stringContaining('2026年5月1日') });
  });

  it('amounts in 元 (as the header says) become 万元 exactly, and are refused when they do not come to whole 0.01 万元', () => {
    const layout: SheetLayout = { sheet: '融资需求表', headerRow: 2, headers: { amount: '融资金额（元）' }, units: { amount: '元' }, versionHint: null };
    const need = (amount: string) => parseNeedRow({ row: 4, cells: { creditCode: code, amount, termMonths: '12', instrument: '贷款', purpose: '设备采购', collateral: '无' }, formulas: [] }, '2026-01-01', { layout });
    expect(need('30,000,000').record?.amount).toBe('3000.00');
    expect(need('１２３４５６００').record?.amount).toBe('1234.56');
    expect(need('35000000.00').record?.amount).toBe('3500.00');
    expect(need('35亿').record?.amount).toBe('350000.00'); // a unit written after the number wins over the header's
    expect(need('3500亿').errors[0].message).toContain('数值过大');
    expect(need('3500万').record?.amount).toBe('3500.00');
    const inexact = need('1234567.89');
    expect(inexact.errors).toEqual([
      { sheet: '融资需求表', row: 4, column: '融资金额（元）', value: '1234567.89', message: '按元填写的金额换算为 123.456789 万元，超过2位小数：平台以万元记录、保留2位小数，请填到百元（或改为以万元填写）' },
    ]);
    expect(need('100.001').errors[0].message).toBe('以元为单位最多2位小数');
    const wan: SheetLayout = { ...layout, headers: { amount: '融资金额（亿元）' }, units: { amount: '亿元' } };
    expect(parseNeedRow({ row: 4, cells: { creditCode: code, amount: '1.2345', termMonths: '12', instrument: '贷款', purpose: '设备采购', collateral: '无' }, formulas: [] }, '2026-01-01', { layout: wan }).record?.amount).toBe('12345.00');
  });

  it('category codes against the version the row or the sheet names; a code of another loaded version names both', () => {
    const catalogues = new Catalogues(
      [
        { version: 'GIC-2019', name: '绿色产业指导目录（2019年版）', effectiveFrom: '2019-02-14', codes: new Set(['5.2.2']), upperCodes: new Set(['5', '5.2']) },
        { version: 'GFC-2025', name: '绿色金融支持项目目录（2025年版）', effectiveFrom: null, codes: new Set(['7.1.1']) },
      ],
      'GIC-2019',
    );
    const layout: SheetLayout = { sheet: '项目', headerRow: 1, headers: { categories: '绿色产业分类代码（GFC-2025）', taxonomyVersion: '分类标准' }, units: {}, versionHint: 'GFC-2025' };
    const project = (categories: string, taxonomyVersion = '') =>
      parseProjectRow({ row: 2, cells: { creditCode: code, name: '项目', categories, stage: '拟建', totalInvestment: '100', taxonomyVersion }, formulas: [] }, { catalogues, sheetVersion: 'GFC-2025' }, { layout });
    expect(project('7.1.1').record).toMatchObject({ taxonomyVersion: 'GFC-2025', categories: ['7.1.1'] });
    expect(project('5.2.2', '2019年版').record).toMatchObject({ taxonomyVersion: 'GIC-2019', categories: ['5.2.2'] });
    expect(project('5.2.2').errors).toEqual([
      {
        sheet: '项目',
        row: 2,
        column: '绿色产业分类代码（GFC-2025）',
        value: '5.2.2',
        message: '分类代码 5.2.2 不是《绿色金融支持项目目录（2025年版）》（GFC-2025）的三级分类，而是《绿色产业指导目录（2019年版）》（GIC-2019）的代码：请改用 GFC-2025 的代码，或在“分类标准”列填写 GIC-2019',
      },
    ]);
    expect(project('5.2', 'GIC-2019').errors[0].message).toContain('请填写三级分类代码（如 5.2.1）');
    expect(project('7.1.1', 'GXX-2030').errors[0]).toMatchObject({ column: '分类标准', value: 'GXX-2030', message: expect.stringContaining('不是平台已加载的分类标准') });
  });
});
