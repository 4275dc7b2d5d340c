import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import * as path from 'node:path';
import IORedis from 'ioredis';
import { Client } from 'pg';
import { freePort, waitFor } from './notifications-helpers';

/**
 * PostgreSQL and Redis server processes of a test's own — never the machine's shared ones (5432,
 * 6379): each on a free loopback port, with its data in a temporary directory, stopped and removed
 * by the test (and, should the test process exit without its clean-up, by an exit hook).
 */

/** A binary on PATH (or undefined). */
function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const p = path.join(dir, name);
    if (dir && existsSync(p)) return p;
  }
  return undefined;
}

/** redis-server: on PATH, or Debian's place. */
export function redisServerBin(): string | undefined {
  return onPath('redis-server') ?? (existsSync('/usr/bin/redis-server') ? '/usr/bin/redis-server' : undefined);
}

/**
 * The directory of initdb, pg_ctl and postgres: PG_BIN_DIR, else Debian's newest
 * /usr/lib/postgresql/<version>/bin, else initdb on PATH.
 */
export function postgresBinDir(): string | undefined {
  const has = (dir: string) => ['initdb', 'pg_ctl', 'postgres'].every((b) => existsSync(path.join(dir, b)));
  if (process.env.PG_BIN_DIR) return has(process.env.PG_BIN_DIR) ? process.env.PG_BIN_DIR : undefined;
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    for (const v of versions) if (has(path.join(root, v, 'bin'))) return path.join(root, v, 'bin');
  }
  const initdb = onPath('initdb');
  return initdb && has(path.dirname(initdb)) ? path.dirname(initdb) : undefined;
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** The OS user the PostgreSQL server runs as: PostgreSQL refuses to run as root, so root runs it as `postgres`. */
function postgresOsUser(): { name: string; uid: number; gid: number } | undefined {
  if (!isRoot()) return { name: userInfo().username, uid: process.getuid!(), gid: process.getgid!() };
  try {
    const [uid, gid] = ['-u', '-g'].map((flag) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim()));
    return { name: 'postgres', uid, gid };
  } catch {
    return undefined;
  }
}

/** Why own PostgreSQL and Redis servers cannot be started on this machine (undefined: they can). */
export function ownServersUnavailable(): string | undefined {
  const missing: string[] = [];
  if (!postgresBinDir()) missing.push('PostgreSQL server binaries (initdb, pg_ctl, postgres; apt-get install postgresql, or set PG_BIN_DIR)');
  if (!redisServerBin()) missing.push('redis-server (apt-get install redis-server)');
  if (missing.length) return `not installed: ${missing.join('; ')}`;
  if (isRoot() && !postgresOsUser()) return 'running as root and there is no `postgres` OS user to run PostgreSQL as (it refuses to run as root)';
  if (isRoot() && !onPath('runuser')) return 'running as root without `runuser` to start PostgreSQL as the `postgres` user';
  return undefined;
}

// ------------------------------------------------------------------------------------------ clean-up

/** Last-resort clean-up when the process exits with servers still running (a test that could not reach its afterAll). */
const atExit = new Set<() => void>();
let hooked = false;
function onExit(fn: () => void): () => void {
  if (!hooked) {
    hooked = true;
    process.once('exit', () => {
      for (const f of atExit) {
        try {
          f();
        } catch {
          // best effort
        }
      }
    });
  }
  atExit.add(fn);
  return () => atExit.delete(fn);
}

// ------------------------------------------------------------------------------------------ Redis

