import type { AgendaView, EventSlotInput, EventSlotView, MeetingRequestInput, MeetingRequestView, MeetingSuggestion, MeetingView, ScheduleRunStatus, ScheduleView, UnavailabilityView, WalkInMeetingInput } from '@zj/shared';
import { api } from '../../../lib/api-client';
import { downloadFile } from '../../../lib/download';

const path = (eventId: string) => `/events/${encodeURIComponent(eventId)}`;

// ---------------------------------------------------------------- meeting requests

export const listMeetingRequests = (eventId: string, direction: 'sent' | 'received', signal?: AbortSignal) =>
  api.get<MeetingRequestView[]>(`${path(eventId)}/meeting-requests`, { direction }, signal);
export const requestMeeting = (eventId: string, body: MeetingRequestInput) => api.post<MeetingRequestView>(`${path(eventId)}/meeting-requests`, body);
export type MeetingRequestAction = 'accept' | 'decline' | 'withdraw';
export const answerMeetingRequest = (eventId: string, requestId: string, action: MeetingRequestAction) =>
  api.post<MeetingRequestView>(`${path(eventId)}/meeting-requests/${encodeURIComponent(requestId)}/${action}`);
export const listMeetingSuggestions = (eventId: string, signal?: AbortSignal) => api.get<MeetingSuggestion[]>(`${path(eventId)}/meeting-suggestions`, undefined, signal);

// ---------------------------------------------------------------- slots and unavailability

export const listSlots = (eventId: string, signal?: AbortSignal) => api.get<EventSlotView[]>(`${path(eventId)}/slots`, undefined, signal);
export const saveSlots = (eventId: string, slots: EventSlotInput[]) => api.put<EventSlotView[]>(`${path(eventId)}/slots`, { slots });

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

export const addWalkIn = (eventId: string, body: WalkInMeetingInput) => api.post<MeetingView>(`${path(eventId)}/meetings`, body);

// ---------------------------------------------------------------- agendas

export const getAgenda = (eventId: string, organizationId: string | null, signal?: AbortSignal) =>
  api.get<AgendaView>(`${path(eventId)}/agenda`, organizationId ? { organizationId } : undefined, signal);
export const downloadAgendaIcs = (eventId: string, organizationId: string | null) =>
  downloadFile(`${path(eventId)}/agenda.ics`, 'agenda.ics', organizationId ? { organizationId } : undefined);
