import { greedySchedule } from './schedule-greedy';
import { interestOf, type ScheduleResult } from './schedule-model';
import { solveSchedule } from './schedule-solver';
import { bruteForceOptimum, lexCompare, tiny } from './schedule-test-helpers';
import { validateSchedule } from './schedule-validate';
import { randomInstance } from './schedule-random';

const opts = { timeLimitSeconds: 10 };
const placedIds = (r: ScheduleResult) => r.meetings.map((m) => m.requestId).sort();
const reasonOf = (r: ScheduleResult, requestId: string) => r.notPlaced.find((n) => n.requestId === requestId)?.reason;

describe('interestOf', () => {
  it('is 10, +10 when mutual, + the score in tens', () => {
    expect(interestOf({ must: false, mutual: false, score: 0 })).toBe(10);
    expect(interestOf({ must: true, mutual: false, score: 0 })).toBe(10);
    expect(interestOf({ must: false, mutual: true, score: 0 })).toBe(20);
    expect(interestOf({ must: false, mutual: false, score: 84 })).toBe(18);
    expect(interestOf({ must: false, mutual: true, score: 100 })).toBe(30);
    expect(interestOf({ must: false, mutual: false, score: 45 })).toBe(15); // Math.round(4.5)
  });
});

describe('solveSchedule on hand-made instances', () => {
  it('places one of two must-meets competing for one desk in one slot; the other bank is full', async () => {
    const inst = tiny({
      slots: 1,
      banks: { A: { desks: 1 } },
      enterprises: { E1: {}, E2: {} },
      pairs: [
        ['R1', 'E1', 'A', { must: true }],
        ['R2', 'E2', 'A', { must: true, mutual: true }], // more interest: the tie on tiers 1–2 goes to it
      ],
    });
    const r = await solveSchedule(inst, opts);
    expect(validateSchedule(inst, r)).toEqual([]);
    expect(r.meetings).toEqual([{ requestId: 'R2', enterpriseId: 'E2', bankId: 'A', slotId: 'S1', desk: 1 }]);
    expect(r.notPlaced).toEqual([{ requestId: 'R1', reason: 'BANK_FULL' }]);
    expect(r.objective).toEqual({ mustMeets: 1, enterprisesMet: 1, interest: 20, maxDeskLoad: 1 });
    expect(r.optimal).toBe(true);
    expect(r.quality).toBe(1);
  });

  it('finds the optimum where the greedy (first free slot) misses an enterprise', async () => {
    // E1 is ordered first (same options, more interest) and takes A's only desk in S1; E2 is only there in S1.
    const inst = tiny({
      slots: 2,
      banks: { A: { desks: 1 } },
      enterprises: { E1: {}, E2: { off: [2] } },
      pairs: [
        ['R1', 'E1', 'A', { score: 90 }],
        ['R2', 'E2', 'A', { score: 10 }],
      ],
    });
    const greedy = greedySchedule(inst);
    expect(validateSchedule(inst, greedy)).toEqual([]);
    expect(greedy.objective.enterprisesMet).toBe(1);
    expect(reasonOf(greedy, 'R2')).toBe('BANK_FULL');
    expect(greedy.method).toBe('GREEDY');

    const r = await solveSchedule(inst, opts);
    expect(validateSchedule(inst, r)).toEqual([]);
    expect(r.method).toBe('MIP');
    expect(r.objective).toEqual({ mustMeets: 0, enterprisesMet: 2, interest: 19 + 11, maxDeskLoad: 2 });
    expect(r.meetings.map((m) => [m.requestId, m.slotId])).toEqual([
      ['R2', 'S1'],
      ['R1', 'S2'],
    ]);
    expect(r.optimal).toBe(true);
    expect(r.bound.enterprisesMet).toBe(2);
  });

  it('with no time returns the greedy, honestly bounded', async () => {
    const inst = tiny({
      slots: 2,
      banks: { A: { desks: 1 } },
      enterprises: { E1: {}, E2: { off: [2] } },
      pairs: [
        ['R1', 'E1', 'A', { score: 90 }],
        ['R2', 'E2', 'A', { score: 10 }],
      ],
    });
    const r = await solveSchedule(inst, { timeLimitSeconds: 0 });
    expect(validateSchedule(inst, r)).toEqual([]);
    expect(r.method).toBe('GREEDY');
    expect(r.objective.enterprisesMet).toBe(1);
    expect(r.bound.enterprisesMet).toBe(2);
    expect(r.quality).toBeCloseTo(0.5);
    expect(r.optimal).toBe(false);
  });

  it('prefers an enterprise without any meeting to more interest', async () => {
    // A only in S1, B only in S2. E1 gives A 30 points, E2 only 10; but E2 has no other meeting.
    const inst = tiny({
      slots: 2,
      banks: { A: { desks: 1, off: [2] }, B: { desks: 1, off: [1] } },
      enterprises: { E1: {}, E2: {} },
      pairs: [
        ['R1', 'E1', 'A', { mutual: true, score: 100 }],
        ['R2', 'E1', 'B'],
        ['R3', 'E2', 'A'],
      ],
    });
    const r = await solveSchedule(inst, opts);
    expect(validateSchedule(inst, r)).toEqual([]);
    expect(placedIds(r)).toEqual(['R2', 'R3']);
    expect(r.objective).toEqual({ mustMeets: 0, enterprisesMet: 2, interest: 20, maxDeskLoad: 1 });
    expect(reasonOf(r, 'R1')).toBe('BANK_FULL');
    expect(r.optimal).toBe(true);
  });

  it('prefers a must-meet to covering one more enterprise', async () => {
    const inst = tiny({
      slots: 2,
      banks: { A: { desks: 1, off: [2] }, B: { desks: 1, off: [1] } },
      enterprises: { E1: {}, E2: {} },
      pairs: [
        ['R1', 'E1', 'A', { must: true }],
        ['R2', 'E1', 'B'],
        ['R3', 'E2', 'A', { mutual: true, score: 100 }],
      ],
    });
    const r = await solveSchedule(inst, opts);
    expect(validateSchedule(inst, r)).toEqual([]);
    expect(placedIds(r)).toEqual(['R1', 'R2']);
    expect(r.objective.mustMeets).toBe(1);
    expect(r.objective.enterprisesMet).toBe(1);
    expect(reasonOf(r, 'R3')).toBe('BANK_FULL');
  });

  it('balances the load across banks when the first three tiers tie', async () => {
    // E1 can meet A or B (same interest) in S1 only; A already has a walk-in in S2, so B is the balanced choice.
    const inst = tiny({
      slots: 2,
      banks: { A: { desks: 1 }, B: { desks: 1 } },
      enterprises: { E1: { off: [2] }, E9: {} },
      pairs: [
        ['R1', 'E1', 'A'],
        ['R2', 'E1', 'B'],
      ],
      fixed: [[null, 'E9', 'A', 2, 1]],
    });
    expect(placedIds(greedySchedule(inst))).toEqual(['R1']); // the greedy takes A (request id order)
    const r = await solveSchedule(inst, opts);
    expect(validateSchedule(inst, r)).toEqual([]);
    expect(placedIds(r)).toEqual(['R2']);
    expect(r.objective).toEqual({ mustMeets: 0, enterprisesMet: 2, interest: 10, maxDeskLoad: 1 });
    expect(reasonOf(r, 'R1')).toBe('ENTERPRISE_BUSY');
    expect(r.optimal).toBe(true);
  });

  it('respects unavailability: no common slot is reported as such, and no meeting lands in an unavailable slot', async () => {
    const inst = tiny({
      slots: 3,
      banks: { A: { desks: 2, off: [1, 2] }, B: { desks: 1, off: [3] } },
      enterprises: { E1: { off: [3] }, E2: { off: [1] } },
      pairs: [
        ['R1', 'E1', 'A'], // A only in S3, E1 not in S3
        ['R2', 'E2', 'A'], // S3
        ['R3', 'E2', 'B'], // S2
        ['R4', 'E1', 'B'], // S1 or S2
      ],
    });
    const r = await solveSchedule(inst, opts);
    expect(validateSchedule(inst, r)).toEqual([]);
    expect(r.notPlaced).toEqual([{ requestId: 'R1', reason: 'NO_COMMON_SLOT' }]);
    expect(r.meetings.map((m) => [m.requestId, m.slotId])).toEqual([
      ['R4', 'S1'],
      ['R3', 'S2'],
      ['R2', 'S3'],
    ]);
  });

  it('reports ENTERPRISE_BUSY when the enterprise meets another bank in every common slot', async () => {
    const inst = tiny({
      slots: 1,
      banks: { A: { desks: 1 }, B: { desks: 1 } },
      enterprises: { E1: {} },
      pairs: [
        ['R1', 'E1', 'A', { score: 50 }],
        ['R2', 'E1', 'B'],
      ],
    });
    const r = await solveSchedule(inst, opts);
    expect(validateSchedule(inst, r)).toEqual([]);
    expect(placedIds(r)).toEqual(['R1']);
    expect(r.notPlaced).toEqual([{ requestId: 'R2', reason: 'ENTERPRISE_BUSY' }]);
  });

  it('keeps fixed meetings: their desks and slots stay taken and their pairs are not placed again', async () => {
    const inst = tiny({
      slots: 2,
      banks: { A: { desks: 2 }, B: { desks: 1 } },
      enterprises: { E1: {}, E2: {}, E3: {} },
      pairs: [
        ['R1', 'E1', 'A', { must: true }], // fixed (by request id) in S1 at desk 1
        ['R2', 'E1', 'B'],
        ['R3', 'E2', 'A', { mutual: true }],
        ['R4', 'E3', 'B', { score: 100 }], // met by a walk-in (no request id) in S2
        ['R5', 'E3', 'A'],
      ],
      fixed: [
        ['R1', 'E1', 'A', 1, 1],
        [null, 'E3', 'B', 2, 1],
      ],
    });
    for (const r of [greedySchedule(inst), await solveSchedule(inst, opts)]) {
      expect(validateSchedule(inst, r)).toEqual([]);
      const ids = placedIds(r);
      expect(ids).not.toContain('R1');
      expect(ids).not.toContain('R4');
      expect(r.notPlaced.map((n) => n.requestId)).not.toContain('R1');
      expect(r.notPlaced.map((n) => n.requestId)).not.toContain('R4');
      // E1 is busy in S1 (fixed), so R2 can only be in S2; B's desk in S2 is the walk-in's.
      expect(r.meetings.find((m) => m.requestId === 'R2')).toBeUndefined();
      expect(reasonOf(r, 'R2')).toBe('BANK_FULL');
      // A meeting beside the fixed one in S1 gets the other desk.
      for (const m of r.meetings.filter((m) => m.bankId === 'A' && m.slotId === 'S1')) expect(m.desk).toBe(2);
      expect(r.objective.mustMeets).toBe(1); // the fixed R1 counts
      expect(r.objective.enterprisesMet).toBe(3);
    }
    const r = await solveSchedule(inst, opts);
    expect(placedIds(r)).toEqual(['R3', 'R5']);
    expect(r.objective.interest).toBe(10 + 20 + 10 + 20); // R1 + R3 + R5 + the walk-in's wish R4 (score 100)
    expect(r.optimal).toBe(true);
  });

  it('rejects an instance with unknown references', async () => {
    const inst = tiny({ slots: 1, banks: { A: { desks: 1 } }, enterprises: { E1: {} }, pairs: [['R1', 'E1', 'Z']] });
    await expect(solveSchedule(inst, opts)).rejects.toThrow(/unknown bank Z/);
    expect(() => greedySchedule(inst)).toThrow(/unknown bank Z/);
  });
});

