import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsvRecords, parseTaxonomyCsv, splitStandards, TAXONOMY_CSV_HEADER } from './taxonomy-csv';

const HEADER = TAXONOMY_CSV_HEADER.join(',');
const csv = (...rows: string[]) => [HEADER, ...rows].join('\n');

describe('parseTaxonomyCsv on the 2019 catalogue', () => {
  const text = readFileSync(join(__dirname, 'data/green-industry-catalogue-2019.csv'), 'utf8');
  const { categories, errors } = parseTaxonomyCsv(text);
  const byCode = new Map(categories.map((c) => [c.code, c]));
  const atLevel = (level: number) => categories.filter((c) => c.level === level);

  it('has no errors and 6 / 30 / 211 categories', () => {
    expect(errors).toEqual([]);
    expect(atLevel(1)).toHaveLength(6);
    expect(atLevel(2)).toHaveLength(30);
    expect(atLevel(3)).toHaveLength(211);
    expect(byCode.size).toBe(categories.length);
  });

  it('has the six top-level categories', () => {
    expect(atLevel(1).map((c) => `${c.code} ${c.name}`)).toEqual([
      '1 节能环保产业',
      '2 清洁生产产业',
      '3 清洁能源产业',
      '4 生态环境产业',
      '5 基础设施绿色升级',
      '6 绿色服务',
    ]);
    expect(atLevel(1).every((c) => c.parentCode === null)).toBe(true);
  });

  it('links every category to an existing parent one level up whose code prefixes its own', () => {
    for (const c of categories.filter((c) => c.level > 1)) {
      const parent = byCode.get(c.parentCode ?? '');
      expect(parent?.level).toBe(c.level - 1);
      expect(c.code.startsWith(`${c.parentCode}.`)).toBe(true);
    }
    const perLevel1 = atLevel(1).map((p) => atLevel(2).filter((c) => c.parentCode === p.code).length);
    expect(perLevel1).toEqual([7, 5, 4, 3, 6, 5]);
  });

  it('keeps names, descriptions and standards of third-level categories', () => {
    expect(byCode.get('5.2.2')).toMatchObject({
      name: '港口、码头岸电设施及机场廊桥供电设施建设',
      parentCode: '5.2',
      level: 3,
    });
    expect(byCode.get('5.2')?.name).toBe('绿色交通');
    const boilers = byCode.get('1.1.1');
    expect(boilers?.description).toMatch(/^包括高低差速循环流化床油页岩锅炉/);
    expect(boilers?.standards).toEqual([
      '《锅炉节能技术监督管理规程》（含修改单）（TSGG0002）',
      '《工业锅炉能效限定值及能效等级》（GB24500）',
      '《锅炉大气污染物排放标准》（GB13271）',
      '《火电厂大气污染物排放标准》（GB13223）',
    ]);
    // The extraction left `《）` where a row has no standards.
    expect(byCode.get('1.1.2')?.standards).toEqual([]);
    expect(categories.some((c) => c.standards.some((s) => s === '' || s === '《）'))).toBe(false);
  });
});

describe('parseCsvRecords', () => {
  it('handles BOM, CRLF, quoted commas, doubled quotes and line breaks inside quotes', () => {
    const { records, errors } = parseCsvRecords('\uFEFFa,b\r\n"x,1","say ""hi""\r\nagain"\r\nlast,\r\n');
    expect(errors).toEqual([]);
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x,1', 'say "hi"\r\nagain'] },
      { line: 4, fields: ['last', ''] },
    ]);
  });

  it('reports an unterminated quote', () => {
    expect(parseCsvRecords('a,b\n"open,1\n').errors).toEqual([{ line: 2, message: '引号未闭合' }]);
  });
});

describe('splitStandards', () => {
  it('splits on & and drops empty or broken entries', () => {
    expect(splitStandards('《甲》（GB1）&&《）& 《乙》（GB2） &')).toEqual(['《甲》（GB1）', '《乙》（GB2）']);
  });
});

