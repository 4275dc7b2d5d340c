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
 *      'event-schedule' job does), from the start of the solve to its end; the solve is repeated
 *      back to back until 5 s have passed (at most 5 solves), so that both windows hold about as
 *      many requests (a solve often takes 2–3 s); the solver figures printed are the first solve's;
 * and p50/p95/p99/max of both, side by side, with the main thread's event-loop delay, the CPU
 * busy on the machine and in this process over the same window (other work on the machine shows
 * there), and the p95 of each second. Target: p95 < 100 ms during the solve.
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
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { serverScratchDatabase } from './bench-database';
import { createPlatform, type Platform } from '../src/bootstrap';
import { loadConfig } from '../src/config/app.config';
import { greedySchedule, randomInstance, solveSchedule, solveScheduleInWorker, type ScheduleInstance, type ScheduleResult } from '../src/events/scheduling';

const SEED = Number(process.argv[2] ?? 2026);
const TIME_LIMIT = Number(process.argv[3] ?? 10);
const SIZE = { enterprises: 300, banks: 40, slots: 12 };
const ROUTE = process.env.BENCH_ROUTE ?? '/api/v1/products';
const RATE = Math.min(500, Math.max(1, Number(process.env.BENCH_RATE ?? 50)));
const BASELINE_SECONDS = 5;
/** Solves under load: back to back until BASELINE_SECONDS have passed, at most this many. */
const MAX_SOLVES = 5;
/** The load during the solves stops when they end; never later than this (the last solve starts before BASELINE_SECONDS; worker fallback: time limit + 20 s grace). */
const SOLVE_LOAD_MAX_SECONDS = BASELINE_SECONDS + TIME_LIMIT + 25;
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

interface Cpu {
  at: number;
  process: NodeJS.CpuUsage;
  machine: { busy: number; total: number } | null;
}

/** This process's CPU time (all its threads) and, on Linux, the whole machine's (/proc/stat). */
function cpuNow(): Cpu {
  let machine: Cpu['machine'] = null;
  try {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const total = f.reduce((a, b) => a + b, 0);
    machine = { busy: total - f[3] - (f[4] ?? 0), total };
  } catch {
    // not Linux: machine share unknown
  }
  return { at: performance.now(), process: process.cpuUsage(), machine };
}

/** Cores busy since `from`: the machine's and this process's (PostgreSQL and Redis are other processes). */
function coresSince(from: Cpu): string {
  const to = cpuNow();
  const own = (to.process.user - from.process.user + to.process.system - from.process.system) / 1000 / (to.at - from.at);
  const machine = to.machine && from.machine ? ((to.machine.busy - from.machine.busy) / Math.max(1, to.machine.total - from.machine.total)) * cpus().length : NaN;
  return `CPU busy: machine ${Number.isFinite(machine) ? machine.toFixed(2) : '?'} of ${cpus().length} cores, this process ${own.toFixed(2)}`;
}

interface Measured<T> {
  value: T;
  load: LoadStats;
  loopP95: number;
  loopMax: number;
  cpu: string;
}

/**
 * Runs the load for at most `maxSeconds`, and `work` meanwhile: with `work`, the load stops when
 * it ends; without, the load runs its full course (the baseline). The main thread's event-loop
 * delay and the CPU use are sampled over the same window.
 */
async function measure<T>(port: number, maxSeconds: number, work: (() => Promise<T>) | null): Promise<Measured<T | null>> {
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  await new Promise((r) => setTimeout(r, 20)); // the sampler's first tick only sets its reference: before the work
  const cpu = cpuNow();
  const load = startLoad(port, maxSeconds);
  let value: T | null;
  try {
    value = work ? await work() : (await load.result, null);
  } finally {
    load.stop();
    await new Promise((r) => setTimeout(r, 20)); // the delay sampler sees the end of a block
    loop.disable();
  }
  const cores = coresSince(cpu);
  return { value, load: await load.result, loopP95: loop.percentile(95) / 1e6, loopMax: loop.max / 1e6, cpu: cores };
}

