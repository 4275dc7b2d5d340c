import { ATTACHMENT_MAX_BYTES, ATTACHMENT_TYPES } from '@zj/shared';

/** The first bytes each accepted type starts with (docx/xlsx are ZIP containers). */
const MAGIC: Record<string, number[][]> = {
  pdf: [[0x25, 0x50, 0x44, 0x46]],
  jpg: [[0xff, 0xd8, 0xff]],
  jpeg: [[0xff, 0xd8, 0xff]],
  png: [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  docx: [[0x50, 0x4b, 0x03, 0x04]],
  xlsx: [[0x50, 0x4b, 0x03, 0x04]],
};

/** Why a file may not be attached (Chinese, for the user), or null: extension allowed, content matches, size within limit. */
export function attachmentTypeProblem(fileName: string, content: Buffer): string | null {
  const ext = fileName.includes('.') ? fileName.split('.').pop()!.toLowerCase() : '';
  if (!ATTACHMENT_TYPES[ext]) return `不支持的附件类型，仅限 ${Object.keys(ATTACHMENT_TYPES).join('、')}`;
  if (content.length > ATTACHMENT_MAX_BYTES) return `附件不能超过 ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB`;
  const ok = MAGIC[ext].some((sig) => sig.every((b, i) => content[i] === b));
  if (!ok) return '文件内容与扩展名不符';
  return null;
}

/** Whether content looks like an .xlsx (a ZIP container). */
export function looksLikeZip(content: Buffer): boolean {
  return content.length > 4 && content[0] === 0x50 && content[1] === 0x4b && content[2] === 0x03 && content[3] === 0x04;
}
