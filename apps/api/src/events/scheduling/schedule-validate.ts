/**
 * Independent check of a schedule against the hard rules (written apart from the solvers' index
 * code on purpose): used by the tests and as the last guard before a schedule is saved.
 */
import { interestOf, qualityOf, type NotPlacedReason, type ScheduleInstance, type ScheduleObjective, type ScheduleResult } from './schedule-model';

const REASONS: readonly NotPlacedReason[] = ['NO_COMMON_SLOT', 'ENTERPRISE_BUSY', 'BANK_FULL', 'CAPACITY'];

/** Hard-rule violations of `r` for `inst`, in words; [] when the schedule is valid. */
export function validateSchedule(inst: ScheduleInstance, r: ScheduleResult): string[] {
  const v: string[] = [];
  const slotIds = new Set(inst.slots.map((s) => s.id));
  const bankById = new Map(inst.banks.map((b) => [b.id, b]));
  const entById = new Map(inst.enterprises.map((e) => [e.id, e]));
  const pairById = new Map(inst.pairs.map((p) => [p.requestId, p]));
  const key = (...parts: string[]) => parts.join('\u0000');

  // Wishes already met by a fixed meeting (by request id or by the same enterprise and bank).
  const fixedPairKeys = new Set(inst.fixed.map((f) => key(f.enterpriseId, f.bankId)));
  const fixedRequests = new Set(inst.fixed.map((f) => f.requestId).filter((id): id is string => id !== null));
  const isFixedPair = (p: ScheduleInstance['pairs'][number]) => fixedRequests.has(p.requestId) || fixedPairKeys.has(key(p.enterpriseId, p.bankId));

  const entSlot = new Map<string, number>(); // enterprise/slot → meetings
  const bankSlot = new Map<string, number>(); // bank/slot → meetings
  const bankSlotDesk = new Set<string>();
  const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  for (const f of inst.fixed) {
    bump(entSlot, key(f.enterpriseId, f.slotId));
    bump(bankSlot, key(f.bankId, f.slotId));
    bankSlotDesk.add(key(f.bankId, f.slotId, String(f.desk)));
  }

  const placedRequests = new Set<string>();
  for (const m of r.meetings) {
    const at = `meeting ${m.requestId} (${m.enterpriseId} × ${m.bankId}, ${m.slotId}, desk ${m.desk})`;
    const pair = pairById.get(m.requestId);
    const bank = bankById.get(m.bankId);
    const ent = entById.get(m.enterpriseId);
    if (!pair) v.push(`${at}: no such meeting wish`);
    else if (pair.enterpriseId !== m.enterpriseId || pair.bankId !== m.bankId) v.push(`${at}: the wish is for ${pair.enterpriseId} × ${pair.bankId}`);
    if (!slotIds.has(m.slotId)) v.push(`${at}: no such slot`);
    if (!bank) v.push(`${at}: no such bank`);
    if (!ent) v.push(`${at}: no such enterprise`);
    if (bank && (!Number.isInteger(m.desk) || m.desk < 1 || m.desk > bank.desks)) v.push(`${at}: desk outside 1..${bank.desks}`);
    if (bank?.unavailableSlotIds.includes(m.slotId)) v.push(`${at}: the bank is unavailable in this slot`);
    if (ent?.unavailableSlotIds.includes(m.slotId)) v.push(`${at}: the enterprise is unavailable in this slot`);
    if (placedRequests.has(m.requestId)) v.push(`${at}: the pair meets twice`);
    placedRequests.add(m.requestId);
    if (pair && isFixedPair(pair)) v.push(`${at}: the pair already has a fixed meeting`);
    if (bump(entSlot, key(m.enterpriseId, m.slotId)).get(key(m.enterpriseId, m.slotId))! > 1) v.push(`${at}: the enterprise has another meeting in this slot`);
    const bs = key(m.bankId, m.slotId);
    if (bump(bankSlot, bs).get(bs)! > (bank?.desks ?? 0)) v.push(`${at}: the bank has more meetings than desks in this slot`);
    const desk = key(m.bankId, m.slotId, String(m.desk));
    if (bankSlotDesk.has(desk)) v.push(`${at}: the desk is already taken in this slot`);
    bankSlotDesk.add(desk);
  }

  // Every open wish not placed is reported once, with the reason the final schedule gives.
  const reported = new Map<string, NotPlacedReason>();
  for (const n of r.notPlaced) {
    if (reported.has(n.requestId)) v.push(`not placed ${n.requestId}: reported twice`);
    reported.set(n.requestId, n.reason);
    if (!REASONS.includes(n.reason)) v.push(`not placed ${n.requestId}: unknown reason ${n.reason}`);
    const pair = pairById.get(n.requestId);
    if (!pair) v.push(`not placed ${n.requestId}: no such meeting wish`);
    else if (placedRequests.has(n.requestId) || isFixedPair(pair)) v.push(`not placed ${n.requestId}: but it has a meeting`);
  }
  for (const p of inst.pairs) {
    if (placedRequests.has(p.requestId) || isFixedPair(p)) continue;
    const reason = reported.get(p.requestId);
    if (reason === undefined) {
      v.push(`wish ${p.requestId}: neither placed nor reported as not placed`);
      continue;
    }
    const bank = bankById.get(p.bankId);
    const ent = entById.get(p.enterpriseId);
    if (!bank || !ent) continue;
    const common = inst.slots.map((s) => s.id).filter((s) => !bank.unavailableSlotIds.includes(s) && !ent.unavailableSlotIds.includes(s));
    const entFree = common.filter((s) => !entSlot.get(key(p.enterpriseId, s)));
    const expected: NotPlacedReason =
      common.length === 0
        ? 'NO_COMMON_SLOT'
        : entFree.length === 0
          ? 'ENTERPRISE_BUSY'
          : entFree.every((s) => (bankSlot.get(key(p.bankId, s)) ?? 0) >= bank.desks)
            ? 'BANK_FULL'
            : 'CAPACITY';
    if (reason !== expected) v.push(`not placed ${p.requestId}: reason ${reason}, the schedule says ${expected}`);
  }

  // The reported objective is the schedule's, and the bounds do not contradict it.
  const o = objectiveOfSchedule(inst, r);
  const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9;
  for (const k of ['mustMeets', 'enterprisesMet', 'interest', 'maxDeskLoad'] as const) {
    if (!close(o[k], r.objective[k])) v.push(`objective.${k} is ${r.objective[k]}, the schedule gives ${o[k]}`);
  }
  for (const k of ['mustMeets', 'enterprisesMet', 'interest'] as const) {
    if (r.bound[k] < r.objective[k]) v.push(`bound.${k} ${r.bound[k]} is below the achieved ${r.objective[k]}`);
  }
  if (r.bound.maxDeskLoad > r.objective.maxDeskLoad + 1e-9) v.push(`bound.maxDeskLoad ${r.bound.maxDeskLoad} is above the achieved ${r.objective.maxDeskLoad}`);
  if (!close(r.quality, qualityOf(r.objective, r.bound))) v.push(`quality ${r.quality} does not follow from objective and bound`);
  return v;
}

