import type { RegistrationInput, RegistrationUpdateInput, RegistrationView } from '@zj/shared';
import { api, type QueryParams } from '../../../lib/api-client';

const path = (eventId: string) => `/events/${encodeURIComponent(eventId)}/registrations`;

export const listRegistrations = (eventId: string, params: QueryParams, signal?: AbortSignal) => api.get<RegistrationView[]>(path(eventId), params, signal);
export const register = (eventId: string, body: RegistrationInput) => api.post<RegistrationView>(path(eventId), body);
export const updateRegistration = (eventId: string, regId: string, body: RegistrationUpdateInput) =>
  api.patch<RegistrationView>(`${path(eventId)}/${encodeURIComponent(regId)}`, body);

export type RegistrationAction = 'approve' | 'reject' | 'cancel';
/** approve and cancel carry nothing; reject may give the reason (told to the organisation). */
export const registrationAction = (eventId: string, regId: string, action: RegistrationAction, reason?: string) =>
  api.post<RegistrationView>(`${path(eventId)}/${encodeURIComponent(regId)}/${action}`, action === 'reject' && reason ? { reason } : undefined);
