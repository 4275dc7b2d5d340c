import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type EventSlotInput, type MeetingRequestInput, type RegistrationInput, type RegistrationUpdateInput, ScheduleRunStatus, type ScheduleView, type WalkInMeetingInput } from '@zj/shared';
import type { QueryParams } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';
import {
  addWalkIn,
  answerMeetingRequest,
  cancelMeeting,
  clearSchedule,
  getAgenda,
  getSchedule,
  listUnavailability,
  listMeetingRequests,
  listMeetingSuggestions,
  listSlots,
  lockMeeting,
  moveMeeting,
  publishSchedule,
  requestMeeting,
  saveSlots,
  saveUnavailability,
  solveSchedule,
  swapMeetings,
  type MeetingRequestAction,
} from '../api/meetings-api';
import { listRegistrations, register, registrationAction, updateRegistration, type RegistrationAction } from '../api/registrations-api';
import { useInvalidateEvents } from './use-events';

// ---------------------------------------------------------------- registrations

export const useRegistrations = (eventId: string, params: QueryParams, enabled = true) =>
  useQuery({ queryKey: queryKeys.events.registrations(eventId, params), queryFn: ({ signal }) => listRegistrations(eventId, params, signal), enabled });

/** Registering changes the event's counts (list and detail) as well as the registrations. */
function useEventsMutation<A, R>(fn: (a: A) => Promise<R>) {
  const invalidate = useInvalidateEvents();
  return useMutation({ mutationFn: fn, onSuccess: invalidate });
}
export const useRegister = (eventId: string) => useEventsMutation((body: RegistrationInput) => register(eventId, body));
export const useUpdateRegistration = (eventId: string) =>
  useEventsMutation(({ regId, ...body }: RegistrationUpdateInput & { regId: string }) => updateRegistration(eventId, regId, body));
export const useRegistrationAction = (eventId: string) =>
  useEventsMutation(({ regId, action, reason }: { regId: string; action: RegistrationAction; reason?: string }) => registrationAction(eventId, regId, action, reason));

// ---------------------------------------------------------------- meeting requests and unavailability

/** What one event's parts change: its detail, its parts (requests, slots, schedule, agendas) and the day's screens of it. */
function useInvalidateEvent(eventId: string) {
  const qc = useQueryClient();
  return () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: queryKeys.events.of(eventId) }),
      qc.invalidateQueries({ queryKey: queryKeys.events.detail(eventId) }),
      qc.invalidateQueries({ queryKey: queryKeys.eventDay.event(eventId) }),
    ]);
}

/** A change of one event's parts: requests, suggestions, slots, schedule, agendas. */
function useEventPartMutation<A, R>(eventId: string, fn: (a: A) => Promise<R>) {
  const invalidate = useInvalidateEvent(eventId);
  return useMutation({ mutationFn: fn, onSettled: invalidate });
}

export const useMeetingRequests = (eventId: string, direction: 'sent' | 'received', enabled = true) =>
  useQuery({ queryKey: queryKeys.events.meetingRequests(eventId, direction), queryFn: ({ signal }) => listMeetingRequests(eventId, direction, signal), enabled });
export const useMeetingSuggestions = (eventId: string, enabled = true) =>
  useQuery({ queryKey: queryKeys.events.suggestions(eventId), queryFn: ({ signal }) => listMeetingSuggestions(eventId, signal), enabled });
export const useRequestMeeting = (eventId: string) => useEventPartMutation(eventId, (body: MeetingRequestInput) => requestMeeting(eventId, body));
export const useAnswerMeetingRequest = (eventId: string) =>
  useEventPartMutation(eventId, ({ requestId, action }: { requestId: string; action: MeetingRequestAction }) => answerMeetingRequest(eventId, requestId, action));

export const useSlots = (eventId: string, enabled = true) => useQuery({ queryKey: queryKeys.events.slots(eventId), queryFn: ({ signal }) => listSlots(eventId, signal), enabled });
export const useSaveSlots = (eventId: string) => useEventPartMutation(eventId, (slots: EventSlotInput[]) => saveSlots(eventId, slots));
export const useUnavailability = (eventId: string, enabled = true) =>
  useQuery({ queryKey: queryKeys.events.unavailability(eventId), queryFn: ({ signal }) => listUnavailability(eventId, signal), enabled });
