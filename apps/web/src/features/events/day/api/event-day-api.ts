import type { AgendaView, CeremonyIntentRequest, EventLiveView, EventReport, IntentView, MeetingOutcomeAnswer, MeetingOutcomeInput, Page, RegistrationView, ScheduleView } from '@zj/shared';
import { api } from '../../../../lib/api-client';
import { downloadFile } from '../../../../lib/download';

const base = (eventId: string) => `/events/${encodeURIComponent(eventId)}`;

/** A list route answers an array (or a page of one): the screens want the rows. */
const rows = <T>(answer: T[] | Page<T>): T[] => (Array.isArray(answer) ? answer : answer.items);

export const listRegistrations = async (eventId: string, signal?: AbortSignal) =>
  rows(await api.get<RegistrationView[] | Page<RegistrationView>>(`${base(eventId)}/registrations`, undefined, signal));
export const checkIn = (eventId: string, code: string) => api.post<RegistrationView>(`${base(eventId)}/check-in`, { code });
export const getLive = (eventId: string, signal?: AbortSignal) => api.get<EventLiveView>(`${base(eventId)}/live`, undefined, signal);
export const getSchedule = (eventId: string, signal?: AbortSignal) => api.get<ScheduleView>(`${base(eventId)}/schedule`, undefined, signal);
export const getAgenda = (eventId: string, signal?: AbortSignal) => api.get<AgendaView>(`${base(eventId)}/agenda`, undefined, signal);
export const recordOutcome = (eventId: string, meetingId: string, body: MeetingOutcomeInput) =>
  api.post<MeetingOutcomeAnswer>(`${base(eventId)}/meetings/${encodeURIComponent(meetingId)}/outcome`, body);
export const confirmOutcome = (eventId: string, meetingId: string) => api.post<unknown>(`${base(eventId)}/meetings/${encodeURIComponent(meetingId)}/outcome/confirm`, {});
export const listIntents = async (eventId: string, signal?: AbortSignal) => rows(await api.get<IntentView[] | Page<IntentView>>(`${base(eventId)}/intents`, undefined, signal));
export const createIntent = (eventId: string, body: CeremonyIntentRequest) => api.post<IntentView>(`${base(eventId)}/intents`, body);
export const getReport = (eventId: string, signal?: AbortSignal) => api.get<EventReport>(`${base(eventId)}/report`, undefined, signal);
export const downloadReport = (eventId: string, title: string) => downloadFile(`${base(eventId)}/report.xlsx`, `${title}-活动报告.xlsx`);
