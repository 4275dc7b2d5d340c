import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  CaseState,
  EventStatus,
  EventType,
  fromScaled,
  FundUseResult,
  MeetingPriority,
  MeetingRequestStatus,
  MeetingResult,
  OrgType,
  RegistrationStatus,
  Role,
  ScheduleRunStatus,
  sumDecimal,
  toScaled,
  type EventAgendaItem,
  type RegistrationOfficer,
} from '@zj/shared';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit';
import { seedDemoEventCase, type DemoEventCase } from '../cases';
import { SYSTEM_ACTOR, type Actor } from '../common/auth/actor';
import { zhanjiangDate } from '../common/time';
import { DEMO_BANKS, DEMO_ENTERPRISES, DEMO_NEEDS, DEMO_PROJECTS } from '../demo';
import { NotificationsService } from '../notifications';
import { WorkCalendarService, isWorkingDay, type CalendarOverrides } from '../work-calendar';
import { findEvent } from './event-guards';
import { syncEventReminders } from './event-reminders';
import { MeetingRequestsService } from './meetings/meeting-requests.service';
import { loadInstance } from './meetings/schedule-data';
import { intentComment } from './outcomes/outcome-rules';
import { newCheckInCode } from './registrations/check-in-code';
import { greedySchedule, solveSchedule, validateSchedule, type ScheduleResult } from './scheduling';
import { needListedSql } from '../financing-needs';

/**
 * Demo data of the 对接会 capability (DEMO_DATA), loaded once after the demo banks, enterprises,
 * needs and products: a 融资对接会 held about two months ago (registrations, check-ins with two
 * no-shows, a schedule solved and published, outcomes and letters of intent whose cases have since
 * moved on in the pipeline), a 融资对接会 open for registration about three weeks ahead (requests
 * and slots, no schedule yet), and a product showcase. Everything is invented: titles end with
 * （演示）, demo rows are marked is_demo where the table has the column. Times are Zhanjiang working
 * hours; nothing that happened is dated in the future.
 */

export const DEMO_EVENT_TITLES = {
  held: '湛江市绿色低碳项目银企融资对接会（演示）',
  upcoming: '海洋经济与新能源绿色项目银企对接会（演示）',
  showcase: '红树林碳汇与蓝色金融产品推介会（演示）',
} as const;

// ---------------------------------------------------------------- what the demo says

/** Credit officers at the desks of each demo institution (DEMO_BANKS order; invented names). */
const OFFICERS: RegistrationOfficer[][] = [
  [
    { name: '林海峰', title: '公司金融部客户经理' },
    { name: '陈晓雯', title: '绿色金融事业部产品经理' },
  ],
  [
    { name: '黄志坚', title: '公司业务部副经理' },
    { name: '吴嘉欣', title: '投资银行部债券承销经理' },
  ],
  [
    { name: '梁俊辉', title: '公司业务部客户经理' },
    { name: '莫晓琳', title: '绿色金融部产品经理' },
  ],
  [{ name: '何振宇', title: '公司业务部客户经理' }],
  [{ name: '庞德明', title: '普惠金融部客户经理' }],
  [{ name: '蔡丽娟', title: '环境责任险事业部业务经理' }],
];

/** Who comes for each demo enterprise (DEMO_ENTERPRISES order; invented names). */
const ENTERPRISE_CONTACTS = [
  '陈建国（总经理）', '李志远（财务总监）', '吴晓峰（总经理）', '黄丽萍（融资部经理）', '梁文涛（财务经理）',
  '邓秀英（总经理）', '杨海生（总经理）', '周国强（副总经理）', '林振华（财务总监）', '蔡永康（总经理）',
  '郑伟明（财务经理）', '许晓东（总经理）', '冯桂兰（总经理）', '谭志勇（技术总监）', '钟国平（财务总监）',
  '罗建华（副总经理）', '韦小红（财务经理）', '潘德胜（总经理）', '叶美玲（厂长）', '朱永生（财务经理）',
];

/** A wish to meet between a demo enterprise (DEMO_ENTERPRISES index) and a demo institution (DEMO_BANKS index). */
interface PairSpec {
  e: number;
  b: number;
  /** Who asked: the enterprise, the institution, or both (a mutual wish: two requests). */
  by: 'E' | 'B' | 'both';
  must: boolean;
  /** DEMO_NEEDS indexes to discuss, the first still open being named. */
  needs: number[];
  /** The target's answer (default accepted). */
  status?: MeetingRequestStatus.PENDING | MeetingRequestStatus.DECLINED;
  message?: string;
  /** Held event: the bank's result (default 继续跟进) and note. */
  result?: MeetingResult.NO_INTEREST | MeetingResult.FOLLOW_UP;
  note?: string;
}

interface EventPlan {
  banks: { b: number; desks: number }[];
  enterprises: number[];
  pairs: PairSpec[];
  /** Slots (1-based) an organisation cannot attend. */
  away: { e?: number; b?: number; slots: number[] }[];
}