export const useSaveUnavailability = (eventId: string) => useEventPartMutation(eventId, (slotIds: string[]) => saveUnavailability(eventId, slotIds));

// ---------------------------------------------------------------- the schedule

const solving = (s: ScheduleView | undefined) => s?.status === ScheduleRunStatus.QUEUED || s?.status === ScheduleRunStatus.RUNNING;

/** The bureau's schedule; polled every second while a solve is queued or running. */
export const useSchedule = (eventId: string, enabled = true) =>
  useQuery({
    queryKey: queryKeys.events.schedule(eventId),
    queryFn: ({ signal }) => getSchedule(eventId, signal),
    enabled,
    refetchInterval: (q) => (solving(q.state.data) ? 1000 : false),
  });
export const isSolving = solving;

export const useSolveSchedule = (eventId: string) => useEventPartMutation(eventId, (timeLimitSeconds?: number) => solveSchedule(eventId, timeLimitSeconds));
export const usePublishSchedule = (eventId: string) => useEventPartMutation(eventId, () => publishSchedule(eventId));
export const useClearSchedule = (eventId: string) => useEventPartMutation(eventId, () => clearSchedule(eventId));
export const useLockMeeting = (eventId: string) => useEventPartMutation(eventId, ({ meetingId, locked }: { meetingId: string; locked: boolean }) => lockMeeting(eventId, meetingId, locked));
export const useCancelMeeting = (eventId: string) => useEventPartMutation(eventId, (meetingId: string) => cancelMeeting(eventId, meetingId));
export const useAddWalkIn = (eventId: string) => useEventPartMutation(eventId, (body: WalkInMeetingInput) => addWalkIn(eventId, body));

export type GridEdit = { kind: 'move'; meetingId: string; slotId: string; desk: number } | { kind: 'swap'; meetingIds: [string, string] };

/**
 * A drag in the grid: the card moves at once (optimistic), then the server decides; a refused edit
 * (409 naming the conflict) puts the schedule back as the server has it.
 */
export function useGridEdit(eventId: string) {
  const qc = useQueryClient();
  const invalidate = useInvalidateEvent(eventId);
  const key = queryKeys.events.schedule(eventId);
  return useMutation({
    mutationFn: (edit: GridEdit): Promise<unknown> => (edit.kind === 'move' ? moveMeeting(eventId, edit.meetingId, { slotId: edit.slotId, desk: edit.desk }) : swapMeetings(eventId, edit.meetingIds)),
    onMutate: async (edit) => {
      await qc.cancelQueries({ queryKey: key });
      const before = qc.getQueryData<ScheduleView>(key);
      if (before) qc.setQueryData<ScheduleView>(key, applyEdit(before, edit));
      return { before };
    },
    onError: (_e, _edit, ctx) => {
      if (ctx?.before) qc.setQueryData(key, ctx.before);
    },
    onSettled: invalidate,
  });
}

function applyEdit(s: ScheduleView, edit: GridEdit): ScheduleView {
  const slot = (id: string) => s.slots.find((x) => x.id === id);
  if (edit.kind === 'move') {
    const to = slot(edit.slotId);
    return {
      ...s,
      meetings: s.meetings.map((m) => (m.id === edit.meetingId && to ? { ...m, slotId: to.id, slotIndex: to.index, startsAt: to.startsAt, endsAt: to.endsAt, desk: edit.desk } : m)),
    };
  }
  const [a, b] = edit.meetingIds.map((id) => s.meetings.find((m) => m.id === id));
  if (!a || !b) return s;
  const place = (m: typeof a, from: typeof a) => ({ ...m, slotId: from.slotId, slotIndex: from.slotIndex, startsAt: from.startsAt, endsAt: from.endsAt, desk: from.desk });
  return { ...s, meetings: s.meetings.map((m) => (m.id === a.id ? place(a, b) : m.id === b.id ? place(b, a) : m)) };
}

// ---------------------------------------------------------------- agendas

export const useAgenda = (eventId: string, organizationId: string | null, enabled = true) =>
  useQuery({ queryKey: queryKeys.events.agenda(eventId, organizationId), queryFn: ({ signal }) => getAgenda(eventId, organizationId, signal), enabled, meta: { silentError: true } });
