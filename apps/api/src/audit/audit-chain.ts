import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with keys sorted at every depth, so the same value always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    return `{${Object.keys(obj)
      .filter((k) => obj[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

export interface ChainedFields {
  seq: string;
  at: string;
  actorUserId: string | null;
  actorEmail: string | null;
  actorOrgId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
}

/** hash(n) = SHA-256(hash(n-1) ‖ canonical row n): changing, removing or reordering a row breaks every later link. */
export function chainHash(prevHash: string, fields: ChainedFields): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(fields)).digest('hex');
}

export interface ChainRow extends ChainedFields {
  prevHash: string;
  hash: string;
}

/** Checks rows in seq order that follow `prevHash`; answers the seq of the first broken row or null. */
export function findBrokenLink(rows: ChainRow[], prevHash: string, prevSeq: bigint): { brokenAt: string | null; lastHash: string; lastSeq: bigint } {
  let expectedPrev = prevHash;
  let expectedSeq = prevSeq + 1n;
  for (const row of rows) {
    const { prevHash: rowPrev, hash, ...fields } = row;
    if (BigInt(row.seq) !== expectedSeq || rowPrev !== expectedPrev || chainHash(rowPrev, fields) !== hash) {
      return { brokenAt: row.seq, lastHash: expectedPrev, lastSeq: expectedSeq - 1n };
    }
    expectedPrev = hash;
    expectedSeq += 1n;
  }
  return { brokenAt: null, lastHash: expectedPrev, lastSeq: expectedSeq - 1n };
}
