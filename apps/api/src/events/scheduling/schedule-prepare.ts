/**
 * Index form of a schedule instance shared by the greedy and the MIP: integer ids, the slots each
 * open pair may use, the desks left per bank and slot after the fixed meetings, and the helpers
 * that turn a set of (pair, slot) placements into a ScheduleResult (desks, reasons, objective).
 */
import {
  interestOf,
  qualityOf,
  type NotPlacedReason,
  type ScheduleInstance,
  type ScheduledMeeting,
  type ScheduleObjective,
  type ScheduleResult,
} from './schedule-model';

/** A wish not already met by a fixed meeting. */
export interface OpenPair {
  /** Index into inst.pairs. */
  index: number;
  requestId: string;
  e: number;
  b: number;
  must: boolean;
  interest: number;
  /** Slots where both are available, the enterprise has no fixed meeting and the bank a free desk. */
  slots: number[];
}

export interface Prepared {
  inst: ScheduleInstance;
  S: number;
  E: number;
  B: number;
  desks: number[];
  /** entUnavail[e][s], bankUnavail[b][s]: marked unavailable. */
  entUnavail: boolean[][];
  bankUnavail: boolean[][];
  /** entFixed[e][s]: the enterprise has a fixed meeting in slot s. */
  entFixed: boolean[][];
  /** cap[b][s]: desks left for new meetings (0 when the bank is unavailable). */
  cap: number[][];
  /** freeDesks[b][s]: desk numbers 1..desks not used by fixed meetings, ascending. */
  freeDesks: number[][][];
  open: OpenPair[];
  /** Open pair indices per enterprise / per bank. */
  openOfEnt: number[][];
  openOfBank: number[][];
  /** Constants from the fixed meetings (counted in every objective). */
  fixedMust: number;
  fixedInterest: number;
  fixedPerBank: number[];
  entCoveredByFixed: boolean[];
}

/** A placement: open pair index (into Prepared.open) and slot index. */
export type Placement = [pair: number, slot: number];

const pairKey = (e: string, b: string) => `${e}\u0000${b}`;

/** Structural problems that make an instance unusable (unknown ids, duplicates). */
export function instanceProblems(inst: ScheduleInstance): string[] {
  const problems: string[] = [];
  const dup = (kind: string, ids: string[]) => {
    const seen = new Set<string>();
    for (const id of ids) {
      if (seen.has(id)) problems.push(`duplicate ${kind} id ${id}`);
      seen.add(id);
    }
    return seen;
  };
  const slots = dup('slot', inst.slots.map((s) => s.id));
  const banks = dup('bank', inst.banks.map((b) => b.id));
  const ents = dup('enterprise', inst.enterprises.map((e) => e.id));
  dup('request', inst.pairs.map((p) => p.requestId));
  for (const b of inst.banks) if (!Number.isInteger(b.desks) || b.desks < 0) problems.push(`bank ${b.id}: desks must be a non-negative integer`);
  const keys = new Set<string>();
  for (const p of inst.pairs) {
    if (!ents.has(p.enterpriseId)) problems.push(`request ${p.requestId}: unknown enterprise ${p.enterpriseId}`);
    if (!banks.has(p.bankId)) problems.push(`request ${p.requestId}: unknown bank ${p.bankId}`);
    const k = pairKey(p.enterpriseId, p.bankId);
    if (keys.has(k)) problems.push(`request ${p.requestId}: a second wish for the pair ${p.enterpriseId} / ${p.bankId}`);
    keys.add(k);
  }
  for (const f of inst.fixed) {
    if (!ents.has(f.enterpriseId)) problems.push(`fixed meeting: unknown enterprise ${f.enterpriseId}`);
    if (!banks.has(f.bankId)) problems.push(`fixed meeting: unknown bank ${f.bankId}`);
    if (!slots.has(f.slotId)) problems.push(`fixed meeting: unknown slot ${f.slotId}`);
  }
  return problems;
}

