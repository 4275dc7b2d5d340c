import { CallHandler, ExecutionContext, HttpStatus, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash, randomUUID } from 'node:crypto';
import { from, lastValueFrom, Observable } from 'rxjs';
import type { DataSource, EntitySubscriberInterface, TransactionCommitEvent } from 'typeorm';
import type { Actor } from '../auth/actor';
import { AppException } from '../errors/app.exception';

/**
 * `Idempotency-Key` on POST (issue 13, defect 8). A signed-in client sends a fresh key per logical
 * request and the same key on its retries; the platform remembers, per user and key for 24 hours,
 * the request's fingerprint and its answer (table idempotency_keys).
 *
 * What is guaranteed:
 * - The work is done at most once per key. The attempt holding the key marks it *inside each of its
 *   own transactions*, just before they commit (a TypeORM subscriber on BeforeTransactionCommit);
 *   the mark is conditional on still holding the key, and a transaction that lost the key rolls
 *   back. So a write that committed is remembered atomically with it, even if its answer was lost
 *   (a 500/503, a dropped connection, a crash).
 * - A retry answers the first answer (status and body) once it is stored, right after the handler
 *   returns (`Idempotent-Replayed: true`). If the work committed but its answer could not be stored
 *   (the database went away in between), the retry gets 409 IDEMPOTENCY_RESULT_UNAVAILABLE: the
 *   work is not done again, the client is told to look at the result instead.
 * - A retry while the first attempt still runs waits for it (a few seconds) and answers its result;
 *   past that, 409 IDEMPOTENCY_IN_PROGRESS. An attempt that failed without committing frees the key
 *   (its retry runs again); one whose process died frees it when its lease ends.
 * - The same key with another method, path or body is refused with 422 IDEMPOTENCY_KEY_REUSED.
 * Anonymous requests (sign-in) ignore the header: keys belong to a user.
 */

export enum IdempotencyErrorCode {
  KEY_INVALID = 'IDEMPOTENCY_KEY_INVALID',
  KEY_REUSED = 'IDEMPOTENCY_KEY_REUSED',
  IN_PROGRESS = 'IDEMPOTENCY_IN_PROGRESS',
  RESULT_UNAVAILABLE = 'IDEMPOTENCY_RESULT_UNAVAILABLE',
}

export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const MAX_KEY_LENGTH = 100;
/** How long a key is remembered. */
const TTL_SECONDS = 24 * 3600;
/** How long an attempt holds its key before another attempt (of a process that died) may take it over, unless it committed. */
const LEASE_SECONDS = 60;
/** How long a retry waits for an attempt in progress. */
const WAIT_MS = 3_000;
/** Expired keys are dropped at most this often (per process). */
const PURGE_EVERY_MS = 60_000;

const KEY_PATTERN = /^[\x21-\x7e]{1,100}$/;

interface Attempt {
  userId: string;
  key: string;
  owner: string;
  /** Set when the request is over: work it left running (a background job) no longer marks the key. */
  over: boolean;
}

const attempts = new AsyncLocalStorage<Attempt>();

const keyLost = () => AppException.conflict('该请求已由另一次提交处理，本次未执行', IdempotencyErrorCode.IN_PROGRESS);

/** Marks the key of the request's attempt inside each transaction of the request, just before it commits. */
class CommitMarker implements EntitySubscriberInterface {
  async beforeTransactionCommit(event: TransactionCommitEvent): Promise<void> {
    const a = attempts.getStore();
    if (!a || a.over || !event.queryRunner) return;
    const [row] = await event.queryRunner.query(
      `WITH u AS (UPDATE idempotency_keys SET committed_at = coalesce(committed_at, now()) WHERE user_id = $1 AND key = $2 AND owner = $3 RETURNING 1)
       SELECT count(*)::int AS n FROM u`,
      [a.userId, a.key, a.owner],
    );
    if (!row || row.n !== 1) throw keyLost();
  }
}

interface KeyRow {
  owner: string;
  request_hash: string;
  committed: boolean;
  running: boolean;
  response_status: number | null;
  response_body: unknown;
}

