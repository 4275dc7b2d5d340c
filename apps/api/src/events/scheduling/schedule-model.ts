/**
 * Types of the 1:1 meeting scheduler for a bank–enterprise matchmaking event (银企对接会), and the
 * interest weight. Pure data: no framework, no I/O.
 */

/** The input: slots, participants, accepted meeting wishes and meetings fixed in advance. */
export interface ScheduleInstance {
  slots: { id: string }[]; // in time order
  banks: { id: string; desks: number; unavailableSlotIds: string[] }[];
  enterprises: { id: string; unavailableSlotIds: string[] }[];
  /** One accepted meeting wish per (enterprise, bank) pair. score: the matching score 0–100 (0 when unknown). */
  pairs: { requestId: string; enterpriseId: string; bankId: string; must: boolean; mutual: boolean; score: number }[];
  /** Meetings fixed in advance (locked by the bureau, or walk-ins): they occupy their slot and desk and never move. requestId may be null (walk-in). */
  fixed: { requestId: string | null; enterpriseId: string; bankId: string; slotId: string; desk: number }[];
}

export type SchedulePair = ScheduleInstance['pairs'][number];
export type FixedMeeting = ScheduleInstance['fixed'][number];

/** A meeting placed by the scheduler (fixed meetings are not repeated in a result). */
export interface ScheduledMeeting {
  requestId: string;
  enterpriseId: string;
  bankId: string;
  slotId: string;
  desk: number;
}

export type NotPlacedReason = 'NO_COMMON_SLOT' | 'ENTERPRISE_BUSY' | 'BANK_FULL' | 'CAPACITY';

/** The four tiers of the lexicographic objective, in priority order. */
export interface ScheduleObjective {
  mustMeets: number;
  enterprisesMet: number;
  interest: number;
  maxDeskLoad: number;
}

export interface ScheduleResult {
  meetings: ScheduledMeeting[]; // new placements only (not the fixed ones)
  notPlaced: { requestId: string; reason: NotPlacedReason }[]; // every pair not placed and not already fixed, each with a reason
  objective: ScheduleObjective; // counts INCLUDING fixed meetings
  bound: ScheduleObjective; // proven upper bounds for mustMeets / enterprisesMet / interest (maxDeskLoad: proven lower bound)
  quality: number; // 0..1: min over tiers 1–3 of achieved / bound (1 when the bound is 0)
  optimal: boolean; // all tiers proven optimal
  method: 'MIP' | 'GREEDY';
  solveMs: number;
}

export interface ScheduleSolveOptions {
  /** Wall-clock budget for the whole solve (all tiers together), in seconds. */
  timeLimitSeconds: number;
}

/** The integer interest weight of a meeting wish: 10, +10 when mutual, + the score in tens (0–10). */
export function interestOf(p: { must: boolean; mutual: boolean; score: number }): number {
  const score = Number.isFinite(p.score) ? Math.min(100, Math.max(0, p.score)) : 0;
  return 10 + (p.mutual ? 10 : 0) + Math.round(score / 10);
}

/** Quality of a result: min over tiers 1–3 of achieved / bound (1 when the bound is 0). */
export function qualityOf(objective: ScheduleObjective, bound: ScheduleObjective): number {
  const ratio = (a: number, b: number) => (b <= 0 ? 1 : Math.min(1, a / b));
  return Math.min(ratio(objective.mustMeets, bound.mustMeets), ratio(objective.enterprisesMet, bound.enterprisesMet), ratio(objective.interest, bound.interest));
}