export function prepare(inst: ScheduleInstance): Prepared {
  const problems = instanceProblems(inst);
  if (problems.length) throw new Error(`Invalid schedule instance: ${problems.slice(0, 5).join('; ')}`);
  const S = inst.slots.length;
  const E = inst.enterprises.length;
  const B = inst.banks.length;
  const slotIx = new Map(inst.slots.map((s, i) => [s.id, i]));
  const entIx = new Map(inst.enterprises.map((e, i) => [e.id, i]));
  const bankIx = new Map(inst.banks.map((b, i) => [b.id, i]));
  const mark = (ids: string[]) => {
    const row = new Array<boolean>(S).fill(false);
    for (const id of ids) {
      const s = slotIx.get(id);
      if (s !== undefined) row[s] = true;
    }
    return row;
  };
  const entUnavail = inst.enterprises.map((e) => mark(e.unavailableSlotIds));
  const bankUnavail = inst.banks.map((b) => mark(b.unavailableSlotIds));
  const desks = inst.banks.map((b) => b.desks);
  const entFixed = inst.enterprises.map(() => new Array<boolean>(S).fill(false));
  const fixedCount = inst.banks.map(() => new Array<number>(S).fill(0));
  const fixedDesks = inst.banks.map(() => Array.from({ length: S }, () => new Set<number>()));
  const fixedPerBank = new Array<number>(B).fill(0);
  const entCoveredByFixed = new Array<boolean>(E).fill(false);
  const pairByKey = new Map(inst.pairs.map((p) => [pairKey(p.enterpriseId, p.bankId), p]));
  const pairByRequest = new Map(inst.pairs.map((p) => [p.requestId, p]));
  const metPairs = new Set<string>();
  let fixedMust = 0;
  let fixedInterest = 0;
  for (const f of inst.fixed) {
    const e = entIx.get(f.enterpriseId)!;
    const b = bankIx.get(f.bankId)!;
    const s = slotIx.get(f.slotId)!;
    entFixed[e][s] = true;
    fixedCount[b][s]++;
    fixedDesks[b][s].add(f.desk);
    fixedPerBank[b]++;
    entCoveredByFixed[e] = true;
    // The wish a fixed meeting fulfils: by request id, else by the (enterprise, bank) pair.
    const byRequest = f.requestId !== null ? pairByRequest.get(f.requestId) : undefined;
    const p = byRequest ?? pairByKey.get(pairKey(f.enterpriseId, f.bankId));
    if (p && !metPairs.has(p.requestId)) {
      metPairs.add(p.requestId);
      if (p.must) fixedMust++;
      fixedInterest += interestOf(p);
    }
    // A fixed meeting of the pair (under whatever request id) also closes the pair itself.
    const samePair = pairByKey.get(pairKey(f.enterpriseId, f.bankId));
    if (samePair) metPairs.add(samePair.requestId);
  }
  const cap: number[][] = [];
  const freeDesks: number[][][] = [];
  for (let b = 0; b < B; b++) {
    cap.push([]);
    freeDesks.push([]);
    for (let s = 0; s < S; s++) {
      const free: number[] = [];
      for (let d = 1; d <= desks[b]; d++) if (!fixedDesks[b][s].has(d)) free.push(d);
      freeDesks[b].push(free);
      cap[b].push(bankUnavail[b][s] ? 0 : Math.max(0, Math.min(free.length, desks[b] - fixedCount[b][s])));
    }
  }
  const open: OpenPair[] = [];
  const openOfEnt: number[][] = inst.enterprises.map(() => []);
  const openOfBank: number[][] = inst.banks.map(() => []);
  inst.pairs.forEach((p, index) => {
    if (metPairs.has(p.requestId)) return;
    const e = entIx.get(p.enterpriseId)!;
    const b = bankIx.get(p.bankId)!;
    const slots: number[] = [];
    for (let s = 0; s < S; s++) if (!entUnavail[e][s] && !entFixed[e][s] && cap[b][s] > 0) slots.push(s);
    openOfEnt[e].push(open.length);
    openOfBank[b].push(open.length);
    open.push({ index, requestId: p.requestId, e, b, must: p.must, interest: interestOf(p), slots });
  });
  return {
    inst,
    S,
    E,
    B,
    desks,
    entUnavail,
    bankUnavail,
    entFixed,
    cap,
    freeDesks,
    open,
    openOfEnt,
    openOfBank,
    fixedMust,
    fixedInterest,
    fixedPerBank,
    entCoveredByFixed,
  };
}

