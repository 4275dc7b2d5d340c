import { Injectable } from '@nestjs/common';
import type { AuditVerifyResult } from '@zj/shared';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { currentRequestId } from '../common/http/request-context';
import { PageQuery, paginate } from '../common/http/pagination';
import { ChainRow, chainHash, findBrokenLink, GENESIS_HASH } from './audit-chain';
import { AuditEntry } from './audit-entry.entity';

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

@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Appends a row in the caller's transaction, so the change and its audit row commit or vanish
   * together. Call it with the EntityManager of the transaction that makes the change.
   */
  async record(manager: EntityManager, actor: Actor | null, rec: AuditRecord): Promise<void> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('AuditService.record must run inside the transaction that makes the change');
    }
    await manager.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK]);
    const [last] = await manager.query('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
    const seq = last ? String(BigInt(last.seq) + 1n) : '1';
    const prevHash: string = last ? last.hash : GENESIS_HASH;
    const fields = {
      seq,
      at: new Date().toISOString(),
      actorUserId: actor?.userId ?? null,
      actorEmail: actor?.email ?? null,
      actorOrgId: actor?.organizationId ?? null,
      action: rec.action,
      entityType: rec.entityType,
      entityId: rec.entityId ?? null,
      before: toJson(rec.before),
      after: toJson(rec.after),
      requestId: currentRequestId() ?? null,
    };
    const hash = chainHash(prevHash, fields);
    await manager.query(
      `INSERT INTO audit_log (seq, at, actor_user_id, actor_email, actor_org_id, action, entity_type, entity_id, before, after, request_id, prev_hash, hash)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)`,
      [seq, fields.at, fields.actorUserId, fields.actorEmail, fields.actorOrgId, fields.action, fields.entityType, fields.entityId,
        JSON.stringify(fields.before), JSON.stringify(fields.after), fields.requestId, prevHash, hash],
    );
  }

  async list(query: PageQuery & { entityType?: string; entityId?: string; action?: string }) {
    const qb = this.dataSource.getRepository(AuditEntry).createQueryBuilder('a');
    if (query.entityType) qb.andWhere('a.entity_type = :t', { t: query.entityType });
    if (query.entityId) qb.andWhere('a.entity_id = :i', { i: query.entityId });
    if (query.action) qb.andWhere('a.action = :ac', { ac: query.action });
    return paginate(qb, query, { seq: 'a.seq', at: 'a.at' }, '-seq');
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
