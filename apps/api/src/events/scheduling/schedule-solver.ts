/**
 * Exact scheduler: a time-indexed mixed-integer model solved by HiGHS (WebAssembly), one tier of
 * the lexicographic objective after the other.
 *
 * Model: a binary x[p,s] for each open wish p and each slot s where both parties are free (and the
 * bank has a desk left after the fixed meetings); a binary y[e] per enterprise not already met by
 * a fixed meeting; a continuous L (load). Rows: enterprise-slot Σx ≤ 1, bank-slot Σx ≤ desks left,
 * pair Σx ≤ 1, coverage y[e] ≤ Σx of the enterprise, load Σx of a bank − desks·L ≤ −fixed meetings.
 *
 * Tiers: (1) max Σ must x, (2) max Σ y, (3) max Σ interest·x, (4) min L. After each tier a row keeps
 * that tier at the value reached (the optimum when proven; otherwise the incumbent, so the later
 * bounds still hold for the lexicographic optimum). All tiers share one wall-clock budget.
 *
 * Bounds: per tier the least of HiGHS's dual bound (`mip_dual_bound`), the LP relaxation of the
 * aggregated model (wishes without slots: enterprise ≤ its usable slots, bank ≤ its desk-slots;
 * cheap) and counting bounds. When the incumbent already reaches the bound, the MIP of that tier is
 * skipped. Gaps are closed exactly (mip_rel_gap 0; tiers 1–3 have integer objectives, so an absolute
 * gap below 1 is a proof).
 *
 * Starts: the greedy schedule is the floor; a coverage-first variant replaces it when better; the
 * incumbent is passed to HiGHS as a MIP start (setSolution) in every tier. A solution is only taken
 * when it is lexicographically better, so the result is never worse than the greedy. Any pair that
 * still fits after a solve is added (that only raises the interest). method is 'MIP' when the result
 * improves on the greedy or is proven optimal, 'GREEDY' when the greedy's schedule comes back
 * unproven (HiGHS not loadable, failed, or out of time without improving).
 *
 * Time limit: wall clock from the call, all tiers together. Tier MIPs get 40% / 50% / 85% / 100% of
 * what is left; each tier's aggregated LP may use 0.25 s even past the deadline (so every tier has a
 * real bound), and HiGHS stops within a few hundred ms of its limit. Runs in the calling thread:
 * use solveScheduleInWorker from a server.
 */
import loadHighs, { type Highs, type Model } from 'highs';
import { coverageFirstOccupancy, greedyOccupancy, isProvenOptimal } from './schedule-greedy';
import { qualityOf, type ScheduleInstance, type ScheduleObjective, type ScheduleResult, type ScheduleSolveOptions } from './schedule-model';
import { buildResult, greedyOrder, objectiveOf, Occupancy, occupancyOf, prepare, trivialBound, type Placement, type Prepared } from './schedule-prepare';

let highsRuntime: Promise<Highs> | null = null;

/** The HiGHS runtime, loaded once per thread (the Wasm file is found beside the loader). */
function highsInstance(): Promise<Highs> {
  highsRuntime ??= loadHighs().catch((err: unknown) => {
    highsRuntime = null;
    throw err;
  });
  return highsRuntime;
}

const TIERS = ['mustMeets', 'enterprisesMet', 'interest', 'maxDeskLoad'] as const;
type TierName = (typeof TIERS)[number];
/** Share of the remaining time a tier may use (the last one takes everything left). */
const TIER_SHARE: Record<TierName, number> = { mustMeets: 0.4, enterprisesMet: 0.5, interest: 0.85, maxDeskLoad: 1 };
/** Time the aggregated LP of a tier may take even when the budget is spent. */
const AGG_MIN_SECONDS = 0.25;

/** Rows in compressed sparse row form. */
class Rows {
  readonly starts: number[] = [0];
  readonly indices: number[] = [];
  readonly values: number[] = [];
  readonly lower: number[] = [];
  readonly upper: number[] = [];

  add(indices: readonly number[], values: readonly number[], lower: number, upper: number): void {
    for (let k = 0; k < indices.length; k++) {
      this.indices.push(indices[k]);
      this.values.push(values[k]);
    }
    this.starts.push(this.indices.length);
    this.lower.push(lower);
    this.upper.push(upper);
  }

  get count(): number {
    return this.lower.length;
  }
}

