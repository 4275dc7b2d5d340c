import { HttpStatus } from '@nestjs/common';
import { AppException } from '../common/errors/app.exception';
import { looksLikeZip } from '../projects';
import { LibraryIoErrorCode } from './library-io.errors';
import { openImportFile, SpreadsheetError } from './xlsx-reader';
import type { ZipDirectory } from './xlsx-zip';

/**
 * The checks an uploaded import file passes before a job starts: a file was sent and is not empty,
 * it is an .xlsx (an old .xls, a CSV and the like answer how to save them as one), and its zip
 * directory is within the limits; and the answer to a file the reader refuses.
 */

const SPREADSHEET_CODES: Record<SpreadsheetError['code'], LibraryIoErrorCode> = {
  CORRUPT: LibraryIoErrorCode.FILE_CORRUPT,
  EMPTY: LibraryIoErrorCode.FILE_EMPTY,
  NO_SHEETS: LibraryIoErrorCode.NO_TEMPLATE_SHEETS,
  TOO_MANY_ROWS: LibraryIoErrorCode.TOO_MANY_ROWS,
  TOO_LARGE: LibraryIoErrorCode.UNCOMPRESSED_TOO_LARGE,
  CELL_TOO_LONG: LibraryIoErrorCode.CELL_TOO_LONG,
};

/** The answer to a refused file: 413 for one that inflates beyond the limits, 400 otherwise. */
export function refusal(e: SpreadsheetError): AppException {
  const status = e.code === 'TOO_LARGE' ? HttpStatus.PAYLOAD_TOO_LARGE : HttpStatus.BAD_REQUEST;
  return new AppException(SPREADSHEET_CODES[e.code], e.message, status, [{ field: 'file', messages: [e.message] }]);
}

const SAVE_AS_XLSX = '请用 WPS 表格、Microsoft Excel 或 LibreOffice Calc 打开它，点“文件 → 另存为”，保存类型选“Excel 工作簿（*.xlsx）”，保存后上传新文件（也可直接使用平台提供的模板）';

/** Why a file that is not an .xlsx workbook cannot be read, and how to make one of it; null for an .xlsx (or what claims to be one). */
export function notXlsxMessage(name: string, content: Buffer): string | null {
  const ext = /\.([^./\\]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';
  // The OLE2 compound file signature: Excel 97-2003 (.xls), WPS (.et), or a workbook saved with an opening password.
  if (content.length >= 8 && content.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) {
    return `这是旧版 Excel 97-2003（.xls）或 WPS（.et）格式的文件${ext === 'xlsx' ? '（或设置了打开密码的工作簿，请先取消密码）' : ''}，平台只能读取 .xlsx：${SAVE_AS_XLSX}`;
  }
  if (ext === 'xlsx') return null;
  if (ext === 'csv' || ext === 'txt') return `这是 CSV 文本文件，平台只能读取 .xlsx：${SAVE_AS_XLSX}。打开 CSV 时如中文显示为乱码，请在导入向导中把编码选为 UTF-8 或 GBK`;
  if (ext === 'xls' || ext === 'et') return `这是旧版 Excel 97-2003（.xls）或 WPS（.et）格式的文件，平台只能读取 .xlsx：${SAVE_AS_XLSX}`;
  if (ext === 'ods') return `这是 OpenDocument（.ods）表格，平台只能读取 .xlsx：${SAVE_AS_XLSX}`;
  return `只支持 .xlsx 格式的 Excel 文件：${SAVE_AS_XLSX}`;
}

/** Text that reads as CSV (UTF-8, commas or tabs on its first lines, no binary): an .xlsx that is a renamed CSV. */
function looksLikeCsv(content: Buffer): boolean {
  const head = content.subarray(0, 4096);
  if (head.includes(0)) return false;
  const text = head.toString('utf8');
  return !text.includes('\ufffd') && /[\r\n]/.test(text) && /^[^\r\n]*[,\t]/.test(text.replace(/^\ufeff/, ''));
}

/** The uploaded file's name (as the browser sent it, in UTF-8) and its zip directory, checked before anything is inflated; throws the answer to a file that cannot be imported. */
export function openUploadedFile(file: { originalname: string; buffer: Buffer } | undefined): { name: string; zip: ZipDirectory } {
  if (!file) throw AppException.badRequest('请选择要导入的文件', LibraryIoErrorCode.FILE_REQUIRED, [{ field: 'file', messages: ['请选择要导入的文件'] }]);
  const name = Buffer.from(file.originalname, 'latin1').toString('utf8');
  if (!file.buffer.length) throw AppException.badRequest('文件是空的', LibraryIoErrorCode.FILE_EMPTY, [{ field: 'file', messages: ['文件是空的'] }]);
  // An old .xls, a CSV and the like answer how to save them as .xlsx.
  const other = notXlsxMessage(name, file.buffer) ?? (!looksLikeZip(file.buffer) && looksLikeCsv(file.buffer) ? `文件内容是 CSV 文本而不是 .xlsx 工作簿：${SAVE_AS_XLSX}` : null);
  if (other) throw AppException.badRequest(other, LibraryIoErrorCode.FILE_TYPE, [{ field: 'file', messages: [other] }]);
  if (!looksLikeZip(file.buffer)) throw AppException.badRequest('文件已损坏或不是有效的 Excel（.xlsx）文件', LibraryIoErrorCode.FILE_CORRUPT, [{ field: 'file', messages: ['文件内容不是 .xlsx'] }]);
  // The zip's directory, checked before anything is inflated: sizes (a cheap file can inflate to gigabytes), parts.
  let zip: ZipDirectory;
  try {
    zip = openImportFile(file.buffer);
  } catch (e) {
    throw e instanceof SpreadsheetError ? refusal(e) : e;
  }
  return { name, zip };
}
