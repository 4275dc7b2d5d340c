/**
 * The rules of 1:1 meetings at a 对接会, as plain functions: the bureau's slots, the pairs the
 * scheduler gets from the requests, the clashes a hand edit would cause (named, in Chinese), the
 * .ics sequence, and the words notices use. No framework, no I/O.
 */
import { MeetingPriority, MeetingRequestStatus } from '@zj/shared';
import { zhanjiangTime } from '../../common/time';

export const MAX_SLOTS = 40;
export const MIN_SLOT_MINUTES = 5;
export const MAX_SLOT_MINUTES = 120;

/** "14:40–15:00". */
export function timeRange(startsAt: Date, endsAt: Date): string {
  return `${zhanjiangTime(startsAt)}–${zhanjiangTime(endsAt)}`;
}

/** "第3场（14:40–15:00）". */
export function slotLabel(s: { index: number; startsAt: Date; endsAt: Date }): string {
  return `第${s.index}场（${timeRange(s.startsAt, s.endsAt)}）`;
}

export const deskLabel = (desk: number) => `${desk}号桌`;

export interface SlotInput {
  startsAt: Date;
  endsAt: Date;
}

/**
 * Checks the bureau's slots: 1–40, each 5–120 minutes, none overlapping (breaks are gaps). Answers
 * the slots in time order, or the problems, each naming the slot as the form numbers it (1-based,
 * as sent).
 */
export function checkSlots(input: SlotInput[]): { ok: true; slots: SlotInput[] } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  if (input.length < 1) problems.push('至少需要1个时段');
  if (input.length > MAX_SLOTS) problems.push(`时段不能超过${MAX_SLOTS}个`);
  input.forEach((s, i) => {
    const minutes = (s.endsAt.getTime() - s.startsAt.getTime()) / 60_000;
    if (!(minutes > 0)) problems.push(`第${i + 1}个时段的结束时间应晚于开始时间`);
    else if (minutes < MIN_SLOT_MINUTES || minutes > MAX_SLOT_MINUTES) problems.push(`第${i + 1}个时段时长应为${MIN_SLOT_MINUTES}至${MAX_SLOT_MINUTES}分钟（现为${Math.round(minutes)}分钟）`);
  });
  const order = input.map((s, i) => ({ s, i })).sort((a, b) => a.s.startsAt.getTime() - b.s.startsAt.getTime());
  for (let k = 1; k < order.length; k++) {
    const prev = order[k - 1];
    const cur = order[k];
    if (cur.s.startsAt.getTime() < prev.s.endsAt.getTime()) {
      problems.push(`第${prev.i + 1}个时段（${timeRange(prev.s.startsAt, prev.s.endsAt)}）与第${cur.i + 1}个时段（${timeRange(cur.s.startsAt, cur.s.endsAt)}）重叠`);
    }
  }
  return problems.length ? { ok: false, problems } : { ok: true, slots: order.map((o) => o.s) };
}

/** What the scheduler reads of a request. */
export interface RequestForPair {
  id: string;
  requesterOrgId: string;
  enterpriseOrgId: string;
  bankOrgId: string;
  priority: MeetingPriority;
  status: MeetingRequestStatus;
  score: number | null;
  createdAt: Date;
}

export interface Pair {
  requestId: string;
  enterpriseId: string;
  bankId: string;
  must: boolean;
  mutual: boolean;
  score: number;
}

/**
 * One wish per (enterprise, bank) from the ACCEPTED requests: must when any of them is 必须见面,
 * mutual when both sides asked and both requests stand accepted, the best score. Its request id is
 * the one that already has a meeting (so a re-solve keeps that meeting's row), else the earliest.
 */
export function pairsOf(requests: RequestForPair[], requestsWithMeeting: ReadonlySet<string> = new Set()): Pair[] {
  const groups = new Map<string, RequestForPair[]>();
  for (const r of requests) {
    if (r.status !== MeetingRequestStatus.ACCEPTED) continue;
    const k = `${r.enterpriseOrgId}/${r.bankOrgId}`;
    const g = groups.get(k);
    if (g) g.push(r);
    else groups.set(k, [r]);
  }
  const pairs: Pair[] = [];
  for (const g of groups.values()) {
    g.sort((a, b) => Number(requestsWithMeeting.has(b.id)) - Number(requestsWithMeeting.has(a.id)) || a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1));
    const first = g[0];
    pairs.push({
      requestId: first.id,
      enterpriseId: first.enterpriseOrgId,
      bankId: first.bankOrgId,
      must: g.some((r) => r.priority === MeetingPriority.MUST),
      mutual: new Set(g.map((r) => r.requesterOrgId)).size > 1,
      score: Math.max(0, ...g.map((r) => r.score ?? 0)),
    });
  }
  return pairs.sort((a, b) => (a.requestId < b.requestId ? -1 : 1));
}

/**
 * .ics SEQUENCE after a change participants can see: once a meeting has been published, its next
 * revision is one above the published one (further changes before the next publication share it).
 */
export function bumpedSequence(m: { sequence: number; publishedSequence: number | null }): number {
  return m.publishedSequence === null ? m.sequence : Math.max(m.sequence, m.publishedSequence + 1);
}

// ---------------------------------------------------------------- clashes of a hand edit

export type ClashKind = 'ENTERPRISE_BUSY' | 'DESK_TAKEN' | 'BANK_FULL' | 'NO_SUCH_DESK' | 'ENTERPRISE_UNAVAILABLE' | 'BANK_UNAVAILABLE' | 'PAIR_EXISTS';

