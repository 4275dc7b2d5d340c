import { unitByAnyName } from '../../reference';

/**
 * Parses the text export of the plan's table (zhanjiang-green-finance-plan-2023.txt).
 *
 * The export writes each table cell as a line starting with a tab; lines without a leading tab
 * (the task title under its number, blank lines) continue the cell before them. After the
 * 4-cell header, every row has 5 cells: action, task number and title, key work, 2023 work
 * item, responsible units. Action, task and units cells are empty on a task's second key work.
 */
export type SeedUnitRole = 'lead' | 'cooperating' | 'joint';

export interface SeedPlan {
  actions: { number: number; title: string }[];
  tasks: {
    number: number;
    action: number;
    title: string;
    keyWorks: { text: string; workItems2023: string[] }[];
    units: { unitCode: string; nameInSeed: string; role: SeedUnitRole }[];
  }[];
}

const HEADER = ['工作任务', '重点工作', '2023年具体工作清单', '责任单位'];
const DIGITS = '一二三四五六七八九';

/** 一 … 九十九 */
export function chineseNumber(s: string): number {
  const m = /^(?:([一二三四五六七八九]?)(十))?([一二三四五六七八九]?)$/.exec(s);
  if (!m || s === '') throw new Error(`无法识别的序号：${s}`);
  const [, tens, ten, units] = m;
  if (!ten) return DIGITS.indexOf(units) + 1;
  return (tens ? DIGITS.indexOf(tens) + 1 : 1) * 10 + (units ? DIGITS.indexOf(units) + 1 : 0);
}

function cells(text: string): string[][] {
  const result: string[][] = [];
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    if (line.startsWith('\t')) result.push([line.slice(1)]);
    else if (result.length) result[result.length - 1].push(line);
  }
  return result.map((lines) => lines.map((l) => l.trim()).filter((l) => l !== ''));
}

/** Splits on `sep` outside full-width parentheses, e.g. keeps '各县（市、区）政府（管委会）' whole. */
function splitOutsideParens(s: string, sep: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of s) {
    if (ch === '（') depth++;
    if (ch === '）') depth--;
    if (ch === sep && depth === 0) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  return [...parts, current].map((p) => p.trim()).filter((p) => p !== '');
}

/**
 * Unit names of one comma-separated group. In '市金融工作局、生态环境局' the second department
 * shares the first one's '市'; names with their own place ('湛江银保监分局') or that are not a
 * bureau ('人民银行湛江市中心支行') do not.
 */
function groupNames(group: string): string[] {
  const names = splitOutsideParens(group, '、');
  const shared = names[0]?.startsWith('市');
  return names.map((n) => (shared && !n.startsWith('市') && n.endsWith('局') && !n.includes('湛江') ? `市${n}` : n));
}

function parseUnits(cell: string): SeedPlan['tasks'][number]['units'] {
  const named = (list: string, role: SeedUnitRole) =>
    splitOutsideParens(list, '，')
      .flatMap(groupNames)
      .map((nameInSeed) => {
        const unit = unitByAnyName(nameInSeed);
        if (!unit) throw new Error(`未知责任单位：${nameInSeed}`);
        return { unitCode: unit.code, nameInSeed, role };
      });
  const joint = /^(.+)按职责分工负责$/.exec(cell);
  if (joint) return named(joint[1], 'joint');
  const led = /^(.+?)牵头，(.+)配合$/.exec(cell);
  if (led) return [...named(led[1], 'lead'), ...named(led[2], 'cooperating')];
  throw new Error(`无法识别的责任单位：${cell}`);
}

export function parsePlanSeed(text: string): SeedPlan {
  const all = cells(text);
  const header = all.slice(0, 4).map((c) => c.join(''));
  if (header.join('|') !== HEADER.join('|')) throw new Error(`表头不正确：${header.join('|')}`);
  const body = all.slice(4);
  if (body.length % 5 !== 0) throw new Error(`单元格数${body.length}不是5的倍数`);

  const plan: SeedPlan = { actions: [], tasks: [] };
  for (let i = 0; i < body.length; i += 5) {
    const [action, task, keyWork, item, units] = body.slice(i, i + 5);
    if (action.length) {
      const m = /^([一二三四五六七八九十]+)、(.+)$/.exec(action.join(''));
      if (!m) throw new Error(`无法识别的行动：${action.join('')}`);
      plan.actions.push({ number: chineseNumber(m[1]), title: m[2] });
    }
    if (task.length) {
      const m = /^（([一二三四五六七八九十]+)）$/.exec(task[0]);
      if (!m || task.length < 2) throw new Error(`无法识别的重点任务：${task.join('')}`);
      const currentAction = plan.actions[plan.actions.length - 1];
      if (!currentAction) throw new Error(`重点任务（${m[1]}）之前没有行动`);
      plan.tasks.push({
        number: chineseNumber(m[1]),
        action: currentAction.number,
        title: task.slice(1).join(''),
        keyWorks: [],
        units: parseUnits(units.join('')),
      });
    } else if (units.length || !plan.tasks.length) {
      throw new Error(`第${i / 5 + 1}行缺少重点任务`);
    }
    if (!keyWork.length || !item.length) throw new Error(`第${i / 5 + 1}行缺少重点工作或工作清单`);
    plan.tasks[plan.tasks.length - 1].keyWorks.push({ text: keyWork.join(''), workItems2023: item });
  }
  return plan;
}