/** The 对接会 held about two months ago. */
const HELD: EventPlan & { noShows: number[] } = {
  banks: [
    { b: 0, desks: 2 },
    { b: 1, desks: 2 },
    { b: 2, desks: 2 },
    { b: 3, desks: 1 },
    { b: 4, desks: 1 },
    { b: 5, desks: 1 },
  ],
  enterprises: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 13, 14, 15, 16, 17, 18],
  /** Registered, never came. */
  noShows: [7, 18],
  pairs: [
    { e: 0, b: 2, by: 'both', must: true, needs: [2, 0] },
    { e: 0, b: 5, by: 'E', must: false, needs: [1], note: '碳汇指数保险须按修复面积和碳汇计量结果测算费率，会后提供方案（演示）' },
    { e: 0, b: 4, by: 'E', must: false, needs: [0], result: MeetingResult.NO_INTEREST, note: '单户额度超出本行小微绿色信用贷上限，建议对接大中型银行（演示）' },
    { e: 1, b: 0, by: 'both', must: true, needs: [3], note: '项目已报总行重点项目库，拟牵头组建银团，待核准文件齐备后启动评审（演示）' },
    { e: 1, b: 1, by: 'E', must: true, needs: [4], note: '发行蓝色债券须先完成主体信用评级，约定两周内再议发行方案（演示）' },
    { e: 1, b: 3, by: 'E', must: false, needs: [5], status: MeetingRequestStatus.DECLINED, message: '储能电站设备融资租赁，希望了解贵行合作租赁公司（演示）' },
    { e: 2, b: 0, by: 'E', must: true, needs: [6], note: '拟以电费收益权质押，待企业提供屋顶租赁协议后出具授信方案（演示）' },
    { e: 3, b: 1, by: 'both', must: true, needs: [7], note: '项目已取得二星级绿色建筑设计标识，须补充预售资金监管安排（演示）' },
    { e: 3, b: 5, by: 'B', must: false, needs: [8], note: '绿色建筑性能保险已初步沟通，待设计评价报告后报价（演示）' },
    { e: 4, b: 3, by: 'E', must: true, needs: [10] },
    { e: 4, b: 0, by: 'E', must: false, needs: [11], result: MeetingResult.NO_INTEREST, note: '需求为设备融资租赁，本行暂不开展，建议对接金融租赁公司（演示）' },
    { e: 5, b: 3, by: 'E', must: false, needs: [12] },
    { e: 5, b: 4, by: 'E', must: true, needs: [12] },
    { e: 6, b: 4, by: 'both', must: true, needs: [14] },
    { e: 6, b: 2, by: 'E', must: false, needs: [14] },
    { e: 7, b: 0, by: 'E', must: true, needs: [16], message: '以可再生能源电价补贴收益权质押融资（演示）' },
    { e: 8, b: 2, by: 'E', must: true, needs: [17] },
    { e: 8, b: 1, by: 'E', must: false, needs: [17] },
    { e: 9, b: 2, by: 'E', must: false, needs: [18] },
    { e: 9, b: 5, by: 'B', must: false, needs: [18], result: MeetingResult.NO_INTEREST, note: '人工鱼礁投放项目暂无适配的保险产品（演示）' },
    { e: 10, b: 3, by: 'E', must: true, needs: [19] },
    { e: 13, b: 0, by: 'E', must: false, needs: [21] },
    { e: 13, b: 3, by: 'E', must: false, needs: [21], result: MeetingResult.NO_INTEREST, note: '节能收益权质押暂不符合本行准入要求（演示）' },
    { e: 14, b: 2, by: 'E', must: true, needs: [22], note: '建议将融资租赁改为绿色交通贷，企业回去研究测算（演示）' },
    { e: 15, b: 0, by: 'both', must: true, needs: [23] },
    { e: 15, b: 3, by: 'E', must: false, needs: [23] },
    { e: 16, b: 1, by: 'E', must: false, needs: [24], status: MeetingRequestStatus.DECLINED },
    { e: 16, b: 3, by: 'E', must: false, needs: [24] },
    { e: 17, b: 4, by: 'E', must: false, needs: [25] },
    { e: 18, b: 4, by: 'E', must: true, needs: [26] },
  ],
  away: [{ e: 1, slots: [7, 8] }],
};

/** Notes of meetings that go on (继续跟进), in turn. */
const FOLLOW_UP_NOTES = [
  '已约定下周上门尽调，企业补充近两年财务报表（演示）',
  '初步符合准入条件，待项目环评批复后启动授信（演示）',
  '企业须补充项目可研报告及碳减排量测算（演示）',
  '拟与企业现有合作银行联合授信，继续沟通（演示）',
];

/**
 * Letters of intent signed at the held event, in order of preference: the first four whose need is
 * still open are signed (the demo pipeline may already hold some needs). Amounts in 万元.
 */
const HELD_INTENTS: { e: number; b: number; needs: { need: number; amount: string }[]; ceremony: boolean; note: string }[] = [
  { e: 0, b: 2, needs: [{ need: 2, amount: '1500.00' }, { need: 0, amount: '3000.00' }], ceremony: true, note: '红树林生态修复项目贷款，以碳汇收益权质押（演示）' },
  { e: 15, b: 0, needs: [{ need: 23, amount: '12000.00' }], ceremony: true, note: '烧结余热发电项目能源效率贷款，拟申报碳减排支持工具（演示）' },
  { e: 8, b: 2, needs: [{ need: 17, amount: '3000.00' }], ceremony: false, note: '港区岸电设施建设贷款（演示）' },
  { e: 5, b: 3, needs: [{ need: 12, amount: '1600.00' }], ceremony: false, note: '空气源热泵替代燃煤锅炉节能改造贷款（演示）' },
  { e: 4, b: 3, needs: [{ need: 10, amount: '2000.00' }], ceremony: false, note: '预制菜上游供应商应收账款融资（演示）' },
  { e: 6, b: 4, needs: [{ need: 14, amount: '500.00' }], ceremony: false, note: '养殖尾水治理小微绿色信用贷款（演示）' },
];

/** Where each signed intent's case stands two months on (by position among the intents signed). */
interface FollowUp {
  to: CaseState;
  approvedPercent?: bigint;
  ratePercent?: string;
  termMonths?: number;
  /** Tranches as shares of the approval, days after the event. */
  tranches?: { percent: bigint; afterDays: number }[];
  fundCheckAfterDays?: number;
}
const FOLLOW_UPS: FollowUp[] = [
  { to: CaseState.DISBURSED, approvedPercent: 100n, ratePercent: '3.30', termMonths: 96, tranches: [{ percent: 60n, afterDays: 36 }, { percent: 40n, afterDays: 51 }], fundCheckAfterDays: 20 },
  { to: CaseState.APPROVED, approvedPercent: 85n, ratePercent: '3.05', termMonths: 96 },
  { to: CaseState.UNDER_REVIEW },
  { to: CaseState.IN_CONTACT },
];
const LADDER = [CaseState.ACCEPTED, CaseState.IN_CONTACT, CaseState.UNDER_REVIEW, CaseState.APPROVED, CaseState.DISBURSED];

/**
 * The states, approval, tranches and fund-use check of an intent's case as FOLLOW_UPS plans them:
 * the bank's steps a week apart after the signing, tranches and the check on working days after
 * the event, by yesterday at the latest.
 */
function followUpCase(plan: FollowUp | undefined, intentAmount: string, eventDay: string, today: string, cal: DemoCalendar): Pick<DemoEventCase, 'path' | 'comments' | 'approved' | 'tranches' | 'fundUseCheck' | 'stepDays'> {
  if (!plan) return { path: [CaseState.ACCEPTED] };
  const path = LADDER.slice(0, LADDER.indexOf(plan.to) + 1);
  const approved = plan.approvedPercent ? roundAmount((toScaled(intentAmount) * plan.approvedPercent) / 100n) : null;
  const yesterday = addDays(today, -1);
  const dated = (afterDays: number) => cal.onOrBefore(addDays(eventDay, afterDays) < yesterday ? addDays(eventDay, afterDays) : yesterday);
  const shares = (plan.tranches ?? []).map((t) => roundAmount((approved! * t.percent) / 100n));
  const tranches = (plan.tranches ?? []).map((t, i, all) => {
    const units = i === all.length - 1 ? approved! - shares.slice(0, i).reduce((s, x) => s + x, 0n) : shares[i];
    return { amount: fromScaled(units), on: dated(t.afterDays), note: i === 0 ? `首笔放款${fromScaled(units)}万元（演示）` : `第${i + 1}笔放款（演示）` };
  });
  return {
    path,
    stepDays: 7,
    comments: {
      [CaseState.IN_CONTACT]: '已上门走访企业，收集授信资料（演示）',
      [CaseState.UNDER_REVIEW]: '授信材料齐全，已报分行审批（演示）',
      ...(approved ? { [CaseState.APPROVED]: `分行审批通过，授信${fromScaled(approved)}万元（演示）` } : {}),
    },
    approved: approved && plan.ratePercent && plan.termMonths ? { amount: fromScaled(approved), rate: plan.ratePercent, term: plan.termMonths } : undefined,
    tranches: tranches.length ? tranches : undefined,
    fundUseCheck: plan.fundCheckAfterDays && plan.tranches?.length ? { on: dated(plan.tranches[0].afterDays + plan.fundCheckAfterDays), result: FundUseResult.AS_AGREED } : undefined,
  };
}

