import { planApply } from './schedule-apply';

describe('applying a solve to the stored meetings', () => {
  const mt = (id: string, requestId: string, slotId: string, desk: number, published: number | null = null, sequence = published ?? 0) => ({ id, requestId, slotId, desk, sequence, publishedSequence: published });
  const pl = (requestId: string, slotId: string, desk: number) => ({ requestId, enterpriseId: `E-${requestId}`, bankId: 'B', slotId, desk });

  it('keeps the row of a request placed again, cancels the rest, inserts the new ones', () => {
    const plan = planApply([mt('m1', 'r1', 's1', 1), mt('m2', 'r2', 's2', 1), mt('m3', 'r3', 's1', 2)], [pl('r1', 's1', 1), pl('r2', 's1', 2), pl('r4', 's2', 1)]);
    expect(plan.keep).toEqual([
      { id: 'm1', slotId: 's1', desk: 1, changed: false, sequence: 0 },
      { id: 'm2', slotId: 's1', desk: 2, changed: true, sequence: 0 },
    ]);
    expect(plan.cancel).toEqual([{ id: 'm3', sequence: 0 }]);
    expect(plan.insert).toEqual([pl('r4', 's2', 1)]);
  });

  it('raises the SEQUENCE of published meetings that move or are cancelled, not of unchanged ones', () => {
    const plan = planApply([mt('m1', 'r1', 's1', 1, 0), mt('m2', 'r2', 's2', 1, 2), mt('m3', 'r3', 's1', 2, 1)], [pl('r1', 's1', 1), pl('r2', 's1', 2)]);
    expect(plan.keep).toEqual([
      { id: 'm1', slotId: 's1', desk: 1, changed: false, sequence: 0 },
      { id: 'm2', slotId: 's1', desk: 2, changed: true, sequence: 3 },
    ]);
    expect(plan.cancel).toEqual([{ id: 'm3', sequence: 2 }]);
    expect(plan.insert).toEqual([]);
  });
});
