/**
 * Runs independent queries at once (each takes its own pooled connection) and answers their results
 * in order, typed as a tuple. The embedded engine serves concurrent connections safely too (see
 * database/pglite-session-order.ts).
 */
export function runAll<T extends readonly (() => Promise<unknown>)[]>(thunks: T): Promise<{ [K in keyof T]: Awaited<ReturnType<T[K]>> }> {
  return Promise.all(thunks.map((t) => t())) as never;
}
