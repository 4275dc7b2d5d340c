import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CeremonyIntentRequest, MeetingOutcomeInput } from '@zj/shared';
import { queryKeys } from '../../../../lib/query-keys';
import { listNeeds } from '../../../financing-needs';
import {
  checkIn,
  confirmOutcome,
  createIntent,
  getAgenda,
  getLive,
  getReport,
  getSchedule,
  listIntents,
  listRegistrations,
  recordOutcome,
} from '../api/event-day-api';

/** How often the live view refreshes while it is on screen. */
export const LIVE_REFRESH_MS = 12_000;

export const useRegistrations = (eventId: string, enabled = true) =>
  useQuery({ queryKey: queryKeys.eventDay.registrations(eventId), queryFn: ({ signal }) => listRegistrations(eventId, signal), enabled });

/** The live view, refreshed every 12 s while mounted (not while the browser tab is hidden). */
export const useLive = (eventId: string) =>
  useQuery({ queryKey: queryKeys.eventDay.live(eventId), queryFn: ({ signal }) => getLive(eventId, signal), refetchInterval: LIVE_REFRESH_MS, staleTime: 0 });

export const useSchedule = (eventId: string, enabled = true) =>
  useQuery({ queryKey: queryKeys.eventDay.schedule(eventId), queryFn: ({ signal }) => getSchedule(eventId, signal), enabled });

export const useAgenda = (eventId: string, enabled = true) =>
  useQuery({ queryKey: queryKeys.eventDay.agenda(eventId), queryFn: ({ signal }) => getAgenda(eventId, signal), enabled });

export const useIntents = (eventId: string) => useQuery({ queryKey: queryKeys.eventDay.intents(eventId), queryFn: ({ signal }) => listIntents(eventId, signal) });

/** The report reads live case figures: always fetched afresh when shown. */
export const useEventReport = (eventId: string) => useQuery({ queryKey: queryKeys.eventDay.report(eventId), queryFn: ({ signal }) => getReport(eventId, signal), staleTime: 0 });

/** An enterprise's financing needs (to name the one an intent is about). */
export const useEnterpriseNeeds = (enterpriseOrgId: string | undefined) => {
  const params = { enterpriseOrgId, pageSize: 100 };
  return useQuery({ queryKey: queryKeys.financingNeeds.list(params), queryFn: ({ signal }) => listNeeds(params, signal), enabled: !!enterpriseOrgId });
};

/** Anything done on the day changes the event's figures; an intent also opens a case and moves a need. */
function useDayMutation<A, R>(eventId: string, fn: (a: A) => Promise<R>, opensCases = false) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: queryKeys.eventDay.event(eventId) }),
        qc.invalidateQueries({ queryKey: queryKeys.events.detail(eventId) }),
        // The before-the-day screens' lists of the same event (registrations, schedule, agendas).
        qc.invalidateQueries({ queryKey: queryKeys.events.of(eventId) }),
        ...(opensCases
          ? [qc.invalidateQueries({ queryKey: queryKeys.cases.all }), qc.invalidateQueries({ queryKey: queryKeys.financingNeeds.all }), qc.invalidateQueries({ queryKey: queryKeys.plan.all })]
          : []),
      ]),
  });
}

export const useCheckIn = (eventId: string) => useDayMutation(eventId, (code: string) => checkIn(eventId, code));
export const useRecordOutcome = (eventId: string) => useDayMutation(eventId, ({ meetingId, body }: { meetingId: string; body: MeetingOutcomeInput }) => recordOutcome(eventId, meetingId, body), true);
export const useConfirmOutcome = (eventId: string) => useDayMutation(eventId, (meetingId: string) => confirmOutcome(eventId, meetingId));
export const useCreateIntent = (eventId: string) => useDayMutation(eventId, (body: CeremonyIntentRequest) => createIntent(eventId, body), true);