/** The 对接会 open for registration, about three weeks ahead. */
const UPCOMING: EventPlan & { invited: number[] } = {
  banks: [
    { b: 0, desks: 2 },
    { b: 1, desks: 1 },
    { b: 2, desks: 2 },
    { b: 4, desks: 1 },
    { b: 5, desks: 1 },
  ],
  enterprises: [1, 0, 9, 6, 11, 12],
  invited: [0, 1, 2, 6, 7, 8, 9, 11, 12],
  pairs: [
    { e: 1, b: 0, by: 'E', must: true, needs: [3], message: '30万千瓦海上风电项目贷款，希望了解碳减排支持工具（演示）' },
    { e: 1, b: 1, by: 'both', must: true, needs: [4] },
    { e: 0, b: 5, by: 'E', must: true, needs: [1] },
    { e: 0, b: 2, by: 'B', must: false, needs: [0, 2] },
    { e: 9, b: 2, by: 'E', must: false, needs: [18] },
    { e: 9, b: 5, by: 'E', must: false, needs: [18], status: MeetingRequestStatus.PENDING },
    { e: 11, b: 2, by: 'E', must: true, needs: [20] },
    { e: 11, b: 4, by: 'E', must: false, needs: [20], status: MeetingRequestStatus.DECLINED },
    { e: 6, b: 4, by: 'E', must: false, needs: [14], status: MeetingRequestStatus.PENDING },
    { e: 12, b: 4, by: 'E', must: false, needs: [], status: MeetingRequestStatus.PENDING, message: '菠萝种植基地水肥一体化设备采购，拟申请信用贷款（演示）' },
  ],
  away: [
    { b: 1, slots: [11, 12] },
    { e: 9, slots: [1, 2] },
  ],
};

const SHOWCASE_INVITED = [0, 1, 6, 9, 11, 12];

// ---------------------------------------------------------------- time in Zhanjiang (UTC+8, no daylight saving)

const DAY_MS = 86_400_000;
/** `date` at hh:mm in Zhanjiang, plus minutes. */
const at = (date: string, hm: string, plusMinutes = 0) => new Date(Date.parse(`${date}T${hm}:00+08:00`) + plusMinutes * 60_000);
const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();
const minutes = (d: Date, n: number) => new Date(d.getTime() + n * 60_000);
/** Office hours to spread things people did over a day. */
const OFFICE_TIMES = ['09:12', '09:47', '10:26', '11:05', '11:38', '14:41', '15:16', '15:53', '16:29', '17:04'];

/** Working days of the city's calendar (weekends, holidays and make-up days). */
export class DemoCalendar {
  constructor(private readonly overrides: CalendarOverrides) {}

  working(date: string): boolean {
    return isWorkingDay(date, this.overrides);
  }

  /** A public holiday (not a working day, not an ordinary weekend). */
  holiday(date: string): boolean {
    return !this.working(date) && ![0, 6].includes(weekday(date));
  }

  /** The first Tuesday–Thursday working day on or after `date`, not the first day back from a holiday: events are held mid-week. */
  midweekFrom(date: string): string {
    let d = date;
    while (![2, 3, 4].includes(weekday(d)) || !this.working(d) || this.holiday(addDays(d, -1))) d = addDays(d, 1);
    return d;
  }

  /** `n` working days before `date`. */
  before(date: string, n: number): string {
    let d = date;
    for (let left = n; left > 0; ) {
      d = addDays(d, -1);
      if (this.working(d)) left--;
    }
    return d;
  }

  /** `n` working days after `date`. */
  after(date: string, n: number): string {
    let d = date;
    for (let left = n; left > 0; ) {
      d = addDays(d, 1);
      if (this.working(d)) left--;
    }
    return d;
  }

  /** The working day on or before `date`. */
  onOrBefore(date: string): string {
    let d = date;
    while (!this.working(d)) d = addDays(d, -1);
    return d;
  }
}

/** The `i`-th moment of office hours over `days`, in order. */
const officeMoment = (days: string[], i: number, count: number) => {
  const day = days[Math.min(days.length - 1, Math.floor((i * days.length) / Math.max(1, count)))];
  return at(day, OFFICE_TIMES[(i * 3) % OFFICE_TIMES.length]);
};

/** The working days from `from` to `to`, both included. */
function workingDays(cal: DemoCalendar, from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) if (cal.working(d)) out.push(d);
  return out.length ? out : [cal.onOrBefore(to)];
}

// ---------------------------------------------------------------- what the database holds

interface DemoOrg {
  id: string;
  name: string;
  actor: Actor | null;
}

interface DemoNeedRow {
  id: string;
  enterpriseOrgId: string;
  status: string;
  /** In the library (its project listed): only such a need can reach a bank (and an intent's case). */
  listed: boolean;
}

export interface DemoContext {
  bureau: { id: string; actor: Actor };
  units: Map<string, { id: string; name: string }>;
  /** By DEMO_BANKS index. */
  banks: (DemoOrg | undefined)[];
  /** By DEMO_ENTERPRISES index. */
  enterprises: (DemoOrg | undefined)[];
  /** By DEMO_NEEDS index. */
  needs: (DemoNeedRow | undefined)[];
}

const UNIT_CODES = ['finance-bureau', 'pbc-zhanjiang', 'nfra-zhanjiang', 'natural-resources', 'county-440825', 'county-440882'];

