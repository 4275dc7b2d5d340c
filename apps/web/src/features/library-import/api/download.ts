import { ApiError, apiUrl, type QueryParams } from '../../../lib/api-client';
import { tokenStore } from '../../../lib/token-store';

/** Downloads a file the API answers (template, export) with the session's token, and saves it. */
export async function downloadFile(path: string, fallbackName: string, query?: QueryParams): Promise<void> {
  const token = tokenStore.getAccessToken();
  const res = await fetch(apiUrl(path, query), { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
    throw new ApiError(res.status, body?.error ?? { code: 'BAD_RESPONSE', message: `下载失败（${res.status}）` });
  }
  const blob = await res.blob();
  const disposition = res.headers.get('content-disposition') ?? '';
  const match = /filename\*=UTF-8''([^;]+)/.exec(disposition);
  const name = match ? decodeURIComponent(match[1]) : fallbackName;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
