/**
 * Baseline scheduler: wishes in the order must-meets first, then those of enterprises with the
 * fewest options, then by interest; each goes to the first slot where both are free and the bank
 * has a desk. Fast and always valid, but not optimal; the exact solver starts from it.
 */
import type { ScheduleInstance, ScheduleResult } from './schedule-model';
import { buildResult, greedyOrder, Occupancy, prepare, trivialBound, type Prepared } from './schedule-prepare';

/** The greedy occupancy of a prepared instance. */
export function greedyOccupancy(prep: Prepared): Occupancy {
  const occ = new Occupancy(prep);
  occ.fill(greedyOrder(prep));
  return occ;
}

/**
 * A second heuristic, used only as a start for the exact solver: must-meets first, then one meeting
 * for each enterprise still without one (fewest options first, its most interesting wish that
 * fits), then everything else in greedy order.
 */
export function coverageFirstOccupancy(prep: Prepared): Occupancy {
  const occ = new Occupancy(prep);
  const order = greedyOrder(prep);
  occ.fill(order.filter((p) => prep.open[p].must));
  const covered = [...prep.entCoveredByFixed];
  for (const [p] of occ.placements()) covered[prep.open[p].e] = true;
  for (const p of order) {
    const e = prep.open[p].e;
    if (covered[e]) continue;
    const s = occ.firstFree(p);
    if (s < 0) continue;
    occ.place(p, s);
    covered[e] = true;
  }
  occ.fill(order);
  return occ;
}

export function greedySchedule(inst: ScheduleInstance): ScheduleResult {
  const t0 = performance.now();
  const prep = prepare(inst);
  const occ = greedyOccupancy(prep);
  const bound = trivialBound(prep);
  const result = buildResult(prep, occ, bound, false, 'GREEDY', 0);
  result.optimal = isProvenOptimal(result);
  result.solveMs = Math.round(performance.now() - t0);
  return result;
}

/** Whether each tier reaches its bound (integers for tiers 1–3; the load compares as a ratio). */
export function isProvenOptimal(r: Pick<ScheduleResult, 'objective' | 'bound'>): boolean {
  const o = r.objective;
  const b = r.bound;
  return o.mustMeets >= b.mustMeets && o.enterprisesMet >= b.enterprisesMet && o.interest >= b.interest && o.maxDeskLoad <= b.maxDeskLoad + 1e-9;
}
