/**
 * Meeting scheduler benchmark (a script, not a test). For a matchmaking event of 300 enterprises ×
 * 40 banks × 12 slots in both regimes (desks scarce: 1–2 desks, 3–8 wishes per enterprise;
 * enterprises scarce: 3–6 desks, 1–4 wishes), prints for the exact solver and the greedy baseline:
 * wishes, solve time, method, quality vs the proven bound, optimality, must-meets placed,
 * enterprises without a meeting; and the latency of the real API on another route while the solve
 * runs.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test REDIS_URL=redis://127.0.0.1:6379 \
 *     npx tsx --tsconfig apps/api/tsconfig.json apps/api/bench/scheduling.bench.ts [seed] [timeLimitSeconds]
 *   npx tsx --tsconfig apps/api/tsconfig.json apps/api/bench/scheduling.bench.ts    # embedded engines
 *
 * The API part boots the platform in this process with createPlatform, as `npm start` does (API
 * and queue worker in one process, demo data loaded so the product catalogue is not empty): with
 * DATABASE_URL on a scratch database created on that server and dropped afterwards (BENCH_KEEP=1
 * keeps it), with REDIS_URL on that Redis under a queue prefix of its own; without DATABASE_URL on
 * the embedded engines in a temporary DATA_DIR. It listens on 127.0.0.1 only. Then, per regime:
 *  (a) baseline: GET <route> at a fixed rate (default 50 req/s) for 5 s, no solve running;
 *  (b) the same load while solveScheduleInWorker solves the instance in this process (as the
 *      'event-schedule' job does), from the start of the solve to its end;
 * and p50/p95/p99/max of both, side by side. Target: p95 < 100 ms during the solve.
 *
 * The load comes from a worker thread (so that a blocked main thread shows as latency instead of
 * slowing the client down), open loop: request i is due at start + i / rate, whether or not the
 * earlier ones have answered, and its latency is counted from that due time (no coordinated
 * omission). Bounded: at most rate × seconds requests per phase, each given up after 10 s.
 *
 * Environment: BENCH_ROUTE (default /api/v1/products), BENCH_RATE (default 50, at most 500),
 * BENCH_CONTROL=1 also runs the solve on the main thread (solveSchedule, no worker) under the same
 * load, to show that the probe does see a blocked event loop.
 *
 * Target: quality ≥ 99.5% (or proven optimal) within the time limit (10 s), and the route's p95
 * under 100 ms during the solve.
 */
import './nest-decorator-metadata'; // first: the platform's classes need decorator metadata under tsx
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { serverScratchDatabase } from './bench-database';
import { createPlatform, type Platform } from '../src/bootstrap';
import { JsonLogger } from '../src/common/logging/json-logger';
import { loadConfig } from '../src/config/app.config';
import { greedySchedule, randomInstance, solveSchedule, solveScheduleInWorker, type ScheduleInstance, type ScheduleResult } from '../src/events/scheduling';

const SEED = Number(process.argv[2] ?? 2026);
const TIME_LIMIT = Number(process.argv[3] ?? 10);
const SIZE = { enterprises: 300, banks: 40, slots: 12 };
const ROUTE = process.env.BENCH_ROUTE ?? '/api/v1/products';
const RATE = Math.min(500, Math.max(1, Number(process.env.BENCH_RATE ?? 50)));
const BASELINE_SECONDS = 5;
/** The load during a solve stops when the solve ends; never later than this (worker fallback: time limit + 20 s grace). */
const SOLVE_LOAD_MAX_SECONDS = TIME_LIMIT + 25;
const REQUEST_TIMEOUT_MS = 10_000;
const TARGET_P95_MS = 100;
const CONTROL = process.env.BENCH_CONTROL === '1';

const pct = (xs: number[], p: number) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] : NaN);
const ms = (n: number) => (Number.isFinite(n) ? `${n.toFixed(1)} ms` : '—');
const col = (n: number) => ms(n).padStart(10);

