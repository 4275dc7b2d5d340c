import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  type AdminEndpointQueryParams,
  type DeadLetterQueryParams,
  DeliveryStatus,
  type EndpointInput,
  type EndpointUpdateInput,
  type NotificationLocale,
  type NotificationTemplateInput,
  type NotificationType,
} from '@zj/shared';
import { queryKeys } from '../../../lib/query-keys';
import {
  createEndpoint,
  listDeadLetters,
  listEndpoints,
  listRetried,
  listTemplates,
  outboxStats,
  previewTemplate,
  removeEndpoint,
  resetTemplate,
  retryDeadLetter,
  saveTemplate,
  updateEndpoint,
} from '../api/notifications-admin-api';

export const useDeadLetters = (params: DeadLetterQueryParams) =>
  useQuery({ queryKey: queryKeys.notificationsAdmin.deadLetters({ ...params }), queryFn: ({ signal }) => listDeadLetters(params, signal), placeholderData: keepPreviousData });

/** Retried deliveries; polled while one of them is still on its way, so the page shows how it ended. */
export const useRetried = (params: DeadLetterQueryParams) =>
  useQuery({
    queryKey: queryKeys.notificationsAdmin.retried({ ...params }),
    queryFn: ({ signal }) => listRetried(params, signal),
    placeholderData: keepPreviousData,
    refetchInterval: (q) => (q.state.data?.items.some((d) => d.status === DeliveryStatus.PENDING || d.status === DeliveryStatus.SENDING) ? 2000 : false),
  });

export const useOutboxStats = () => useQuery({ queryKey: queryKeys.notificationsAdmin.stats, queryFn: ({ signal }) => outboxStats(signal) });

function useInvalidateAdmin() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: queryKeys.notificationsAdmin.all });
}

export function useRetryDeadLetter() {
  const invalidate = useInvalidateAdmin();
  return useMutation({ mutationFn: retryDeadLetter, onSuccess: invalidate });
}

export const useTemplates = () => useQuery({ queryKey: queryKeys.notificationsAdmin.templates, queryFn: ({ signal }) => listTemplates(signal) });

/** The preview of a template being edited (nothing is stored); `text` is the debounced draft. */
export const useTemplatePreview = (type: NotificationType | undefined, locale: NotificationLocale | undefined, text: NotificationTemplateInput | null) =>
  useQuery({
    queryKey: queryKeys.notificationsAdmin.templatePreview({ type, locale, subject: text?.subject, body: text?.body }),
    queryFn: ({ signal }) => previewTemplate(type!, locale!, text!, signal),
    enabled: Boolean(type && locale && text && text.subject && text.body),
    placeholderData: keepPreviousData,
    retry: false,
  });

export function useSaveTemplate() {
  const invalidate = useInvalidateAdmin();
  return useMutation({ mutationFn: ({ type, locale, text }: { type: NotificationType; locale: NotificationLocale; text: NotificationTemplateInput }) => saveTemplate(type, locale, text), onSuccess: invalidate });
}

export function useResetTemplate() {
  const invalidate = useInvalidateAdmin();
  return useMutation({ mutationFn: ({ type, locale }: { type: NotificationType; locale: NotificationLocale }) => resetTemplate(type, locale), onSuccess: invalidate });
}

export const useAdminEndpoints = (params: AdminEndpointQueryParams) =>
  useQuery({ queryKey: queryKeys.notificationsAdmin.endpoints({ ...params }), queryFn: ({ signal }) => listEndpoints(params, signal), placeholderData: keepPreviousData });

export function useCreateEndpoint() {
  const invalidate = useInvalidateAdmin();
  return useMutation({ mutationFn: ({ organizationId, body }: { organizationId: string; body: EndpointInput }) => createEndpoint(organizationId, body), onSuccess: invalidate });
}

export function useUpdateEndpoint() {
  const invalidate = useInvalidateAdmin();
  return useMutation({ mutationFn: ({ id, body }: { id: string; body: EndpointUpdateInput }) => updateEndpoint(id, body), onSuccess: invalidate });
}

export function useRemoveEndpoint() {
  const invalidate = useInvalidateAdmin();
  return useMutation({ mutationFn: removeEndpoint, onSuccess: invalidate });
}
