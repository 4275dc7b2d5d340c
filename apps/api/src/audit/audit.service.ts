import { Injectable } from '@nestjs/common';
import type { AuditEntryView, AuditLogQueryParams, AuditVerifyResult, Page } from '@zj/shared';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, EntitySubscriberInterface, QueryRunner, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { currentRequestId } from '../common/http/request-context';
import { PageQuery, paginate } from '../common/http/pagination';
import { isoTime } from '../common/time';
import { ChainRow, chainHash, findBrokenLink, GENESIS_HASH } from './audit-chain';
import { AuditEntry } from './audit-entry.entity';
import type { AuditNames } from './audit-names';

/** Serialises writers of the chain: each row needs the hash of the one before it. */
const AUDIT_CHAIN_LOCK = 7_261_001;

export interface AuditRecord {
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
}

/** Plain JSON: dates become ISO strings, undefined disappears; what is stored is what was hashed. */
function toJson(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

/** An audit row waiting for its transaction to commit, with the savepoint depth it was recorded at. */
interface PendingRow {
  depth: number;
  actor: Actor | null;
  rec: AuditRecord;
  at: string;
  requestId: string | null;
}

/** The savepoint depth of a query runner's transaction (1: the transaction itself). */
const depthOf = (qr: QueryRunner) => (qr as unknown as { transactionDepth: number }).transactionDepth;

@Injectable()
export class AuditService implements EntitySubscriberInterface {
  /** Rows recorded in each open transaction, written to the chain just before it commits. */
  private readonly pending = new WeakMap<QueryRunner, PendingRow[]>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    dataSource.subscribers.push(this);
  }

  /**
   * Records a row in the caller's transaction, so the change and its audit row commit or vanish
   * together. Call it with the EntityManager of the transaction that makes the change.
   *
   * The row joins the chain when the transaction commits (beforeTransactionCommit): the chain's lock
   * is then the last lock the transaction takes, after every row it locks. Taking it where the change
   * is recorded let two transactions lock in opposite orders (one held the chain and waited for a
   * need's row, the other held the row and waited for the chain: a deadlock, seen at 200 requests/s),
   * and held the chain for the rest of each transaction.
   */
  async record(manager: EntityManager, actor: Actor | null, rec: AuditRecord): Promise<void> {
    const qr = manager.queryRunner;
    if (!qr?.isTransactionActive) {
      throw new Error('AuditService.record must run inside the transaction that makes the change');
    }
    // A transaction of another data source (a script's) is followed too.
    if (!qr.connection.subscribers.includes(this)) qr.connection.subscribers.push(this);
    const rows = this.pending.get(qr) ?? [];
    // What is recorded is the record as it is now, whatever the caller changes before the commit.
    const snapshot = { ...rec, before: toJson(rec.before), after: toJson(rec.after) };
    rows.push({ depth: depthOf(qr), actor, rec: snapshot, at: new Date().toISOString(), requestId: currentRequestId() ?? null });
    this.pending.set(qr, rows);
  }

  /** TypeORM, before COMMIT or RELEASE SAVEPOINT: the transaction's rows join the chain at its commit. */
  async beforeTransactionCommit(event: TransactionCommitEvent): Promise<void> {
    const qr = event.queryRunner;
    const rows = this.pending.get(qr);
    if (!rows?.length) return;
    const depth = depthOf(qr);
    if (depth > 1) {
      // A savepoint released: its rows now belong to the enclosing level.
      for (const r of rows) if (r.depth >= depth) r.depth = depth - 1;
      return;
    }
    this.pending.delete(qr);
    await this.append(qr, rows);
  }

  /** TypeORM, before ROLLBACK or ROLLBACK TO SAVEPOINT: rows of what is undone are forgotten. */
  beforeTransactionRollback(event: TransactionRollbackEvent): void {
    const qr = event.queryRunner;
    const rows = this.pending.get(qr);
    if (!rows) return;
    const depth = depthOf(qr);
    const kept = depth > 1 ? rows.filter((r) => r.depth < depth) : [];
    if (kept.length) this.pending.set(qr, kept);
    else this.pending.delete(qr);
  }

  /** Appends rows to the chain, in order, under the chain's lock (held until the commit that follows). */
  private async append(qr: QueryRunner, rows: PendingRow[]) {
    await qr.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK]);
    const [last] = await qr.query('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
    let seq = last ? BigInt(last.seq) : 0n;
    let prevHash: string = last ? last.hash : GENESIS_HASH;
    for (const { actor, rec, at, requestId } of rows) {
      seq += 1n;
      const fields = {
        seq: String(seq),
        at,
        actorUserId: actor?.userId ?? null,
        actorEmail: actor?.email ?? null,
        actorOrgId: actor?.organizationId ?? null,
        action: rec.action,
        entityType: rec.entityType,
        entityId: rec.entityId ?? null,
        // Already plain JSON: made so when recorded.
        before: rec.before,
        after: rec.after,
        requestId,
      };
      const hash = chainHash(prevHash, fields);
      await qr.query(
        `INSERT INTO audit_log (seq, at, actor_user_id, actor_email, actor_org_id, action, entity_type, entity_id, before, after, request_id, prev_hash, hash)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)`,
        [fields.seq, fields.at, fields.actorUserId, fields.actorEmail, fields.actorOrgId, fields.action, fields.entityType, fields.entityId,
          JSON.stringify(fields.before), JSON.stringify(fields.after), fields.requestId, prevHash, hash],
      );
      prevHash = hash;
    }
  }

  /**
   * A page of the log, each entry with the names the sentences read (issue 15): the actor's display
   * name and organisation, and the record's name, as the owning modules name them now (AuditNames).
   */
  async list(query: PageQuery & AuditLogQueryParams, names?: AuditNames): Promise<Page<AuditEntryView>> {
    const qb = this.dataSource.getRepository(AuditEntry).createQueryBuilder('a');
    if (query.entityType) qb.andWhere('a.entity_type = :t', { t: query.entityType });
    if (query.entityId) qb.andWhere('a.entity_id = :i', { i: query.entityId });
    if (query.action) qb.andWhere('a.action = :ac', { ac: query.action });
    const page = await paginate(qb, query, { seq: 'a.seq', at: 'a.at' }, '-seq');
    if (!names) return { ...page, items: page.items.map((e) => ({ ...e, at: isoTime(e.at) })) };
    const wanted = new Map<string, Set<string>>();
    const want = (type: string, id: string | null) => {
      if (!id) return;
      if (!wanted.has(type)) wanted.set(type, new Set());
      wanted.get(type)!.add(id);
    };
    for (const e of page.items) {
      want('user', e.actorUserId);
      want('organization', e.actorOrgId);
      want(e.entityType, e.entityId);
    }
    const found = await names.resolve(wanted);
    const nameOf = (type: string, id: string | null) => (id ? (found.get(type)?.get(id) ?? null) : null);
    return {
      ...page,
      items: page.items.map((e) => ({ ...e, at: isoTime(e.at), actorName: nameOf('user', e.actorUserId), actorOrgName: nameOf('organization', e.actorOrgId), entityName: nameOf(e.entityType, e.entityId) })),
    };
  }

  /** Walks the whole chain in batches; answers whether it is intact and where it first breaks. */
  async verify(): Promise<AuditVerifyResult> {
    const batch = 2000;
    let prevHash = GENESIS_HASH;
    let prevSeq = 0n;
    let checked = 0;
    for (;;) {
      const rows: Record<string, unknown>[] = await this.dataSource.query(
        `SELECT a.seq::text AS seq, at, actor_user_id, actor_email, actor_org_id, action, entity_type, entity_id, before, after, request_id, prev_hash, hash
           FROM audit_log a WHERE a.seq > $1 ORDER BY a.seq LIMIT $2`,
        [prevSeq.toString(), batch],
      );
      if (!rows.length) return { valid: true, checked, brokenAt: null };
      const chain: ChainRow[] = rows.map((r) => ({
        seq: r.seq as string,
        at: (r.at as Date).toISOString(),
        actorUserId: r.actor_user_id as string | null,
        actorEmail: r.actor_email as string | null,
        actorOrgId: r.actor_org_id as string | null,
        action: r.action as string,
        entityType: r.entity_type as string,
        entityId: r.entity_id as string | null,
        before: r.before,
        after: r.after,
        requestId: r.request_id as string | null,
        prevHash: r.prev_hash as string,
        hash: r.hash as string,
      }));
      const result = findBrokenLink(chain, prevHash, prevSeq);
      if (result.brokenAt) return { valid: false, checked: checked + Number(BigInt(result.brokenAt) - prevSeq - 1n), brokenAt: result.brokenAt };
      checked += chain.length;
      prevHash = result.lastHash;
      prevSeq = result.lastSeq;
    }
  }
}