/** A model of one formulation (time-indexed MIP or aggregated LP) with its tier objectives. */
interface Formulation {
  numCols: number;
  colLower: number[];
  colUpper: number[];
  integer: boolean;
  rows: Rows;
  /** Objective coefficients per tier (sparse; the fixed meetings' constant is added apart). */
  tierCost: Record<TierName, { indices: number[]; values: number[] }>;
}

/** Lexicographic comparison of two objectives: > 0 when a is better. */
export function compareObjectives(a: ScheduleObjective, b: ScheduleObjective): number {
  return a.mustMeets - b.mustMeets || a.enterprisesMet - b.enterprisesMet || a.interest - b.interest || (Math.abs(a.maxDeskLoad - b.maxDeskLoad) <= 1e-9 ? 0 : b.maxDeskLoad - a.maxDeskLoad);
}

/** Columns of the time-indexed model. */
interface TimeIndexed extends Formulation {
  colPair: Int32Array;
  colSlot: Int32Array;
  yCol: Int32Array; // per enterprise, -1 when no coverage variable
  lCol: number;
}

function timeIndexedModel(prep: Prepared): TimeIndexed {
  const colPair: number[] = [];
  const colSlot: number[] = [];
  const xOf: number[][] = prep.open.map((pair, p) =>
    pair.slots.map((s) => {
      colPair.push(p);
      colSlot.push(s);
      return colPair.length - 1;
    }),
  );
  const nx = colPair.length;
  const yCol = new Int32Array(prep.E).fill(-1);
  let n = nx;
  for (let e = 0; e < prep.E; e++) {
    if (!prep.entCoveredByFixed[e] && prep.openOfEnt[e].some((p) => xOf[p].length > 0)) yCol[e] = n++;
  }
  const lCol = n++;
  const rows = new Rows();
  // Enterprise-slot and bank-slot rows (only where they can bind).
  const entSlot: number[][] = Array.from({ length: prep.E * prep.S }, () => []);
  const bankSlot: number[][] = Array.from({ length: prep.B * prep.S }, () => []);
  for (let j = 0; j < nx; j++) {
    const pair = prep.open[colPair[j]];
    entSlot[pair.e * prep.S + colSlot[j]].push(j);
    bankSlot[pair.b * prep.S + colSlot[j]].push(j);
  }
  for (const cols of entSlot) if (cols.length > 1) rows.add(cols, cols.map(() => 1), -Infinity, 1);
  bankSlot.forEach((cols, k) => {
    const cap = prep.cap[Math.floor(k / prep.S)][k % prep.S];
    if (cols.length > cap) rows.add(cols, cols.map(() => 1), -Infinity, cap);
  });
  for (const cols of xOf) if (cols.length > 1) rows.add(cols, cols.map(() => 1), -Infinity, 1);
  for (let e = 0; e < prep.E; e++) {
    if (yCol[e] < 0) continue;
    const cols = prep.openOfEnt[e].flatMap((p) => xOf[p]);
    rows.add([yCol[e], ...cols], [1, ...cols.map(() => -1)], -Infinity, 0);
  }
  const lLower = loadRows(prep, rows, lCol, (b) => prep.openOfBank[b].flatMap((p) => xOf[p]));
  const colLower = new Array<number>(n).fill(0);
  const colUpper = new Array<number>(n).fill(1);
  colLower[lCol] = lLower;
  colUpper[lCol] = Infinity;
  const mustCols: number[] = [];
  const interest: number[] = [];
  for (let j = 0; j < nx; j++) {
    const pair = prep.open[colPair[j]];
    if (pair.must) mustCols.push(j);
    interest.push(pair.interest);
  }
  const ys = [...yCol].filter((c) => c >= 0);
  return {
    numCols: n,
    colLower,
    colUpper,
    integer: true,
    rows,
    tierCost: {
      mustMeets: { indices: mustCols, values: mustCols.map(() => 1) },
      enterprisesMet: { indices: ys, values: ys.map(() => 1) },
      interest: { indices: Array.from({ length: nx }, (_, j) => j), values: interest },
      maxDeskLoad: { indices: [lCol], values: [1] },
    },
    colPair: Int32Array.from(colPair),
    colSlot: Int32Array.from(colSlot),
    yCol,
    lCol,
  };
}

