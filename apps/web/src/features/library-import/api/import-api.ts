import type { ImportJobAnswer, ImportMode } from '@zj/shared';
import { api } from '../../../lib/api-client';
import { downloadFile } from '../../../lib/download';

/** POST /projects/import?mode=&async=true (multipart `file`) → the job (202 while running). */
export function startImport(file: File, mode: ImportMode): Promise<ImportJobAnswer> {
  const form = new FormData();
  form.append('file', file);
  return api.upload<ImportJobAnswer>(`/projects/import?mode=${encodeURIComponent(mode)}&async=true`, form);
}

/** GET /projects/import/jobs/:id → progress and result. */
export function getImportJob(id: string, signal?: AbortSignal): Promise<ImportJobAnswer> {
  return api.get<ImportJobAnswer>(`/projects/import/jobs/${encodeURIComponent(id)}`, undefined, signal);
}

export function downloadTemplate() {
  return downloadFile('/projects/import/template', '绿色企业项目库导入模板.xlsx');
}