/** The objective of a schedule (fixed meetings included), recomputed from scratch. */
export function objectiveOfSchedule(inst: ScheduleInstance, r: Pick<ScheduleResult, 'meetings'>): ScheduleObjective {
  const pairById = new Map(inst.pairs.map((p) => [p.requestId, p]));
  const pairByKey = new Map(inst.pairs.map((p) => [`${p.enterpriseId}\u0000${p.bankId}`, p]));
  const met = new Set<string>();
  const covered = new Set<string>();
  const perBank = new Map<string, number>();
  let mustMeets = 0;
  let interest = 0;
  const count = (requestId: string | null, enterpriseId: string, bankId: string) => {
    covered.add(enterpriseId);
    perBank.set(bankId, (perBank.get(bankId) ?? 0) + 1);
    const p = (requestId !== null ? pairById.get(requestId) : undefined) ?? pairByKey.get(`${enterpriseId}\u0000${bankId}`);
    if (!p || met.has(p.requestId)) return;
    met.add(p.requestId);
    if (p.must) mustMeets++;
    interest += interestOf(p);
  };
  for (const f of inst.fixed) count(f.requestId, f.enterpriseId, f.bankId);
  for (const m of r.meetings) count(m.requestId, m.enterpriseId, m.bankId);
  let maxDeskLoad = 0;
  for (const b of inst.banks) if (b.desks > 0) maxDeskLoad = Math.max(maxDeskLoad, (perBank.get(b.id) ?? 0) / b.desks);
  return { mustMeets, enterprisesMet: covered.size, interest, maxDeskLoad };
}