// ---------------------------------------------------------------------------------------- load

interface Sample {
  /** When the request was due, ms after the load started. */
  at: number;
  ms: number;
  status: number;
}

interface LoadStats {
  n: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  seconds: number;
  /** p95 of the requests due in each second of the load. */
  perSecondP95: number[];
}

/**
 * The load generator, in its own thread: GET http://127.0.0.1:<port><path> at `rate` per second,
 * open loop, at most `max` requests; stops early on the message 'stop'; posts the samples when the
 * last request has answered (or timed out).
 */
const LOAD_CLIENT = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const { port, path, rate, max, timeoutMs } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
const samples = [];
let stopped = false;
parentPort.on('message', (m) => { if (m === 'stop') stopped = true; });
const one = (due) => new Promise((resolve) => {
  const done = (status) => { samples.push({ at: due - t0, ms: performance.now() - due, status }); resolve(); };
  const req = http.get({ host: '127.0.0.1', port, path, agent, timeout: timeoutMs }, (res) => {
    res.resume();
    res.on('end', () => done(res.statusCode));
    res.on('error', () => done(0));
  });
  req.on('timeout', () => req.destroy(new Error('timeout')));
  req.on('error', () => done(0));
});
const t0 = performance.now();
(async () => {
  const interval = 1000 / rate;
  const pending = [];
  for (let i = 0; i < max && !stopped; i++) {
    const due = t0 + i * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    if (stopped) break;
    pending.push(one(due));
  }
  const seconds = (performance.now() - t0) / 1000;
  await Promise.all(pending);
  agent.destroy();
  parentPort.postMessage({ samples, seconds });
})();
`;

/** Starts the load on the platform's port; `stop()` ends it early; `result` answers the statistics. */
function startLoad(port: number, seconds: number): { stop(): void; result: Promise<LoadStats> } {
  const worker = new Worker(LOAD_CLIENT, { eval: true, workerData: { port, path: ROUTE, rate: RATE, max: Math.ceil(RATE * seconds), timeoutMs: REQUEST_TIMEOUT_MS }, execArgv: [] });
  const result = new Promise<LoadStats>((resolve, reject) => {
    worker.once('message', ({ samples, seconds: s }: { samples: Sample[]; seconds: number }) => {
      // A failed or timed-out request counts with the time it took, so a stall cannot hide as an error.
      const all = samples.map((x) => x.ms);
      const errors = samples.filter((x) => x.status < 200 || x.status >= 300).length;
      const perSecond: number[][] = [];
      for (const x of samples) (perSecond[Math.floor(x.at / 1000)] ??= []).push(x.ms);
      const perSecondP95 = Array.from(perSecond, (xs) => pct(xs ?? [], 95));
      resolve({ n: samples.length, errors, p50: pct(all, 50), p95: pct(all, 95), p99: pct(all, 99), max: all.length ? Math.max(...all) : NaN, seconds: s, perSecondP95 });
      void worker.terminate();
    });
    worker.once('error', reject);
  });
  return { stop: () => worker.postMessage('stop'), result };
}

/** The baseline: the full load of BASELINE_SECONDS with nothing else running, the main thread's event-loop delay sampled. */
async function baselineLoad(port: number): Promise<{ load: LoadStats; loopP95: number; loopMax: number }> {
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  try {
    const load = await startLoad(port, BASELINE_SECONDS).result;
    return { load, loopP95: loop.percentile(95) / 1e6, loopMax: loop.max / 1e6 };
  } finally {
    loop.disable();
  }
}

/** Runs `work` under the load (from its start to its end) with the main thread's event-loop delay sampled. */
async function underLoad<T>(port: number, work: () => Promise<T>): Promise<{ value: T; load: LoadStats; loopP95: number; loopMax: number }> {
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const load = startLoad(port, SOLVE_LOAD_MAX_SECONDS);
  let value: T;
  try {
    value = await work();
  } finally {
    load.stop();
    await new Promise((r) => setTimeout(r, 20)); // the delay sampler sees the end of a block
    loop.disable();
  }
  return { value, load: await load.result, loopP95: loop.percentile(95) / 1e6, loopMax: loop.max / 1e6 };
}

function loadLine(label: string, s: LoadStats, extra = ''): string {
  return `    ${label.padEnd(34)}${col(s.p50)}${col(s.p95)}${col(s.p99)}${col(s.max)}  ${String(s.n).padStart(4)} req in ${s.seconds.toFixed(1)} s${s.errors ? `, ${s.errors} failed` : ''}${extra}`;
}

// ---------------------------------------------------------------------------------------- platform

interface Api {
  port: number;
  describe: string;
  close(): Promise<void>;
}

/** Boots the real platform (API + queue worker in this process, as `npm start`) on a scratch database, listening on 127.0.0.1. */
async function startApi(): Promise<Api> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'zj-sched-bench-'));
  const scratch = process.env.DATABASE_URL ? await serverScratchDatabase(process.env.DATABASE_URL, 'zj_bench_sched') : null;
  let platform: Platform | null = null;
  const close = async () => {
    await platform?.close().catch((e) => console.error('platform close failed:', e));
    await scratch?.drop().catch((e) => console.error('scratch database drop failed:', e));
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const config = loadConfig({
      NODE_ENV: 'production',
      DATABASE_URL: scratch?.url,
      REDIS_URL: process.env.REDIS_URL,
      DATA_DIR: dataDir,
      JWT_SECRET: 'bench-secret-that-is-long-enough-0123456789',
      ADMIN_EMAIL: 'admin@bench.zjgf.local',
      ADMIN_PASSWORD: 'Admin#Zhanjiang2026',
      DEMO_DATA: 'true',
      LOG_LEVEL: 'error',
      QUEUE_PREFIX: `sb${randomUUID().replace(/-/g, '').slice(0, 10)}`,
      WEB_DIST_DIR: '',
    });
    const t = Date.now();
    platform = await createPlatform(config, { api: true, worker: true, logger: new JsonLogger('error') });
    await platform.app.listen(0, '127.0.0.1');
    const { port } = platform.app.getHttpServer().address() as { port: number };
    const db = scratch ? 'PostgreSQL server (scratch database)' : 'embedded PostgreSQL';
    const queue = platform.infra.queue.kind === 'redis' ? 'Redis' : 'PostgreSQL queue';
    return { port, describe: `${db}, ${queue}, API + worker in this process, booted in ${((Date.now() - t) / 1000).toFixed(1)} s`, close };
  } catch (e) {
    await close();
    throw e;
  }
}

/** A few requests before measuring: connection pools, JIT, first-query plans. */
async function warmUp(port: number) {
  for (let i = 0; i < 30; i++) {
    const res = await fetch(`http://127.0.0.1:${port}${ROUTE}`);
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`GET ${ROUTE} answered ${res.status}`);
  }
}

