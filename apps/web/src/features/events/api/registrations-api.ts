import type { RegistrationOfficer, RegistrationView } from '@zj/shared';
import { api, type QueryParams } from '../../../lib/api-client';

/** POST /events/:id/registrations (a bank states desks and names its officers; an enterprise picks its needs). */
export interface RegistrationFields {
  desks?: number;
  officers?: RegistrationOfficer[];
  needIds?: string[];
  contactName?: string | null;
  contactPhone?: string | null;
  note?: string | null;
  /** The bureau registers an organisation. */
  organizationId?: string;
}

const path = (eventId: string) => `/events/${encodeURIComponent(eventId)}/registrations`;

export const listRegistrations = (eventId: string, params: QueryParams, signal?: AbortSignal) => api.get<RegistrationView[]>(path(eventId), params, signal);
export const register = (eventId: string, body: RegistrationFields) => api.post<RegistrationView>(path(eventId), body);
export const updateRegistration = (eventId: string, regId: string, body: RegistrationFields & { version: number }) =>
  api.patch<RegistrationView>(`${path(eventId)}/${encodeURIComponent(regId)}`, body);

export type RegistrationAction = 'approve' | 'reject' | 'cancel';
/** approve and cancel carry nothing; reject may give the reason (told to the organisation). */
export const registrationAction = (eventId: string, regId: string, action: RegistrationAction, reason?: string) =>
  api.post<RegistrationView>(`${path(eventId)}/${encodeURIComponent(regId)}/${action}`, action === 'reject' && reason ? { reason } : undefined);
