import { randomInstance } from './schedule-random';
import { solveScheduleInWorker, workerEntry } from './schedule-in-worker';
import { solveSchedule } from './schedule-solver';
import { validateSchedule } from './schedule-validate';

describe('solveScheduleInWorker', () => {
  it('starts the TypeScript entry through tsx when running from source', () => {
    const { file, execArgv } = workerEntry();
    expect(file).toMatch(/schedule\.worker\.ts$/);
    expect(execArgv[0]).toBe('--require');
    expect(execArgv[1]).toMatch(/tsx/);
  });

  it('returns the same objective as the in-thread solve, without blocking this thread', async () => {
    const inst = randomInstance(21, { enterprises: 40, banks: 6, slots: 6, regime: 'desks-scarce' });
    const here = await solveSchedule(inst, { timeLimitSeconds: 10 });
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const there = await solveScheduleInWorker(inst, { timeLimitSeconds: 10 });
    clearInterval(timer);
    expect(there.method).toBe('MIP');
    expect(there.objective).toEqual(here.objective);
    expect(there.optimal).toBe(here.optimal);
    expect(validateSchedule(inst, there)).toEqual([]);
    expect(ticks).toBeGreaterThan(0); // the event loop ran while the worker solved
  });

  it('rejects an invalid instance like the in-thread solve', async () => {
    const inst = randomInstance(21, { enterprises: 5, banks: 2, slots: 2, regime: 'desks-scarce' });
    inst.pairs[0].bankId = 'nope';
    await expect(solveScheduleInWorker(inst, { timeLimitSeconds: 1 })).rejects.toThrow(/unknown bank nope/);
  });
});