/** A redis-server of the test's own, without persistence: a restart loses every job. */
export async function startRedis(port: number, bin = redisServerBin() ?? '/usr/bin/redis-server'): Promise<ChildProcess> {
  const proc = spawn(bin, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const forget = onExit(() => proc.exitCode === null && proc.kill('SIGKILL'));
  proc.once('exit', forget);
  const probe = new IORedis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  // Refused until the server listens: answered by the loop below, not printed as an unhandled event.
  probe.on('error', () => undefined);
  await waitFor(async () => {
    try {
      await probe.connect();
      return (await probe.ping()) === 'PONG';
    } catch {
      probe.disconnect();
      return false;
    }
  }, 10_000, 'redis-server');
  probe.disconnect();
  return proc;
}

/** Kills a child process (SIGKILL: nothing is saved) and waits for it to be gone. */
export async function stopProcess(p: ChildProcess | undefined) {
  if (!p || p.exitCode !== null || p.signalCode !== null) return;
  const exited = new Promise((r) => p.once('exit', r));
  p.kill('SIGKILL');
  await exited;
}

// ------------------------------------------------------------------------------------------ PostgreSQL

/**
 * A PostgreSQL server of the test's own: initdb into a temporary directory (trust authentication,
 * superuser `postgres`), listening on 127.0.0.1:<free port> only, its socket in that directory.
 * As root it runs as the `postgres` OS user (the directory is given to that user). `stop()` is
 * `pg_ctl stop -m fast` (sessions are ended, the server shuts down cleanly), `start()` starts it
 * again on the same port and data. `destroy()` stops it and removes the directory.
 */
export class OwnPostgres {
  private forget?: () => void;
  /** postgres -c settings (port aside). */
  private settings: Record<string, string | number> = {};
  running = false;

  private constructor(
    readonly dir: string,
    readonly port: number,
    private readonly bin: string,
    private readonly osUser: { name: string; uid: number; gid: number },
  ) {}

  get dataDir() {
    return path.join(this.dir, 'data');
  }

  /** postgres://postgres@127.0.0.1:<port>/<database> */
  url(database = 'postgres') {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  /** Runs one of the server's programs as the server's OS user. */
  private run(program: string, args: string[], timeoutMs = 60_000) {
    const exe = path.join(this.bin, program);
    const [cmd, argv] = isRoot() ? ['runuser', ['-u', this.osUser.name, '--', exe, ...args]] : [exe, args];
    return execFileSync(cmd, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs, cwd: this.dir });
  }

  static async create(opts: { settings?: Record<string, string | number> } = {}): Promise<OwnPostgres> {
    const reason = ownServersUnavailable();
    if (reason) throw new Error(`cannot start an own PostgreSQL: ${reason}`);
    const osUser = postgresOsUser()!;
    const dir = mkdtempSync(path.join(tmpdir(), 'zj-own-pg-'));
    if (isRoot()) chownSync(dir, osUser.uid, osUser.gid);
    const pg = new OwnPostgres(dir, await freePort(), postgresBinDir()!, osUser);
    pg.settings = {
      listen_addresses: '127.0.0.1',
      unix_socket_directories: `'${dir}'`,
      // A scratch server: durability across a crash of the machine is not what is tested (a fast stop is clean).
      fsync: 'off',
      synchronous_commit: 'off',
      full_page_writes: 'off',
      max_connections: 100,
      ...opts.settings,
    };
    pg.forget = onExit(() => pg.destroySync());
    try {
      pg.run('initdb', ['-D', pg.dataDir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '-N']);
      await pg.start();
    } catch (e) {
      pg.destroySync();
      throw e;
    }
    return pg;
  }

  async start(): Promise<void> {
    const options = [`-p ${this.port}`, ...Object.entries(this.settings).map(([k, v]) => `-c ${k}=${v}`)].join(' ');
    try {
      this.run('pg_ctl', ['-D', this.dataDir, '-l', path.join(this.dir, 'server.log'), '-w', '-t', '60', '-o', options, 'start']);
    } catch (e) {
      throw new Error(`pg_ctl start failed: ${(e as Error).message}\n${this.logTail()}`, { cause: e });
    }
    this.running = true;
    // Ready when a client can run a query (pg_ctl -w waits for that already; this also covers the port).
    await waitFor(async () => {
      const c = new Client({ connectionString: this.url() });
      try {
        await c.connect();
        await c.query('SELECT 1');
        return true;
      } finally {
        await c.end().catch(() => undefined);
      }
    }, 30_000, `PostgreSQL on port ${this.port}`);
  }

  /** `pg_ctl stop -m fast` (or `immediate`): open sessions are ended, new connections are refused. */
  async stop(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    this.running = false;
    this.run('pg_ctl', ['-D', this.dataDir, '-m', mode, '-w', '-t', '60', 'stop']);
  }

  async createDatabase(name: string): Promise<string> {
    const c = new Client({ connectionString: this.url() });
    await c.connect();
    try {
      await c.query(`CREATE DATABASE ${name}`);
    } finally {
      await c.end();
    }
    return this.url(name);
  }

  logTail(lines = 30): string {
    try {
      return readFileSync(path.join(this.dir, 'server.log'), 'utf8').split('\n').slice(-lines).join('\n');
    } catch {
      return '(no server log)';
    }
  }

  private destroySync() {
    if (existsSync(path.join(this.dataDir, 'postmaster.pid'))) {
      try {
        this.run('pg_ctl', ['-D', this.dataDir, '-m', 'immediate', '-w', '-t', '30', 'stop'], 40_000);
      } catch {
        // not running
      }
    }
    this.running = false;
    rmSync(this.dir, { recursive: true, force: true });
    this.forget?.();
  }

  /** Stops the server (whatever state it is in) and removes its directory. */
  async destroy(): Promise<void> {
    this.destroySync();
  }
}