@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Idempotency');
  private purgedAt = 0;

  constructor(private readonly dataSource: DataSource) {
    if (!dataSource.subscribers.some((s) => s instanceof CommitMarker)) dataSource.subscribers.push(new CommitMarker());
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<Request & { actor?: Actor }>();
    const key = req.header(IDEMPOTENCY_HEADER);
    if (req.method !== 'POST' || key === undefined || !req.actor) return next.handle();
    if (!KEY_PATTERN.test(key)) {
      throw AppException.badRequest(`Idempotency-Key 应为 1 至 ${MAX_KEY_LENGTH} 个可见 ASCII 字符`, IdempotencyErrorCode.KEY_INVALID, [
        { field: 'Idempotency-Key', messages: [`应为 1 至 ${MAX_KEY_LENGTH} 个可见 ASCII 字符`] },
      ]);
    }
    const res = context.switchToHttp().getResponse<Response>();
    return from(this.handle(req, res, req.actor.userId, key, next));
  }

  private async handle(req: Request, res: Response, userId: string, key: string, next: CallHandler): Promise<unknown> {
    this.purge();
    const hash = fingerprint(req);
    const owner = randomUUID();
    const deadline = Date.now() + WAIT_MS;
    for (let pause = 25; ; pause = Math.min(pause * 2, 200)) {
      const row = await this.claim(userId, key, hash, owner, req);
      if (row.owner === owner) return this.run(userId, key, owner, res, next);
      if (row.request_hash !== hash) {
        throw new AppException(IdempotencyErrorCode.KEY_REUSED, '该 Idempotency-Key 已用于另一个请求（方法、地址或内容不同），请为新的请求生成新的键', HttpStatus.UNPROCESSABLE_ENTITY);
      }
      if (row.response_status !== null) {
        res.status(row.response_status);
        res.setHeader('Idempotent-Replayed', 'true');
        return row.response_body ?? undefined;
      }
      if (row.committed && !row.running) {
        throw AppException.conflict('该请求此前已处理成功，但结果未能返回；请刷新页面查看，不要重复提交', IdempotencyErrorCode.RESULT_UNAVAILABLE);
      }
      if (Date.now() + pause > deadline) throw AppException.conflict('同一请求正在处理中，请稍后再试', IdempotencyErrorCode.IN_PROGRESS);
      await new Promise((r) => setTimeout(r, pause));
    }
  }

  /**
   * Takes the key (new, expired, or left by an attempt whose lease ended without committing) or
   * answers who holds it.
   */
  private async claim(userId: string, key: string, hash: string, owner: string, req: Request): Promise<KeyRow> {
    const cols = `owner, request_hash, committed_at IS NOT NULL AS committed, coalesce(locked_until > now(), false) AS running, response_status, response_body`;
    const [taken] = await this.dataSource.query(
      `INSERT INTO idempotency_keys AS k (user_id, key, request_hash, method, path, owner, locked_until, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, now() + make_interval(secs => $7), now() + make_interval(secs => $8))
       ON CONFLICT (user_id, key) DO UPDATE
          SET request_hash = EXCLUDED.request_hash, method = EXCLUDED.method, path = EXCLUDED.path, owner = EXCLUDED.owner,
              locked_until = EXCLUDED.locked_until, expires_at = EXCLUDED.expires_at, created_at = now(),
              committed_at = NULL, response_status = NULL, response_body = NULL
        WHERE k.expires_at <= now()
           OR (k.committed_at IS NULL AND k.response_status IS NULL AND k.request_hash = EXCLUDED.request_hash AND coalesce(k.locked_until <= now(), true))
       RETURNING ${cols}`,
      [userId, key, hash, req.method, req.originalUrl.slice(0, 500), owner, LEASE_SECONDS, TTL_SECONDS],
    );
    if (taken) return taken;
    const [held] = await this.dataSource.query(`SELECT ${cols} FROM idempotency_keys WHERE user_id = $1 AND key = $2`, [userId, key]);
    // Gone in between (the holder failed and freed it): try again at once.
    return held ?? this.claim(userId, key, hash, owner, req);
  }

  /** Runs the handler holding the key; stores its answer, or frees the key when nothing committed. */
  private async run(userId: string, key: string, owner: string, res: Response, next: CallHandler): Promise<unknown> {
    const attempt: Attempt = { userId, key, owner, over: false };
    let value: unknown;
    try {
      value = await attempts.run(attempt, () => lastValueFrom(next.handle(), { defaultValue: undefined }));
    } catch (e) {
      attempt.over = true;
      // Frees the key unless the work committed (the database says, not this process: a commit may have
      // gone through while its answer was lost). If the database is unreachable the lease frees it later.
      await this.dataSource
        .query(
          `WITH d AS (DELETE FROM idempotency_keys WHERE user_id = $1 AND key = $2 AND owner = $3 AND committed_at IS NULL RETURNING 1),
                u AS (UPDATE idempotency_keys SET locked_until = NULL WHERE user_id = $1 AND key = $2 AND owner = $3 AND committed_at IS NOT NULL RETURNING 1)
           SELECT (SELECT count(*) FROM d) + (SELECT count(*) FROM u) AS n`,
          [userId, key, owner],
        )
        .catch((err: unknown) => this.logger.warn({ msg: 'idempotency key not released', error: err instanceof Error ? err.message : String(err) }));
      throw e;
    }
    attempt.over = true;
    const body = storable(value);
    await this.dataSource
      .query(
        `UPDATE idempotency_keys SET response_status = $4, response_body = $5::jsonb, committed_at = coalesce(committed_at, now()), locked_until = NULL
          WHERE user_id = $1 AND key = $2 AND owner = $3`,
        [userId, key, owner, res.statusCode, body],
      )
      .catch((err: unknown) => this.logger.warn({ msg: 'idempotent answer not stored', error: err instanceof Error ? err.message : String(err) }));
    return value;
  }

  private purge() {
    if (Date.now() - this.purgedAt < PURGE_EVERY_MS) return;
    this.purgedAt = Date.now();
    void this.dataSource.query(`DELETE FROM idempotency_keys WHERE expires_at < now() - interval '1 hour'`).catch(() => undefined);
  }
}

/** The request's identity: method, path and body (JSON), or its length for an upload (read later by its route). */
function fingerprint(req: Request): string {
  const type = req.header('content-type') ?? '';
  const body = type.startsWith('multipart/') ? `multipart:${req.header('content-length') ?? ''}` : JSON.stringify(req.body ?? null);
  return createHash('sha256').update(`${req.method} ${req.originalUrl}\n${body}`).digest('hex');
}

/** The answer as JSON text for the database (null when there is none, or it is not JSON). */
function storable(value: unknown): string | null {
  if (value === undefined || Buffer.isBuffer(value) || (typeof value === 'object' && value !== null && typeof (value as { pipe?: unknown }).pipe === 'function')) return null;
  try {
    return JSON.stringify(value) ?? null;
  } catch {
    return null;
  }
}
