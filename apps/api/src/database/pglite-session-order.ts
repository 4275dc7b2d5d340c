import type { PGlite } from '@electric-sql/pglite';
import type { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/**
 * pglite-socket serves many client connections from PGlite's single session, one wire-protocol
 * message at a time. It keeps a client's *transaction* together, but not a client's extended-query
 * sequence (Parse, Bind, Describe, Execute … Sync): two connections sending parameterised queries
 * at the same moment get their messages interleaved, and one's Bind lands on the other's unnamed
 * statement ("bind message supplies 2 parameters, but prepared statement requires 1", "portal does
 * not exist"). A message that fails also left the queue stuck (`processing` never reset).
 *
 * This replaces the queue's scheduling so that once a connection has started an extended-query
 * sequence or a transaction, only that connection's messages run until its Sync outside a
 * transaction — the same isolation a PostgreSQL server gives each connection. Written against
 * pglite-socket 0.2.17 (pinned in package.json); `assertQueueShape` fails loudly if an upgrade
 * changes the internals this relies on.
 */
interface QueuedMessage {
  handlerId: number;
  message: Uint8Array;
  resolve(bytes: number): void;
  reject(error: unknown): void;
  onData(data: Uint8Array): void;
}

interface QueryQueueInternals {
  queue: QueuedMessage[];
  processing: boolean;
  lastHandlerId: number | null;
  db: PGlite;
  processQueue(): Promise<void>;
  clearQueueForHandler(handlerId: number): void;
  clearTransactionIfNeeded(handlerId: number): Promise<void>;
}

/** Message types that leave the session mid-sequence until the client's Sync. */
const EXTENDED_QUERY_MESSAGES = new Set(['P', 'B', 'D', 'E', 'C', 'H'].map((c) => c.charCodeAt(0)));
const SYNC = 'S'.charCodeAt(0);

/** Which connection, if any, owns the session after `message` ran: pure, for the unit test. */
export function ownerAfter(message: Uint8Array, handlerId: number, currentOwner: number | null, inTransaction: boolean): number | null {
  const type = message[0];
  if (inTransaction) return handlerId;
  if (type === SYNC) return null;
  if (EXTENDED_QUERY_MESSAGES.has(type)) return handlerId;
  return currentOwner === handlerId ? null : currentOwner;
}

function assertQueueShape(q: Partial<QueryQueueInternals>): asserts q is QueryQueueInternals {
  if (!Array.isArray(q.queue) || typeof q.processQueue !== 'function' || typeof q.clearQueueForHandler !== 'function' || !q.db) {
    throw new Error('pglite-socket internals changed: review database/pglite-session-order.ts before upgrading');
  }
}

export function keepSessionsInOrder(server: PGLiteSocketServer): void {
  const q = (server as unknown as { queryQueue: Partial<QueryQueueInternals> }).queryQueue;
  assertQueueShape(q);
  let owner: number | null = null;

  q.processQueue = async function processQueue(this: QueryQueueInternals) {
    if (this.processing) return;
    this.processing = true;
    try {
      while (this.queue.length > 0) {
        const index = owner === null ? 0 : this.queue.findIndex((m) => m.handlerId === owner);
        // The owning connection has not sent its next message yet: wait for it (enqueue calls us).
        if (index === -1) break;
        const [item] = this.queue.splice(index, 1);
        let bytes = 0;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(item.message, {
              onRawData: (data: Uint8Array) => {
                bytes += data.length;
                item.onData(data);
              },
            }),
          );
        } catch (error) {
          owner = null;
          this.lastHandlerId = null;
          item.reject(error);
          continue;
        }
        owner = ownerAfter(item.message, item.handlerId, owner, this.db.isInTransaction());
        this.lastHandlerId = item.handlerId;
        item.resolve(bytes);
      }
    } finally {
      this.processing = false;
    }
  };

  const clearQueueForHandler = q.clearQueueForHandler.bind(q);
  q.clearQueueForHandler = (handlerId: number) => {
    clearQueueForHandler(handlerId);
    // A connection that went away mid-sequence no longer holds the session.
    if (owner === handlerId && !q.db!.isInTransaction()) {
      owner = null;
      void q.processQueue!();
    }
  };
  const clearTransactionIfNeeded = q.clearTransactionIfNeeded!.bind(q);
  q.clearTransactionIfNeeded = async (handlerId: number) => {
    const owned = owner === handlerId;
    await clearTransactionIfNeeded(handlerId);
    if (owned) {
      if (q.db!.isInTransaction()) await q.db!.exec('ROLLBACK');
      owner = null;
      await q.processQueue!();
    }
  };
}
