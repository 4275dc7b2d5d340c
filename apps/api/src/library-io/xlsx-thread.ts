import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { ReadResult, SpreadsheetError } from './xlsx-reader';

/**
 * Reading an import file (inflating, XML parsing: the CPU- and memory-hungry part of an import) runs
 * in a worker thread with a memory bound, at most a few at once per process: the API's event loop
 * keeps answering while a file is read, and a file that would need more memory than the bound ends
 * its thread with a refusal instead of swelling the process.
 */

export const READ_LIMITS = {
  /** Heap of one reading thread. */
  memoryMb: 512,
  /** Threads reading at once in this process; more imports wait for a turn. */
  threads: 2,
  /** A read taking longer is stopped. */
  timeoutMs: 120_000,
};

let busy = 0;
const queue: (() => void)[] = [];

async function turn(max: number): Promise<() => void> {
  if (busy >= max) await new Promise<void>((resolve) => queue.push(resolve));
  else busy++;
  return () => {
    const next = queue.shift();
    if (next) next();
    else busy--;
  };
}

function startWorker(content: Buffer, memoryMb: number): Worker {
  const ext = path.extname(__filename); // '.ts' when run from the sources (tests, dev), '.js' when built
  const file = path.join(__dirname, `xlsx-reader.worker${ext}`);
  const options = {
    workerData: { content: new Uint8Array(content) },
    resourceLimits: { maxOldGenerationSizeMb: memoryMb, maxYoungGenerationSizeMb: Math.min(32, Math.max(4, Math.floor(memoryMb / 8))) },
  };
  if (ext !== '.ts') return new Worker(file, options);
  return new Worker(`require('tsx/cjs/api').register(); require(${JSON.stringify(file)});`, { ...options, eval: true });
}

/** Reads an import file in a worker thread (see readImportFile); throws SpreadsheetError for a refused file. */
export async function readImportFileInThread(content: Buffer, onRow?: (n: number) => void, limits = READ_LIMITS): Promise<ReadResult> {
  const release = await turn(limits.threads);
  try {
    return await new Promise<ReadResult>((resolve, reject) => {
      const worker = startWorker(content, limits.memoryMb);
      let settled = false;
      const settle = (fn: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        fn();
        void worker.terminate();
      };
      const timer = setTimeout(() => settle(() => reject(new SpreadsheetError('TOO_LARGE', `读取文件超过 ${Math.round(limits.timeoutMs / 1000)} 秒，请精简后分批导入`))), limits.timeoutMs);
      worker.on('message', (m: { type: 'progress'; n: number } | { type: 'done'; result: ReadResult } | { type: 'refused'; code: SpreadsheetError['code']; message: string }) => {
        if (m.type === 'progress') onRow?.(m.n);
        else if (m.type === 'done') settle(() => resolve(m.result));
        else settle(() => reject(new SpreadsheetError(m.code, m.message)));
      });
      worker.on('error', (e: Error & { code?: string }) =>
        settle(() =>
          reject(e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new SpreadsheetError('TOO_LARGE', `读取文件所需内存超过 ${limits.memoryMb} MB 的上限，请精简后分批导入`) : e),
        ),
      );
      worker.on('exit', (code) => settle(() => reject(new Error(`import reader thread exited with code ${code}`))));
    });
  } finally {
    release();
  }
}
