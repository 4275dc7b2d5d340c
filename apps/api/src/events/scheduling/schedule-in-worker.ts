/**
 * The exact solver off the main thread: solveSchedule runs in a node:worker_threads Worker (one per
 * call, terminated afterwards), so the HTTP server in this process keeps answering while HiGHS
 * works (a solve blocks its thread for up to the time limit).
 *
 * Entry file: schedule.worker.js beside this file when compiled (apps/api/dist), or
 * schedule.worker.ts when running from TypeScript source (Jest, tsx), then loaded with
 * `--require tsx/cjs` (Node 20 does not apply `--import tsx` to a worker's .ts entry).
 *
 * Time limit: `timeLimitSeconds` bounds the solve inside the worker, as for solveSchedule; starting
 * the worker (a few hundred ms: thread, Wasm compilation) comes on top and is included in solveMs.
 *
 * If the worker cannot be started, fails or does not answer within the time limit plus a grace
 * period, the greedy schedule is computed here and returned (method 'GREEDY'), with a warning.
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { greedySchedule } from './schedule-greedy';
import type { ScheduleInstance, ScheduleResult, ScheduleSolveOptions } from './schedule-model';
import { prepare } from './schedule-prepare';

type WorkerReply = { ok: true; result: ScheduleResult } | { ok: false; error: string };

/** Seconds past the time limit before a silent worker is given up (model building, Wasm start-up). */
const GRACE_SECONDS = 20;

/** How to start the worker entry: compiled JavaScript, or TypeScript source through tsx. */
export function workerEntry(): { file: string; execArgv: string[] } {
  if (__filename.endsWith('.ts')) return { file: path.join(__dirname, 'schedule.worker.ts'), execArgv: ['--require', require.resolve('tsx/cjs')] };
  return { file: path.join(__dirname, 'schedule.worker.js'), execArgv: [] };
}

export async function solveScheduleInWorker(inst: ScheduleInstance, opts: ScheduleSolveOptions): Promise<ScheduleResult> {
  const t0 = performance.now();
  prepare(inst); // an invalid instance is rejected here, as by solveSchedule
  return new Promise<ScheduleResult>((resolve, reject) => {
    let worker: Worker | null = null;
    let settled = false;
    const settle = (outcome: () => ScheduleResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker?.terminate();
      try {
        resolve(outcome());
      } catch (err) {
        reject(err);
      }
    };
    const fallBack = (why: string) =>
      settle(() => {
        console.warn(`schedule: the solver worker failed (${why}); greedy schedule returned`);
        return { ...greedySchedule(inst), solveMs: Math.round(performance.now() - t0) };
      });
    const timer = setTimeout(() => fallBack('no answer within the time limit'), (Math.max(0, opts.timeLimitSeconds) + GRACE_SECONDS) * 1000);
    try {
      const { file, execArgv } = workerEntry();
      worker = new Worker(file, { workerData: { inst, opts }, execArgv });
    } catch (err) {
      fallBack(err instanceof Error ? err.message : String(err));
      return;
    }
    worker.once('message', (reply: WorkerReply) => {
      if (!reply.ok) return fallBack(reply.error);
      settle(() => ({ ...reply.result, solveMs: Math.round(performance.now() - t0) })); // worker start-up included
    });
    worker.once('error', (err) => fallBack(err.message));
    worker.once('exit', (code) => fallBack(`exited with code ${code}`));
  });
}
