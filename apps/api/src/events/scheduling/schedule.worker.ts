/**
 * Worker-thread entry of solveScheduleInWorker: solves the instance in `workerData` with the exact
 * solver and posts { ok: true, result } or { ok: false, error } once.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ScheduleInstance, ScheduleSolveOptions } from './schedule-model';
import { solveSchedule } from './schedule-solver';

const { inst, opts } = workerData as { inst: ScheduleInstance; opts: ScheduleSolveOptions };
solveSchedule(inst, opts).then(
  (result) => parentPort?.postMessage({ ok: true, result }),
  (err: unknown) => parentPort?.postMessage({ ok: false, error: err instanceof Error ? err.message : String(err) }),
);
