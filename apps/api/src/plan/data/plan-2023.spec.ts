import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GOVERNMENT_UNITS, unitByAnyName } from '../../reference';
import { PLAN_ACTIONS, PLAN_TASKS } from './plan-2023';
import { chineseNumber, parsePlanSeed } from './seed-parser';

const raw = readFileSync(join(__dirname, 'zhanjiang-green-finance-plan-2023.txt'), 'utf8');
const seed = parsePlanSeed(raw);
const rawLines = new Set(raw.split('\n').map((l) => l.trim()));

describe('PLAN_ACTIONS / PLAN_TASKS against the seed text', () => {
  it('has 6 actions and 18 tasks, numbered in order', () => {
    expect(seed.actions).toHaveLength(6);
    expect(seed.tasks).toHaveLength(18);
    expect(PLAN_ACTIONS.map((a) => a.number)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(PLAN_TASKS.map((t) => t.number)).toEqual(Array.from({ length: 18 }, (_, i) => i + 1));
  });

  it('has the actions of the seed', () => {
    expect(PLAN_ACTIONS).toEqual(seed.actions);
  });

  it.each(seed.tasks.map((t) => [t.number, t] as const))('task %i equals the seed', (number, parsed) => {
    const task = PLAN_TASKS.find((t) => t.number === number);
    expect(task).toEqual(parsed);
  });

  it('uses, word for word, lines of the seed for titles, key works and work items', () => {
    for (const a of PLAN_ACTIONS) expect(rawLines).toContain(`${'一二三四五六'[a.number - 1]}、${a.title}`);
    for (const t of PLAN_TASKS) {
      expect(rawLines).toContain(t.title);
      for (const k of t.keyWorks) {
        expect(rawLines).toContain(k.text);
        for (const item of k.workItems2023) expect(rawLines).toContain(item);
      }
    }
  });

  it('keeps the structure the seed spreads over several rows and lines', () => {
    const task = (n: number) => PLAN_TASKS[n - 1];
    expect(PLAN_TASKS.filter((t) => t.keyWorks.length === 2).map((t) => t.number)).toEqual([3, 4, 5, 9, 14, 16]);
    expect(task(3).keyWorks[1].workItems2023).toEqual(['组织开展绿色金融知识宣讲、产品推介、融资对接等活动不少于3次。']);
    expect(task(13).keyWorks[0].workItems2023[0]).toMatch(/^做好湛江市雷州西海岸.*债券申请等相关工作。$/);
    expect(task(16).units.map((u) => `${u.role}:${u.nameInSeed}`)).toEqual([
      'joint:市发展改革局',
      'joint:市财政局',
      'joint:市金融工作局',
      'joint:人民银行湛江市中心支行',
      'joint:各县（市、区）政府（管委会）',
    ]);
    expect(task(17).units.map((u) => `${u.role}:${u.unitCode}`)).toEqual([
      'lead:nfra-zhanjiang',
      'cooperating:finance-bureau',
      'cooperating:pbc-zhanjiang',
    ]);
  });
});

describe('responsible units', () => {
  it('resolves every name in the seed to the unit coded in the plan', () => {
    for (const { unitCode, nameInSeed } of PLAN_TASKS.flatMap((t) => t.units)) {
      expect(unitByAnyName(nameInSeed)?.code).toBe(unitCode);
    }
  });

  it('lists exactly the units the plan names, under unique codes and names', () => {
    const used = new Set(PLAN_TASKS.flatMap((t) => t.units.map((u) => u.unitCode)));
    expect(new Set(GOVERNMENT_UNITS.map((u) => u.code))).toEqual(used);
    expect(new Set(GOVERNMENT_UNITS.map((u) => u.code)).size).toBe(GOVERNMENT_UNITS.length);
    const names = GOVERNMENT_UNITS.flatMap((u) => [u.name, ...u.formerNames]);
    expect(new Set(names).size).toBe(names.length);
    expect(GOVERNMENT_UNITS.every((u) => /^[a-z]+(-[a-z]+)*$/.test(u.code))).toBe(true);
  });

  it('finds renamed units by their current and former names', () => {
    expect(unitByAnyName('人民银行湛江市中心支行')?.name).toBe('中国人民银行湛江市分行');
    expect(unitByAnyName(' 中国人民银行湛江市分行 ')?.code).toBe('pbc-zhanjiang');
    expect(unitByAnyName('湛江银保监分局')?.name).toBe('国家金融监督管理总局湛江监管分局');
    expect(unitByAnyName('生态环境局')).toBeUndefined();
  });
});

describe('seed parser', () => {
  it('reads Chinese ordinals', () => {
    expect(['一', '九', '十', '十三', '十八', '二十'].map(chineseNumber)).toEqual([1, 9, 10, 13, 18, 20]);
    expect(() => chineseNumber('一二')).toThrow();
  });

  it('rejects a units cell it cannot read', () => {
    const text = raw.replace('湛江银保监分局牵头，市金融工作局、人民银行湛江市中心支行配合', '湛江银保监分局负责');
    expect(() => parsePlanSeed(text)).toThrow('无法识别的责任单位：湛江银保监分局负责');
  });

  it('rejects an unknown unit', () => {
    const text = raw.replace('市发展改革局、财政局、金融工作局', '市发展改革局、统计局、金融工作局');
    expect(() => parsePlanSeed(text)).toThrow('未知责任单位：市统计局');
  });
});
