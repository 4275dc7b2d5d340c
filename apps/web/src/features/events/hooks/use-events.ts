import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { InvitationFilter } from '@zj/shared';
import type { QueryParams } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';
import { createEvent, getEvent, listEvents, previewInvitations, runEventStep, sendInvitations, updateEvent, type EventStepName } from '../api/events-api';

export const useEvents = (params: QueryParams) => useQuery({ queryKey: queryKeys.events.list(params), queryFn: ({ signal }) => listEvents(params, signal), placeholderData: keepPreviousData });
export const useEvent = (id: string | undefined) => useQuery({ queryKey: queryKeys.events.detail(id ?? ''), queryFn: ({ signal }) => getEvent(id ?? '', signal), enabled: Boolean(id) });

/** After any change of an event: its lists, detail and parts, the day's screens; held events feed the plan's indicators. */
export function useInvalidateEvents() {
  const qc = useQueryClient();
  return () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: queryKeys.events.all }),
      qc.invalidateQueries({ queryKey: queryKeys.eventDay.all }),
      qc.invalidateQueries({ queryKey: queryKeys.plan.all }),
    ]);
}

function useEventMutation<A, R>(fn: (a: A) => Promise<R>) {
  const invalidate = useInvalidateEvents();
  return useMutation({ mutationFn: fn, onSuccess: invalidate });
}
export const useCreateEvent = () => useEventMutation(createEvent);
export const useUpdateEvent = () => useEventMutation(({ id, ...body }: { id: string } & Parameters<typeof updateEvent>[1]) => updateEvent(id, body));
export const useEventStep = () =>
  useEventMutation(({ id, step, version, note, attendanceCount }: { id: string; step: EventStepName; version: number; note?: string; attendanceCount?: number }) =>
    runEventStep(id, step, { version, note, attendanceCount }),
  );

export const usePreviewInvitations = () => useMutation({ mutationFn: ({ id, filter }: { id: string; filter: InvitationFilter }) => previewInvitations(id, filter) });
export const useSendInvitations = () => useEventMutation(({ id, filter }: { id: string; filter: InvitationFilter }) => sendInvitations(id, filter));