describe('solveSchedule against exhaustive search', () => {
  // Tiny random instances (≤ 8 wishes, 3 slots): the exact solver must reach the brute-force optimum on all four tiers.
  const cases = [1, 2, 3, 4, 5, 6].map((seed) => ({ seed, regime: seed % 2 ? ('desks-scarce' as const) : ('enterprises-scarce' as const) }));
  it.each(cases)('seed $seed ($regime)', async ({ seed, regime }) => {
    const inst = randomInstance(seed, { enterprises: 4, banks: 2, slots: 3, regime });
    // Make the tiny case tight: one desk per bank and a fixed meeting or an unavailable slot now and then.
    inst.banks.forEach((b) => (b.desks = 1));
    inst.fixed = inst.fixed.filter((f) => f.desk === 1);
    const optimum = bruteForceOptimum(inst);
    const r = await solveSchedule(inst, opts);
    expect(validateSchedule(inst, r)).toEqual([]);
    expect(r.objective.mustMeets).toBe(optimum.mustMeets);
    expect(r.objective.enterprisesMet).toBe(optimum.enterprisesMet);
    expect(r.objective.interest).toBe(optimum.interest);
    expect(r.objective.maxDeskLoad).toBeCloseTo(optimum.maxDeskLoad, 9);
    expect(r.optimal).toBe(true);
    expect(lexCompare(r.objective, greedySchedule(inst).objective)).toBeGreaterThanOrEqual(0);
  });
});
