import { CaseState, compareDecimal, formatDecimal, MEETING_RESULT_LABELS, MeetingResult, MeetingStatus, RegistrationStatus, sumDecimal, type EventOrgRef, type EventReport, type EventSlotView } from '@zj/shared';

/**
 * The rules of the day and after, as plain functions: what an outcome may say, how a result reads
 * in a notice, the slot under way, the desks still free, and the event report counted from its rows.
 */

export interface OutcomeInput {
  held: boolean;
  result?: MeetingResult | null;
  amount?: string | null;
}

export type OutcomeProblem = { field: 'result' | 'amount'; message: string };

/** What is wrong with an outcome (null when it is consistent): no result without a meeting; an amount with an intent only. */
export function outcomeProblem(o: OutcomeInput): OutcomeProblem | null {
  if (!o.held && o.result) return { field: 'result', message: '会谈未举行时不能登记会谈结果' };
  if (o.result === MeetingResult.INTENT && !o.amount) return { field: 'amount', message: '达成意向时须填写意向金额' };
  if (o.result !== MeetingResult.INTENT && o.amount) return { field: 'amount', message: '只有达成意向时填写意向金额' };
  return null;
}

/** The result as the enterprise's notice names it. */
export function resultLabel(held: boolean, result: MeetingResult | null): string {
  if (!held) return '会谈未举行';
  return result ? MEETING_RESULT_LABELS[result] : '会谈已举行';
}

/** '，意向金额500.00万元' for an intent, '' otherwise. */
export function amountPhrase(amount: string | null | undefined): string {
  return amount ? `，意向金额${formatDecimal(amount)}万元` : '';
}

/** The case timeline's line for an intent: "对接会签约意向：500.00万元（<event title>）". */
export function intentComment(amount: string, eventTitle: string, ceremony: boolean): string {
  return `对接会${ceremony ? '签约仪式' : ''}签约意向：${formatDecimal(amount)}万元（${eventTitle}）`;
}

/** Slots in time order, numbered from 1. */
export function numberSlots(slots: { id: string; startsAt: Date; endsAt: Date }[]): EventSlotView[] {
  return [...slots]
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
    .map((s, i) => ({ id: s.id, index: i + 1, startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString() }));
}

/** The slot under way at `now` and the next one to start. */
export function slotsAround(slots: EventSlotView[], now: Date): { current: EventSlotView | null; next: EventSlotView | null } {
  const t = now.getTime();
  const current = slots.find((s) => Date.parse(s.startsAt) <= t && t < Date.parse(s.endsAt)) ?? null;
  const next = slots.find((s) => Date.parse(s.startsAt) > t) ?? null;
  return { current, next };
}

/** Desks 1..desks not taken. */
export function freeDesks(desks: number, taken: Iterable<number>): number[] {
  const busy = new Set(taken);
  return Array.from({ length: desks }, (_, i) => i + 1).filter((d) => !busy.has(d));
}

/** Credit approved on a case counts while it stands: approved, disbursed, or closed after a disbursement. */
export function countsAsApproved(c: { state: CaseState; disbursedTotal: string }): boolean {
  return c.state === CaseState.APPROVED || c.state === CaseState.DISBURSED || (c.state === CaseState.CLOSED && compareDecimal(c.disbursedTotal, '0') > 0);
}

// ---------------------------------------------------------------- the report

export interface ReportRows {
  eventId: string;
  asOf: Date;
  /** The event is under way or over: a registered organisation that has not checked in is a no-show. */
  started: boolean;
  registrations: { organizationId: string; side: 'ENTERPRISE' | 'BANK' | null; status: RegistrationStatus; checkedIn: boolean }[];
  requests: { status: string }[];
  meetings: { bankOrgId: string; status: MeetingStatus; held: boolean | null; result: MeetingResult | null }[];
  intents: { bankOrgId: string; amount: string; caseId: string }[];
  cases: { id: string; state: CaseState; approvedAmount: string | null; disbursedTotal: string }[];
  orgs: Map<string, EventOrgRef>;
}

/** Every figure of the event report, counted from the rows behind it. Cases shared by several intents count once. */
export function buildReport(r: ReportRows): EventReport {
  const registered = r.registrations.filter((x) => x.status === RegistrationStatus.REGISTERED);
  const checkedIn = registered.filter((x) => x.checkedIn).length;
  const placed = r.meetings.filter((m) => m.status === MeetingStatus.SCHEDULED);
  const held = placed.filter((m) => m.held === true);
  const results = { [MeetingResult.NO_INTEREST]: 0, [MeetingResult.FOLLOW_UP]: 0, [MeetingResult.INTENT]: 0 } as Record<MeetingResult, number>;
  for (const m of placed) if (m.result) results[m.result] += 1;

  const caseById = new Map(r.cases.map((c) => [c.id, c]));
  const casesOf = (intents: ReportRows['intents']) => [...new Set(intents.map((i) => i.caseId))].map((id) => caseById.get(id)).filter((c) => !!c);
  const approvedOf = (cs: ReportRows['cases']) => cs.filter((c) => countsAsApproved(c));
  const disbursedOf = (cs: ReportRows['cases']) => cs.filter((c) => compareDecimal(c.disbursedTotal, '0') > 0);
  const allCases = casesOf(r.intents);

  const bankIds = [...new Set([...registered.filter((x) => x.side === 'BANK').map((x) => x.organizationId), ...r.intents.map((i) => i.bankOrgId), ...held.map((m) => m.bankOrgId)])];
  const byBank = bankIds.map((id) => {
    const intents = r.intents.filter((i) => i.bankOrgId === id);
    const cs = casesOf(intents);
    return {
      organization: r.orgs.get(id) ?? { id, name: '', type: '' },
      meetingsHeld: held.filter((m) => m.bankOrgId === id).length,
      intents: intents.length,
      intentAmount: sumDecimal(intents.map((i) => i.amount)),
      approvedAmount: sumDecimal(approvedOf(cs).map((c) => c.approvedAmount)),
      disbursedAmount: sumDecimal(cs.map((c) => c.disbursedTotal)),
    };
  });
  byBank.sort((a, b) => compareDecimal(b.intentAmount, a.intentAmount) || b.meetingsHeld - a.meetingsHeld || a.organization.name.localeCompare(b.organization.name, 'zh-CN'));

  return {
    eventId: r.eventId,
    asOf: r.asOf.toISOString(),
    registrations: registered.length,
    registrationsByType: { enterprises: registered.filter((x) => x.side === 'ENTERPRISE').length, banks: registered.filter((x) => x.side === 'BANK').length },
    waitlisted: r.registrations.filter((x) => x.status === RegistrationStatus.WAITLISTED).length,
    checkedIn,
    noShows: r.started ? registered.length - checkedIn : 0,
    meetingsRequested: r.requests.filter((q) => q.status !== 'WITHDRAWN').length,
    meetingsAccepted: r.requests.filter((q) => q.status === 'ACCEPTED').length,
    meetingsPlaced: placed.length,
    meetingsHeld: held.length,
    results,
    intents: { count: r.intents.length, amount: sumDecimal(r.intents.map((i) => i.amount)) },
    approvedAmount: sumDecimal(approvedOf(allCases).map((c) => c.approvedAmount)),
    disbursedAmount: sumDecimal(allCases.map((c) => c.disbursedTotal)),
    approvedCount: approvedOf(allCases).length,
    disbursedCount: disbursedOf(allCases).length,
    byBank,
  };
}