/**
 * Solves `inst` with `solve` back to back until the load has run BASELINE_SECONDS (a solve can be
 * much shorter than the baseline's window; this gives both windows as many requests), at most
 * MAX_SOLVES times. Answers every result, the first one first.
 */
function repeatedSolves(solve: () => Promise<ScheduleResult>): () => Promise<ScheduleResult[]> {
  return async () => {
    const t = performance.now();
    const results: ScheduleResult[] = [];
    for (;;) {
      results.push(await solve());
      if (performance.now() - t >= BASELINE_SECONDS * 1000 || results.length >= MAX_SOLVES) break;
      await new Promise((r) => setTimeout(r, 1)); // through the timers phase, as between two jobs
    }
    return results;
  };
}

function loadLine(label: string, m: Measured<unknown>): string {
  const s = m.load;
  return [
    `    ${label.padEnd(36)}${col(s.p50)}${col(s.p95)}${col(s.p99)}${col(s.max)}  ${String(s.n).padStart(4)} req in ${s.seconds.toFixed(1)} s${s.errors ? ` (${s.errors} failed)` : ''}`,
    `      main thread event-loop delay p95 ${ms(m.loopP95)}, max ${ms(m.loopMax)}; ${m.cpu}; p95 per second: ${s.perSecondP95.map((x) => x.toFixed(0)).join(' | ')} ms`,
  ].join('\n');
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
      // NODE_ENV=production refuses published secrets: this run's own (nobody signs in).
      JWT_SECRET: randomBytes(48).toString('base64'),
      ADMIN_EMAIL: 'admin@bench.zjgf.local',
      ADMIN_PASSWORD: `Bench#${randomBytes(12).toString('base64url')}`,
      DEMO_DATA: 'true',
      LOG_LEVEL: 'error',
      QUEUE_PREFIX: `sb${randomUUID().replace(/-/g, '').slice(0, 10)}`,
      WEB_DIST_DIR: '',
    });
    const t = Date.now();
    platform = await createPlatform(config, { api: true, worker: true, logLevel: 'error' });
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
    console.log(`API part skipped: the platform did not start (${e instanceof Error ? e.message : String(e)}); solver figures only.`);
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
        const baseline = await measure(port, BASELINE_SECONDS, null);
        const during = await measure(port, SOLVE_LOAD_MAX_SECONDS, repeatedSolves(() => solveScheduleInWorker(inst, { timeLimitSeconds: TIME_LIMIT })));
        const solves = during.value ?? [];
        solved = solves[0];
        console.log(`  exact (worker)  ${figures(inst, solved)}`);
        console.log(`  API GET ${ROUTE} at ${RATE} req/s:        p50       p95       p99       max`);
        console.log(loadLine('baseline (no solve)', baseline));
        console.log(loadLine(`during ${solves.length} solve${solves.length > 1 ? 's' : ''} (worker thread)`, during));
        console.log(`      solve times ${solves.map((r) => r.solveMs).join(', ')} ms; qualities ${solves.map((r) => `${(r.quality * 100).toFixed(2)}%`).join(', ')}`);
        if (CONTROL) {
          const blocked = await measure(port, SOLVE_LOAD_MAX_SECONDS, repeatedSolves(() => solveSchedule(inst, { timeLimitSeconds: TIME_LIMIT })));
          console.log(loadLine(`control: ${blocked.value?.length} solve(s) on the main thread`, blocked));
        }
        apiMet = during.load.errors === 0 && during.load.p95 < TARGET_P95_MS;
        console.log(`  target p95 < ${TARGET_P95_MS} ms during the solve: ${apiMet ? 'met' : 'missed'} (${ms(during.load.p95)}; baseline ${ms(baseline.load.p95)})`);
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
