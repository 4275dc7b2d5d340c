#!/usr/bin/env node
/**
 * `npm run bench`: every benchmark of apps/api/bench in sequence, with settings short enough for a
 * 2-core machine (about 4 minutes in all there; each has a time cap), and bench/REPORT.md with each
 * one's key figures beside the reference figure the same run measured (bare SQL, bare BullMQ, a bare
 * HTTP server), the machine, the load on it, and the date. Each benchmark's full output is kept in
 * the report. It exits 1 when a benchmark failed (no figures), not when a target was missed.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test REDIS_URL=redis://127.0.0.1:6379 npm run bench
 *   npm run bench -- --only load,matching      # some of them (names: see BENCHES below)
 *
 * Needs DATABASE_URL (a PostgreSQL server: each benchmark creates a scratch database there and drops
 * it); REDIS_URL is used when set (the load benchmark's queue; the notification benchmark starts a
 * redis-server of its own). Every benchmark sends traffic to 127.0.0.1 only. Longer runs are the
 * benchmarks' own commands (README "Benchmarks"), e.g. the load target run of 10 minutes.
 */
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { clearTimeout, setTimeout } from 'node:timers';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, URL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const requireFromApi = createRequire(path.join(ROOT, 'apps/api/package.json'));
const TSX = path.join(ROOT, 'node_modules/tsx/dist/cli.mjs');
const REPORT = path.join(ROOT, 'bench/REPORT.md');
const out = (s = '') => process.stdout.write(`${s}\n`);

// ------------------------------------------------------------------------------------------ parsing helpers

/** The first match of `re` in `text`, as numbers where they look like numbers (1,234.5 → 1234.5). */
function grab(text, re) {
  const m = re.exec(text);
  if (!m) return null;
  return m.slice(1).map((x) => (x !== undefined && /^-?[\d,]+(\.\d+)?$/.test(x) ? Number(x.replace(/,/g, '')) : x));
}
const num = (n, digits = 1) => (n === null || n === undefined || Number.isNaN(n) ? '—' : Number(n).toLocaleString('en-US', { maximumFractionDigits: digits }));
const msv = (n) => (n === null || n === undefined ? '—' : `${num(n, Math.abs(n) < 1 ? 2 : 1)} ms`);
const ratio = (a, b) => (a && b ? `${(a / b).toFixed(1)}×` : '—');

/**
 * Each benchmark: its file, the short settings, a time cap, and what the summary table shows:
 * rows of [figure, value, reference figure, reference value, comparison or target].
 */
