import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { InboxQueryParams, NotificationPreferencesInput } from '@zj/shared';
import { queryKeys } from '../../../lib/query-keys';
import {
  getPreferences,
  listInbox,
  markAllRead,
  markRead,
  readInboxStream,
  unreadCount,
  updatePreferences,
} from '../api/notifications-api';

export function useInbox(params: InboxQueryParams, enabled = true) {
  return useQuery({
    queryKey: queryKeys.notifications.inbox({ ...params }),
    queryFn: ({ signal }) => listInbox(params, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useUnreadCount() {
  return useQuery({ queryKey: queryKeys.notifications.unread, queryFn: ({ signal }) => unreadCount(signal), staleTime: 60_000 });
}

/**
 * Keeps the unread count live: reads the server-sent event stream, writes each count into the query
 * cache and refreshes open inbox lists; reconnects with a growing pause after a drop.
 */
export function useInboxStream() {
  const qc = useQueryClient();
  useEffect(() => {
    const ctrl = new AbortController();
    let failures = 0;
    let last: string | null | undefined;
    void (async () => {
      while (!ctrl.signal.aborted) {
        try {
          await readInboxStream((e) => {
            failures = 0;
            qc.setQueryData(queryKeys.notifications.unread, { unread: e.unread });
            if (last !== undefined && last !== e.latest) void qc.invalidateQueries({ queryKey: queryKeys.notifications.all });
            last = e.latest;
          }, ctrl.signal);
        } catch (e) {
          if (ctrl.signal.aborted) return;
          // A 401 means the access token expired: a normal request refreshes it (or ends the session).
          if ((e as { status?: number }).status === 401) await unreadCount().catch(() => undefined);
          failures++;
        }
        if (ctrl.signal.aborted) return;
        await new Promise((r) => setTimeout(r, Math.min(1000 * 2 ** failures, 30_000)));
      }
    })();
    return () => ctrl.abort();
  }, [qc]);
}

export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: markRead, onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.notifications.all }) });
}

export function useMarkAllRead() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: markAllRead, onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.notifications.all }) });
}

export function usePreferences() {
  return useQuery({ queryKey: queryKeys.notifications.preferences, queryFn: ({ signal }) => getPreferences(signal) });
}

export function useUpdatePreferences() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: NotificationPreferencesInput) => updatePreferences(body),
    onSuccess: (data) => qc.setQueryData(queryKeys.notifications.preferences, data),
  });
}
