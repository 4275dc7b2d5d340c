import { CaseState, compareDecimal, EventStatus, MeetingPriority, MeetingRequestStatus, MeetingResult, ScheduleRunStatus, sumDecimal } from '@zj/shared';
import type { CaseDetail, EventReport, EventView, IntentView, MatchmakingStatistics, MeetingRequestView, RegistrationView, ScheduleView } from '@zj/shared';
import { zhanjiangDate, zhanjiangTime } from '../../apps/api/src/common/time';
import { DEMO_EVENT_TITLES, EventsDemo } from '../../apps/api/src/events/events-demo';
import { Session, startTestApp, TestApp } from '../support/test-app';

const sum = (amounts: (string | null)[]) => sumDecimal(amounts);
/** Today in Zhanjiang (YYYY-MM-DD). */
const zjToday = () => zhanjiangDate();
const zjHour = (iso: string) => Number(zhanjiangTime(new Date(iso)).slice(0, 2));
/** The date in Zhanjiang of an instant. */
const zjDate = (at: string | Date) => zhanjiangDate(new Date(at));

describe('events: demo data', () => {
  let app: TestApp;
  let bureau: Session;
  const events = new Map<string, EventView>();

  beforeAll(async () => {
    app = await startTestApp({ env: { DEMO_DATA: 'true' } });
    bureau = await app.admin();
    const list = await app.http.get('/api/v1/events').query({ pageSize: 100 }).set(bureau.auth);
    expect(list.status).toBe(200);
    for (const e of list.body.items as EventView[]) if (Object.values(DEMO_EVENT_TITLES).includes(e.title as never)) events.set(e.title, e);
  });
  afterAll(() => app.close());

  const get = async <T>(path: string): Promise<T> => {
    const res = await app.http.get(`/api/v1${path}`).set(bureau.auth);
    expect(res.status).toBe(200);
    return res.body as T;
  };

  it('loads three demo events once, all marked as demo', async () => {
    expect([...events.keys()].sort()).toEqual(Object.values(DEMO_EVENT_TITLES).sort());
    const before = await app.dataSource.query(`SELECT count(*)::int AS n FROM events WHERE is_demo`);
    expect(await app.platform.app.get(EventsDemo).load()).toEqual([]);
    expect(await app.dataSource.query(`SELECT count(*)::int AS n FROM events WHERE is_demo`)).toEqual(before);
    const [regs] = await app.dataSource.query(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE NOT r.is_demo)::int AS not_demo FROM event_registrations r JOIN events e ON e.id = r.event_id WHERE e.is_demo`,
    );
    expect(regs.n).toBeGreaterThan(20);
    expect(regs.not_demo).toBe(0);
  });

  it('shows the held 对接会 with its report equal to the intents signed and to their cases, nothing dated in the future', async () => {
    const held = events.get(DEMO_EVENT_TITLES.held)!;
    const now = Date.now();
    expect(held.status).toBe(EventStatus.HELD);
    expect(held.type).toBe('MATCHMAKING');
    expect(Date.parse(held.startsAt)).toBeLessThan(now - 45 * 86_400_000);
    expect(zjHour(held.startsAt)).toBeGreaterThanOrEqual(8);
    expect(held.coOrganizers.length).toBe(2);
    expect(held.agenda.map((a) => a.title).join('|')).toMatch(/政策宣讲.*产品推介.*一对一对接.*签约仪式/);

    const report = await get<EventReport>(`/events/${held.id}/report`);
    const intents = await get<IntentView[]>(`/events/${held.id}/intents`);
    expect(intents.length).toBeGreaterThanOrEqual(3);
    expect(report.intents).toEqual({ count: intents.length, amount: sum(intents.map((i) => i.amount)) });
    expect(held.statusNote).toContain(`签约意向${intents.length}项`);
    expect(compareDecimal(report.approvedAmount, '0')).toBe(1);
    expect(compareDecimal(report.disbursedAmount, '0')).toBe(1);
    expect(report.noShows).toBeGreaterThanOrEqual(1);
    expect(report.noShows).toBeLessThanOrEqual(2);
    expect(report.checkedIn).toBe(report.registrations - report.noShows);
    expect(report.meetingsHeld).toBeGreaterThan(10);
    expect(report.meetingsHeld).toBeLessThan(report.meetingsPlaced);
    expect(report.results[MeetingResult.NO_INTEREST]).toBeGreaterThan(0);
    expect(report.results[MeetingResult.FOLLOW_UP]).toBeGreaterThan(0);
    expect(report.results[MeetingResult.INTENT]).toBeGreaterThan(0);

    // The cases the intents opened, as the pipeline shows them: the report's conversion is theirs.
    const cases: CaseDetail[] = [];
    for (const i of intents) cases.push(await get<CaseDetail>(`/cases/${i.caseId}`));
    const counts = (c: CaseDetail) => [CaseState.APPROVED, CaseState.DISBURSED].includes(c.state) || (c.state === CaseState.CLOSED && compareDecimal(c.disbursedTotal, '0') > 0);
    expect(report.approvedAmount).toBe(sum(cases.filter(counts).map((c) => c.approvedAmount)));
    expect(report.disbursedAmount).toBe(sum(cases.map((c) => c.disbursedTotal)));
    expect(new Set(cases.map((c) => c.state))).toEqual(new Set([CaseState.DISBURSED, CaseState.APPROVED, CaseState.UNDER_REVIEW, CaseState.IN_CONTACT].slice(0, intents.length)));
    for (const [k, c] of cases.entries()) {
      expect(c.origin).toBe('EVENT');
      expect(c.sourceEventId).toBe(held.id);
      expect(intents[k].caseState).toBe(c.state);
      expect(intents[k].approvedAmount).toBe(c.approvedAmount);
      expect(intents[k].disbursedAmount).toBe(c.disbursedTotal);
      for (const t of [c.createdAt, c.stateChangedAt, ...c.timeline.map((x) => x.at)]) expect(Date.parse(t)).toBeLessThanOrEqual(now);
      for (const t of c.tranches) {
        expect(t.disbursedOn <= zjToday()).toBe(true);
        expect(t.disbursedOn > held.startsAt.slice(0, 10)).toBe(true);
      }
    }

    // Intents signed on the day; registrations, check-ins, meetings and outcomes in the past, meetings without clashes.
    const end = Date.parse(held.endsAt!);
    for (const i of intents) {
      expect(Date.parse(i.signedAt)).toBeGreaterThanOrEqual(Date.parse(held.startsAt));
      expect(Date.parse(i.signedAt)).toBeLessThanOrEqual(end);
    }
    const regs = await get<RegistrationView[]>(`/events/${held.id}/registrations`);
    expect(regs.length).toBe(report.registrations);
    for (const r of regs) {
      expect(Date.parse(r.registeredAt)).toBeLessThan(Date.parse(held.startsAt));
      if (r.checkedInAt) expect(Date.parse(r.checkedInAt)).toBeLessThanOrEqual(end);
      if (r.desks) expect(r.officers.length).toBe(r.desks);
    }
    expect(regs.filter((r) => r.noShow).length).toBe(report.noShows);
    const schedule = await get<ScheduleView>(`/events/${held.id}/schedule`);
    expect(schedule.status).toBe(ScheduleRunStatus.DONE);
    expect(schedule.slots.length).toBe(8);
    expect(schedule.publishedAt).not.toBeNull();
    expect(schedule.meetings.length).toBe(report.meetingsPlaced);
    const seats = new Set<string>();
    for (const x of schedule.meetings) {
      expect(Date.parse(x.endsAt)).toBeLessThanOrEqual(end);
      expect(x.outcome).not.toBeNull();
      expect(Date.parse(x.outcome!.recordedAt)).toBeLessThanOrEqual(now);
      if (x.outcome!.enterpriseConfirmedAt) expect(Date.parse(x.outcome!.enterpriseConfirmedAt)).toBeLessThanOrEqual(now);
      for (const seat of [`${x.slotId}/${x.enterpriseOrganizationId}`, `${x.slotId}/${x.bankOrganizationId}/${x.desk}`]) {
        expect(seats.has(seat)).toBe(false);
        seats.add(seat);
      }
    }
  });

  it("dates the cases of the held 对接会's intents from the signing on: every step after it and before now, marked demo, seen by the statistics", async () => {
    const held = events.get(DEMO_EVENT_TITLES.held)!;
    const intents = await get<IntentView[]>(`/events/${held.id}/intents`);
    expect(intents.length).toBeGreaterThanOrEqual(3);
    const now = Date.now();
    const today = zjToday();
    for (const i of intents) {
      const signed = Date.parse(i.signedAt);
      const c = await get<CaseDetail>(`/cases/${i.caseId}`);
      // Opened when the intent was signed (accepted at once, as the pipeline does), by the signer.
      expect(Date.parse(c.createdAt)).toBe(signed);
      expect(c.timeline[0]).toMatchObject({ fromState: null, toState: CaseState.ACCEPTED });
      expect(Date.parse(c.timeline[0].at)).toBe(signed);
      expect(c.timeline[0].comment).toContain(DEMO_EVENT_TITLES.held);
      // Every step after the one before it, none in the future; the state is the last step's.
      const at = c.timeline.map((t) => Date.parse(t.at));
      for (const [k, t] of at.entries()) {
        expect(t).toBeGreaterThanOrEqual(signed);
        expect(t).toBeLessThanOrEqual(now);
        if (k > 0) expect(t).toBeGreaterThan(at[k - 1]);
      }
      const changes = c.timeline.filter((t) => t.fromState !== t.toState);
      expect(changes[changes.length - 1].toState).toBe(c.state);
      expect(Date.parse(c.stateChangedAt)).toBe(Date.parse(changes[changes.length - 1].at));
      expect(Date.parse(c.updatedAt)).toBeLessThanOrEqual(now);
      expect(c.updatedAt >= c.createdAt).toBe(true);
      // Tranches between the approval and today, the first with the step to DISBURSED; checks after the first tranche.
      const approvedAt = c.timeline.find((t) => t.toState === CaseState.APPROVED && t.fromState !== CaseState.APPROVED)?.at;
      if (c.tranches.length) {
        expect(approvedAt).toBeDefined();
        const toDisbursed = c.timeline.find((t) => t.toState === CaseState.DISBURSED && t.fromState === CaseState.APPROVED)!;
        expect(zjDate(toDisbursed.at)).toBe(c.tranches[0].disbursedOn);
        expect(c.chosenAt).toBe(toDisbursed.at);
      }
      for (const t of c.tranches) {
        expect(t.disbursedOn >= zjDate(approvedAt!)).toBe(true);
        expect(t.disbursedOn <= today).toBe(true);
        expect(Date.parse(t.createdAt)).toBeLessThanOrEqual(now);
        expect(zjDate(t.createdAt)).toBe(t.disbursedOn);
      }
      for (const k of c.fundUseChecks) {
        expect(k.checkedOn >= c.tranches[0].disbursedOn).toBe(true);
        expect(k.checkedOn <= today).toBe(true);
      }
      // Marked demo, the intent its source; answered when opened; the need moved with it, at the time.
      const [row] = await app.dataSource.query(
        `SELECT c.is_demo, c.source_ref, c.answered_at, n.status AS need_status, n.status_changed_at FROM matchmaking_cases c JOIN financing_needs n ON n.id = c.need_id WHERE c.id = $1`,
        [c.id],
      );
      expect(row.is_demo).toBe(true);
      expect(row.source_ref).toBe(i.id);
      expect(new Date(row.answered_at).getTime()).toBe(signed);
      expect(row.need_status).toBe(c.state === CaseState.DISBURSED ? 'SATISFIED' : 'IN_MATCHMAKING');
      expect(new Date(row.status_changed_at).getTime()).toBeGreaterThanOrEqual(signed);
      expect(new Date(row.status_changed_at).getTime()).toBeLessThanOrEqual(now);
    }

    // The statistics count the intents' cases around the day they were signed (not today); no median response time is negative.
    const day = Date.parse(`${zjDate(held.startsAt)}T00:00:00Z`);
    const [from, to] = [day - 86_400_000, day + 86_400_000].map((d) => new Date(d).toISOString().slice(0, 10));
    const onTheDay = await get<MatchmakingStatistics>(`/cases/statistics?from=${from}&to=${to}`);
    expect(onTheDay.totals.cases).toBeGreaterThanOrEqual(intents.length);
    for (const bankId of new Set(intents.map((i) => i.bank.id))) {
      const row = onTheDay.byBank.find((b) => b.bankOrgId === bankId);
      expect(row?.cases).toBeGreaterThanOrEqual(intents.filter((i) => i.bank.id === bankId).length);
      // An intent's case started accepted: no response clock ran (issue 14), so no response time that day.
      expect(row?.medianResponseHours).toBeNull();
    }
    const all = await get<MatchmakingStatistics>('/cases/statistics');
    expect(all.byBank.length).toBeGreaterThan(0);
    for (const b of all.byBank) if (b.medianResponseHours !== null) expect(b.medianResponseHours).toBeGreaterThanOrEqual(0);
  });

  it('dates every demo case consistently: opened before it was answered, each step and tranche between its opening and now', async () => {
    const [bad] = await app.dataSource.query(
      `SELECT
         count(*) FILTER (WHERE c.created_at > now() OR c.state_changed_at > now() OR c.updated_at > now() OR c.state_changed_at < c.created_at)::int AS cases,
         count(*) FILTER (WHERE c.answered_at < c.created_at OR c.answered_at > now())::int AS answers,
         count(*) FILTER (WHERE c.chosen_at < c.created_at OR c.chosen_at > now())::int AS choices,
         (SELECT count(*)::int FROM case_events e JOIN matchmaking_cases x ON x.id = e.case_id WHERE x.is_demo AND (e.at < x.created_at OR e.at > now())) AS steps,
         (SELECT count(*)::int FROM case_tranches t JOIN matchmaking_cases x ON x.id = t.case_id
           WHERE x.is_demo AND (t.disbursed_on < (x.created_at AT TIME ZONE 'Asia/Shanghai')::date OR t.disbursed_on > (now() AT TIME ZONE 'Asia/Shanghai')::date OR t.created_at > now())) AS tranches,
         (SELECT count(*)::int FROM fund_use_checks f JOIN matchmaking_cases x ON x.id = f.case_id
           WHERE x.is_demo AND (f.checked_on < (x.created_at AT TIME ZONE 'Asia/Shanghai')::date OR f.checked_on > (now() AT TIME ZONE 'Asia/Shanghai')::date)) AS checks
       FROM matchmaking_cases c WHERE c.is_demo`,
    );
    expect(bad).toEqual({ cases: 0, answers: 0, choices: 0, steps: 0, tranches: 0, checks: 0 });
    const [{ n }] = await app.dataSource.query(`SELECT count(*)::int AS n FROM matchmaking_cases WHERE is_demo AND origin = 'EVENT'`);
    expect(n).toBeGreaterThanOrEqual(3);
  });

  it('shows the coming 对接会 open for registration, with slots and accepted requests but no schedule yet, and the showcase', async () => {
    const upcoming = events.get(DEMO_EVENT_TITLES.upcoming)!;
    const now = Date.now();
    expect(upcoming.status).toBe(EventStatus.PUBLISHED);
    expect(upcoming.capacity).toBe(60);
    expect(Date.parse(upcoming.startsAt)).toBeGreaterThan(now + 14 * 86_400_000);
    expect(Date.parse(upcoming.registrationDeadline!)).toBeGreaterThan(now);
    expect(Date.parse(upcoming.registrationDeadline!)).toBeLessThan(Date.parse(upcoming.startsAt));
    expect(upcoming.registeredCount).toBeGreaterThanOrEqual(5);
    expect(upcoming.registeredCount).toBeLessThan(upcoming.capacity!);

    const slots = await get<{ id: string }[]>(`/events/${upcoming.id}/slots`);
    expect(slots.length).toBe(12);
    const requests = await get<MeetingRequestView[]>(`/events/${upcoming.id}/meeting-requests`);
    const accepted = requests.filter((r) => r.status === MeetingRequestStatus.ACCEPTED);
    expect(accepted.length).toBeGreaterThanOrEqual(3);
    expect(accepted.some((r) => r.priority === MeetingPriority.MUST)).toBe(true);
    expect(requests.some((r) => r.status === MeetingRequestStatus.PENDING)).toBe(true);
    for (const r of requests) {
      expect(Date.parse(r.createdAt)).toBeLessThanOrEqual(now);
      if (r.respondedAt) expect(Date.parse(r.respondedAt)).toBeLessThanOrEqual(now);
    }
    const regs = await get<RegistrationView[]>(`/events/${upcoming.id}/registrations`);
    for (const r of regs) {
      expect(Date.parse(r.registeredAt)).toBeLessThanOrEqual(now);
      expect(r.checkedInAt).toBeNull();
    }
    const schedule = await get<ScheduleView>(`/events/${upcoming.id}/schedule`);
    expect(schedule.status).toBe(ScheduleRunStatus.NONE);
    expect(schedule.meetings).toEqual([]);

    const showcase = events.get(DEMO_EVENT_TITLES.showcase)!;
    expect(showcase.type).toBe('SHOWCASE');
    expect(showcase.status).toBe(EventStatus.PUBLISHED);
    expect(Date.parse(showcase.startsAt)).toBeGreaterThan(now);
  });
});
