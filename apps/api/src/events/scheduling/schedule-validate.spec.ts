import { greedySchedule } from './schedule-greedy';
import type { ScheduleResult } from './schedule-model';
import { randomInstance } from './schedule-random';
import { solveSchedule } from './schedule-solver';
import { lexCompare, tiny } from './schedule-test-helpers';
import { validateSchedule } from './schedule-validate';

const sizes = [
  { seed: 17, enterprises: 24, banks: 5, slots: 6, regime: 'desks-scarce' as const },
  { seed: 12, enterprises: 30, banks: 6, slots: 4, regime: 'desks-scarce' as const },
  { seed: 13, enterprises: 40, banks: 8, slots: 6, regime: 'enterprises-scarce' as const },
  { seed: 14, enterprises: 60, banks: 10, slots: 8, regime: 'desks-scarce' as const },
  { seed: 15, enterprises: 50, banks: 6, slots: 5, regime: 'enterprises-scarce' as const },
];

describe('hard rules on random instances', () => {
  it.each(sizes)('seed $seed: $enterprises × $banks × $slots, $regime', async ({ seed, ...o }) => {
    const inst = randomInstance(seed, o);
    const snapshot = JSON.stringify(inst);
    const greedy = greedySchedule(inst);
    const exact = await solveSchedule(inst, { timeLimitSeconds: 10 });
    expect(validateSchedule(inst, greedy)).toEqual([]);
    expect(validateSchedule(inst, exact)).toEqual([]);
    expect(JSON.stringify(inst)).toBe(snapshot); // the input is not modified
    // Never worse than the greedy; bounds hold; small instances are proven optimal.
    expect(lexCompare(exact.objective, greedy.objective)).toBeGreaterThanOrEqual(0);
    expect(exact.optimal).toBe(true);
    expect(exact.quality).toBe(1);
    for (const k of ['mustMeets', 'enterprisesMet', 'interest'] as const) expect(exact.bound[k]).toBe(exact.objective[k]);
    // Fixed meetings stay where they are: nothing new for their pairs, their desks stay free of new meetings.
    const fixedPairs = new Set(inst.fixed.map((f) => `${f.enterpriseId}/${f.bankId}`));
    const fixedDesks = new Set(inst.fixed.map((f) => `${f.bankId}/${f.slotId}/${f.desk}`));
    for (const m of exact.meetings) {
      expect(fixedPairs.has(`${m.enterpriseId}/${m.bankId}`)).toBe(false);
      expect(fixedDesks.has(`${m.bankId}/${m.slotId}/${m.desk}`)).toBe(false);
    }
    expect(inst.fixed.length).toBeGreaterThan(0);
  });
});

describe('randomInstance', () => {
  it('is deterministic and follows the regime', () => {
    const a = randomInstance(7, { enterprises: 50, banks: 10, slots: 12, regime: 'desks-scarce' });
    expect(randomInstance(7, { enterprises: 50, banks: 10, slots: 12, regime: 'desks-scarce' })).toEqual(a);
    expect(randomInstance(8, { enterprises: 50, banks: 10, slots: 12, regime: 'desks-scarce' })).not.toEqual(a);
    expect(a.slots).toHaveLength(12);
    expect(a.banks.every((b) => b.desks >= 1 && b.desks <= 2)).toBe(true);
    const asks = (inst: typeof a) => inst.enterprises.map((e) => inst.pairs.filter((p) => p.enterpriseId === e.id).length);
    expect(asks(a).every((n) => n >= 3 && n <= 8)).toBe(true);
    const b = randomInstance(7, { enterprises: 50, banks: 10, slots: 12, regime: 'enterprises-scarce' });
    expect(b.banks.every((x) => x.desks >= 3 && x.desks <= 6)).toBe(true);
    expect(asks(b).every((n) => n >= 1 && n <= 4)).toBe(true);
    const big = randomInstance(1, { enterprises: 300, banks: 40, slots: 12, regime: 'desks-scarce' });
    const must = big.pairs.filter((p) => p.must).length / big.pairs.length;
    expect(must).toBeGreaterThan(0.1);
    expect(must).toBeLessThan(0.2);
    expect(validateSchedule(big, greedySchedule(big))).toEqual([]); // the fixed meetings it makes are valid
  });
});

