import { PLAN_EVIDENCE_MAX_BYTES, PLAN_EVIDENCE_TYPES } from '@zj/shared';

/** The first bytes each accepted type starts with (docx/xlsx are ZIP containers). */
const MAGIC: Record<string, number[]> = {
  pdf: [0x25, 0x50, 0x44, 0x46],
  jpg: [0xff, 0xd8, 0xff],
  jpeg: [0xff, 0xd8, 0xff],
  png: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  docx: [0x50, 0x4b, 0x03, 0x04],
  xlsx: [0x50, 0x4b, 0x03, 0x04],
};

/** Why a file cannot be evidence of a report (Chinese), or null: allowed extension, matching content, within the size limit. */
export function evidenceProblem(fileName: string, content: Buffer): string | null {
  const ext = fileName.includes('.') ? fileName.split('.').pop()!.toLowerCase() : '';
  if (!PLAN_EVIDENCE_TYPES[ext]) return `不支持的佐证材料类型，仅限 ${Object.keys(PLAN_EVIDENCE_TYPES).join('、')}`;
  if (content.length > PLAN_EVIDENCE_MAX_BYTES) return `佐证材料不能超过 ${PLAN_EVIDENCE_MAX_BYTES / 1024 / 1024} MB`;
  if (!MAGIC[ext].every((b, i) => content[i] === b)) return '文件内容与扩展名不符';
  return null;
}