/** Objective of a set of placements, fixed meetings included. */
export function objectiveOf(prep: Prepared, placements: readonly Placement[]): ScheduleObjective {
  let mustMeets = prep.fixedMust;
  let interest = prep.fixedInterest;
  const covered = [...prep.entCoveredByFixed];
  const perBank = [...prep.fixedPerBank];
  for (const [p] of placements) {
    const pair = prep.open[p];
    if (pair.must) mustMeets++;
    interest += pair.interest;
    covered[pair.e] = true;
    perBank[pair.b]++;
  }
  return { mustMeets, enterprisesMet: covered.filter(Boolean).length, interest, maxDeskLoad: maxDeskLoad(prep, perBank) };
}

export function maxDeskLoad(prep: Prepared, perBank: readonly number[]): number {
  let max = 0;
  for (let b = 0; b < prep.B; b++) if (prep.desks[b] > 0) max = Math.max(max, perBank[b] / prep.desks[b]);
  return max;
}

/**
 * Occupancy of a set of placements on top of the fixed meetings; throws when a placement breaks a
 * hard rule (a bug: every producer checks feasibility before).
 */
export class Occupancy {
  readonly entBusy: boolean[][];
  readonly bankLeft: number[][];
  readonly placed: Int32Array; // slot per open pair, -1 when not placed

  constructor(readonly prep: Prepared) {
    this.entBusy = prep.entFixed.map((row, e) => row.map((fixed, s) => fixed || prep.entUnavail[e][s]));
    this.bankLeft = prep.cap.map((row) => [...row]);
    this.placed = new Int32Array(prep.open.length).fill(-1);
  }

  canPlace(p: number, s: number): boolean {
    const pair = this.prep.open[p];
    return this.placed[p] < 0 && !this.entBusy[pair.e][s] && this.bankLeft[pair.b][s] > 0;
  }

  /** First slot (in time order) where the pair can still meet, or -1. */
  firstFree(p: number): number {
    if (this.placed[p] >= 0) return -1;
    for (const s of this.prep.open[p].slots) if (this.canPlace(p, s)) return s;
    return -1;
  }

  place(p: number, s: number): void {
    if (!this.prep.open[p].slots.includes(s) || !this.canPlace(p, s)) throw new Error(`internal: cannot place pair ${p} in slot ${s}`);
    const pair = this.prep.open[p];
    this.entBusy[pair.e][s] = true;
    this.bankLeft[pair.b][s]--;
    this.placed[p] = s;
  }

  /** Adds every pair that still fits somewhere (first free slot); each one only raises the interest. */
  fill(order: readonly number[]): void {
    for (const p of order) {
      const s = this.firstFree(p);
      if (s >= 0) this.place(p, s);
    }
  }

  placements(): Placement[] {
    const out: Placement[] = [];
    this.placed.forEach((s, p) => {
      if (s >= 0) out.push([p, s]);
    });
    return out;
  }
}

/** Occupancy of placements, or null when they break a hard rule. */
export function occupancyOf(prep: Prepared, placements: readonly Placement[]): Occupancy | null {
  const occ = new Occupancy(prep);
  for (const [p, s] of placements) {
    if (!prep.open[p].slots.includes(s) || !occ.canPlace(p, s)) return null;
    occ.place(p, s);
  }
  return occ;
}

