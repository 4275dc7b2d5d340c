import type { EventStatus, EventType, OrgType, Page } from '@zj/shared';
import { apiRequest, type QueryParams } from '../../../lib/api-client';

/** An event as GET /events lists it: with how many organisations are invited and whether the caller's is. */
export interface PlatformEvent {
  id: string;
  type: EventType;
  title: string;
  startsAt: string;
  venue: string;
  description: string | null;
  status: EventStatus;
  statusNote: string | null;
  version: number;
  inviteeCount: number;
  invitedMe: boolean;
}

export interface EventInvitee {
  id: string;
  name: string;
  type: OrgType;
}

/** GET /events/:id: the bureau gets every invitee; anybody else only their own organisation, when invited. */
export interface EventDetail extends PlatformEvent {
  invitedOrganizationIds: string[];
  invitees: EventInvitee[];
}

export interface EventFields {
  type: EventType;
  title: string;
  startsAt: string;
  venue: string;
  description?: string | null;
  invitedOrganizationIds?: string[];
}

export const listEvents = (params: QueryParams, signal?: AbortSignal) => apiRequest<Page<PlatformEvent>>('/events', { query: params, signal });
export const getEvent = (id: string, signal?: AbortSignal) => apiRequest<EventDetail>(`/events/${encodeURIComponent(id)}`, { signal });
export const createEvent = (body: EventFields) => apiRequest<EventDetail>('/events', { method: 'POST', body });
export const updateEvent = (id: string, body: Partial<EventFields> & { version: number }) => apiRequest<EventDetail>(`/events/${encodeURIComponent(id)}`, { method: 'PATCH', body });
export const setEventStatus = (id: string, body: { version: number; status: EventStatus; note?: string }) => apiRequest<EventDetail>(`/events/${encodeURIComponent(id)}/status`, { method: 'POST', body });