export interface Clash {
  kind: ClashKind;
  message: string;
  organizationId: string;
  slotId: string;
  desk?: number;
  /** The meeting in the way, if any. */
  meetingId?: string;
}

/** The board a hand edit is checked against: the event's SCHEDULED meetings, without the ones being edited. */
export interface BoardMeeting {
  id: string;
  enterpriseOrgId: string;
  bankOrgId: string;
  slotId: string;
  desk: number;
}

export interface Board {
  slots: Map<string, { index: number; startsAt: Date; endsAt: Date }>;
  names: Map<string, string>;
  desks: Map<string, number>;
  unavailable: Set<string>; // `${organizationId}/${slotId}`
  meetings: BoardMeeting[];
}

export const unavailableKey = (organizationId: string, slotId: string) => `${organizationId}/${slotId}`;

/**
 * Where a meeting of (enterprise, bank) could go in `slotId` (at `desk`, or the bank's first free
 * desk there): the desk, or every clash, each named: "X在第3场（14:40–15:00）已有与Y的会谈",
 * "Y第3场（…）的2个桌位均已排满", a party's unavailability.
 */
export function placeOnBoard(board: Board, o: { enterpriseOrgId: string; bankOrgId: string; slotId: string; desk?: number | null; checkPair?: boolean }): { desk: number; clashes: [] } | { desk: null; clashes: Clash[] } {
  const slot = board.slots.get(o.slotId);
  if (!slot) throw new Error(`slot ${o.slotId} is not on the board`);
  const at = slotLabel(slot);
  const name = (id: string) => board.names.get(id) ?? '该机构';
  const ent = name(o.enterpriseOrgId);
  const bank = name(o.bankOrgId);
  const desks = board.desks.get(o.bankOrgId) ?? 0;
  const clashes: Clash[] = [];
  if (o.checkPair) {
    const same = board.meetings.find((x) => x.enterpriseOrgId === o.enterpriseOrgId && x.bankOrgId === o.bankOrgId);
    if (same) {
      const s = board.slots.get(same.slotId);
      clashes.push({ kind: 'PAIR_EXISTS', message: `${ent}与${bank}已安排在${s ? slotLabel(s) : '其他时段'}会谈`, organizationId: o.enterpriseOrgId, slotId: same.slotId, desk: same.desk, meetingId: same.id });
    }
  }
  if (board.unavailable.has(unavailableKey(o.enterpriseOrgId, o.slotId))) {
    clashes.push({ kind: 'ENTERPRISE_UNAVAILABLE', message: `${ent}已标记${at}无法参加`, organizationId: o.enterpriseOrgId, slotId: o.slotId });
  }
  if (board.unavailable.has(unavailableKey(o.bankOrgId, o.slotId))) {
    clashes.push({ kind: 'BANK_UNAVAILABLE', message: `${bank}已标记${at}无法参加`, organizationId: o.bankOrgId, slotId: o.slotId });
  }
  const busy = board.meetings.find((x) => x.slotId === o.slotId && x.enterpriseOrgId === o.enterpriseOrgId);
  if (busy) {
    clashes.push({ kind: 'ENTERPRISE_BUSY', message: `${ent}在${at}已有与${name(busy.bankOrgId)}的会谈`, organizationId: o.enterpriseOrgId, slotId: o.slotId, desk: busy.desk, meetingId: busy.id });
  }
  const taken = new Map(board.meetings.filter((x) => x.slotId === o.slotId && x.bankOrgId === o.bankOrgId).map((x) => [x.desk, x]));
  let desk: number | null = null;
  if (o.desk !== undefined && o.desk !== null) {
    if (o.desk < 1 || o.desk > desks) {
      clashes.push({ kind: 'NO_SUCH_DESK', message: `${bank}只有${desks}个桌位，没有${deskLabel(o.desk)}`, organizationId: o.bankOrgId, slotId: o.slotId, desk: o.desk });
    } else if (taken.has(o.desk)) {
      const other = taken.get(o.desk)!;
      clashes.push({ kind: 'DESK_TAKEN', message: `${bank}${at}的${deskLabel(o.desk)}已有与${name(other.enterpriseOrgId)}的会谈`, organizationId: o.bankOrgId, slotId: o.slotId, desk: o.desk, meetingId: other.id });
    } else desk = o.desk;
  } else {
    for (let d = 1; d <= desks && desk === null; d++) if (!taken.has(d)) desk = d;
    if (desk === null) clashes.push({ kind: 'BANK_FULL', message: `${bank}${at}的${desks}个桌位均已排满`, organizationId: o.bankOrgId, slotId: o.slotId });
  }
  return clashes.length || desk === null ? { desk: null, clashes } : { desk, clashes: [] };
}

// ---------------------------------------------------------------- words of notices

export const ANSWER_LABELS = { accepted: '已接受', declined: '已婉拒' } as const;

/** One line of a participant's agenda: "14:00–14:20 3号桌 与XX银行". */
export function agendaLine(m: { startsAt: Date; endsAt: Date; desk: number; counterpartName: string; cancelled?: boolean }): string {
  const line = `${timeRange(m.startsAt, m.endsAt)} ${deskLabel(m.desk)} 与${m.counterpartName}`;
  return m.cancelled ? `（已取消）${line}` : line;
}
