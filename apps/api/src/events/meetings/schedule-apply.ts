import { bumpedSequence } from './meeting-rules';

/** A meeting a solve may move or cancel (not locked, not a walk-in, no outcome). */
export interface MovableMeeting {
  id: string;
  requestId: string | null;
  slotId: string;
  desk: number;
  sequence: number;
  publishedSequence: number | null;
}

export interface Placement {
  requestId: string;
  enterpriseId: string;
  bankId: string;
  slotId: string;
  desk: number;
}

export interface ApplyPlan {
  /** Meetings placed again: their row is kept (stable id, so .ics entries update); `changed` when slot or desk moved. */
  keep: { id: string; slotId: string; desk: number; changed: boolean; sequence: number }[];
  /** Meetings whose request is no longer placed. */
  cancel: { id: string; sequence: number }[];
  /** New placements: new rows. */
  insert: Placement[];
}

/**
 * How a solve's placements change the stored meetings: a request placed again keeps its meeting row
 * (new slot or desk, and a higher SEQUENCE if it had been published); a movable meeting whose
 * request is not placed any more is cancelled (higher SEQUENCE if published); other placements are
 * new meetings.
 */
export function planApply(movable: MovableMeeting[], placements: Placement[]): ApplyPlan {
  const byRequest = new Map(placements.map((p) => [p.requestId, p]));
  const used = new Set<string>();
  const plan: ApplyPlan = { keep: [], cancel: [], insert: [] };
  for (const mt of movable) {
    const p = mt.requestId ? byRequest.get(mt.requestId) : undefined;
    if (!p || used.has(p.requestId)) {
      plan.cancel.push({ id: mt.id, sequence: bumpedSequence(mt) });
      continue;
    }
    used.add(p.requestId);
    const changed = p.slotId !== mt.slotId || p.desk !== mt.desk;
    plan.keep.push({ id: mt.id, slotId: p.slotId, desk: p.desk, changed, sequence: changed ? bumpedSequence(mt) : mt.sequence });
  }
  for (const p of placements) if (!used.has(p.requestId)) plan.insert.push(p);
  return plan;
}