/** Load rows Σx(bank) − desks·L ≤ −fixed(bank); returns the lower bound of L from banks without new meetings. */
function loadRows(prep: Prepared, rows: Rows, lCol: number, colsOfBank: (b: number) => number[]): number {
  let lLower = 0;
  for (let b = 0; b < prep.B; b++) {
    if (prep.desks[b] <= 0) continue;
    lLower = Math.max(lLower, prep.fixedPerBank[b] / prep.desks[b]);
    const cols = colsOfBank(b);
    if (cols.length > 0) rows.add([...cols, lCol], [...cols.map(() => 1), -prep.desks[b]], -Infinity, -prep.fixedPerBank[b]);
  }
  return lLower;
}

/**
 * The aggregated model (no slots): z[p] ∈ [0,1] per wish with a usable slot, an enterprise meets at
 * most as often as it has usable slots, a bank at most as often as it has usable desk-slots. Its LP
 * relaxation bounds every tier of the time-indexed model.
 */
function aggregatedModel(prep: Prepared): Formulation {
  const zOf = new Int32Array(prep.open.length).fill(-1);
  let n = 0;
  prep.open.forEach((pair, p) => {
    if (pair.slots.length > 0) zOf[p] = n++;
  });
  const yCol = new Int32Array(prep.E).fill(-1);
  for (let e = 0; e < prep.E; e++) if (!prep.entCoveredByFixed[e] && prep.openOfEnt[e].some((p) => zOf[p] >= 0)) yCol[e] = n++;
  const lCol = n++;
  const rows = new Rows();
  const usable = (ps: number[]) => ps.filter((p) => zOf[p] >= 0);
  for (let e = 0; e < prep.E; e++) {
    const ps = usable(prep.openOfEnt[e]);
    if (ps.length === 0) continue;
    const slots = new Set(ps.flatMap((p) => prep.open[p].slots));
    if (ps.length > slots.size) rows.add(ps.map((p) => zOf[p]), ps.map(() => 1), -Infinity, slots.size);
    if (yCol[e] >= 0) rows.add([yCol[e], ...ps.map((p) => zOf[p])], [1, ...ps.map(() => -1)], -Infinity, 0);
  }
  for (let b = 0; b < prep.B; b++) {
    const ps = usable(prep.openOfBank[b]);
    if (ps.length === 0) continue;
    const slots = new Set(ps.flatMap((p) => prep.open[p].slots));
    let room = 0;
    for (const s of slots) room += prep.cap[b][s];
    if (ps.length > room) rows.add(ps.map((p) => zOf[p]), ps.map(() => 1), -Infinity, room);
  }
  const lLower = loadRows(prep, rows, lCol, (b) => usable(prep.openOfBank[b]).map((p) => zOf[p]));
  const colLower = new Array<number>(n).fill(0);
  const colUpper = new Array<number>(n).fill(1);
  colLower[lCol] = lLower;
  colUpper[lCol] = Infinity;
  const zs = usable(prep.open.map((_, p) => p));
  const must = zs.filter((p) => prep.open[p].must);
  const ys = [...yCol].filter((c) => c >= 0);
  return {
    numCols: n,
    colLower,
    colUpper,
    integer: false,
    rows,
    tierCost: {
      mustMeets: { indices: must.map((p) => zOf[p]), values: must.map(() => 1) },
      enterprisesMet: { indices: ys, values: ys.map(() => 1) },
      interest: { indices: zs.map((p) => zOf[p]), values: zs.map((p) => prep.open[p].interest) },
      maxDeskLoad: { indices: [lCol], values: [1] },
    },
  };
}

function createModel(highs: Highs, f: Formulation): Model {
  const inf = highs.infinity;
  const clampInf = (xs: number[]) => xs.map((x) => (x === Infinity ? inf : x === -Infinity ? -inf : x));
  const model = highs.createModel({
    numCols: f.numCols,
    numRows: f.rows.count,
    colCost: new Float64Array(f.numCols),
    colLower: clampInf(f.colLower),
    colUpper: clampInf(f.colUpper),
    rowLower: clampInf(f.rows.lower),
    rowUpper: clampInf(f.rows.upper),
    matrix: { format: 'csr', numRows: f.rows.count, numCols: f.numCols, starts: f.rows.starts, indices: f.rows.indices, values: f.rows.values },
    integrality: f.integer ? Array.from({ length: f.numCols }, (_, j) => (j < f.numCols - 1 ? highs.constants.variableType.integer : highs.constants.variableType.continuous)) : undefined,
  });
  model.options.set({ output_flag: false, random_seed: 1 });
  return model;
}