describe('validateSchedule', () => {
  const inst = tiny({
    slots: 2,
    banks: { A: { desks: 2 }, B: { desks: 2, off: [2] } },
    enterprises: { E1: {}, E2: {}, E3: { off: [1] } },
    pairs: [
      ['R1', 'E1', 'A', { must: true }],
      ['R2', 'E2', 'A'],
      ['R3', 'E2', 'B'],
      ['R4', 'E3', 'B'],
      ['R5', 'E1', 'B'],
    ],
    fixed: [['R5', 'E1', 'B', 1, 2]],
  });
  let valid: ScheduleResult;
  beforeAll(async () => {
    valid = await solveSchedule(inst, { timeLimitSeconds: 10 });
  });
  const broken = (change: (r: ScheduleResult) => void) => {
    const r: ScheduleResult = JSON.parse(JSON.stringify(valid));
    change(r);
    return validateSchedule(inst, r);
  };

  it('accepts the solver result', () => {
    expect(validateSchedule(inst, valid)).toEqual([]);
    expect(valid.meetings.map((m) => m.requestId).sort()).toEqual(['R1', 'R2', 'R3']);
    expect(valid.notPlaced).toEqual([{ requestId: 'R4', reason: 'NO_COMMON_SLOT' }]);
  });

  it('finds each kind of violation', () => {
    // The valid schedule: R3 (E2 × B) in S1 at desk 1 (desk 2 is the fixed R5's), R1 and R2 at A in S2.
    const at = (r: ScheduleResult, id: string) => r.meetings.find((m) => m.requestId === id)!;
    expect(at(valid, 'R3')).toMatchObject({ slotId: 'S1', desk: 1 });
    expect([at(valid, 'R1').slotId, at(valid, 'R2').slotId]).toEqual(['S2', 'S2']);
    expect(broken((r) => (at(r, 'R2').desk = at(r, 'R1').desk)).join()).toMatch(/desk is already taken/);
    expect(broken((r) => (at(r, 'R3').slotId = 'S2')).join()).toMatch(/enterprise has another meeting/);
    expect(broken((r) => (at(r, 'R3').desk = 3)).join()).toMatch(/desk outside 1\.\.2/);
    expect(broken((r) => (at(r, 'R3').desk = 2)).join()).toMatch(/desk is already taken/);
    expect(broken((r) => r.meetings.push({ ...at(r, 'R1') })).join()).toMatch(/meets twice/);
    expect(broken((r) => r.meetings.push({ requestId: 'R5', enterpriseId: 'E1', bankId: 'B', slotId: 'S1', desk: 1 })).join()).toMatch(/already has a fixed meeting/);
    expect(broken((r) => r.meetings.push({ requestId: 'R4', enterpriseId: 'E3', bankId: 'B', slotId: 'S2', desk: 1 })).join()).toMatch(/bank is unavailable/);
    expect(broken((r) => (at(r, 'R2').enterpriseId = 'E3')).join()).toMatch(/the wish is for E2 × A/);
    expect(broken((r) => (r.notPlaced = [])).join()).toMatch(/R4: neither placed nor reported/);
    expect(broken((r) => (r.notPlaced[0].reason = 'CAPACITY')).join()).toMatch(/reason CAPACITY, the schedule says NO_COMMON_SLOT/);
    expect(broken((r) => r.notPlaced.push({ requestId: 'R1', reason: 'BANK_FULL' })).join()).toMatch(/R1: but it has a meeting/);
    expect(broken((r) => (r.objective.interest += 1)).join()).toMatch(/objective.interest/);
    expect(broken((r) => (r.bound.mustMeets = 0)).join()).toMatch(/bound.mustMeets 0 is below/);
    expect(broken((r) => (r.quality = 0.5)).join()).toMatch(/quality/);
    // The same schedule if A had one desk: two meetings at A in S2.
    const oneDesk = { ...inst, banks: inst.banks.map((b) => (b.id === 'A' ? { ...b, desks: 1 } : b)) };
    expect(validateSchedule(oneDesk, valid).join()).toMatch(/more meetings than desks/);
  });

  it('finds a meeting in a slot the enterprise marked unavailable', () => {
    const r = broken((x) => x.meetings.push({ requestId: 'R4', enterpriseId: 'E3', bankId: 'B', slotId: 'S1', desk: 1 }));
    expect(r.join()).toMatch(/enterprise is unavailable/);
  });
});
