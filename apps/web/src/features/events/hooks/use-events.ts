import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { QueryParams } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';
import { createEvent, getEvent, listEvents, setEventStatus, updateEvent } from '../api/events-api';

export const useEvents = (params: QueryParams) => useQuery({ queryKey: queryKeys.events.list(params), queryFn: ({ signal }) => listEvents(params, signal), placeholderData: keepPreviousData });
export const useEvent = (id: string | undefined) => useQuery({ queryKey: queryKeys.events.detail(id ?? ''), queryFn: ({ signal }) => getEvent(id ?? '', signal), enabled: Boolean(id) });

function useEventMutation<A, R>(fn: (a: A) => Promise<R>) {
  const qc = useQueryClient();
  // Events feed the plan's indicators: refresh both.
  return useMutation({ mutationFn: fn, onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: queryKeys.events.all }), qc.invalidateQueries({ queryKey: queryKeys.plan.all })]) });
}
export const useCreateEvent = () => useEventMutation(createEvent);
export const useUpdateEvent = () => useEventMutation(({ id, ...body }: { id: string } & Parameters<typeof updateEvent>[1]) => updateEvent(id, body));
export const useSetEventStatus = () => useEventMutation(({ id, ...body }: { id: string } & Parameters<typeof setEventStatus>[1]) => setEventStatus(id, body));
