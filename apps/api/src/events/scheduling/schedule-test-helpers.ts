/**
 * Helpers for the scheduler's specs: compact instance building and an exhaustive lexicographic
 * optimum for tiny instances (an oracle independent of the solvers).
 */
import { interestOf, type ScheduleInstance, type ScheduleObjective } from './schedule-model';

export interface TinySpec {
  slots: number;
  banks: Record<string, { desks: number; off?: number[] }>;
  enterprises: Record<string, { off?: number[] }>;
  /** [requestId, enterprise, bank, options] */
  pairs: [string, string, string, { must?: boolean; mutual?: boolean; score?: number }?][];
  /** [requestId | null, enterprise, bank, slot (1-based), desk] */
  fixed?: [string | null, string, string, number, number][];
}

const slotId = (n: number) => `S${n}`;

/** An instance from a compact description; slots are S1..Sn, `off` lists 1-based unavailable slots. */
export function tiny(spec: TinySpec): ScheduleInstance {
  return {
    slots: Array.from({ length: spec.slots }, (_, i) => ({ id: slotId(i + 1) })),
    banks: Object.entries(spec.banks).map(([id, b]) => ({ id, desks: b.desks, unavailableSlotIds: (b.off ?? []).map(slotId) })),
    enterprises: Object.entries(spec.enterprises).map(([id, e]) => ({ id, unavailableSlotIds: (e.off ?? []).map(slotId) })),
    pairs: spec.pairs.map(([requestId, enterpriseId, bankId, o]) => ({
      requestId,
      enterpriseId,
      bankId,
      must: o?.must ?? false,
      mutual: o?.mutual ?? false,
      score: o?.score ?? 0,
    })),
    fixed: (spec.fixed ?? []).map(([requestId, enterpriseId, bankId, slot, desk]) => ({ requestId, enterpriseId, bankId, slotId: slotId(slot), desk })),
  };
}

/** Lexicographic comparison (> 0 when a is better). */
export function lexCompare(a: ScheduleObjective, b: ScheduleObjective): number {
  return a.mustMeets - b.mustMeets || a.enterprisesMet - b.enterprisesMet || a.interest - b.interest || (Math.abs(a.maxDeskLoad - b.maxDeskLoad) < 1e-9 ? 0 : b.maxDeskLoad - a.maxDeskLoad);
}

/**
 * The lexicographic optimum by exhaustive search: every wish without a fixed meeting goes to one of
 * its slots or nowhere. Only for tiny instances (≲ 10 wishes).
 */
export function bruteForceOptimum(inst: ScheduleInstance): ScheduleObjective {
  const S = inst.slots.map((s) => s.id);
  const fixedPairs = new Set(inst.fixed.map((f) => `${f.enterpriseId}/${f.bankId}`));
  const fixedRequests = new Set(inst.fixed.map((f) => f.requestId));
  const open = inst.pairs.filter((p) => !fixedRequests.has(p.requestId) && !fixedPairs.has(`${p.enterpriseId}/${p.bankId}`));
  const bank = new Map(inst.banks.map((b) => [b.id, b]));
  const ent = new Map(inst.enterprises.map((e) => [e.id, e]));
  const entBusy = new Set(inst.fixed.map((f) => `${f.enterpriseId}/${f.slotId}`));
  const bankUse = new Map<string, number>();
  for (const f of inst.fixed) bankUse.set(`${f.bankId}/${f.slotId}`, (bankUse.get(`${f.bankId}/${f.slotId}`) ?? 0) + 1);

  const base = { must: 0, interest: 0, covered: new Set(inst.fixed.map((f) => f.enterpriseId)), perBank: new Map<string, number>() };
  for (const f of inst.fixed) {
    base.perBank.set(f.bankId, (base.perBank.get(f.bankId) ?? 0) + 1);
    const p = inst.pairs.find((q) => q.requestId === f.requestId) ?? inst.pairs.find((q) => q.enterpriseId === f.enterpriseId && q.bankId === f.bankId);
    if (p) {
      base.must += p.must ? 1 : 0;
      base.interest += interestOf(p);
    }
  }
  let best: ScheduleObjective | null = null;
  const chosen: (string | null)[] = [];
  const evaluate = () => {
    let must = base.must;
    let interest = base.interest;
    const covered = new Set(base.covered);
    const perBank = new Map(base.perBank);
    open.forEach((p, i) => {
      if (chosen[i] === null) return;
      must += p.must ? 1 : 0;
      interest += interestOf(p);
      covered.add(p.enterpriseId);
      perBank.set(p.bankId, (perBank.get(p.bankId) ?? 0) + 1);
    });
    let load = 0;
    for (const b of inst.banks) if (b.desks > 0) load = Math.max(load, (perBank.get(b.id) ?? 0) / b.desks);
    const o = { mustMeets: must, enterprisesMet: covered.size, interest, maxDeskLoad: load };
    if (!best || lexCompare(o, best) > 0) best = o;
  };
  const search = (i: number) => {
    if (i === open.length) return evaluate();
    const p = open[i];
    chosen[i] = null;
    search(i + 1);
    const b = bank.get(p.bankId)!;
    const e = ent.get(p.enterpriseId)!;
    for (const s of S) {
      if (b.unavailableSlotIds.includes(s) || e.unavailableSlotIds.includes(s)) continue;
      const ek = `${p.enterpriseId}/${s}`;
      const bk = `${p.bankId}/${s}`;
      if (entBusy.has(ek) || (bankUse.get(bk) ?? 0) >= b.desks) continue;
      entBusy.add(ek);
      bankUse.set(bk, (bankUse.get(bk) ?? 0) + 1);
      chosen[i] = s;
      search(i + 1);
      entBusy.delete(ek);
      bankUse.set(bk, bankUse.get(bk)! - 1);
    }
    chosen[i] = null;
  };
  search(0);
  return best!;
}
