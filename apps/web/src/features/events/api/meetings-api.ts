import type { AgendaView, EventSlotView, MeetingPriority, MeetingRequestView, MeetingSuggestion, MeetingView, ScheduleRunStatus, ScheduleView } from '@zj/shared';
import { api } from '../../../lib/api-client';
import { downloadFile } from '../../../lib/download';

const path = (eventId: string) => `/events/${encodeURIComponent(eventId)}`;

// ---------------------------------------------------------------- meeting requests

export interface MeetingRequestFields {
  targetOrganizationId: string;
  priority: MeetingPriority;
  needId?: string;
  message?: string;
}

export const listMeetingRequests = (eventId: string, direction: 'sent' | 'received', signal?: AbortSignal) =>
  api.get<MeetingRequestView[]>(`${path(eventId)}/meeting-requests`, { direction }, signal);
export const requestMeeting = (eventId: string, body: MeetingRequestFields) => api.post<MeetingRequestView>(`${path(eventId)}/meeting-requests`, body);
export type MeetingRequestAction = 'accept' | 'decline' | 'withdraw';
export const answerMeetingRequest = (eventId: string, requestId: string, action: MeetingRequestAction) =>
  api.post<MeetingRequestView>(`${path(eventId)}/meeting-requests/${encodeURIComponent(requestId)}/${action}`);
export const listMeetingSuggestions = (eventId: string, signal?: AbortSignal) => api.get<MeetingSuggestion[]>(`${path(eventId)}/meeting-suggestions`, undefined, signal);

// ---------------------------------------------------------------- slots and unavailability

export interface SlotFields {
  startsAt: string;
  endsAt: string;
}

export const listSlots = (eventId: string, signal?: AbortSignal) => api.get<EventSlotView[]>(`${path(eventId)}/slots`, undefined, signal);
export const saveSlots = (eventId: string, slots: SlotFields[]) => api.put<EventSlotView[]>(`${path(eventId)}/slots`, { slots });

/** One organisation's unavailable slots (GET answers the caller's own; the bureau sees every organisation's). */
export interface UnavailabilityView {
  organizationId: string;
  organizationName: string;
  slotIds: string[];
}
export const listUnavailability = (eventId: string, signal?: AbortSignal) => api.get<UnavailabilityView[]>(`${path(eventId)}/unavailability`, undefined, signal);
export const saveUnavailability = (eventId: string, slotIds: string[]) => api.post<UnavailabilityView>(`${path(eventId)}/unavailability`, { slotIds });

// ---------------------------------------------------------------- the schedule and hand edits

export const getSchedule = (eventId: string, signal?: AbortSignal) => api.get<ScheduleView>(`${path(eventId)}/schedule`, undefined, signal);
export const solveSchedule = (eventId: string, timeLimitSeconds?: number) =>
  api.post<{ runId: string; status: ScheduleRunStatus }>(`${path(eventId)}/schedule`, timeLimitSeconds ? { timeLimitSeconds } : {});
export const publishSchedule = (eventId: string) => api.post<ScheduleView>(`${path(eventId)}/schedule/publish`);
/** Clears an unpublished schedule (every meeting and solver run), e.g. to change the slots. */
export const clearSchedule = (eventId: string) => api.delete<ScheduleView>(`${path(eventId)}/schedule`);

const meetingPath = (eventId: string, meetingId: string) => `${path(eventId)}/meetings/${encodeURIComponent(meetingId)}`;
export const moveMeeting = (eventId: string, meetingId: string, body: { slotId: string; desk?: number }) => api.post<MeetingView>(`${meetingPath(eventId, meetingId)}/move`, body);
export const swapMeetings = (eventId: string, meetingIds: [string, string]) => api.post<MeetingView[]>(`${path(eventId)}/meetings/swap`, { meetingIds });
export const lockMeeting = (eventId: string, meetingId: string, locked: boolean) => api.post<MeetingView>(`${meetingPath(eventId, meetingId)}/lock`, { locked });
export const cancelMeeting = (eventId: string, meetingId: string) => api.post<MeetingView>(`${meetingPath(eventId, meetingId)}/cancel`);

export interface WalkInFields {
  enterpriseOrganizationId: string;
  bankOrganizationId: string;
  slotId: string;
  desk?: number;
}
export const addWalkIn = (eventId: string, body: WalkInFields) => api.post<MeetingView>(`${path(eventId)}/meetings`, body);

// ---------------------------------------------------------------- agendas

export const getAgenda = (eventId: string, organizationId: string | null, signal?: AbortSignal) =>
  api.get<AgendaView>(`${path(eventId)}/agenda`, organizationId ? { organizationId } : undefined, signal);
export const downloadAgendaIcs = (eventId: string, organizationId: string | null) =>
  downloadFile(`${path(eventId)}/agenda.ics`, 'agenda.ics', organizationId ? { organizationId } : undefined);