const BENCHES = [
  {
    name: 'library',
    title: 'Import and search (library.bench.ts)',
    file: 'library.bench.ts',
    args: [],
    capSeconds: 420,
    rows(t) {
      const imp = grab(t, /([\d,]+) rows in ([\d.]+) s = ([\d,]+) rows\/s/);
      const mem = grab(t, /peak memory while importing: \+(\d+) MB/);
      const built = grab(t, /built ([\d,]+) projects of ([\d,]+) enterprises in ([\d.]+) s/);
      const bareInsert = built ? (built[0] + built[1]) / built[2] : null;
      const search = grab(t, /filtered keyword search[^:]*: p50 ([\d.]+) ms, p95 ([\d.]+) ms/);
      const kw = grab(t, /keyword only[^:]*: p50 ([\d.]+) ms, p95 ([\d.]+) ms/);
      const bare = grab(t, /bare SELECT 1 round trip[^:]*: p50 ([\d.]+) ms, p95 ([\d.]+) ms/);
      return {
        ok: !!(imp && search),
        rows: [
          ['import of a 10,500-row .xlsx', imp ? `${num(imp[2], 0)} rows/s (${imp[1]} s; +${mem?.[0] ?? '?'} MB RSS)` : '—', 'bare SQL bulk INSERT of the set-up (100,000 projects + 10,000 enterprises, with category rows, 2,000–5,000 rows a statement)', bareInsert ? `${num(bareInsert, 0)} rows/s` : '—', `${ratio(bareInsert, imp?.[2])} slower than bare; target < 10 s, < 300 MB`],
          ['filtered keyword search over 110,000 projects', search ? `p50 ${msv(search[0])}, p95 ${msv(search[1])}` : '—', 'bare `SELECT 1` round trip, same pool', bare ? `p50 ${msv(bare[0])}, p95 ${msv(bare[1])}` : '—', 'target p95 < 50 ms'],
          ['keyword-only search', kw ? `p50 ${msv(kw[0])}, p95 ${msv(kw[1])}` : '—', '', '', ''],
        ],
      };
    },
  },
  {
    name: 'matching',
    title: 'Matching (matching.bench.ts)',
    file: 'matching.bench.ts',
    args: [],
    capSeconds: 420,
    rows(t) {
      const need = grab(t, /top 20 products for one need:\s+p50 ([\d.]+) ms, p95 ([\d.]+) ms/);
      const needBare = grab(t, /bare SQL candidate query:\s+p50 ([\d.]+) ms, p95 ([\d.]+) ms/);
      const bank = grab(t, /a bank's top 50 needs:\s+p50 ([\d.]+) ms, p95 ([\d.]+) ms/);
      const bankBare = grab(t, /bare SQL \(the scan's batches\):\s+p50 ([\d.]+) ms, p95 ([\d.]+) ms/);
      return {
        ok: !!(need && bank),
        rows: [
          ['top 20 products for one need (5,000 products)', need ? `p50 ${msv(need[0])}, p95 ${msv(need[1])}` : '—', 'bare SQL candidate query', needBare ? `p50 ${msv(needBare[0])}, p95 ${msv(needBare[1])}` : '—', `${ratio(need?.[1], needBare?.[1])} bare at p95; target p95 20 ms`],
          ["a bank's top 50 needs (100,000 needs)", bank ? `p50 ${msv(bank[0])}, p95 ${msv(bank[1])}` : '—', "bare SQL of the scan's batches", bankBare ? `p50 ${msv(bankBare[0])}, p95 ${msv(bankBare[1])}` : '—', `${ratio(bank?.[1], bankBare?.[1])} bare at p95; target p95 150 ms`],
        ],
      };
    },
  },
  {
    name: 'plan',
    title: 'Plan dashboard (plan.bench.ts)',
    file: 'plan.bench.ts',
    args: [],
    capSeconds: 240,
    rows(t) {
      const dash = grab(t, /dashboard \(GET \/plan\/dashboard\) computed after a change: p50 (\d+) ms, p95 (\d+) ms/);
      const kept = grab(t, /dashboard \(GET \/plan\/dashboard\) kept, facts unchanged: p50 ([\d.]+) ms, p95 ([\d.]+) ms/);
      const exp = grab(t, /export \(GET \/plan\/export\.xlsx\): (\d+) ms/);
      const period = grab(t, /open a period \(POST \/plan\/periods, (\d+) reminders scheduled\): (\d+) ms/);
      const bare = grab(t, /bare SELECT 1 round trip[^:]*: p50 ([\d.]+) ms, p95 ([\d.]+) ms/);
      return {
        ok: !!dash && !!kept,
        rows: [
          ['dashboard (36 months × 60 banks, 24 periods), computed after a change', dash ? `p50 ${msv(dash[0])}, p95 ${msv(dash[1])}` : '—', 'bare `SELECT 1` round trip, same pool', bare ? `p50 ${msv(bare[0])}, p95 ${msv(bare[1])}` : '—', ''],
          ['dashboard kept (facts unchanged: one read of their version)', kept ? `p50 ${msv(kept[0])}, p95 ${msv(kept[1])}` : '—', '', '', ''],
          ['export .xlsx', exp ? msv(exp[0]) : '—', '', '', ''],
          ['open a period', period ? `${msv(period[1])} (${period[0]} reminders)` : '—', '', '', ''],
        ],
      };
    },
  },
  {
    name: 'scheduling',
    title: 'Meeting scheduling (scheduling.bench.ts)',
    file: 'scheduling.bench.ts',
    args: ['2026', '10'],
    env: { BENCH_RATE: '50' },
    capSeconds: 300,
    rows(t) {
      const rows = [];
      let ok = false;
      for (const regime of ['desks-scarce', 'enterprises-scarce']) {
        const part = t.split(`== ${regime}`)[1]?.split('\n== ')[0] ?? '';
        const exact = grab(part, /exact \(worker\)\s+(\S+)\s+(\d+) ms \| quality\s+([\d.]+)% \| optimal (\S+)/);
        const greedy = grab(part, /greedy\s+(\S+)\s+(\d+) ms \| quality\s+([\d.]+)%/);
        const base = grab(part, /baseline \(no solve\)\s+([\d.]+) ms\s+([\d.]+) ms/);
        const during = grab(part, /during \d+ solves? \(worker thread\)\s+([\d.]+) ms\s+([\d.]+) ms/);
        if (exact) ok = true;
        rows.push([`${regime}: exact solve, 300 × 40 × 12`, exact ? `${exact[1]} ms, quality ${exact[2]}%${exact[3] === 'yes' ? ', optimal' : ''}` : '—', 'greedy baseline', greedy ? `${greedy[1]} ms, quality ${greedy[2]}%` : '—', 'target ≥ 99.5% or optimal within 10 s']);
        rows.push([`${regime}: API p50/p95 during the solve`, during ? `${msv(during[0])} / ${msv(during[1])}` : '—', 'same route, no solve running', base ? `${msv(base[0])} / ${msv(base[1])}` : '—', 'target p95 < 100 ms']);
      }
      return { ok, rows };
    },
  },
  {
    name: 'notifications',
    title: 'Notification fan-out (notifications.bench.ts)',
    file: 'notifications.bench.ts',
    args: [],
    env: { BENCH_USERS: '2000' },
    capSeconds: 300,
    rows(t) {
      const rows = [];
      let ok = false;
      for (const part of t.split('\n== ').slice(1)) {
        const label = part.split(' ==')[0];
        const inbox = grab(part, /站内消息 ([\d,]+) 条送达：\s*(\d+) ms\s*→ ([\d,]+) 条\/秒/);
        const mail = grab(part, /电子邮件 ([\d,]+) 封（每封一个任务）：\s*(\d+) ms\s*→ ([\d,]+) 封\/秒/);
        const bare = grab(part, /裸 BullMQ 空任务循环：\s*([\d,]+) 个\/秒/);
        const enq = grab(part, /入队（提交 → 已交给队列）：\s*(\d+) ms/);
        if (inbox) ok = true;
        rows.push([`${label}: inbox deliveries (${inbox ? num(inbox[0], 0) : '?'} users)`, inbox ? `${num(inbox[2], 0)} /s (${inbox[1]} ms; enqueue ${enq?.[0] ?? '?'} ms)` : '—', 'bare BullMQ no-op job loop', bare ? `${num(bare[0], 0)} jobs/s` : '—', `${inbox && bare ? (inbox[2] / bare[0]).toFixed(2) : '—'} of bare; target ≥ 0.33`]);
        rows.push([`${label}: e-mail, one job each`, mail ? `${num(mail[2], 0)} /s (${num(mail[0], 0)} in ${mail[1]} ms)` : '—', 'bare BullMQ no-op job loop', bare ? `${num(bare[0], 0)} jobs/s` : '—', mail && bare ? `${(mail[2] / bare[0]).toFixed(2)} of bare` : '']);
      }
      return { ok, rows };
    },
  },
  {
    name: 'load',
    title: 'Mixed load (load.bench.ts)',
    file: 'load.bench.ts',
    args: ['--rate', '100', '--duration', '60', '--ref-duration', '20'],
    capSeconds: 300,
    rows(t) {
      const line = t.split('\n').find((l) => l.startsWith('BENCH_RESULT '));
      if (!line) return { ok: false, rows: [['mixed workload', '—', 'bare Node HTTP server', '—', '']] };
      const r = JSON.parse(line.slice('BENCH_RESULT '.length));
      const ref = r.reference;
      const rows = [
        [`mixed workload at ${r.rate} req/s for ${r.duration} s: achieved`, `${num(r.achieved)} req/s, ${r.errors} errors of ${num(r.requests, 0)}${r.keepAliveRetries ? ` (${r.keepAliveRetries} sent again after a keep-alive reset)` : ''}`, `bare Node HTTP server, ${ref.bytes} B JSON, same rate, ${ref.duration} s`, `${num(ref.achieved)} req/s, ${ref.errors} errors`, `target 200 req/s for 10 min, 0 errors (this run: ${r.met.errors ? '0 errors' : 'ERRORS'})`],
        ['latency, all routes', `p50 ${msv(r.p50)}, p95 ${msv(r.p95)}, p99 ${msv(r.p99)}, max ${msv(r.max)}`, 'bare Node HTTP server', `p50 ${msv(ref.p50)}, p95 ${msv(ref.p95)}, p99 ${msv(ref.p99)}, max ${msv(ref.max)}`, `target p99 ≤ 300 ms: ${r.met.p99 ? 'met' : 'missed'}`],
      ];
      for (const [g, s] of Object.entries(r.groups ?? {})) rows.push([`  ${g}`, `p50 ${msv(s.p50)}, p95 ${msv(s.p95)}, p99 ${msv(s.p99)} (n ${s.n}${s.errors ? `, ${s.errors} errors` : ''})`, '', '', '']);
      rows.push(['API memory (RSS) start / middle / end', `${r.rssMb.start} / ${r.rssMb.middle} / ${r.rssMb.end} MB; peak ${r.rssMb.firstHalfPeak} MB in the first half, ${r.rssMb.secondHalfPeak} MB in the second (${r.rssMb.peakGrowthPct >= 0 ? '+' : ''}${r.rssMb.peakGrowthPct}%)`, '', '', `flat (second-half peak < +10%): ${r.met.memory ? 'yes' : 'no'}`]);
      rows.push(['CPU during the load', `API process ${r.cpu.api} cores, machine ${r.cpu.machine} of ${os.cpus().length}`, '', '', '']);
      return { ok: true, rows };
    },
  },
];

// ------------------------------------------------------------------------------------------ machine

async function postgresVersion(url) {
  try {
    const { Client } = requireFromApi('pg');
    const c = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
    await c.connect();
    const { rows } = await c.query('SHOW server_version');
    await c.end();
    return rows[0].server_version;
  } catch (e) {
    return `unknown (${e.message})`;
  }
}

function redisVersion(url) {
  if (!url) return Promise.resolve('REDIS_URL unset');
  return new Promise((resolve) => {
    const u = new URL(url);
    const s = net.connect({ host: u.hostname, port: Number(u.port || 6379) });
    let data = '';
    const done = (v) => {
      s.destroy();
      resolve(v);
    };
    s.setTimeout(3000, () => done('unknown (no answer)'));
    s.on('error', (e) => done(`unknown (${e.message})`));
    s.on('connect', () => s.write(`${u.password ? `AUTH ${decodeURIComponent(u.password)}\r\n` : ''}INFO server\r\n`));
    s.on('data', (d) => {
      data += d.toString();
      const m = /redis_version:(\S+)/.exec(data);
      if (m) done(m[1]);
    });
  });
}

function commandOutput(cmd, args) {
  try {
    return execFileSync(cmd, args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' / ');

// ------------------------------------------------------------------------------------------ running

/** Runs one benchmark with tsx, echoing and capturing its output; answers {code, seconds, output}. */
function run(b) {
  return new Promise((resolve) => {
    const t = Date.now();
    // Its own process group, so that a time-out ends it with whatever it started (the API child, redis-server).
    const child = spawn(process.execPath, [TSX, '--tsconfig', 'apps/api/tsconfig.json', `apps/api/bench/${b.file}`, ...b.args], {
      cwd: ROOT,
      env: { ...process.env, ...(b.env ?? {}) },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    const take = (d) => {
      const s = d.toString();
      output += s;
      process.stdout.write(s);
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      take(`\n[bench] ${b.name}: stopped after ${b.capSeconds} s\n`);
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
      setTimeout(() => {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }, 15_000).unref();
    }, b.capSeconds * 1000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      // eslint-disable-next-line no-control-regex -- terminal colours out of the report
      resolve({ code: code ?? signal, seconds: (Date.now() - t) / 1000, output: output.replace(/\x1b\[[0-9;]*m/g, ''), timedOut });
    });
  });
}

// ------------------------------------------------------------------------------------------ report

const cell = (s) => String(s ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');

function report({ started, finished, machine, results, settings }) {
  const L = [];
  L.push('# Benchmark report');
  L.push('');
  L.push(`Written by \`npm run bench\` (scripts/bench.mjs); each reference figure was measured in the same run, on the same machine, just before or after the figure beside it. Benchmarks and their longer commands: README, section "Benchmarks".`);
  L.push('');
  L.push('| | |');
  L.push('|---|---|');
  L.push(`| Date | ${started.toISOString().replace('T', ' ').slice(0, 16)} UTC (${started.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })} Asia/Shanghai); ${Math.round((finished - started) / 1000)} s in all |`);
  L.push(`| Machine | ${cell(machine.cpu)}, ${machine.cores} cores, ${machine.memory} GiB memory, ${cell(machine.os)} |`);
  L.push(`| Software | Node ${machine.node}, PostgreSQL ${cell(machine.postgres)}, Redis ${cell(machine.redis)} (REDIS_URL), redis-server ${cell(machine.redisServer)} (started by the notification benchmark) |`);
  L.push(`| Load average (1 / 5 / 15 min) | ${machine.loadStart} at the start, ${machine.loadEnd} at the end, on ${machine.cores} cores: the machine is shared, and other work ran during this run; figures are lower bounds of what the code does on an idle machine |`);
  L.push(`| Commit | ${cell(machine.commit)} |`);
  L.push(`| Settings | ${cell(settings)} |`);
  L.push('');
  L.push('## Figures and their references');
  L.push('');
  L.push('| benchmark | figure | value | reference (same run) | reference value | comparison / target |');
  L.push('|---|---|---|---|---|---|');
  for (const r of results) {
    const status = r.skipped ? ' (not run)' : r.summary.ok ? '' : ` (failed: exit ${r.code}${r.timedOut ? ', time cap' : ''})`;
    r.summary.rows.forEach((row, k) => L.push(`| ${k === 0 ? `**${r.bench.name}**${status}` : ''} | ${row.map(cell).join(' | ')} |`));
  }
  L.push('');
  L.push('## Each benchmark');
  for (const r of results) {
    L.push('');
    L.push(`### ${r.bench.title}`);
    L.push('');
    const envs = Object.entries(r.bench.env ?? {}).map(([k, v]) => `${k}=${v} `).join('');
    L.push(`\`${envs}npx tsx --tsconfig apps/api/tsconfig.json apps/api/bench/${r.bench.file}${r.bench.args.length ? ` ${r.bench.args.join(' ')}` : ''}\` — ${r.skipped ? 'not run (--only)' : `exit ${r.code}, ${r.seconds.toFixed(0)} s; load average at its start ${r.loadBefore}`}`);
    if (!r.skipped) {
      L.push('');
      L.push('<details><summary>output</summary>');
      L.push('');
      L.push('```');
      L.push(r.output.trimEnd().replace(/```/g, "'''"));
      L.push('```');
      L.push('');
      L.push('</details>');
    }
  }
  L.push('');
  return L.join('\n');
}

async function main() {
  const onlyAt = process.argv.indexOf('--only');
  const only = onlyAt > 0 ? new Set(process.argv[onlyAt + 1].split(',')) : null;
  if (only) for (const n of only) if (!BENCHES.some((b) => b.name === n)) throw new Error(`unknown benchmark ${n}; known: ${BENCHES.map((b) => b.name).join(', ')}`);
  if (!process.env.DATABASE_URL) {
    out('npm run bench needs a PostgreSQL server: set DATABASE_URL, e.g.');
    out('  DATABASE_URL=postgres://postgres@127.0.0.1:5432/test REDIS_URL=redis://127.0.0.1:6379 npm run bench');
    out('Each benchmark creates a scratch database on that server and drops it afterwards; REDIS_URL (optional)');
    out("is the load benchmark's queue. The benchmarks can also be run one by one on the embedded engines (README, Benchmarks).");
    process.exit(2);
  }
  const started = new Date();
  const machine = {
    cpu: os.cpus()[0]?.model ?? '?',
    cores: os.cpus().length,
    memory: (os.totalmem() / 2 ** 30).toFixed(0),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    postgres: await postgresVersion(process.env.DATABASE_URL),
    redis: await redisVersion(process.env.REDIS_URL),
    redisServer: commandOutput('redis-server', ['--version'])?.match(/v=(\S+)/)?.[1] ?? 'not installed',
    commit: (() => {
      const head = commandOutput('git', ['rev-parse', '--short', 'HEAD']);
      const dirty = commandOutput('git', ['status', '--porcelain'])?.split('\n').filter(Boolean).length ?? 0;
      return head ? `${head}${dirty ? ` with ${dirty} uncommitted changes` : ''}` : 'unknown';
    })(),
    loadStart: load(),
    loadEnd: '',
  };
  out(`npm run bench: ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, PostgreSQL ${machine.postgres}, Redis ${machine.redis}; load average ${machine.loadStart}`);
  const results = [];
  for (const bench of BENCHES) {
    if (only && !only.has(bench.name)) {
      results.push({ bench, skipped: true, summary: { ok: true, rows: [['(--only)', '', '', '', '']] } });
      continue;
    }
    out(`\n======== ${bench.title} ========`);
    const loadBefore = load();
    const r = await run(bench);
    let summary;
    try {
      summary = bench.rows(r.output);
    } catch (e) {
      summary = { ok: false, rows: [[`figures not read: ${e.message}`, '', '', '', '']] };
    }
    results.push({ bench, ...r, loadBefore, summary });
    await sleep(2000); // let the scratch databases' removal and the last processes settle
  }
  machine.loadEnd = load();
  const settings = BENCHES.filter((b) => !only || only.has(b.name))
    .map((b) => `${b.name}: ${[...Object.entries(b.env ?? {}).map(([k, v]) => `${k}=${v}`), ...b.args].join(' ') || 'defaults'}`)
    .join('; ');
  mkdirSync(path.dirname(REPORT), { recursive: true });
  writeFileSync(REPORT, report({ started, finished: new Date(), machine, results, settings }));
  const failed = results.filter((r) => !r.skipped && !r.summary.ok);
  out(`\nbench/REPORT.md written (${Math.round((Date.now() - started) / 1000)} s).${failed.length ? ` Failed: ${failed.map((r) => r.bench.name).join(', ')}.` : ''}`);
  process.exit(failed.length ? 1 : 0);
}

main().catch((e) => {
  process.stderr.write(`${e.stack ?? e}\n`);
  process.exit(1);
});
