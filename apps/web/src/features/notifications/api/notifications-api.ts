import type { InboxItem, InboxPage, InboxQueryParams, InboxStreamEvent, NotificationPreferences, NotificationPreferencesInput } from '@zj/shared';
import { api, apiUrl } from '../../../lib/api-client';
import { tokenStore } from '../../../lib/token-store';

/** GET /notifications/inbox → InboxPage (items, total, unread). */
export function listInbox(params: InboxQueryParams, signal?: AbortSignal): Promise<InboxPage> {
  return api.get<InboxPage>('/notifications/inbox', { ...params }, signal);
}

export function unreadCount(signal?: AbortSignal): Promise<{ unread: number }> {
  return api.get<{ unread: number }>('/notifications/inbox/unread-count', undefined, signal);
}

export function markRead(id: string): Promise<InboxItem> {
  return api.post<InboxItem>(`/notifications/inbox/${id}/read`);
}

export function markAllRead(): Promise<{ updated: number }> {
  return api.post<{ updated: number }>('/notifications/inbox/read-all');
}

export function getPreferences(signal?: AbortSignal): Promise<NotificationPreferences> {
  return api.get<NotificationPreferences>('/notifications/preferences', undefined, signal);
}

export function updatePreferences(body: NotificationPreferencesInput): Promise<NotificationPreferences> {
  return api.put<NotificationPreferences>('/notifications/preferences', body);
}

/**
 * GET /notifications/stream: server-sent events read with fetch (EventSource cannot send the bearer
 * token). Calls `onEvent` for each `unread` event; resolves when the stream ends; rejects with the
 * HTTP status on a refusal (401: the caller refreshes the session through a normal request).
 */
export async function readInboxStream(onEvent: (e: InboxStreamEvent) => void, signal: AbortSignal): Promise<void> {
  const token = tokenStore.getAccessToken();
  const res = await fetch(apiUrl('/notifications/stream'), { headers: { Accept: 'text/event-stream', ...(token ? { Authorization: `Bearer ${token}` } : {}) }, signal });
  if (!res.ok || !res.body) throw Object.assign(new Error(`stream ${res.status}`), { status: res.status });
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buf = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buf += value;
    let i: number;
    while ((i = buf.indexOf('\n\n')) >= 0) {
      const block = buf.slice(0, i);
      buf = buf.slice(i + 2);
      const lines = block.split('\n');
      if (!lines.includes('event: unread')) continue;
      const data = lines.find((l) => l.startsWith('data: '));
      if (data) onEvent(JSON.parse(data.slice(6)) as InboxStreamEvent);
    }
  }
}
