import { parentPort, workerData } from 'node:worker_threads';
import { readImportFile, SpreadsheetError } from './xlsx-reader';

/**
 * Reads an import file in a worker thread with a memory bound (import.service.ts starts it): the
 * inflating and XML parsing of a large or hostile file never blocks the API's event loop, and a file
 * that would need more memory than the bound ends this thread, not the process.
 */
const { content } = workerData as { content: Uint8Array };
readImportFile(Buffer.from(content.buffer, content.byteOffset, content.byteLength), (n) => parentPort!.postMessage({ type: 'progress', n })).then(
  (result) => parentPort!.postMessage({ type: 'done', result }),
  (e: unknown) => {
    const err = e instanceof SpreadsheetError ? e : new SpreadsheetError('CORRUPT', '文件已损坏或不是有效的 Excel（.xlsx）文件');
    parentPort!.postMessage({ type: 'refused', code: err.code, message: err.message });
  },
);