/** Why an unplaced pair did not get a meeting, given the final occupancy. */
export function reasonFor(prep: Prepared, occ: Occupancy, p: number): NotPlacedReason {
  const pair = prep.open[p];
  const common: number[] = [];
  for (let s = 0; s < prep.S; s++) if (!prep.entUnavail[pair.e][s] && !prep.bankUnavail[pair.b][s]) common.push(s);
  if (common.length === 0) return 'NO_COMMON_SLOT';
  const entFree = common.filter((s) => !occ.entBusy[pair.e][s]);
  if (entFree.length === 0) return 'ENTERPRISE_BUSY';
  if (entFree.every((s) => occ.bankLeft[pair.b][s] <= 0)) return 'BANK_FULL';
  return 'CAPACITY';
}

/** Placement order of the greedy: must-meets, then enterprises with fewest options, then interest. */
export function greedyOrder(prep: Prepared): number[] {
  const options = prep.openOfEnt.map((ps) => ps.filter((p) => prep.open[p].slots.length > 0).length);
  return prep.open
    .map((_, p) => p)
    .sort((a, b) => {
      const pa = prep.open[a];
      const pb = prep.open[b];
      return (
        Number(pb.must) - Number(pa.must) ||
        options[pa.e] - options[pb.e] ||
        pb.interest - pa.interest ||
        (pa.requestId < pb.requestId ? -1 : pa.requestId > pb.requestId ? 1 : 0)
      );
    });
}

/** Turns an occupancy into a ScheduleResult: desks, reasons, objective, quality. */
export function buildResult(
  prep: Prepared,
  occ: Occupancy,
  bound: ScheduleObjective,
  optimal: boolean,
  method: ScheduleResult['method'],
  solveMs: number,
): ScheduleResult {
  const nextDesk = prep.freeDesks.map((row) => row.map(() => 0));
  const meetings: ScheduledMeeting[] = [];
  const notPlaced: ScheduleResult['notPlaced'] = [];
  const placements = occ.placements();
  for (const [p, s] of placements) {
    const pair = prep.open[p];
    const desk = prep.freeDesks[pair.b][s][nextDesk[pair.b][s]++];
    const src = prep.inst.pairs[pair.index];
    meetings.push({ requestId: pair.requestId, enterpriseId: src.enterpriseId, bankId: src.bankId, slotId: prep.inst.slots[s].id, desk });
  }
  prep.open.forEach((pair, p) => {
    if (occ.placed[p] < 0) notPlaced.push({ requestId: pair.requestId, reason: reasonFor(prep, occ, p) });
  });
  const slotOrder = new Map(prep.inst.slots.map((s, i) => [s.id, i]));
  meetings.sort((a, b) => slotOrder.get(a.slotId)! - slotOrder.get(b.slotId)! || (a.bankId < b.bankId ? -1 : a.bankId > b.bankId ? 1 : a.desk - b.desk));
  const objective = objectiveOf(prep, placements);
  return { meetings, notPlaced, objective, bound, quality: qualityOf(objective, bound), optimal, method, solveMs };
}

/**
 * Bounds that need no solver: every must wish / enterprise / wish that has a usable slot at all
 * (plus the fixed meetings), and no bank below its fixed meetings' load.
 */
export function trivialBound(prep: Prepared): ScheduleObjective {
  let mustMeets = prep.fixedMust;
  let interest = prep.fixedInterest;
  const covered = [...prep.entCoveredByFixed];
  // A bank cannot hold more meetings than its free desk-slots.
  const bankRoom = prep.cap.map((row) => row.reduce((a, c) => a + c, 0));
  const byBank: number[][] = prep.openOfBank.map((ps) => ps.filter((p) => prep.open[p].slots.length > 0).map((p) => prep.open[p].interest));
  for (const pair of prep.open) {
    if (pair.slots.length === 0) continue;
    if (pair.must) mustMeets++;
    covered[pair.e] = true;
  }
  byBank.forEach((ws, b) => {
    ws.sort((x, y) => y - x);
    for (let i = 0; i < Math.min(ws.length, bankRoom[b]); i++) interest += ws[i];
  });
  return { mustMeets, enterprisesMet: covered.filter(Boolean).length, interest, maxDeskLoad: maxDeskLoad(prep, prep.fixedPerBank) };
}
