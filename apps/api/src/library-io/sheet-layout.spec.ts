import { ImportSheet } from '@zj/shared';
import { findLayout, headerKey, matchHeader, matchSheetName, RowCells } from './sheet-layout';

const rows = (...rs: (string | null)[][]) => rs.map((cells, i) => ({ number: i + 1, cells: cells.map((t, j) => [j + 1, t ?? ''] as [number, string]).filter(([, t]) => t) as RowCells }));

describe('sheet layout: sheets, header rows and columns found from their words', () => {
  it('sheet names that differ in small ways', () => {
    expect(matchSheetName('企业')).toEqual({ sheet: ImportSheet.ENTERPRISES, exact: true });
    expect(matchSheetName(' 企业信息 ')).toEqual({ sheet: ImportSheet.ENTERPRISES, exact: false });
    expect(matchSheetName('绿色企业名录')).toEqual({ sheet: ImportSheet.ENTERPRISES, exact: false });
    expect(matchSheetName('1.项目清单')).toEqual({ sheet: ImportSheet.PROJECTS, exact: false });
    expect(matchSheetName('项目库')).toEqual({ sheet: ImportSheet.PROJECTS, exact: false });
    expect(matchSheetName('融资需求表')).toEqual({ sheet: ImportSheet.NEEDS, exact: false });
    expect(matchSheetName('企业融资需求')).toEqual({ sheet: ImportSheet.NEEDS, exact: false });
    expect(matchSheetName('Sheet1')).toBeNull();
    expect(matchSheetName('说明')).toBeNull();
    expect(matchSheetName('企业项目')).toBeNull();
  });

  it('headers by their words: synonyms, units (元 and 万元 for amounts, the template’s own for others), a catalogue version, set-aside and unknown columns', () => {
    expect(headerKey(' 统一社会信用代码\n* ')).toBe('统一社会信用代码');
    expect(matchHeader(ImportSheet.ENTERPRISES, '社会信用代码')).toEqual({ kind: 'column', key: 'creditCode' });
    expect(matchHeader(ImportSheet.ENTERPRISES, '所在县区')).toEqual({ kind: 'column', key: 'division' });
    expect(matchHeader(ImportSheet.ENTERPRISES, '注册资本（万元）')).toEqual({ kind: 'column', key: 'registeredCapital', unit: '万元' });
    expect(matchHeader(ImportSheet.ENTERPRISES, '注册资本(元)')).toEqual({ kind: 'column', key: 'registeredCapital', unit: '元' });
    expect(matchHeader(ImportSheet.ENTERPRISES, '注册资本')).toEqual({ kind: 'column', key: 'registeredCapital' });
    expect(matchHeader(ImportSheet.PROJECTS, '总投资万元')).toEqual({ kind: 'column', key: 'totalInvestment', unit: '万元' });
    expect(matchHeader(ImportSheet.PROJECTS, '项目总投资（单位：亿元）')).toEqual({ kind: 'column', key: 'totalInvestment', unit: '亿元' });
    expect(matchHeader(ImportSheet.PROJECTS, '总投资（美元）')).toMatchObject({ kind: 'wrong-unit', key: 'totalInvestment' });
    expect(matchHeader(ImportSheet.NEEDS, '融资期限（月）')).toEqual({ kind: 'column', key: 'termMonths' });
    expect(matchHeader(ImportSheet.NEEDS, '期限（年）')).toMatchObject({ kind: 'wrong-unit', key: 'termMonths' });
    expect(matchHeader(ImportSheet.PROJECTS, '绿色产业分类代码（GIC-2019）*')).toEqual({ kind: 'column', key: 'categories', versionHint: 'GIC-2019' });
    expect(matchHeader(ImportSheet.PROJECTS, '开工日期')).toEqual({ kind: 'column', key: 'constructionStart' });
    expect(matchHeader(ImportSheet.PROJECTS, '序号')).toEqual({ kind: 'ignored' });
    expect(matchHeader(ImportSheet.PROJECTS, '状态')).toEqual({ kind: 'ignored' }); // an export's status column
    expect(matchHeader(ImportSheet.ENTERPRISES, '法人代表')).toEqual({ kind: 'unknown' });
    expect(matchHeader(ImportSheet.ENTERPRISES, '项目名称')).toEqual({ kind: 'unknown' });
  });

  it('a header under title rows, with a unit and a catalogue version written in a title row', () => {
    const found = findLayout(
      ImportSheet.PROJECTS,
      '项目清单',
      rows(['2026年麻章区绿色项目汇总表'], ['金额单位：元　分类标准：GFC-2025'], ['序号', '信用代码', '项目名称', '分类代码', '项目阶段', '总投资'], ['1', 'X', '光伏', '8.1.1', '在建', '5000000']),
    )!;
    expect(found.layout).toEqual({
      sheet: '项目清单',
      headerRow: 3,
      headers: { creditCode: '信用代码', name: '项目名称', categories: '分类代码', stage: '项目阶段', totalInvestment: '总投资' },
      units: { totalInvestment: '元' },
      versionHint: 'GFC-2025',
    });
    expect([...found.columns.entries()]).toEqual([[2, 'creditCode'], [3, 'name'], [4, 'categories'], [5, 'stage'], [6, 'totalInvestment']]);
    expect(found.headerErrors).toEqual([]);
    expect(found.columnErrors).toEqual([]);
  });

  it('a two-row header under merged group cells; a column named twice, an unknown column, a required column missing', () => {
    const found = findLayout(
      ImportSheet.ENTERPRISES,
      '企业',
      rows(
        ['企业名录'],
        ['统一社会信用代码', '基本情况', null, '联系方式', null, null],
        [null, '企业名称', '注册资本（元）', '联系电话', '手机', '微信'],
      ),
    )!;
    expect(found.layout.headerRow).toBe(3);
    expect(found.layout.headers).toEqual({ creditCode: '统一社会信用代码', name: '企业名称', registeredCapital: '注册资本（元）', contactPhone: '联系电话' });
    expect(found.layout.units).toEqual({ registeredCapital: '元' });
    expect(found.columnErrors.map((e) => `${e.row}:${e.column}:${e.message.slice(0, 10)}`)).toEqual(['3:手机:与D列“联系电话”是', '3:微信:无法识别的列名，此列']);
    expect(found.headerErrors).toEqual([{ sheet: '企业', row: 3, column: '所在县（市、区）', value: null, message: '缺少必填列“所在县（市、区）”，请使用平台提供的模板' }]);
  });

  it('no header in the first rows', () => {
    expect(findLayout(ImportSheet.ENTERPRISES, '企业', rows(['甲', '乙'], ['1', '2']))).toBeNull();
  });
});