/** Makes `tier` the objective of `model` (only that tier's coefficients are non-zero). */
function setTier(highs: Highs, model: Model, f: Formulation, tier: TierName): void {
  const cost = new Float64Array(f.numCols);
  const t = f.tierCost[tier];
  t.indices.forEach((j, k) => (cost[j] = t.values[k]));
  model.changeColsCost({ kind: 'range', from: 0, to: f.numCols - 1 }, cost);
  model.changeObjectiveSense(tier === 'maxDeskLoad' ? highs.constants.objectiveSense.minimize : highs.constants.objectiveSense.maximize);
}

/** Keeps `tier` at least as good as `value` (without the fixed meetings' constant) from now on. */
function keepTier(highs: Highs, model: Model, f: Formulation, tier: TierName, value: number): void {
  const t = f.tierCost[tier];
  if (tier === 'maxDeskLoad') model.addRow(-highs.infinity, value + 1e-9, t);
  else model.addRow(value - 1e-6, highs.infinity, t);
}

/** The part of a tier's objective that the fixed meetings contribute. */
function fixedPart(prep: Prepared, tier: TierName): number {
  if (tier === 'mustMeets') return prep.fixedMust;
  if (tier === 'enterprisesMet') return prep.entCoveredByFixed.filter(Boolean).length;
  if (tier === 'interest') return prep.fixedInterest;
  return 0;
}

/** Column values of a schedule in the time-indexed model (the warm start). */
function columnValues(prep: Prepared, m: TimeIndexed, occ: Occupancy): Float64Array {
  const v = new Float64Array(m.numCols);
  for (let j = 0; j < m.colPair.length; j++) if (occ.placed[m.colPair[j]] === m.colSlot[j]) v[j] = 1;
  const placements = occ.placements();
  for (const [p] of placements) {
    const y = m.yCol[prep.open[p].e];
    if (y >= 0) v[y] = 1;
  }
  v[m.lCol] = objectiveOf(prep, placements).maxDeskLoad;
  return v;
}

/** The schedule in a MIP solution, completed with the pairs that still fit; null when it breaks a rule. */
function scheduleOf(prep: Prepared, m: TimeIndexed, colValue: Float64Array, order: readonly number[]): Occupancy | null {
  const placements: Placement[] = [];
  for (let j = 0; j < m.colPair.length; j++) if (colValue[j] > 0.5) placements.push([m.colPair[j], m.colSlot[j]]);
  const occ = occupancyOf(prep, placements);
  occ?.fill(order);
  return occ;
}

/** An upper bound on an integer tier from a solver's (tolerance-affected) real bound. */
function integerBound(real: number, constant: number): number {
  const v = real + constant;
  return Math.floor(v + 1e-6 * Math.max(1, Math.abs(v)));
}

/**
 * A lower bound on the load from a solver's real bound: the load is a bank's meetings / desks, so
 * it can be rounded up to the least such fraction not below the bound (minus the tolerance).
 */
function loadBound(prep: Prepared, real: number): number {
  const v = real - 1e-6 * Math.max(1, Math.abs(real));
  let best = Infinity;
  for (const d of new Set(prep.desks.filter((d) => d > 0))) best = Math.min(best, Math.ceil(v * d - 1e-9) / d);
  return Number.isFinite(best) ? Math.max(0, best) : 0;
}

