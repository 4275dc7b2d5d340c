import type { ImportJobView, ImportMode } from '@zj/shared';
import { api } from '../../../lib/api-client';
import { downloadFile } from '../../../lib/download';

export interface ImportAnswer {
  job: ImportJobView;
  /** Projects the import created or updated (and submitted). */
  projectIds: string[];
  notices: string[];
}

/** POST /projects/import?mode=&async=true (multipart `file`) → the job (202 while running). */
export function startImport(file: File, mode: ImportMode): Promise<ImportAnswer> {
  const form = new FormData();
  form.append('file', file);
  return api.upload<ImportAnswer>(`/projects/import?mode=${encodeURIComponent(mode)}&async=true`, form);
}

/** GET /projects/import/jobs/:id → progress and result. */
export function getImportJob(id: string, signal?: AbortSignal): Promise<ImportAnswer> {
  return api.get<ImportAnswer>(`/projects/import/jobs/${encodeURIComponent(id)}`, undefined, signal);
}

export function downloadTemplate() {
  return downloadFile('/projects/import/template', '绿色企业项目库导入模板.xlsx');
}