/** The demo organisations, their first users (as actors), the units and the demo needs; null without demo organisations. */
export async function readDemoContext(m: EntityManager): Promise<DemoContext | null> {
  const units = new Map<string, { id: string; name: string }>(
    ((await m.query(`SELECT id, name, unit_code FROM organizations WHERE unit_code = ANY($1::text[])`, [UNIT_CODES])) as { id: string; name: string; unit_code: string }[]).map((u) => [
      u.unit_code,
      { id: u.id, name: u.name },
    ]),
  );
  const bureauOrg = units.get('finance-bureau');
  if (!bureauOrg) return null;
  const orgs: { id: string; name: string; type: OrgType }[] = await m.query(`SELECT id, name, type FROM organizations WHERE is_demo AND name = ANY($1::text[])`, [
    [...DEMO_BANKS.map((b) => b.name), ...DEMO_ENTERPRISES.map((e) => e.name)],
  ]);
  if (!orgs.length) return null;
  const users: { id: string; email: string; role: Role; organization_id: string }[] = await m.query(
    `SELECT id, email, role, organization_id FROM users WHERE organization_id = ANY($1::uuid[]) ORDER BY created_at, id`,
    [[...orgs.map((o) => o.id), bureauOrg.id]],
  );
  const actorOf = (orgId: string, role: Role, type: OrgType): Actor | null => {
    const u = users.find((x) => x.organization_id === orgId && x.role === role);
    return u ? { userId: u.id, email: u.email, role, organizationId: orgId, organizationType: type } : null;
  };
  const [bureauUser]: { id: string; email: string }[] = await m.query(
    `SELECT id, email FROM users WHERE organization_id = $1 AND role = $2 ORDER BY (display_name LIKE '%（演示）') DESC, created_at, id LIMIT 1`,
    [bureauOrg.id, Role.BUREAU],
  );
  const org = (name: string, role: Role, type: OrgType): DemoOrg | undefined => {
    const o = orgs.find((x) => x.name === name && x.type === type);
    return o ? { id: o.id, name: o.name, actor: actorOf(o.id, role, type) } : undefined;
  };
  const enterprises = DEMO_ENTERPRISES.map((e) => org(e.name, Role.ENTERPRISE, OrgType.ENTERPRISE));
  const needRows: { id: string; enterprise_org_id: string; purpose: string; status: string; listed: boolean }[] = await m.query(
    `SELECT n.id, n.enterprise_org_id, n.purpose, n.status, ${needListedSql('n')} AS listed FROM financing_needs n WHERE n.is_demo ORDER BY n.created_at, n.id`,
  );
  const needs = DEMO_NEEDS.map((n) => {
    const owner = enterprises[DEMO_PROJECTS[n.projectIndex].enterpriseIndex];
    const row = owner && needRows.find((r) => r.enterprise_org_id === owner.id && r.purpose === n.purpose);
    return row ? { id: row.id, enterpriseOrgId: row.enterprise_org_id, status: row.status, listed: row.listed } : undefined;
  });
  return {
    bureau: {
      id: bureauOrg.id,
      actor: bureauUser
        ? { userId: bureauUser.id, email: bureauUser.email, role: Role.BUREAU, organizationId: bureauOrg.id, organizationType: OrgType.GOVERNMENT_UNIT }
        : SYSTEM_ACTOR,
    },
    units,
    banks: DEMO_BANKS.map((b) => org(b.name, Role.BANK, OrgType.FINANCIAL_INSTITUTION)),
    enterprises,
    needs,
  };
}

async function demoEventsExist(m: EntityManager): Promise<boolean> {
  return (await m.query(`SELECT 1 FROM events WHERE is_demo LIMIT 1`)).length > 0;
}

/** Matching scores of the planned pairs: `${enterpriseOrgId}/${bankOrgId}/${needId}` → 0–100. */
export type PairScores = Map<string, number>;
const scoreKey = (enterpriseOrgId: string, bankOrgId: string, needId: string) => `${enterpriseOrgId}/${bankOrgId}/${needId}`;

// ---------------------------------------------------------------- writing the rows (inside one transaction)

export interface EventsDemoDeps {
  notifications: NotificationsService;
  audit: AuditService;
  calendar: DemoCalendar;
  now?: Date;
}

