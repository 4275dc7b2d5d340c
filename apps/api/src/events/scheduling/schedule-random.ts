/**
 * Deterministic random instances for tests and the benchmark (same seed and options → same
 * instance). Two regimes:
 *  - desks-scarce: 1–2 desks per bank, each enterprise asks 3–8 banks (far more wishes than desk-slots);
 *  - enterprises-scarce: 3–6 desks per bank, each enterprise asks 1–4 banks.
 * Banks have uneven popularity, ~15% of wishes are must-meets, ~30% mutual, 5% of the slots are
 * unavailable for each participant, ~2% of the wishes are fixed in advance and there are a few walk-ins.
 */
import type { ScheduleInstance } from './schedule-model';

export interface RandomInstanceOptions {
  enterprises: number;
  banks: number;
  slots: number;
  regime: 'desks-scarce' | 'enterprises-scarce';
}

/** mulberry32: small, fast, deterministic. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

export function randomInstance(seed: number, o: RandomInstanceOptions): ScheduleInstance {
  const rand = rng(seed * 7919 + 17);
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const scarce = o.regime === 'desks-scarce';
  const slots = Array.from({ length: o.slots }, (_, i) => ({ id: `S${pad(i + 1, 2)}` }));
  const unavailable = () => slots.filter(() => rand() < 0.05).map((s) => s.id);
  const banks = Array.from({ length: o.banks }, (_, i) => ({
    id: `B${pad(i + 1, 3)}`,
    desks: scarce ? int(1, 2) : int(3, 6),
    unavailableSlotIds: unavailable(),
  }));
  const enterprises = Array.from({ length: o.enterprises }, (_, i) => ({ id: `E${pad(i + 1, 4)}`, unavailableSlotIds: unavailable() }));
  // Uneven popularity: a few banks are asked much more often than others.
  const weight = banks.map(() => 0.3 + rand() ** 2 * 2);
  const totalWeight = weight.reduce((a, w) => a + w, 0);
  const pickBank = (taken: Set<number>) => {
    for (;;) {
      let r = rand() * totalWeight;
      let b = 0;
      while (b < banks.length - 1 && r >= weight[b]) r -= weight[b++];
      if (!taken.has(b)) return b;
    }
  };
  const pairs: ScheduleInstance['pairs'] = [];
  for (const ent of enterprises) {
    const asks = Math.min(banks.length, scarce ? int(3, 8) : int(1, 4));
    const taken = new Set<number>();
    for (let k = 0; k < asks; k++) {
      const b = pickBank(taken);
      taken.add(b);
      pairs.push({
        requestId: `R${pad(pairs.length + 1, 5)}`,
        enterpriseId: ent.id,
        bankId: banks[b].id,
        must: rand() < 0.15,
        mutual: rand() < 0.3,
        score: rand() < 0.1 ? 0 : int(20, 100),
      });
    }
  }
  // Meetings fixed in advance: ~2% of the wishes in a random slot both have free, plus a few walk-ins.
  const fixed: ScheduleInstance['fixed'] = [];
  const entBusy = new Set<string>();
  const deskUsed = new Map<string, number>();
  const entById = new Map(enterprises.map((e) => [e.id, e]));
  const bankById = new Map(banks.map((b) => [b.id, b]));
  const tryFix = (requestId: string | null, enterpriseId: string, bankId: string) => {
    const e = entById.get(enterpriseId)!;
    const b = bankById.get(bankId)!;
    const s = slots[int(0, slots.length - 1)].id;
    const used = deskUsed.get(`${bankId}/${s}`) ?? 0;
    if (e.unavailableSlotIds.includes(s) || b.unavailableSlotIds.includes(s) || entBusy.has(`${enterpriseId}/${s}`) || used >= b.desks) return;
    entBusy.add(`${enterpriseId}/${s}`);
    deskUsed.set(`${bankId}/${s}`, used + 1);
    fixed.push({ requestId, enterpriseId, bankId, slotId: s, desk: b.desks - used }); // from the top desk down
  };
  for (const p of pairs) if (rand() < 0.02) tryFix(p.requestId, p.enterpriseId, p.bankId);
  const asked = new Set(pairs.map((p) => `${p.enterpriseId}/${p.bankId}`));
  const walkIns = Math.max(1, Math.round(o.enterprises / 100));
  for (let k = 0; k < walkIns; k++) {
    const e = enterprises[int(0, enterprises.length - 1)];
    const b = banks[int(0, banks.length - 1)];
    if (asked.has(`${e.id}/${b.id}`)) continue;
    asked.add(`${e.id}/${b.id}`);
    tryFix(null, e.id, b.id);
  }
  return { slots, banks, enterprises, pairs, fixed };
}
