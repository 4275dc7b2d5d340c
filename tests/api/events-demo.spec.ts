import { CaseState, EventStatus, MeetingPriority, MeetingRequestStatus, MeetingResult, ScheduleRunStatus } from '@zj/shared';
import type { CaseDetail, EventReport, EventView, IntentView, MeetingRequestView, RegistrationView, ScheduleView } from '@zj/shared';
import { fromCents, toCents } from '../../apps/api/src/cases/case-machine';
import { DEMO_EVENT_TITLES, EventsDemo } from '../../apps/api/src/events/events-demo';
import { Session, startTestApp, TestApp } from '../support/test-app';

const sum = (amounts: (string | null)[]) => fromCents(amounts.reduce<bigint>((s, a) => s + (a ? toCents(a) : 0n), 0n));
/** Today in Zhanjiang (YYYY-MM-DD). */
const zjToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const zjHour = (iso: string) => Number(new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(11, 13));

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
    expect(toCents(report.approvedAmount)).toBeGreaterThan(0n);
    expect(toCents(report.disbursedAmount)).toBeGreaterThan(0n);
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
    const counts = (c: CaseDetail) => [CaseState.APPROVED, CaseState.DISBURSED].includes(c.state) || (c.state === CaseState.CLOSED && toCents(c.disbursedTotal) > 0n);
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
