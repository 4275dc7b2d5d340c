import {
  CASE_ORIGIN_LABELS,
  CaseOrigin,
  CaseState,
  CaseView,
  EVENT_TYPE_LABELS,
  EventStatus,
  EventType,
  formatMeasure,
  WORKBENCH_ITEMS_PER_KIND,
  WorkbenchItem,
  WorkbenchItemKind,
  WorkbenchSection,
  WorkbenchSeverity,
} from '@zj/shared';
import { WORKBENCH_PATHS } from './workbench-paths';

/**
 * The home page's queue (issue 15) as plain functions: how a record becomes an item, how items are
 * ordered and capped. The service (workbench.service.ts) only gathers the records from the owning
 * modules' services.
 */

/** Calendar days from `from` to `to` (YYYY-MM-DD); negative when `to` is earlier. */
export function calendarDaysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The date in Zhanjiang (UTC+8 all year) of an instant. */
export function zhanjiangDay(iso: string | Date): string {
  return new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** YYYY-MM of the month before the one of `today` (YYYY-MM-DD). */
export function previousMonth(today: string): string {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** Overdue is danger; due today or tomorrow is a warning; otherwise the item's own severity. */
export function deadlineSeverity(daysLeft: number | null | undefined, overdue: boolean, otherwise: WorkbenchSeverity = 'info'): WorkbenchSeverity {
  if (overdue) return 'danger';
  if (daysLeft !== null && daysLeft !== undefined && daysLeft <= 1) return 'warning';
  return otherwise;
}

/** A deadline counted in calendar days from `today`. */
export function calendarDeadline(today: string, deadline: string): { deadline: string; daysLeft: number; overdue: boolean; workingDays: boolean } {
  const daysLeft = calendarDaysBetween(today, deadline);
  return { deadline, daysLeft, overdue: daysLeft < 0, workingDays: false };
}

const SEVERITY_ORDER: Record<WorkbenchSeverity, number> = { danger: 0, warning: 1, info: 2 };

/** Overdue first, then the nearest deadline, then the most severe; items without a deadline keep their order after. */
export function sortItems(items: WorkbenchItem[]): WorkbenchItem[] {
  return items
    .map((item, i) => ({ item, i }))
    .sort((a, b) => {
      const ao = a.item.overdue ? 0 : 1;
      const bo = b.item.overdue ? 0 : 1;
      if (ao !== bo) return ao - bo;
      const ad = a.item.deadline ?? '9999-12-31';
      const bd = b.item.deadline ?? '9999-12-31';
      if (ad !== bd) return ad < bd ? -1 : 1;
      const as = SEVERITY_ORDER[a.item.severity];
      const bs = SEVERITY_ORDER[b.item.severity];
      return as !== bs ? as - bs : a.i - b.i;
    })
    .map((x) => x.item);
}

/**
 * At most `limit` items of a kind that are one record each; the rest become one item ("还有 N 项")
 * pointing at the list page where they all are.
 */
export function capItems(items: WorkbenchItem[], more: { title: string; path: string }, limit = WORKBENCH_ITEMS_PER_KIND): WorkbenchItem[] {
  if (items.length <= limit) return items;
  const rest = items.slice(limit);
  const kind = items[0].kind;
  return [
    ...items.slice(0, limit),
    { kind, key: `${kind}:more`, title: `${more.title}（还有 ${rest.length} 项）`, count: rest.length, severity: rest.some((i) => i.overdue) ? 'danger' : 'info', path: more.path },
  ];
}

/** A section of to-dos, ordered; left out when empty. */
export function taskSection(key: string, title: string, items: WorkbenchItem[]): WorkbenchSection[] {
  return items.length ? [{ key, title, layout: 'tasks', items: sortItems(items) }] : [];
}

const wan = (amount: string | null | undefined) => (amount ? formatMeasure(amount, '万元') : '');
const needLine = (c: CaseView) => [c.projectName, `${wan(c.needAmount)} · ${c.needTermMonths}个月`].filter(Boolean).join(' · ');

/** A case with its working-day deadline (answer, or first contact) as an item. */
function caseDeadline(c: CaseView): Pick<WorkbenchItem, 'deadline' | 'daysLeft' | 'overdue' | 'workingDays'> {
  return { deadline: c.dueOn, daysLeft: c.workingDaysLeft, overdue: c.overdue, workingDays: true };
}

/** What a bank must do about one of its cases now, or null (ended, or nothing waits for the bank). */
export function bankCaseItem(c: CaseView): WorkbenchItem | null {
  if (c.state === CaseState.PENDING) {
    return {
      kind: WorkbenchItemKind.BANK_CASE_ANSWER,
      key: `${WorkbenchItemKind.BANK_CASE_ANSWER}:${c.id}`,
      title: `答复融资需求：${c.enterpriseName}`,
      detail: `${needLine(c)} · ${CASE_ORIGIN_LABELS[c.origin]}${c.productName ? `（${c.productName}）` : ''}`,
      count: 1,
      ...caseDeadline(c),
      severity: deadlineSeverity(c.workingDaysLeft, c.overdue, 'warning'),
      path: `/cases/${c.id}`,
    };
  }
  if (c.state === CaseState.ACCEPTED) {
    const kind = c.origin === CaseOrigin.EVENT ? WorkbenchItemKind.BANK_EVENT_INTENT : WorkbenchItemKind.BANK_CASE_CONTACT;
    return {
      kind,
      key: `${kind}:${c.id}`,
      title: c.origin === CaseOrigin.EVENT ? `跟进对接会签约意向：${c.enterpriseName}` : `首次联系企业：${c.enterpriseName}`,
      detail: `${needLine(c)} · 已受理，请按时联系企业并登记`,
      count: 1,
      ...caseDeadline(c),
      severity: deadlineSeverity(c.workingDaysLeft, c.overdue, 'info'),
      path: `/cases/${c.id}`,
    };
  }
  return null;
}

/** The next step of a bank's cases further on, by state: one item each with how many. */
const BANK_NEXT_STEP: Partial<Record<CaseState, string>> = {
  [CaseState.IN_CONTACT]: '对接洽谈中：提交授信审查或说明结果',
  [CaseState.UNDER_REVIEW]: '授信审查中：登记审查结果',
  [CaseState.APPROVED]: '已授信：登记放款',
};

export function bankCasesToMove(cases: CaseView[]): WorkbenchItem[] {
  const out: WorkbenchItem[] = [];
  for (const [state, title] of Object.entries(BANK_NEXT_STEP) as [CaseState, string][]) {
    const of = cases.filter((c) => c.state === state);
    if (!of.length) continue;
    out.push({
      kind: WorkbenchItemKind.BANK_CASES_TO_MOVE,
      key: `${WorkbenchItemKind.BANK_CASES_TO_MOVE}:${state}`,
      title,
      detail: of.length === 1 ? `${of[0].enterpriseName} · ${needLine(of[0])}` : of.slice(0, 3).map((c) => c.enterpriseName).join('、') + (of.length > 3 ? ' 等' : ''),
      count: of.length,
      severity: 'info',
      path: of.length === 1 ? `/cases/${of[0].id}` : WORKBENCH_PATHS.casesInState(state),
    });
  }
  return out;
}

/** What an enterprise must do (or should know) about one of its cases now, or null. */
export function enterpriseCaseItem(c: CaseView & { referable: boolean }): WorkbenchItem | null {
  if (c.referable) {
    return {
      kind: WorkbenchItemKind.ENTERPRISE_CASE_DECLINED,
      key: `${WorkbenchItemKind.ENTERPRISE_CASE_DECLINED}:${c.id}`,
      title: `${c.bankName}${c.state === CaseState.REJECTED ? '审查未通过' : '已婉拒'}：可转介其他金融机构`,
      detail: `${needLine(c)}${c.reasonText ? ` · ${c.reasonText}` : ''}`,
      count: 1,
      severity: 'warning',
      path: `/cases/${c.id}`,
    };
  }
  if (c.state === CaseState.APPROVED && !c.chosenAt) {
    return {
      kind: WorkbenchItemKind.ENTERPRISE_CASE_APPROVED,
      key: `${WorkbenchItemKind.ENTERPRISE_CASE_APPROVED}:${c.id}`,
      title: `查看授信方案：${c.bankName}`,
      detail: `授信 ${wan(c.approvedAmount)}${c.approvedRatePercent ? ` · 年利率${c.approvedRatePercent}%` : ''}${c.approvedTermMonths ? ` · ${c.approvedTermMonths}个月` : ''}，可选择此方案`,
      count: 1,
      severity: 'warning',
      path: `/cases/${c.id}`,
    };
  }
  if (c.state === CaseState.ACCEPTED) {
    return {
      kind: WorkbenchItemKind.ENTERPRISE_CASE_ACCEPTED,
      key: `${WorkbenchItemKind.ENTERPRISE_CASE_ACCEPTED}:${c.id}`,
      title: `${c.bankName}已受理，将与您联系`,
      detail: `${needLine(c)} · 您的联系方式已向该机构公开${c.dueOn ? `，其应在 ${c.dueOn} 前联系您` : ''}`,
      count: 1,
      severity: 'info',
      path: `/cases/${c.id}`,
    };
  }
  return null;
}

export interface UpcomingEvent {
  id: string;
  title: string;
  type: EventType;
  startsAt: string;
  registrationDeadline: string | null;
  status: EventStatus;
  invitedMe: boolean;
  myRegistration: { id: string; status: string } | null;
  registeredCount: number;
}

const LIVE_REGISTRATION = ['PENDING', 'REGISTERED', 'WAITLISTED'];

/**
 * An enterprise's or a bank's events: an invitation to answer (registration open, not registered),
 * or an event it registered for that is still to come. `lookahead` limits registered events.
 */
export function participantEventItem(e: UpcomingEvent, o: { today: string; now: Date; side: 'enterprise' | 'bank' }): WorkbenchItem | null {
  const registered = !!e.myRegistration && LIVE_REGISTRATION.includes(e.myRegistration.status);
  const start = zhanjiangDay(e.startsAt);
  if (new Date(e.startsAt).getTime() < o.now.getTime() && e.status !== EventStatus.IN_PROGRESS) return null;
  if (e.invitedMe && !registered && e.status === EventStatus.PUBLISHED) {
    const kind = o.side === 'bank' ? WorkbenchItemKind.BANK_EVENT_INVITED : WorkbenchItemKind.ENTERPRISE_EVENT_INVITED;
    const deadline = e.registrationDeadline ? zhanjiangDay(e.registrationDeadline) : start;
    const d = calendarDeadline(o.today, deadline);
    return {
      kind,
      key: `${kind}:${e.id}`,
      title: `报名参加：${e.title}`,
      detail: `${EVENT_TYPE_LABELS[e.type]} · ${start} 举行 · 您已受邀${e.registrationDeadline ? `，报名截止 ${deadline}` : ''}`,
      count: 1,
      ...d,
      severity: deadlineSeverity(d.daysLeft, d.overdue, 'info'),
      path: `/events/${e.id}`,
    };
  }
  if (registered) {
    const kind = o.side === 'bank' ? WorkbenchItemKind.BANK_EVENT_REGISTERED : WorkbenchItemKind.ENTERPRISE_EVENT_REGISTERED;
    const waiting = e.myRegistration!.status === 'PENDING' ? '（报名待审核）' : e.myRegistration!.status === 'WAITLISTED' ? '（候补）' : '';
    return {
      kind,
      key: `${kind}:${e.id}`,
      title: `${e.status === EventStatus.IN_PROGRESS ? '正在进行' : '即将参加'}：${e.title}${waiting}`,
      detail: `${EVENT_TYPE_LABELS[e.type]} · ${start} 举行，请查看议程与对接安排`,
      count: 1,
      ...calendarDeadline(o.today, start),
      overdue: false,
      severity: 'info',
      path: `/events/${e.id}/agenda`,
    };
  }
  return null;
}

/** The bureau's events: an event under way or started (mark it held), or one coming up. */
export function bureauEventItem(e: UpcomingEvent, o: { today: string; now: Date }): WorkbenchItem {
  const start = zhanjiangDay(e.startsAt);
  const started = new Date(e.startsAt).getTime() <= o.now.getTime();
  const key = `${WorkbenchItemKind.BUREAU_EVENT_LIVE}:${e.id}`;
  if (started) {
    return {
      kind: WorkbenchItemKind.BUREAU_EVENT_LIVE,
      key,
      title: `${e.status === EventStatus.IN_PROGRESS ? '进行中' : '已开始'}：${e.title}`,
      detail: `${EVENT_TYPE_LABELS[e.type]} · ${start} · 已报名 ${e.registeredCount} 家；结束后请标记为已结束并登记签约意向`,
      count: 1,
      // Dated on its day, so that it comes before the events still to come.
      deadline: start,
      daysLeft: null,
      overdue: false,
      severity: 'warning',
      path: `/events/${e.id}`,
    };
  }
  const d = calendarDeadline(o.today, start);
  return {
    kind: WorkbenchItemKind.BUREAU_EVENT_LIVE,
    key,
    title: `${e.status === EventStatus.DRAFT ? '待发布' : '即将举行'}：${e.title}`,
    detail: `${EVENT_TYPE_LABELS[e.type]} · ${start} · 已报名 ${e.registeredCount} 家`,
    count: 1,
    ...d,
    overdue: false,
    severity: e.status === EventStatus.DRAFT ? 'warning' : 'info',
    path: `/events/${e.id}`,
  };
}

/** The grade item: not graded yet, or what would raise it (the three largest gains), or null when nothing would. */
export function gradeItem(o: {
  current: { grade: string; gradeLabel: string; score: string } | null;
  now: { grade: string; gradeLabel: string; score: string } | null;
  gaps: { label: string; gain: number }[];
}): WorkbenchItem | null {
  const top = o.gaps.filter((g) => g.gain > 0).slice(0, 3);
  const list = top.map((g) => `${g.label}（+${g.gain}分）`).join('、');
  // One to-do (completing the profile), whatever the number of lines it names.
  const base = { kind: WorkbenchItemKind.ENTERPRISE_GRADE, key: WorkbenchItemKind.ENTERPRISE_GRADE, count: 1, path: '/my-enterprise' };
  if (!o.current) {
    return {
      ...base,
      title: top.length ? `完善以下 ${top.length} 项资料并计算绿色评级` : '计算绿色评级',
      detail: top.length ? `${list}；填写后在“企业资料”中计算评级，金融机构匹配产品时参考` : '资料已齐全，可在“企业资料”中计算绿色评级',
      severity: 'warning',
    };
  }
  if (!top.length) return null;
  return {
    ...base,
    title: `绿色评级 ${o.current.grade} · ${o.current.gradeLabel}（${o.current.score}分）：完善 ${top.length} 项可提高`,
    detail: list,
    severity: 'info',
  };
}
