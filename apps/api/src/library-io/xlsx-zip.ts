import { createInflateRaw } from 'node:zlib';

/**
 * The zip container of an .xlsx, read from its central directory before anything is inflated: an
 * upload is refused on the uncompressed sizes it declares (a 200 KB file can hold 200 MB of XML),
 * and a part is inflated as a stream that is cut off past the size its directory declared, so a
 * file lying about its sizes costs no more than an honest one.
 */

const MB = 1024 * 1024;

/** Limits on what an import file may hold once inflated (a 50,000-row template file needs a fraction). */
export const XLSX_LIMITS = {
  /** One part (a sheet, the shared strings). */
  partBytes: 128 * MB,
  /** All parts together. */
  totalBytes: 200 * MB,
  /** Parts in the container (a template file has about a dozen). */
  entries: 2_000,
};

export class ZipError extends Error {
  constructor(
    readonly kind: 'CORRUPT' | 'TOO_LARGE',
    message: string,
  ) {
    super(message);
  }
}

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  /** As declared by the central directory. */
  size: number;
  /** Offset of the compressed data in the file. */
  dataOffset: number;
}

export interface ZipDirectory {
  content: Buffer;
  entries: Map<string, ZipEntry>;
  totalSize: number;
}

const corrupt = (why: string) => new ZipError('CORRUPT', `文件已损坏或不是有效的 Excel（.xlsx）文件（${why}）`);
const mb = (n: number) => `${Math.ceil(n / MB)} MB`;

/** Reads and checks the central directory; throws ZipError (TOO_LARGE names the limit) without inflating anything. */
export function readZipDirectory(content: Buffer, limits = XLSX_LIMITS): ZipDirectory {
  // End of central directory: 22 bytes plus a comment of at most 65,535 bytes, at the end of the file.
  let eocd = -1;
  for (let i = content.length - 22; i >= Math.max(0, content.length - 22 - 0xffff); i--) {
    if (content.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw corrupt('找不到压缩包目录');
  const count = content.readUInt16LE(eocd + 10);
  const cdSize = content.readUInt32LE(eocd + 12);
  const cdOffset = content.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) throw corrupt('不支持 ZIP64 格式');
  if (count > limits.entries) throw corrupt(`包含 ${count} 个部件，超过 ${limits.entries} 个的上限`);
  if (cdOffset + cdSize > eocd) throw corrupt('压缩包目录越界');

  const entries = new Map<string, ZipEntry>();
  let totalSize = 0;
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > eocd || content.readUInt32LE(p) !== 0x02014b50) throw corrupt('压缩包目录损坏');
    const flags = content.readUInt16LE(p + 8);
    const method = content.readUInt16LE(p + 10);
    const compressedSize = content.readUInt32LE(p + 20);
    const size = content.readUInt32LE(p + 24);
    const nameLength = content.readUInt16LE(p + 28);
    const extraLength = content.readUInt16LE(p + 30);
    const commentLength = content.readUInt16LE(p + 32);
    const localOffset = content.readUInt32LE(p + 42);
    const name = content.toString((flags & 0x800) !== 0 ? 'utf8' : 'latin1', p + 46, p + 46 + nameLength);
    p += 46 + nameLength + extraLength + commentLength;
    if (name.endsWith('/')) continue; // a folder
    if (flags & 0x1) throw corrupt('文件已加密');
    if (method !== 0 && method !== 8) throw corrupt('不支持的压缩方式');
    if (compressedSize === 0xffffffff || size === 0xffffffff) throw corrupt('不支持 ZIP64 格式');
    if (size > limits.partBytes) {
      throw new ZipError('TOO_LARGE', `文件解压后过大：其中“${name.slice(0, 100)}”解压后 ${mb(size)}，超过单个部件 ${mb(limits.partBytes)} 的上限，请精简后分批导入`);
    }
    totalSize += size;
    if (totalSize > limits.totalBytes) {
      throw new ZipError('TOO_LARGE', `文件解压后过大：解压后超过 ${mb(limits.totalBytes)} 的上限，请精简后分批导入`);
    }
    if (localOffset + 30 > content.length || content.readUInt32LE(localOffset) !== 0x04034b50) throw corrupt('文件头损坏');
    const dataOffset = localOffset + 30 + content.readUInt16LE(localOffset + 26) + content.readUInt16LE(localOffset + 28);
    if (dataOffset + compressedSize > content.length) throw corrupt('部件越界');
    if (method === 0 && compressedSize !== size) throw corrupt('部件大小不一致');
    entries.set(name.replace(/^\/+/, ''), { name, method, compressedSize, size, dataOffset });
  }
  return { content, entries, totalSize };
}

/**
 * A part's content, inflated chunk by chunk (as UTF-8 text). Stops with ZipError when the part
 * inflates beyond its declared size; stopping the iteration stops inflating.
 */
export async function* inflateEntry(zip: ZipDirectory, entry: ZipEntry): AsyncGenerator<string> {
  const data = zip.content.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
  const decoder = new TextDecoder('utf-8');
  if (entry.method === 0) {
    for (let i = 0; i < data.length; i += 64 * 1024) yield decoder.decode(data.subarray(i, i + 64 * 1024), { stream: true });
    const tail = decoder.decode();
    if (tail) yield tail;
    return;
  }
  const inflate = createInflateRaw({ chunkSize: 64 * 1024 });
  let inflated = 0;
  try {
    inflate.end(data);
    for await (const chunk of inflate as AsyncIterable<Buffer>) {
      inflated += chunk.length;
      if (inflated > entry.size) throw corrupt(`“${entry.name.slice(0, 100)}”解压后超过目录中声明的 ${entry.size} 字节`);
      yield decoder.decode(chunk, { stream: true });
    }
  } catch (e) {
    if (e instanceof ZipError) throw e;
    throw corrupt('压缩数据损坏');
  } finally {
    inflate.destroy();
  }
  if (inflated !== entry.size) throw corrupt(`“${entry.name.slice(0, 100)}”解压后的大小与目录不符`);
  const rest = decoder.decode();
  if (rest) yield rest;
}
