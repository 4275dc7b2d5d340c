import type { EventDetailView, EventInput, EventStatus, EventUpdateInput, EventView, InvitationFilter, InvitationPreview, InvitationSendResult, Page } from '@zj/shared';
import { api, type QueryParams } from '../../../lib/api-client';

/** The bureau's steps of an event (POST /events/:id/<step>), and the two final statuses (POST /events/:id/status). */
export type EventStepName = 'publish' | 'close-registration' | 'start' | 'held' | 'cancel';

const path = (id: string) => `/events/${encodeURIComponent(id)}`;

export const listEvents = (params: QueryParams, signal?: AbortSignal) => api.get<Page<EventView>>('/events', params, signal);
export const getEvent = (id: string, signal?: AbortSignal) => api.get<EventDetailView>(path(id), undefined, signal);
export const createEvent = (body: EventInput) => api.post<EventDetailView>('/events', body);
export const updateEvent = (id: string, body: EventUpdateInput) => api.patch<EventDetailView>(path(id), body);

/** Marking an event held carries how it went: the attendance and a note (both required by the API). */
export function runEventStep(id: string, step: EventStepName, body: { version: number; note?: string; attendanceCount?: number }): Promise<EventDetailView> {
  if (step === 'held' || step === 'cancel') {
    const status = (step === 'held' ? 'HELD' : 'CANCELLED') as EventStatus;
    return api.post<EventDetailView>(`${path(id)}/status`, {
      version: body.version,
      status,
      ...(body.note ? { note: body.note } : {}),
      ...(step === 'held' && body.attendanceCount !== undefined ? { attendanceCount: body.attendanceCount } : {}),
    });
  }
  return api.post<EventDetailView>(`${path(id)}/${step}`, { version: body.version });
}

/** How many organisations the library's filters pick, before sending. */
export const previewInvitations = (id: string, filter: InvitationFilter) => api.post<InvitationPreview>(`${path(id)}/invitations/preview`, filter);
export const sendInvitations = (id: string, filter: InvitationFilter) => api.post<InvitationSendResult>(`${path(id)}/invitations`, filter);
