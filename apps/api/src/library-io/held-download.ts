import type { Response } from 'express';
import { Writable } from 'node:stream';

/** Most bytes held back before the download starts anyway (a first chunk of rows larger than this streams at once). */
const MAX_HELD_BYTES = 8 * 1024 * 1024;

/**
 * The body of a file download produced by a streaming writer (ExcelJS writes the first bytes as soon
 * as the workbook exists, before any row is read). What the writer produces is HELD until the
 * producer calls `release()` — once the first rows were read — so an error before then leaves
 * nothing sent and the caller answers in the error shape. After release, bytes flow to the client
 * with back-pressure; an error then can only break the connection (`abort()`), which the client sees
 * as a failed download rather than a 200 that hangs or a truncated file that looks whole.
 *
 * `signal` aborts when the client goes away, so the producer stops reading the database.
 */
export class HeldDownload extends Writable {
  private held: Buffer[] = [];
  private heldBytes = 0;
  private released = false;
  private dead = false;
  private readonly controller = new AbortController();
  /** The client closed the connection before the download ended. */
  clientGone = false;

  constructor(
    private readonly res: Response,
    private readonly head: { status: number; headers: Record<string, string> },
  ) {
    super();
    // Errors are handled by the caller (answer or abort); an 'error' event must never go unheard.
    this.on('error', () => undefined);
    res.on('close', () => {
      if (res.writableFinished) return;
      this.clientGone = !this.dead;
      this.controller.abort(new Error('client closed the download'));
    });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Whether any byte (or the status line) went to the client. */
  get started(): boolean {
    return this.res.headersSent;
  }

  /** From now on, what the writer produces goes to the client (first the held bytes). */
  release(): void {
    if (this.released || this.dead) return;
    this.released = true;
    this.res.status(this.head.status);
    for (const [k, v] of Object.entries(this.head.headers)) this.res.setHeader(k, v);
    this.res.flushHeaders();
    const held = this.held;
    this.held = [];
    this.heldBytes = 0;
    for (const chunk of held) this.res.write(chunk);
  }

  /**
   * The producer failed. Answers true when the failure was handled here (the download had started:
   * the connection is broken so that the client sees a failed download); false when nothing was
   * sent, and the caller must answer with the error.
   */
  abort(): boolean {
    this.dead = true;
    this.held = [];
    this.heldBytes = 0;
    this.controller.abort(new Error('download aborted'));
    this.destroy();
    if (!this.started) return false;
    this.res.destroy();
    return true;
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (e?: Error | null) => void): void {
    if (this.dead || this.res.destroyed) return cb();
    if (!this.released) {
      this.held.push(chunk);
      this.heldBytes += chunk.length;
      if (this.heldBytes > MAX_HELD_BYTES) this.release();
      return cb();
    }
    if (this.res.write(chunk)) return cb();
    // Back-pressure: wait for the client to take what was sent (or go away).
    const go = () => {
      this.res.off('drain', go);
      this.res.off('close', go);
      cb();
    };
    this.res.once('drain', go);
    this.res.once('close', go);
  }

  override _final(cb: (e?: Error | null) => void): void {
    if (this.dead || this.res.destroyed) return cb();
    this.release();
    // Finished, or the client went away while the last bytes were on their way: either way, done.
    let called = false;
    const done = () => {
      if (called) return;
      called = true;
      this.res.off('close', done);
      cb();
    };
    this.res.once('close', done);
    this.res.end(done);
  }
}