describe('parseTaxonomyCsv validation', () => {
  const row = '1,节能环保产业,1.1,高效节能装备制造,1.1.1,节能锅炉制造,描述,《甲》（GB1）';

  it('accepts a valid quoted row with BOM and CRLF', () => {
    const text = `\uFEFF${HEADER}\r\n1,节能环保产业,1.1,高效节能装备制造,1.1.1,"锅炉,""节能""",,\r\n`;
    const { categories, errors } = parseTaxonomyCsv(text);
    expect(errors).toEqual([]);
    expect(categories).toEqual([
      { code: '1', level: 1, name: '节能环保产业', parentCode: null, description: null, standards: [] },
      { code: '1.1', level: 2, name: '高效节能装备制造', parentCode: '1', description: null, standards: [] },
      { code: '1.1.1', level: 3, name: '锅炉,"节能"', parentCode: '1.1', description: null, standards: [] },
    ]);
  });

  it('requires the exact header', () => {
    expect(parseTaxonomyCsv(row).errors).toEqual([{ line: 1, message: expect.stringContaining('表头') }]);
    expect(parseTaxonomyCsv('').errors).toEqual([{ line: 1, message: expect.stringContaining('表头') }]);
    const reordered = HEADER.replace('level1_code,level1_name', 'level1_name,level1_code');
    expect(parseTaxonomyCsv(`${reordered}\n${row}`).categories).toEqual([]);
  });

  it('rejects a wrong number of columns', () => {
    expect(parseTaxonomyCsv(csv('1,节能环保产业,1.1')).errors).toEqual([{ line: 2, message: '应有8列，实际为3列' }]);
  });

  it('rejects malformed codes', () => {
    const { errors, categories } = parseTaxonomyCsv(
      csv('A,节能环保产业,1.1,高效节能装备制造,1.1.1,x,,', '1,节能环保产业,1-2,y,1.2.1,x,,', '1,节能环保产业,1.1,z,1.1,x,,'),
    );
    expect(errors).toEqual([
      { line: 2, message: '一级分类代码“A”格式不正确，应形如“1”' },
      { line: 3, message: '二级分类代码“1-2”格式不正确，应形如“1.1”' },
      { line: 4, message: '三级分类代码“1.1”格式不正确，应形如“1.1.1”' },
    ]);
    expect(categories).toEqual([]);
  });

  it('rejects codes that do not start with their parent code', () => {
    const { errors } = parseTaxonomyCsv(csv('1,节能环保产业,2.1,x,2.1.1,y,,', '1,节能环保产业,1.1,x,1.2.1,y,,'));
    expect(errors).toEqual([
      { line: 2, message: '二级分类代码“2.1”应以上级分类代码“1.”开头' },
      { line: 3, message: '三级分类代码“1.2.1”应以上级分类代码“1.1.”开头' },
    ]);
  });

  it('rejects one code with two names', () => {
    const { errors, categories } = parseTaxonomyCsv(
      csv(row, '1,节能环保,1.1,高效节能装备制造,1.1.2,b,,', '1,节能环保产业,1.1,节能装备,1.1.3,c,,'),
    );
    expect(errors).toEqual([
      { line: 3, message: '一级分类代码“1”在第2行名称为“节能环保产业”，此处为“节能环保”' },
      { line: 4, message: '二级分类代码“1.1”在第2行名称为“高效节能装备制造”，此处为“节能装备”' },
    ]);
    expect(categories.map((c) => c.code)).toEqual(['1', '1.1', '1.1.1']);
  });

  it('rejects a duplicate third-level code', () => {
    expect(parseTaxonomyCsv(csv(row, '', row)).errors).toEqual([
      { line: 4, message: '三级分类代码“1.1.1”重复（首次出现在第2行）' },
    ]);
  });

  it('rejects empty names', () => {
    expect(parseTaxonomyCsv(csv('1, ,1.1,,1.1.1,,,')).errors).toEqual([
      { line: 2, message: '一级分类名称不能为空' },
      { line: 2, message: '二级分类名称不能为空' },
      { line: 2, message: '三级分类名称不能为空' },
    ]);
  });
});