export async function solveSchedule(inst: ScheduleInstance, opts: ScheduleSolveOptions): Promise<ScheduleResult> {
  const t0 = performance.now();
  const deadline = t0 + Math.max(0, opts.timeLimitSeconds) * 1000;
  const prep = prepare(inst);
  const order = greedyOrder(prep);
  let best = greedyOccupancy(prep);
  let bestObjective = objectiveOf(prep, best.placements());
  const bound: ScheduleObjective = trivialBound(prep);
  let improved = false; // the exact solve found a better schedule than the greedy
  let solverRan = false; // HiGHS went through every tier without an error
  const finish = () => {
    const r = buildResult(prep, best, { ...bound }, false, 'GREEDY', 0);
    // A bound never claims more than the schedule shows is possible (guards rounding in the load).
    r.bound.maxDeskLoad = Math.min(r.bound.maxDeskLoad, r.objective.maxDeskLoad);
    r.quality = qualityOf(r.objective, r.bound);
    r.optimal = isProvenOptimal(r);
    // 'MIP' when the exact solve improved on the greedy or proved it optimal; 'GREEDY' otherwise.
    r.method = improved || (solverRan && r.optimal) ? 'MIP' : 'GREEDY';
    r.solveMs = Math.round(performance.now() - t0);
    return r;
  };
  if (prep.open.every((pair) => pair.slots.length === 0)) {
    solverRan = true; // nothing to decide: the trivial bounds are reached
    return finish();
  }

  let highs: Highs;
  try {
    highs = await highsInstance();
  } catch (err) {
    console.warn(`schedule: HiGHS could not be loaded, greedy schedule returned: ${String(err)}`);
    return finish();
  }
  // A second start that often reaches the coverage bound at once (saves the tier-2 MIP).
  const start = coverageFirstOccupancy(prep);
  const startObjective = objectiveOf(prep, start.placements());
  if (compareObjectives(startObjective, bestObjective) > 0) {
    best = start;
    bestObjective = startObjective;
    improved = true;
  }
  const mipForm = timeIndexedModel(prep);
  const aggForm = aggregatedModel(prep);
  const maxDesks = Math.max(1, ...prep.desks);
  let mip: Model | null = null;
  let agg: Model | null = null;
  try {
    mip = createModel(highs, mipForm);
    agg = createModel(highs, aggForm);
    // Presolve off: it removes little here (the LP relaxation is nearly integral) and costs about
    // half a second per tier on 300 × 40 × 12; mip_rel_gap 0: proofs only (see mip_abs_gap below).
    mip.options.set({ mip_rel_gap: 0, presolve: 'off' });
    for (const tier of TIERS) {
      const isLoad = tier === 'maxDeskLoad';
      const constant = fixedPart(prep, tier);
      const tighten = (real: number) => {
        if (isLoad) bound.maxDeskLoad = Math.max(bound.maxDeskLoad, loadBound(prep, real));
        else bound[tier] = Math.min(bound[tier], integerBound(real, constant));
      };
      const reached = () => (isLoad ? bestObjective.maxDeskLoad <= bound.maxDeskLoad + 1e-9 : bestObjective[tier] >= bound[tier]);
      // 1. The aggregated LP bound (tens of milliseconds; allowed a little past the deadline so that
      //    every tier gets a real bound).
      setTier(highs, agg, aggForm, tier);
      agg.options.set({ time_limit: Math.max(AGG_MIN_SECONDS, (deadline - performance.now()) / 1000) });
      agg.zeroAllClocks();
      if (agg.run().modelStatus === highs.constants.modelStatus.optimal) {
        tighten(agg.getObjectiveValue());
      }
      // 2. The MIP, unless the incumbent already reaches the bound.
      const remaining = (deadline - performance.now()) / 1000;
      if (!reached() && remaining > 0.05) {
        setTier(highs, mip, mipForm, tier);
        mip.options.set({
          time_limit: isLoad ? remaining : remaining * TIER_SHARE[tier],
          // Exact: tiers 1–3 are integers (a gap below 1 is closed); distinct loads differ by ≥ 1/desks².
          mip_abs_gap: isLoad ? 0.9 / (maxDesks * maxDesks) : 0.999,
        });
        mip.setSolution({ colValue: columnValues(prep, mipForm, best) });
        mip.zeroAllClocks();
        mip.run();
        if (Number(mip.info.get('primal_solution_status')) === highs.constants.solutionStatus.feasible) {
          const occ = scheduleOf(prep, mipForm, mip.getSolution().colValue, order);
          if (occ) {
            const objective = objectiveOf(prep, occ.placements());
            if (compareObjectives(objective, bestObjective) > 0) {
              best = occ;
              bestObjective = objective;
              improved = true;
            }
          }
        }
        const dual = Number(mip.info.get('mip_dual_bound'));
        if (Number.isFinite(dual)) tighten(dual);
      }
      if (isLoad) break;
      // 3. Later tiers keep this one at the value reached.
      keepTier(highs, mip, mipForm, tier, bestObjective[tier] - constant);
      keepTier(highs, agg, aggForm, tier, bestObjective[tier] - constant);
    }
    solverRan = true;
  } catch (err) {
    console.warn(`schedule: HiGHS failed, best schedule so far returned: ${String(err)}`);
  } finally {
    mip?.dispose();
    agg?.dispose();
  }
  return finish();
}