interface EventRow {
  type: EventType;
  title: string;
  startsAt: Date;
  endsAt: Date;
  venue: string;
  description: string;
  status: EventStatus;
  statusNote?: string | null;
  capacity?: number | null;
  registrationDeadline?: Date | null;
  coOrganizerOrgIds: string[];
  agenda: EventAgendaItem[];
  publishedAt: Date;
  schedulePublishedAt?: Date | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

async function insertEvent(m: EntityManager, ctx: DemoContext, e: EventRow): Promise<string> {
  const [row] = await m.query(
    `INSERT INTO events (type, title, starts_at, ends_at, venue, description, status, status_note, organizer_org_id, created_by_user_id, capacity,
       registration_deadline, requires_approval, is_public, co_organizer_org_ids, agenda, published_at, schedule_published_at, is_demo, version, created_at, updated_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,false,true,$13::uuid[],$14::jsonb,$15,$16,true,$17,$18,$19) RETURNING id`,
    [
      e.type,
      e.title,
      e.startsAt,
      e.endsAt,
      e.venue,
      e.description,
      e.status,
      e.statusNote ?? null,
      ctx.bureau.id,
      ctx.bureau.actor === SYSTEM_ACTOR ? null : ctx.bureau.actor.userId,
      e.capacity ?? null,
      e.registrationDeadline ?? null,
      e.coOrganizerOrgIds,
      JSON.stringify(e.agenda),
      e.publishedAt,
      e.schedulePublishedAt ?? null,
      e.version,
      e.createdAt,
      e.updatedAt,
    ],
  );
  return row.id as string;
}

const agendaItem = (date: string, from: string, to: string, title: string, speaker: string | null = null): EventAgendaItem => ({
  startsAt: at(date, from).toISOString(),
  endsAt: at(date, to).toISOString(),
  title,
  speaker,
});

async function invite(m: EntityManager, eventId: string, orgIds: (string | undefined)[], invitedAt: Date) {
  for (const id of new Set(orgIds.filter((x): x is string => !!x))) {
    await m.query(`INSERT INTO event_invitations (event_id, organization_id, invited_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [eventId, id, invitedAt]);
  }
}

interface RegistrationRow {
  organizationId: string;
  desks: number | null;
  officers: RegistrationOfficer[];
  needIds: string[];
  contactName: string;
  at: Date;
  registeredBy: Actor | null;
  checkedInAt?: Date | null;
  checkedInBy?: string | null;
}

async function insertRegistration(m: EntityManager, eventId: string, r: RegistrationRow): Promise<string> {
  const [row] = await m.query(
    `INSERT INTO event_registrations (event_id, organization_id, status, desks, officers, need_ids, contact_name, contact_phone, check_in_code, checked_in_at,
       checked_in_by_user_id, registered_by_user_id, is_demo, version, created_at, updated_at)
     VALUES ($1,$2,$3,$4,$5::jsonb,$6::uuid[],$7,NULL,$8,$9,$10,$11,true,$12,$13,$14) RETURNING id`,
    [
      eventId,
      r.organizationId,
      RegistrationStatus.REGISTERED,
      r.desks,
      JSON.stringify(r.officers),
      r.needIds,
      r.contactName,
      newCheckInCode(),
      r.checkedInAt ?? null,
      r.checkedInAt ? (r.checkedInBy ?? null) : null,
      r.registeredBy?.userId ?? null,
      r.checkedInAt ? 2 : 1,
      r.at,
      r.checkedInAt ?? r.at,
    ],
  );
  return row.id as string;
}

/** A planned pair resolved against the database: the organisations and the need named. */
interface ResolvedPair {
  spec: PairSpec;
  enterprise: DemoOrg;
  bank: DemoOrg;
  needId: string | null;
}

function resolvePairs(ctx: DemoContext, plan: EventPlan, needOf: (p: PairSpec) => string | null): ResolvedPair[] {
  const inEvent = (p: PairSpec) => plan.enterprises.includes(p.e) && plan.banks.some((b) => b.b === p.b);
  const out: ResolvedPair[] = [];
  for (const spec of plan.pairs) {
    const enterprise = ctx.enterprises[spec.e];
    const bank = ctx.banks[spec.b];
    if (!enterprise || !bank || !inEvent(spec)) continue;
    out.push({ spec, enterprise, bank, needId: needOf(spec) });
  }
  return out;
}

/** The first of the pair's needs in one of `statuses` (and not excluded). */
function firstNeed(ctx: DemoContext, spec: PairSpec, statuses: string[], exclude: Set<string> = new Set()): string | null {
  for (const n of spec.needs) {
    const need = ctx.needs[n];
    if (need && statuses.includes(need.status) && !exclude.has(need.id)) return need.id;
  }
  return null;
}

/** The requests of the pairs: made after both registered, answered a working day later (pending ones not yet). */
async function insertRequests(
  m: EntityManager,
  eventId: string,
  pairs: ResolvedPair[],
  scores: PairScores,
  when: (i: number) => { created: Date; answered: Date },
): Promise<void> {
  let i = 0;
  for (const p of pairs) {
    const score = p.needId ? (scores.get(scoreKey(p.enterprise.id, p.bank.id, p.needId)) ?? null) : null;
    const directions: ('E' | 'B')[] = p.spec.by === 'both' ? ['E', 'B'] : [p.spec.by];
    for (const dir of directions) {
      const [requester, target] = dir === 'E' ? [p.enterprise, p.bank] : [p.bank, p.enterprise];
      const status = p.spec.status ?? MeetingRequestStatus.ACCEPTED;
      const t = when(i++);
      const answered = status !== MeetingRequestStatus.PENDING;
      await m.query(
        `INSERT INTO event_meeting_requests (event_id, requester_org_id, target_org_id, enterprise_org_id, bank_org_id, priority, status, need_id, score, message,
           created_by_user_id, responded_by_user_id, responded_at, created_at, updated_at)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15)`,
        [
          eventId,
          requester.id,
          target.id,
          p.enterprise.id,
          p.bank.id,
          p.spec.must ? MeetingPriority.MUST : MeetingPriority.NICE,
          status,
          p.needId,
          score,
          dir === 'E' || p.spec.by === 'B' ? (p.spec.message ?? null) : null,
          requester.actor?.userId ?? null,
          answered ? (target.actor?.userId ?? null) : null,
          answered ? t.answered : null,
          t.created,
          answered ? t.answered : t.created,
        ],
      );
    }
  }
}

async function insertSlots(m: EntityManager, eventId: string, date: string, starts: string[], minutesEach: number): Promise<string[]> {
  const ids: string[] = [];
  for (const s of starts) {
    const [row] = await m.query(`INSERT INTO event_slots (event_id, starts_at, ends_at) VALUES ($1, $2, $3) RETURNING id`, [eventId, at(date, s), at(date, s, minutesEach)]);
    ids.push(row.id);
  }
  return ids;
}

async function insertAway(m: EntityManager, ctx: DemoContext, eventId: string, plan: EventPlan, slotIds: string[]) {
  for (const a of plan.away) {
    const orgId = a.e !== undefined ? ctx.enterprises[a.e]?.id : a.b !== undefined ? ctx.banks[a.b]?.id : undefined;
    if (!orgId) continue;
    for (const n of a.slots) {
      if (slotIds[n - 1]) await m.query(`INSERT INTO event_unavailability (event_id, organization_id, slot_id) VALUES ($1, $2, $3)`, [eventId, orgId, slotIds[n - 1]]);
    }
  }
}

/** The enterprise's needs named in its requests (what it registered to discuss). */
const needsOfEnterprise = (pairs: ResolvedPair[], orgId: string) => [...new Set(pairs.filter((p) => p.enterprise.id === orgId && p.needId).map((p) => p.needId!))].slice(0, 10);

// ---------------------------------------------------------------- the held event

interface SignedIntent {
  spec: (typeof HELD_INTENTS)[number];
  enterprise: DemoOrg;
  bank: DemoOrg;
  needId: string;
  amount: string;
}

async function seedHeldEvent(m: EntityManager, deps: EventsDemoDeps, ctx: DemoContext, scores: PairScores, today: string): Promise<string> {
  const cal = deps.calendar;
  const day = cal.midweekFrom(addDays(today, -60));
  const noShow = new Set(HELD.noShows.map((e) => ctx.enterprises[e]?.id).filter(Boolean));

  // The intents first: they decide which need each pair discussed.
  const intents: SignedIntent[] = [];
  for (const spec of HELD_INTENTS) {
    if (intents.length >= FOLLOW_UPS.length) break;
    const enterprise = ctx.enterprises[spec.e];
    const bank = ctx.banks[spec.b];
    if (!enterprise || !bank || noShow.has(enterprise.id) || !HELD.enterprises.includes(spec.e)) continue;
    const option = spec.needs.find((o) => ctx.needs[o.need]?.status === 'OPEN' && ctx.needs[o.need]?.listed && !intents.some((i) => i.needId === ctx.needs[o.need]!.id));
    if (!option) continue;
    intents.push({ spec, enterprise, bank, needId: ctx.needs[option.need]!.id, amount: option.amount });
  }
  const intentOf = (enterpriseId: string, bankId: string) => intents.find((i) => i.enterprise.id === enterpriseId && i.bank.id === bankId);
  const pairs = resolvePairs(ctx, HELD, (spec) => {
    const signed = intentOf(ctx.enterprises[spec.e]!.id, ctx.banks[spec.b]!.id);
    return signed ? signed.needId : firstNeed(ctx, spec, ['OPEN', 'IN_MATCHMAKING']);
  });

  // Timeline, in working days before the event day.
  const created = at(cal.before(day, 20), '10:30');
  const published = at(cal.before(day, 19), '15:00');
  const deadline = at(cal.before(day, 5), '18:00');
  const scheduled = at(cal.before(day, 3), '10:05');
  const schedulePublished = at(cal.before(day, 3), '16:30');
  const pbc = ctx.units.get('pbc-zhanjiang');
  const nfra = ctx.units.get('nfra-zhanjiang');
  const eventId = await insertEvent(m, ctx, {
    type: EventType.MATCHMAKING,
    title: DEMO_EVENT_TITLES.held,
    startsAt: at(day, '08:30'),
    endsAt: at(day, '12:30'),
    venue: '湛江市民大厦三楼多功能厅',
    description: '发布绿色项目库融资需求清单，银行保险机构推介绿色金融产品，银企一对一对接并现场签约（演示数据）',
    status: EventStatus.HELD,
    capacity: 80,
    registrationDeadline: deadline,
    coOrganizerOrgIds: [pbc?.id, nfra?.id].filter((x): x is string => !!x),
    agenda: [
      agendaItem(day, '08:30', '09:00', '政策宣讲：绿色金融支持政策与碳减排支持工具', pbc?.name ?? null),
      agendaItem(day, '09:00', '09:30', '产品推介：银行保险机构绿色金融产品', nfra ? `${nfra.name}（主持）` : null),
      agendaItem(day, '09:30', '12:10', '一对一对接（8轮，每轮20分钟）'),
      agendaItem(day, '12:10', '12:30', '签约仪式', '湛江市金融工作局'),
    ],
    publishedAt: published,
    schedulePublishedAt: schedulePublished,
    createdAt: created,
    updatedAt: at(day, '17:30'),
    version: 5,
  });
  await invite(m, eventId, [...ctx.banks.map((b) => b?.id), ...ctx.enterprises.map((e) => e?.id)], published);

  // Registrations: the institutions first, then the enterprises over two weeks; arrivals on the day.
  const regDays = workingDays(cal, cal.after(zhanjiangDate(published), 1), cal.before(day, 12));
  const checkedIn = new Set<string>();
  let arrival = 0;
  const checkIn = (orgId: string) => {
    if (noShow.has(orgId)) return null;
    checkedIn.add(orgId);
    return at(day, '07:50', arrival++ * 1.5);
  };
  const banks = HELD.banks.filter((x) => ctx.banks[x.b]);
  for (const [i, x] of banks.entries()) {
    const bank = ctx.banks[x.b]!;
    const officers = OFFICERS[x.b].slice(0, x.desks);
    await insertRegistration(m, eventId, {
      organizationId: bank.id,
      desks: x.desks,
      officers,
      needIds: [],
      contactName: officers[0]?.name ?? '客户经理',
      at: officeMoment(regDays.slice(0, 2), i, banks.length),
      registeredBy: bank.actor,
      checkedInAt: checkIn(bank.id),
      checkedInBy: ctx.bureau.actor.userId,
    });
  }
  const enterprises = HELD.enterprises.filter((e) => ctx.enterprises[e]);
  for (const [i, e] of enterprises.entries()) {
    const ent = ctx.enterprises[e]!;
    await insertRegistration(m, eventId, {
      organizationId: ent.id,
      desks: null,
      officers: [],
      needIds: needsOfEnterprise(pairs, ent.id),
      contactName: ENTERPRISE_CONTACTS[e],
      at: officeMoment(regDays, i, enterprises.length),
      registeredBy: ent.actor,
      checkedInAt: checkIn(ent.id),
      checkedInBy: ctx.bureau.actor.userId,
    });
  }

  // Requests a week after registration closed for most, answered the next working day.
  const requestDays = workingDays(cal, cal.before(day, 10), cal.before(day, 8));
  const requestCount = pairs.reduce((n, p) => n + (p.spec.by === 'both' ? 2 : 1), 0);
  await insertRequests(m, eventId, pairs, scores, (i) => {
    const createdAt = officeMoment(requestDays, i, requestCount);
    return { created: createdAt, answered: at(cal.after(zhanjiangDate(createdAt), 1), OFFICE_TIMES[(i * 7) % OFFICE_TIMES.length]) };
  });

  // Eight 20-minute slots from 09:30; the schedule solved three working days ahead and published.
  const slotIds = await insertSlots(m, eventId, day, ['09:30', '09:50', '10:10', '10:30', '10:50', '11:10', '11:30', '11:50'], 20);
  await insertAway(m, ctx, eventId, HELD, slotIds);
  const { instance } = await loadInstance(m, eventId);
  let result: ScheduleResult = await solveSchedule(instance, { timeLimitSeconds: 5 });
  if (validateSchedule(instance, result).length) result = greedySchedule(instance);
  const problems = validateSchedule(instance, result);
  if (problems.length) throw new Error(`demo schedule invalid: ${problems.slice(0, 3).join('; ')}`);
  const solveMs = Math.max(1, Math.round(result.solveMs));
  await m.query(
    `INSERT INTO event_schedule_runs (event_id, status, time_limit_seconds, method, objective, bound, quality, optimal, solve_ms, not_placed, requested_by_user_id, created_at, started_at, finished_at)
     VALUES ($1,$2,10,$3,$4::jsonb,$5::jsonb,$6,$7,$8,$9::jsonb,$10,$11,$12,$13)`,
    [
      eventId,
      ScheduleRunStatus.DONE,
      result.method,
      JSON.stringify(result.objective),
      JSON.stringify(result.bound),
      result.quality.toFixed(6),
      result.optimal,
      solveMs,
      JSON.stringify(result.notPlaced),
      ctx.bureau.actor === SYSTEM_ACTOR ? null : ctx.bureau.actor.userId,
      scheduled,
      minutes(scheduled, 0.02),
      new Date(scheduled.getTime() + 1200 + solveMs),
    ],
  );

  // The meetings with their outcomes: recorded by the bank at the end of the slot; confirmed by most enterprises the next day.
  const slotEnd = (slotId: string) => at(day, '09:30', 20 * (slotIds.indexOf(slotId) + 1));
  const requestNeeds = new Map<string, string | null>(
    ((await m.query(`SELECT id, need_id FROM event_meeting_requests WHERE event_id = $1`, [eventId])) as { id: string; need_id: string | null }[]).map((r) => [r.id, r.need_id]),
  );
  const nextDay = cal.after(day, 1);
  const ceremonyAt = (k: number) => at(day, '12:14', k * 4);
  const meetingOf = new Map<string, { id: string; recordedAt: Date }>();
  let held = 0;
  let followUps = 0;
  for (const [i, x] of [...result.meetings].sort((a, b) => slotIds.indexOf(a.slotId) - slotIds.indexOf(b.slotId) || a.bankId.localeCompare(b.bankId) || a.desk - b.desk).entries()) {
    const pair = pairs.find((p) => p.enterprise.id === x.enterpriseId && p.bank.id === x.bankId);
    const bothCame = checkedIn.has(x.enterpriseId) && checkedIn.has(x.bankId);
    const signed = bothCame ? intentOf(x.enterpriseId, x.bankId) : undefined;
    const ceremony = signed?.spec.ceremony ?? false;
    let outcome: MeetingResult | null = null;
    let note: string;
    if (!bothCame) note = checkedIn.has(x.enterpriseId) ? '金融机构未到场，会谈未举行（演示）' : '企业未到场，会谈未举行（演示）';
    else if (signed) {
      outcome = MeetingResult.INTENT;
      note = signed.spec.note;
    } else {
      outcome = pair?.spec.result ?? MeetingResult.FOLLOW_UP;
      note = pair?.spec.note ?? FOLLOW_UP_NOTES[followUps++ % FOLLOW_UP_NOTES.length];
    }
    if (bothCame) held++;
    const recordedBy = ceremony ? ctx.bureau.actor : (pair?.bank.actor ?? ctx.bureau.actor);
    const recordedAt = ceremony ? ceremonyAt(intents.indexOf(signed!)) : minutes(slotEnd(x.slotId), 2 + (i % 7));
    const confirmed = bothCame && i % 5 !== 4 ? at(nextDay, OFFICE_TIMES[i % OFFICE_TIMES.length]) : null;
    const [row] = await m.query(
      `INSERT INTO event_meetings (event_id, request_id, enterprise_org_id, bank_org_id, slot_id, desk, status, need_id, sequence, published_sequence,
         held, result, amount, outcome_note, outcome_at, outcome_by_user_id, enterprise_confirmed_at, enterprise_confirmed_by_user_id, created_by_user_id, version, created_at, updated_at)
       VALUES ($1,$2,$3,$4,$5,$6,'SCHEDULED',$7,0,0,$8,$9,$10,$11,$12,$13,$14,$15,NULL,$16,$17,$18) RETURNING id`,
      [
        eventId,
        x.requestId,
        x.enterpriseId,
        x.bankId,
        x.slotId,
        x.desk,
        requestNeeds.get(x.requestId) ?? null,
        bothCame,
        outcome,
        signed ? signed.amount : null,
        note,
        recordedAt,
        recordedBy.userId === SYSTEM_ACTOR.userId ? null : recordedBy.userId,
        confirmed,
        confirmed ? (pair?.enterprise.actor?.userId ?? null) : null,
        confirmed ? 3 : 2,
        new Date(scheduled.getTime() + 1200 + solveMs),
        confirmed ?? recordedAt,
      ],
    );
    meetingOf.set(`${x.enterpriseId}/${x.bankId}`, { id: row.id, recordedAt });
  }

  // The letters of intent, each with the case it opened and where the bank has taken it since
  // (FOLLOW_UPS), written by the cases module's demo writer with its timeline dated after the signing.
  const now = deps.now ?? new Date();
  for (const [k, signed] of intents.entries()) {
    const meeting = meetingOf.get(`${signed.enterprise.id}/${signed.bank.id}`);
    const meetingId = meeting?.id ?? null;
    const ceremony = signed.spec.ceremony || !meetingId;
    const actor = ceremony ? ctx.bureau.actor : (signed.bank.actor ?? ctx.bureau.actor);
    const system = actor.userId === SYSTEM_ACTOR.userId;
    const id = randomUUID();
    const signedAt = meeting?.recordedAt ?? ceremonyAt(k);
    const caseId = await seedDemoEventCase(m, {
      needId: signed.needId,
      bankOrgId: signed.bank.id,
      enterpriseOrgId: signed.enterprise.id,
      eventId,
      intentId: id,
      amount: signed.amount,
      signedAt,
      signedBy: { userId: system ? null : actor.userId, organizationId: system ? ctx.bureau.id : actor.organizationId },
      bankUserId: signed.bank.actor?.userId ?? null,
      comment: intentComment(signed.amount, DEMO_EVENT_TITLES.held, ceremony),
      ...followUpCase(FOLLOW_UPS[k], signed.amount, day, today, cal),
      now,
    });
    await m.query(
      `INSERT INTO event_intents (id, event_id, meeting_id, enterprise_org_id, bank_org_id, need_id, amount, ceremony, note, case_id, signed_at, created_by_user_id, created_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$11)`,
      [id, eventId, meetingId, signed.enterprise.id, signed.bank.id, signed.needId, signed.amount, ceremony, signed.spec.note, caseId, signedAt, system ? null : actor.userId],
    );
  }

  // What the bureau wrote when it marked the event held.
  const banksIn = banks.filter((x) => checkedIn.has(ctx.banks[x.b]!.id)).length;
  const enterprisesIn = enterprises.filter((e) => checkedIn.has(ctx.enterprises[e]!.id)).length;
  const amount = sumDecimal(intents.map((i) => i.amount));
  const note =
    `到会金融机构${banksIn}家、企业${enterprisesIn}家（报名企业${enterprises.length}家），举行一对一会谈${held}场，` +
    `现场签约意向${intents.length}项、意向金额${amount.replace(/\.00$/, '')}万元（演示）`;
  await m.query(`UPDATE events SET status_note = $2 WHERE id = $1`, [eventId, note]);
  return `${DEMO_EVENT_TITLES.held}: ${enterprises.length + banks.length} registrations, ${result.meetings.length} meetings (${held} held), ${intents.length} intents (${amount} 万元)`;
}

// ---------------------------------------------------------------- the event open for registration

async function seedUpcomingEvent(m: EntityManager, deps: EventsDemoDeps, ctx: DemoContext, scores: PairScores, today: string, signedNeeds: Set<string>): Promise<string> {
  const cal = deps.calendar;
  const day = cal.midweekFrom(addDays(today, 21));
  const pairs = resolvePairs(ctx, UPCOMING, (spec) => firstNeed(ctx, spec, ['OPEN', 'IN_MATCHMAKING'], signedNeeds));
  const xuwen = ctx.units.get('county-440825');
  const pbc = ctx.units.get('pbc-zhanjiang');
  const created = at(cal.before(today, 8), '10:20');
  const published = at(cal.before(today, 7), '15:00');
  const eventId = await insertEvent(m, ctx, {
    type: EventType.MATCHMAKING,
    title: DEMO_EVENT_TITLES.upcoming,
    startsAt: at(day, '09:00'),
    endsAt: at(day, '16:30'),
    venue: '徐闻县政务服务中心三楼会议厅',
    description: '聚焦海上风电、储能、海洋牧场、红树林保护修复等海洋经济与新能源绿色项目，组织银行保险机构与入库企业一对一对接（演示数据）',
    status: EventStatus.PUBLISHED,
    capacity: 60,
    registrationDeadline: at(cal.onOrBefore(addDays(day, -7)), '18:00'),
    coOrganizerOrgIds: [xuwen?.id, pbc?.id].filter((x): x is string => !!x),
    agenda: [
      agendaItem(day, '09:00', '09:20', '开幕致辞', xuwen?.name ?? null),
      agendaItem(day, '09:20', '09:50', '政策宣讲：海洋经济与新能源绿色金融支持政策', pbc?.name ?? null),
      agendaItem(day, '09:50', '10:20', '产品推介：海上风电、蓝色债券与碳汇金融产品', '各参会银行保险机构'),
      agendaItem(day, '10:30', '12:30', '一对一对接（上午6轮，每轮20分钟）'),
      agendaItem(day, '14:00', '16:00', '一对一对接（下午6轮，每轮20分钟）'),
      agendaItem(day, '16:00', '16:30', '签约仪式', '湛江市金融工作局'),
    ],
    publishedAt: published,
    createdAt: created,
    updatedAt: published,
    version: 2,
  });
  await invite(m, eventId, [...ctx.banks.map((b) => b?.id), ...UPCOMING.invited.map((e) => ctx.enterprises[e]?.id)], published);

  const regDays = workingDays(cal, cal.after(zhanjiangDate(published), 1), cal.before(today, 4));
  const orgs = [
    ...UPCOMING.banks.filter((x) => ctx.banks[x.b]).map((x) => ({ org: ctx.banks[x.b]!, desks: x.desks, officers: OFFICERS[x.b].slice(0, x.desks), contact: OFFICERS[x.b][0].name })),
    ...UPCOMING.enterprises.filter((e) => ctx.enterprises[e]).map((e) => ({ org: ctx.enterprises[e]!, desks: null, officers: [], contact: ENTERPRISE_CONTACTS[e] })),
  ];
  for (const [i, o] of orgs.entries()) {
    await insertRegistration(m, eventId, {
      organizationId: o.org.id,
      desks: o.desks,
      officers: o.officers,
      needIds: o.desks === null ? needsOfEnterprise(pairs, o.org.id) : [],
      contactName: o.contact,
      at: officeMoment(regDays, i, orgs.length),
      registeredBy: o.org.actor,
    });
  }
  // Requests over the last working days; the answers (where given) came before today.
  const requestDays = workingDays(cal, cal.before(today, 3), cal.before(today, 2));
  const requestCount = pairs.reduce((n, p) => n + (p.spec.by === 'both' ? 2 : 1), 0);
  await insertRequests(m, eventId, pairs, scores, (i) => {
    const createdAt = officeMoment(requestDays, i, requestCount);
    return { created: createdAt, answered: at(cal.before(today, 1), OFFICE_TIMES[(i * 7) % OFFICE_TIMES.length]) };
  });
  const slotIds = await insertSlots(m, eventId, day, ['10:30', '10:50', '11:10', '11:30', '11:50', '12:10', '14:00', '14:20', '14:40', '15:00', '15:20', '15:40'], 20);
  await insertAway(m, ctx, eventId, UPCOMING, slotIds);
  // Published: the registered and the invited are reminded a day and an hour ahead, as for any published event.
  await syncEventReminders(m, deps.notifications, await findEvent(m, eventId));
  return `${DEMO_EVENT_TITLES.upcoming}: ${orgs.length} registrations, ${requestCount} meeting requests, ${slotIds.length} slots`;
}

// ---------------------------------------------------------------- the product showcase

async function seedShowcase(m: EntityManager, deps: EventsDemoDeps, ctx: DemoContext, today: string): Promise<string> {
  const cal = deps.calendar;
  const day = cal.midweekFrom(addDays(today, 30));
  const leizhou = ctx.units.get('county-440882');
  const resources = ctx.units.get('natural-resources');
  const published = at(cal.before(today, 3), '11:00');
  const bankName = (b: number) => ctx.banks[b]?.name ?? DEMO_BANKS[b].name;
  const eventId = await insertEvent(m, ctx, {
    type: EventType.SHOWCASE,
    title: DEMO_EVENT_TITLES.showcase,
    startsAt: at(day, '14:30'),
    endsAt: at(day, '16:30'),
    venue: '雷州市政务服务中心报告厅',
    description: '推介生态修复贷、碳汇质押贷、红树林碳汇指数保险（演示数据）',
    status: EventStatus.PUBLISHED,
    capacity: 150,
    registrationDeadline: at(cal.before(day, 2), '18:00'),
    coOrganizerOrgIds: [leizhou?.id, resources?.id].filter((x): x is string => !!x),
    agenda: [
      agendaItem(day, '14:30', '14:40', '开场致辞', leizhou?.name ?? null),
      agendaItem(day, '14:40', '15:10', '红树林保护修复与碳汇开发政策解读', resources?.name ?? null),
      agendaItem(day, '15:10', '15:40', '产品推介：红树林生态修复贷、碳汇质押贷', bankName(2)),
      agendaItem(day, '15:40', '16:10', '产品推介：红树林碳汇指数保险', bankName(5)),
      agendaItem(day, '16:10', '16:30', '交流答疑'),
    ],
    publishedAt: published,
    createdAt: at(cal.before(today, 4), '16:10'),
    updatedAt: published,
    version: 2,
  });
  await invite(m, eventId, [...ctx.banks.map((b) => b?.id), ...SHOWCASE_INVITED.map((e) => ctx.enterprises[e]?.id)], published);
  await syncEventReminders(m, deps.notifications, await findEvent(m, eventId));
  return `${DEMO_EVENT_TITLES.showcase}: published`;
}

/**
 * Writes the three demo events inside the caller's transaction (the advisory lock of start-up held):
 * the held 对接会 with its intents and their cases (written by the cases module's demo writer, dated
 * after the signing), the one open for registration, and the showcase. Answers what it loaded;
 * nothing when demo events exist already.
 */
export async function seedEventsDemo(m: EntityManager, deps: EventsDemoDeps, ctx: DemoContext, scores: PairScores): Promise<string[]> {
  if (await demoEventsExist(m)) return [];
  const today = zhanjiangDate(deps.now ?? new Date());
  const loaded = [await seedHeldEvent(m, deps, ctx, scores, today)];
  const signed: { need_id: string }[] = await m.query(`SELECT i.need_id FROM event_intents i JOIN events e ON e.id = i.event_id WHERE e.is_demo`);
  loaded.push(await seedUpcomingEvent(m, deps, ctx, scores, today, new Set(signed.map((s) => s.need_id))));
  loaded.push(await seedShowcase(m, deps, ctx, today));
  await deps.audit.record(m, null, { action: 'system.seed_events_demo', entityType: 'system', after: { loaded } });
  return loaded;
}

// ---------------------------------------------------------------- the provider start-up calls

/**
 * Loads the events demo once (SetupService calls it after the start-up transaction committed the
 * demo organisations, needs and products): matching scores of the planned pairs are read first (the
 * matching index reads committed products), then the rows are written in one transaction under the
 * start-up advisory lock, the held event's intents with their cases as the pipeline has them two
 * months on (one disbursed in two tranches, one approved, one under review, one in contact), each
 * case's timeline dated between the signing and now.
 */
@Injectable()
export class EventsDemo {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly requests: MeetingRequestsService,
    private readonly workCalendar: WorkCalendarService,
  ) {}

  async load(now = new Date()): Promise<string[]> {
    if (await demoEventsExist(this.dataSource.manager)) return [];
    const first = await readDemoContext(this.dataSource.manager);
    if (!first) return [];
    const scores = await this.scores(first);
    const calendar = new DemoCalendar(await this.workCalendar.overrides());
    return this.dataSource.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock(7261002)');
      const ctx = await readDemoContext(m);
      return ctx ? seedEventsDemo(m, { notifications: this.notifications, audit: this.audit, calendar, now }, ctx, scores) : [];
    });
  }

  /** Matching scores of every planned pair and need (read outside any transaction). */
  private async scores(ctx: DemoContext): Promise<PairScores> {
    const out: PairScores = new Map();
    for (const spec of [...HELD.pairs, ...UPCOMING.pairs]) {
      const e = ctx.enterprises[spec.e];
      const b = ctx.banks[spec.b];
      if (!e || !b) continue;
      for (const n of spec.needs) {
        const need = ctx.needs[n];
        if (!need || out.has(scoreKey(e.id, b.id, need.id))) continue;
        const fit = await this.requests.pairFit(e.id, b.id, [need.id]);
        if (fit) out.set(scoreKey(e.id, b.id, need.id), fit.score);
      }
    }
    return out;
  }
}

/** An amount in 万元 (scaled, see toScaled) rounded down to a round figure: 100 万元 from 1000 万元 up, 10 万元 below. */
function roundAmount(units: bigint): bigint {
  const unit = units >= toScaled('1000') ? toScaled('100') : toScaled('10');
  const r = (units / unit) * unit;
  return r > 0n ? r : units;
}