// ---------------------------------------------------------------------------------------- solver figures

function figures(inst: ScheduleInstance, r: ScheduleResult): string {
  const mustTotal = inst.pairs.filter((p) => p.must).length;
  const unmet = inst.enterprises.length - r.objective.enterprisesMet;
  return [
    `${r.method.padEnd(6)} ${String(r.solveMs).padStart(6)} ms`,
    `quality ${(r.quality * 100).toFixed(2).padStart(6)}%`,
    `optimal ${r.optimal ? 'yes' : 'no '}`,
    `must ${r.objective.mustMeets}/${mustTotal} (bound ${r.bound.mustMeets})`,
    `enterprises without a meeting ${unmet} (bound ${inst.enterprises.length - r.bound.enterprisesMet})`,
    `interest ${r.objective.interest} (bound ${r.bound.interest})`,
    `meetings ${r.meetings.length + inst.fixed.length}`,
    `max desk load ${r.objective.maxDeskLoad.toFixed(2)} (bound ${r.bound.maxDeskLoad.toFixed(2)})`,
  ].join(' | ');
}

async function main(): Promise<number> {
  console.log(`Scheduler benchmark: ${SIZE.enterprises} enterprises × ${SIZE.banks} banks × ${SIZE.slots} slots, seed ${SEED}, time limit ${TIME_LIMIT} s, ${cpus().length} CPUs`);
  let api: Api | null = null;
  try {
    api = await startApi();
    await warmUp(api.port);
    console.log(`API: ${api.describe}; load GET ${ROUTE} at ${RATE} req/s from another thread, open loop`);
  } catch (e) {
    console.log(`API part skipped: the platform did not start (${e instanceof Error ? e.message.split('\n')[0] : String(e)}); solver figures only.`);
  }

  let allMet = true;
  try {
    for (const regime of ['desks-scarce', 'enterprises-scarce'] as const) {
      const inst = randomInstance(SEED, { ...SIZE, regime });
      const desks = inst.banks.reduce((a, b) => a + b.desks, 0);
      console.log(`\n== ${regime} (machine load average ${loadavg()[0].toFixed(2)}): ${inst.pairs.length} wishes (${inst.pairs.filter((p) => p.must).length} must, ${inst.pairs.filter((p) => p.mutual).length} mutual), ${desks} desks, ${desks * SIZE.slots} desk-slots, ${inst.fixed.length} fixed`);
      const greedy = greedySchedule(inst);
      console.log(`  greedy          ${figures(inst, greedy)}`);

      let solved: ScheduleResult;
      let apiMet: boolean | null = null;
      if (api) {
        const port = api.port;
        const baseline = await baselineLoad(port);
        const during = await underLoad(port, () => solveScheduleInWorker(inst, { timeLimitSeconds: TIME_LIMIT }));
        solved = during.value;
        console.log(`  exact (worker)  ${figures(inst, solved)}`);
        console.log(`  API GET ${ROUTE} at ${RATE} req/s:      p50       p95       p99       max`);
        console.log(loadLine('baseline (no solve)', baseline.load, `; main event-loop delay p95 ${ms(baseline.loopP95)}, max ${ms(baseline.loopMax)}`));
        console.log(loadLine('during the solve (worker thread)', during.load, `; main event-loop delay p95 ${ms(during.loopP95)}, max ${ms(during.loopMax)}`));
        console.log(`    p95 per second of the solve: ${during.load.perSecondP95.map((x) => x.toFixed(0)).join(' | ')} ms`);
        if (CONTROL) {
          const blocked = await underLoad(port, () => solveSchedule(inst, { timeLimitSeconds: TIME_LIMIT }));
          console.log(loadLine('control: solve on the main thread', blocked.load, `; main event-loop delay p95 ${ms(blocked.loopP95)}, max ${ms(blocked.loopMax)}`));
        }
        apiMet = during.load.errors === 0 && during.load.p95 < TARGET_P95_MS;
        console.log(`  target p95 < ${TARGET_P95_MS} ms during the solve: ${apiMet ? 'met' : 'missed'} (${ms(during.load.p95)}, baseline ${ms(baseline.load.p95)})`);
      } else {
        solved = await solveScheduleInWorker(inst, { timeLimitSeconds: TIME_LIMIT });
        console.log(`  exact (worker)  ${figures(inst, solved)}`);
        console.log(`  API p95 during the solve: not measured (the platform did not start)`);
      }
      const qualityMet = (solved.optimal || solved.quality >= 0.995) && solved.solveMs <= TIME_LIMIT * 1000;
      console.log(`  target quality ≥ 99.5% or proven optimal, within ${TIME_LIMIT} s: ${qualityMet ? 'met' : 'missed'}`);
      allMet &&= qualityMet && apiMet !== false;
    }
  } finally {
    await api?.close();
  }
  console.log(`\nAll targets ${allMet && api ? 'met' : allMet ? 'met for the solver (API not measured)' : 'NOT met'}.`);
  return allMet && api ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
