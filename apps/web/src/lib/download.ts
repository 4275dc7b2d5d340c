import { ApiError, apiUrl, type QueryParams } from './api-client';
import { tokenStore } from './token-store';

/**
 * Downloads a file the API answers (template, export, attachment, evidence, calendar) with the
 * session's token, and saves it under the name the API gives (`filename*=UTF-8''…`), else
 * `fallbackName`. An error answer is thrown as an ApiError, like any other request.
 */
export async function downloadFile(path: string, fallbackName: string, query?: QueryParams): Promise<void> {
  const token = tokenStore.getAccessToken();
  const res = await fetch(apiUrl(path, query), { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
    throw new ApiError(res.status, body?.error ?? { code: 'BAD_RESPONSE', message: `下载失败（${res.status}）` });
  }
  const blob = await res.blob();
  const match = /filename\*=UTF-8''([^;]+)/.exec(res.headers.get('content-disposition') ?? '');
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = match ? decodeURIComponent(match[1]) : fallbackName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
