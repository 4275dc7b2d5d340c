import type {
  AdminEndpointQueryParams,
  AdminEndpointView,
  DeadLetterQueryParams,
  DeadLetterView,
  EndpointInput,
  EndpointUpdateInput,
  NotificationLocale,
  NotificationTemplateInput,
  NotificationTemplatePreview,
  NotificationTemplateView,
  NotificationType,
  OutboxStats,
  Page,
} from '@zj/shared';
import { api } from '../../../lib/api-client';

/** The bureau's 通知管理: dead letters and their retry, templates, every organisation's endpoints, the queue dashboard. */

export const listDeadLetters = (params: DeadLetterQueryParams, signal?: AbortSignal) => api.get<Page<DeadLetterView>>('/notifications/admin/dead-letters', { ...params }, signal);
export const listRetried = (params: DeadLetterQueryParams, signal?: AbortSignal) => api.get<Page<DeadLetterView>>('/notifications/admin/retried', { ...params }, signal);
export const retryDeadLetter = (id: string) => api.post<{ id: string; status: string }>(`/notifications/admin/dead-letters/${encodeURIComponent(id)}/retry`);
export const outboxStats = (signal?: AbortSignal) => api.get<OutboxStats>('/notifications/admin/stats', undefined, signal);

export const listTemplates = (signal?: AbortSignal) => api.get<NotificationTemplateView[]>('/notifications/admin/templates', undefined, signal);
const templatePath = (type: NotificationType, locale: NotificationLocale) => `/notifications/admin/templates/${encodeURIComponent(type)}/${encodeURIComponent(locale)}`;
export const previewTemplate = (type: NotificationType, locale: NotificationLocale, body: NotificationTemplateInput, signal?: AbortSignal) =>
  api.post<NotificationTemplatePreview>(`${templatePath(type, locale)}/preview`, body, { signal });
export const saveTemplate = (type: NotificationType, locale: NotificationLocale, body: NotificationTemplateInput) => api.put<NotificationTemplateView>(templatePath(type, locale), body);
export const resetTemplate = (type: NotificationType, locale: NotificationLocale) => api.delete<void>(templatePath(type, locale));

export const listEndpoints = (params: AdminEndpointQueryParams, signal?: AbortSignal) => api.get<Page<AdminEndpointView>>('/notifications/admin/endpoints', { ...params }, signal);
export const createEndpoint = (organizationId: string, body: EndpointInput) =>
  api.post<AdminEndpointView>(`/notifications/admin/organizations/${encodeURIComponent(organizationId)}/endpoints`, body);
export const updateEndpoint = (id: string, body: EndpointUpdateInput) => api.patch<AdminEndpointView>(`/notifications/admin/endpoints/${encodeURIComponent(id)}`, body);
export const removeEndpoint = (id: string) => api.delete<void>(`/notifications/admin/endpoints/${encodeURIComponent(id)}`);

/** A one-time, one-minute link to the queue dashboard (bull-board). */
export const dashboardTicket = () => api.post<{ url: string; expiresAt: string }>('/notifications/admin/dashboard-ticket');
