import { AgendaView, MeetingView, Role, ScheduleView } from '@zj/shared';
import { acceptedRequest, defineSlots, matchmakingEvent, notices, orgName, registered } from '../support/event-factories';
import { Session, startTestApp, TestApp } from '../support/test-app';

const SOLVE_TIMEOUT_MS = 90_000;
/** Generous for a tiny instance (solved and proven in milliseconds): HiGHS starting in a worker thread on a busy machine eats into it. */
const TIME_LIMIT_SECONDS = 20;

/** Content lines of an .ics file (unfolded). */
const icsLines = (text: string) =>
  text
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter(Boolean);

/** The VEVENTs of an .ics file, each as property → value. */
function icsEvents(text: string): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  let cur: Record<string, string> | null = null;
  for (const line of icsLines(text)) {
    if (line === 'BEGIN:VEVENT') cur = {};
    else if (line === 'END:VEVENT') {
      out.push(cur!);
      cur = null;
    } else if (cur) {
      const i = line.indexOf(':');
      cur[line.slice(0, i)] = line.slice(i + 1);
    }
  }
  return out;
}

/**
 * The schedule of a 对接会 (issue 10), solved by the worker: a small event whose optimum is known
 * (3 enterprises, 2 banks, 2 slots, unavailability forcing it), every hard rule checked on the
 * answer, the reasons of the requests not placed; locked meetings stay and meeting ids are stable
 * across re-solves; hand edits answer 409 naming the clash; walk-ins are told at once; publishing
 * sends each participant their agenda, and the .ics file updates (same UID, higher SEQUENCE) or
 * cancels entries instead of duplicating them.
 */
describe('events: the schedule, hand edits, publication and .ics', () => {
  let app: TestApp;
  let bureau: Session;
  beforeAll(async () => {
    app = await startTestApp({ worker: true });
    bureau = await app.admin();
  });
  afterAll(() => app?.close());

  const api = () => app.http;
  const at = (hm: string) => new Date(`2026-12-07T${hm}:00+08:00`).toISOString();

  let eventId: string;
  let eventTitle: string;
  const org: Record<'E1' | 'E2' | 'E3' | 'E4' | 'E5' | 'B1' | 'B2' | 'B3', Session> = {} as never;
  const names: Record<string, string> = {};
  let s1: string;
  let s2: string;

  const nameOf = (s: Session) => names[s.organizationId];
  const schedule = async (): Promise<ScheduleView> => {
    const res = await api().get(`/api/v1/events/${eventId}/schedule`).set(bureau.auth);
    expect(res.status).toBe(200);
    return res.body;
  };
  /** Starts a solve and waits (bounded) for it to finish. */
  const solve = async (): Promise<ScheduleView> => {
    const started = await api().post(`/api/v1/events/${eventId}/schedule`).set(bureau.auth).send({ timeLimitSeconds: TIME_LIMIT_SECONDS });
    expect(started.status).toBe(202);
    expect(started.body.status).toBe('QUEUED');
    return waitForRun(started.body.runId);
  };
  const waitForRun = async (runId: string): Promise<ScheduleView> => {
    const deadline = Date.now() + SOLVE_TIMEOUT_MS;
    for (;;) {
      const v = await schedule();
      if (v.runId === runId && (v.status === 'DONE' || v.status === 'FAILED')) return v;
      if (Date.now() > deadline) throw new Error(`the solve did not finish within ${SOLVE_TIMEOUT_MS} ms (status ${v.status})`);
      await new Promise((r) => setTimeout(r, 250));
    }
  };
  const meetingOf = (v: { meetings: MeetingView[] }, e: Session, b: Session) => v.meetings.find((x) => x.enterpriseOrganizationId === e.organizationId && x.bankOrganizationId === b.organizationId);
  const agenda = async (s: Session): Promise<AgendaView> => {
    const res = await api().get(`/api/v1/events/${eventId}/agenda`).set(s.auth);
    expect(res.status).toBe(200);
    return res.body;
  };
  const ics = async (s: Session) => {
    const res = await api().get(`/api/v1/events/${eventId}/agenda.ics`).set(s.auth).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks).toString('utf8')));
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/calendar; charset=utf-8/);
    expect(res.headers['content-disposition']).toMatch(/^attachment;/);
    return res.body as string;
  };

  /** Every hard rule, checked on the bureau's view of the schedule. */
  const checkHardRules = (v: ScheduleView) => {
    const unavailable = new Map<string, string[]>([
      [org.E2.organizationId, [s2]],
      [org.B2.organizationId, [s1]],
    ]);
    const desks = new Map(v.banks.map((b) => [b.organizationId, b.desks]));
    const seen = new Set<string>();
    for (const m of v.meetings) {
      expect(m.status).toBe('SCHEDULED');
      const ent = `${m.enterpriseOrganizationId}/${m.slotId}`;
      expect(seen.has(ent)).toBe(false); // nobody in two meetings in one slot
      seen.add(ent);
      const desk = `${m.bankOrganizationId}/${m.slotId}/${m.desk}`;
      expect(seen.has(desk)).toBe(false); // one meeting per desk
      seen.add(desk);
      expect(m.desk).toBeGreaterThanOrEqual(1);
      expect(m.desk).toBeLessThanOrEqual(desks.get(m.bankOrganizationId)!); // at most its desks
      expect(unavailable.get(m.enterpriseOrganizationId) ?? []).not.toContain(m.slotId);
      expect(unavailable.get(m.bankOrganizationId) ?? []).not.toContain(m.slotId);
    }
  };

  it('solves a small event to its known optimum in the worker, reporting who is not placed and why', async () => {
    ({ id: eventId, title: eventTitle } = await matchmakingEvent(app, bureau, { venue: '湛江市民大厦三楼会议室' }));

    for (const k of ['E1', 'E2', 'E3', 'E4', 'E5'] as const) org[k] = await app.userWithRole(Role.ENTERPRISE);
    for (const k of ['B1', 'B2', 'B3'] as const) org[k] = await app.userWithRole(Role.BANK);
    for (const s of Object.values(org)) names[s.organizationId] = await orgName(app, bureau, s.organizationId);
    const register = async (s: Session, body: Record<string, unknown> = {}) => expect((await registered(app, s, eventId, body)).status).toBe('REGISTERED');
    for (const k of ['E1', 'E2', 'E3', 'E4', 'E5'] as const) await register(org[k]);
    await register(org.B1, { desks: 1, officers: [{ name: '李娜' }] });
    await register(org.B2, { desks: 2 });
    await register(org.B3, { desks: 2 });

    // Nothing to solve without slots.
    const early = await api().post(`/api/v1/events/${eventId}/schedule`).set(bureau.auth).send({});
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('EVENT_NO_SLOTS');

    [s2, s1] = await defineSlots(app, bureau, eventId, [
      { startsAt: at('14:20'), endsAt: at('14:40') },
      { startsAt: at('14:00'), endsAt: at('14:20') },
    ]);
    expect((await api().post(`/api/v1/events/${eventId}/unavailability`).set(org.E2.auth).send({ slotIds: [s2] })).status).toBe(200);
    expect((await api().post(`/api/v1/events/${eventId}/unavailability`).set(org.B2.auth).send({ slotIds: [s1] })).status).toBe(200);

    // E2 can only come to slot 1, B2 only receives in slot 2, B1 has one desk:
    // the must-meets force E2–B1 in slot 1, E1–B1 in slot 2, E3–B2 in slot 2.
    const r = {
      e1b1: await acceptedRequest(app, org.E1, eventId, org.B1, 'MUST'),
      e2b1: await acceptedRequest(app, org.B1, eventId, org.E2, 'MUST'),
      e3b1: await acceptedRequest(app, org.E3, eventId, org.B1, 'NICE'),
      e1b2: await acceptedRequest(app, org.E1, eventId, org.B2, 'NICE'),
      e3b2: await acceptedRequest(app, org.B2, eventId, org.E3, 'MUST'),
      e2b2: await acceptedRequest(app, org.E2, eventId, org.B2, 'NICE'),
    };
    // A pending request is not scheduled.
    expect((await api().post(`/api/v1/events/${eventId}/meeting-requests`).set(org.E4.auth).send({ targetOrganizationId: org.B1.organizationId, priority: 'MUST' })).status).toBe(201);

    expect((await schedule()).status).toBe('NONE');
    const started = await api().post(`/api/v1/events/${eventId}/schedule`).set(bureau.auth).send({ timeLimitSeconds: TIME_LIMIT_SECONDS });
    expect(started.status).toBe(202);
    expect(started.body).toEqual({ runId: expect.any(String), status: 'QUEUED' });
    const second = await api().post(`/api/v1/events/${eventId}/schedule`).set(bureau.auth).send({});
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('EVENT_SCHEDULE_RUNNING');
    expect((await api().post(`/api/v1/events/${eventId}/schedule`).set(bureau.auth).send({ timeLimitSeconds: 61 })).status).toBe(400);
    expect((await api().post(`/api/v1/events/${eventId}/schedule`).set(org.B1.auth).send({})).status).toBe(403);

    const v = await waitForRun(started.body.runId);
    expect(v.error).toBeNull();
    expect(v.status).toBe('DONE');
    expect(v.method).toBe('MIP');
    expect(v.optimal).toBe(true);
    expect(v.quality).toBe(1);
    expect(v.objective).toMatchObject({ mustMeets: 3, enterprisesMet: 3 });
    expect(v.solveMs).toEqual(expect.any(Number));
    expect(v.slots.map((s) => [s.index, s.startsAt])).toEqual([
      [1, at('14:00')],
      [2, at('14:20')],
    ]);
    expect(v.banks.map((b) => [b.organizationId, b.desks]).sort()).toEqual(
      [
        [org.B1.organizationId, 1],
        [org.B2.organizationId, 2],
        [org.B3.organizationId, 2],
      ].sort(),
    );
    checkHardRules(v);
    expect(v.meetings).toHaveLength(3);
    expect(meetingOf(v, org.E2, org.B1)).toMatchObject({ requestId: r.e2b1, slotId: s1, slotIndex: 1, desk: 1, officerName: '李娜', priority: 'MUST', locked: false, walkIn: false, sequence: 0, attendance: 'UNKNOWN', outcome: null });
    expect(meetingOf(v, org.E1, org.B1)).toMatchObject({ requestId: r.e1b1, slotId: s2, desk: 1, enterpriseName: nameOf(org.E1), bankName: nameOf(org.B1) });
    expect(meetingOf(v, org.E3, org.B2)).toMatchObject({ requestId: r.e3b2, slotId: s2, priority: 'MUST' });
    // Sorted by slot, then bank name, then desk.
    expect(v.meetings[0].slotId).toBe(s1);
    // Every accepted request not placed is reported, with the reason and names.
    expect(v.notPlaced.map((n) => [n.requestId, n.reason, n.priority]).sort()).toEqual(
      [
        [r.e3b1, 'BANK_FULL', 'NICE'],
        [r.e1b2, 'ENTERPRISE_BUSY', 'NICE'],
        [r.e2b2, 'NO_COMMON_SLOT', 'NICE'],
      ].sort(),
    );
    expect(v.notPlaced.find((n) => n.requestId === r.e3b1)).toMatchObject({ enterpriseName: nameOf(org.E3), bankName: nameOf(org.B1) });
    expect(v.unpublishedChanges).toBe(true);
    expect(v.publishedAt).toBeNull();

    // Participants see nothing before publication.
    const before = await agenda(org.E1);
    expect(before).toMatchObject({ meetings: [], publishedAt: null, organization: { id: org.E1.organizationId } });
    expect(icsEvents(await ics(org.E1))).toEqual([]);
  }, 180_000);

  it('a locked meeting stays and meeting ids are stable when the schedule is solved again', async () => {
    const v0 = await schedule();
    const e1b1 = meetingOf(v0, org.E1, org.B1)!;
    const locked = await api().post(`/api/v1/events/${eventId}/meetings/${e1b1.id}/lock`).set(bureau.auth).send({ locked: true });
    expect(locked.status).toBe(200);
    expect(locked.body.locked).toBe(true);
    const v1 = await solve();
    expect(v1.status).toBe('DONE');
    checkHardRules(v1);
    expect(meetingOf(v1, org.E1, org.B1)).toMatchObject({ id: e1b1.id, slotId: s2, desk: 1, locked: true });
    expect(v1.meetings.map((m) => m.id).sort()).toEqual(v0.meetings.map((m) => m.id).sort());
    expect(v1.objective).toEqual(v0.objective);

    // Slots cannot be replaced under a schedule; clearing (before publication) removes it.
    const put = await api().put(`/api/v1/events/${eventId}/slots`).set(bureau.auth).send({ slots: [{ startsAt: at('15:00'), endsAt: at('15:20') }] });
    expect(put.status).toBe(409);
    expect(put.body.error.code).toBe('EVENT_SLOTS_IN_USE');
  }, 180_000);

  it('a move into a clash answers 409 naming it', async () => {
    const v = await schedule();
    const e1b1 = meetingOf(v, org.E1, org.B1)!;
    const e3b2 = meetingOf(v, org.E3, org.B2)!;
    const move = (id: string, body: Record<string, unknown>) => api().post(`/api/v1/events/${eventId}/meetings/${id}/move`).set(bureau.auth).send(body);

    const full = await move(e1b1.id, { slotId: s1 });
    expect(full.status).toBe(409);
    expect(full.body.error.code).toBe('EVENT_MEETING_CONFLICT');
    expect(full.body.error.message).toBe(`${nameOf(org.B1)}第1场（14:00–14:20）的1个桌位均已排满`);
    expect(full.body.error.details).toEqual([expect.objectContaining({ kind: 'BANK_FULL', organizationId: org.B1.organizationId, slotId: s1 })]);

    const taken = await move(e1b1.id, { slotId: s1, desk: 1 });
    expect(taken.status).toBe(409);
    expect(taken.body.error.message).toBe(`${nameOf(org.B1)}第1场（14:00–14:20）的1号桌已有与${nameOf(org.E2)}的会谈`);

    const away = await move(e3b2.id, { slotId: s1 });
    expect(away.status).toBe(409);
    expect(away.body.error.message).toBe(`${nameOf(org.B2)}已标记第1场（14:00–14:20）无法参加`);

    // The enterprise is busy: E2 meets B1 in slot 1, so a walk-in E2–B3 there is refused by name.
    const busy = await api().post(`/api/v1/events/${eventId}/meetings`).set(bureau.auth).send({ enterpriseOrganizationId: org.E2.organizationId, bankOrganizationId: org.B3.organizationId, slotId: s1 });
    expect(busy.status).toBe(409);
    expect(busy.body.error.message).toBe(`${nameOf(org.E2)}在第1场（14:00–14:20）已有与${nameOf(org.B1)}的会谈`);

    const unknown = await move('00000000-0000-4000-8000-000000000000', { slotId: s1 });
    expect(unknown.status).toBe(404);
    // Nothing moved.
    const after = await schedule();
    expect(meetingOf(after, org.E1, org.B1)).toMatchObject({ slotId: s2, desk: 1 });
  });

  it('publishing sends each participant their agenda; they see it on the platform', async () => {
    const published = await api().post(`/api/v1/events/${eventId}/schedule/publish`).set(bureau.auth).send({});
    expect(published.status).toBe(200);
    expect(published.body.publishedAt).toBeTruthy();
    expect(published.body.unpublishedChanges).toBe(false);

    const e1 = await agenda(org.E1);
    expect(e1.publishedAt).toBe(published.body.publishedAt);
    expect(e1.event).toMatchObject({ id: eventId, title: eventTitle, venue: '湛江市民大厦三楼会议室' });
    expect(e1.meetings.map((m) => [m.bankOrganizationId, m.slotIndex, m.desk])).toEqual([[org.B1.organizationId, 2, 1]]);
    const b1 = await agenda(org.B1);
    expect(b1.meetings.map((m) => m.enterpriseOrganizationId)).toEqual([org.E2.organizationId, org.E1.organizationId]);
    expect((await agenda(org.E4)).meetings).toEqual([]);
    // The bureau reads anyone's agenda; a participant only its own.
    const viaBureau = await api().get(`/api/v1/events/${eventId}/agenda`).query({ organizationId: org.E3.organizationId }).set(bureau.auth);
    expect(viaBureau.status).toBe(200);
    expect(viaBureau.body.meetings.map((m: MeetingView) => m.bankOrganizationId)).toEqual([org.B2.organizationId]);
    expect((await api().get(`/api/v1/events/${eventId}/agenda`).query({ organizationId: org.E3.organizationId }).set(org.E1.auth)).status).toBe(404);

    const toE1 = await notices(app, 'EVENT_AGENDA', org.E1.organizationId);
    expect(toE1).toHaveLength(1);
    expect(toE1[0].link).toBe(`/events/${eventId}/agenda`);
    expect(toE1[0].vars).toMatchObject({ eventTitle, venue: '湛江市民大厦三楼会议室', count: '1', agenda: `14:20–14:40 1号桌 与${nameOf(org.B1)}` });
    expect((await notices(app, 'EVENT_AGENDA', org.B1.organizationId))[0].vars.agenda).toBe(`14:00–14:20 1号桌 与${nameOf(org.E2)}\n14:20–14:40 1号桌 与${nameOf(org.E1)}`);
    for (const k of ['E2', 'E3', 'B2'] as const) expect(await notices(app, 'EVENT_AGENDA', org[k].organizationId)).toHaveLength(1);
    for (const k of ['E4', 'E5', 'B3'] as const) expect(await notices(app, 'EVENT_AGENDA', org[k].organizationId)).toHaveLength(0);

    // A published schedule is not cleared.
    const clear = await api().delete(`/api/v1/events/${eventId}/schedule`).set(bureau.auth);
    expect(clear.status).toBe(409);
  });

  let w1: MeetingView;
  let w2: MeetingView;

  it('a walk-in into a taken desk is refused by name; into a free one both organisations are told at once', async () => {
    const add = (body: Record<string, unknown>) => api().post(`/api/v1/events/${eventId}/meetings`).set(bureau.auth).send(body);
    const first = await add({ enterpriseOrganizationId: org.E4.organizationId, bankOrganizationId: org.B3.organizationId, slotId: s1 });
    expect(first.status).toBe(201);
    w1 = first.body;
    expect(w1).toMatchObject({ walkIn: true, requestId: null, slotId: s1, desk: 1, enterpriseName: nameOf(org.E4), bankName: nameOf(org.B3) });

    const clash = await add({ enterpriseOrganizationId: org.E5.organizationId, bankOrganizationId: org.B3.organizationId, slotId: s1, desk: 1 });
    expect(clash.status).toBe(409);
    expect(clash.body.error.code).toBe('EVENT_MEETING_CONFLICT');
    expect(clash.body.error.message).toBe(`${nameOf(org.B3)}第1场（14:00–14:20）的1号桌已有与${nameOf(org.E4)}的会谈`);
    const notRegistered = await add({ enterpriseOrganizationId: (await app.userWithRole(Role.ENTERPRISE)).organizationId, bankOrganizationId: org.B3.organizationId, slotId: s1 });
    expect(notRegistered.status).toBe(400);
    const pairAgain = await add({ enterpriseOrganizationId: org.E4.organizationId, bankOrganizationId: org.B3.organizationId, slotId: s2 });
    expect(pairAgain.status).toBe(409);

    const second = await add({ enterpriseOrganizationId: org.E5.organizationId, bankOrganizationId: org.B3.organizationId, slotId: s2 });
    expect(second.status).toBe(201);
    w2 = second.body;
    expect(w2).toMatchObject({ slotId: s2, desk: 1 });

    const toE5 = await notices(app, 'EVENT_MEETING_ADDED', org.E5.organizationId);
    expect(toE5.map((n) => n.vars)).toEqual([{ eventTitle, counterpartName: nameOf(org.B3), time: '14:20–14:40', desk: '1号桌' }]);
    const toB3 = await notices(app, 'EVENT_MEETING_ADDED', org.B3.organizationId);
    expect(toB3.map((n) => n.vars.counterpartName)).toEqual([nameOf(org.E4), nameOf(org.E5)]);
    expect((await schedule()).unpublishedChanges).toBe(true);
  });

  it('two meetings swap slots and desks; a swap into a clash answers 409 naming it', async () => {
    const swap = (ids: string[]) => api().post(`/api/v1/events/${eventId}/meetings/swap`).set(bureau.auth).send({ meetingIds: ids });
    const ok = await swap([w1.id, w2.id]);
    expect(ok.status).toBe(200);
    const byId = new Map((ok.body as MeetingView[]).map((m) => [m.id, m]));
    expect(byId.get(w1.id)).toMatchObject({ slotId: s2, desk: 1, locked: true });
    expect(byId.get(w2.id)).toMatchObject({ slotId: s1, desk: 1, locked: true });

    const v = await schedule();
    const e2b1 = meetingOf(v, org.E2, org.B1)!;
    const e1b1 = meetingOf(v, org.E1, org.B1)!;
    const clash = await swap([e2b1.id, e1b1.id]);
    expect(clash.status).toBe(409);
    expect(clash.body.error.code).toBe('EVENT_MEETING_CONFLICT');
    expect(clash.body.error.message).toContain(`${nameOf(org.E2)}已标记第2场（14:20–14:40）无法参加`);
    checkHardRules(await schedule());
  });

  it('.ics: a moved published meeting keeps its UID with a higher SEQUENCE; a cancelled one reads CANCELLED; ids stay stable', async () => {
    // Publish the walk-ins.
    expect((await api().post(`/api/v1/events/${eventId}/schedule/publish`).set(bureau.auth).send({})).status).toBe(200);
    expect((await notices(app, 'EVENT_AGENDA', org.E5.organizationId)).map((n) => n.vars.count)).toEqual(['1']);
    // Only organisations with a change hear again.
    expect(await notices(app, 'EVENT_AGENDA', org.E1.organizationId)).toHaveLength(1);

    const v0 = await schedule();
    const e3b2 = meetingOf(v0, org.E3, org.B2)!;
    const first = icsEvents(await ics(org.E3));
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ UID: `${e3b2.id}@zjgf.platform`, SEQUENCE: '0', STATUS: 'CONFIRMED', DTSTART: '20261207T062000Z', DTEND: '20261207T064000Z', SUMMARY: `一对一会谈：${nameOf(org.B2)}` });
    expect(first[0].LOCATION).toContain('1号桌');

    const moved = await api().post(`/api/v1/events/${eventId}/meetings/${e3b2.id}/move`).set(bureau.auth).send({ slotId: s2, desk: 2 });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ id: e3b2.id, desk: 2, sequence: 1, locked: true });
    const cancelled = await api().post(`/api/v1/events/${eventId}/meetings/${w2.id}/cancel`).set(bureau.auth).send({});
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'CANCELLED', sequence: 1 });
    expect((await schedule()).unpublishedChanges).toBe(true);

    const republished = await api().post(`/api/v1/events/${eventId}/schedule/publish`).set(bureau.auth).send({});
    expect(republished.status).toBe(200);
    expect(republished.body.unpublishedChanges).toBe(false);
    const toE3 = await notices(app, 'EVENT_AGENDA', org.E3.organizationId);
    expect(toE3).toHaveLength(2);
    expect(toE3[1].vars.agenda).toBe(`14:20–14:40 2号桌 与${nameOf(org.B2)}`);
    const toE5 = await notices(app, 'EVENT_AGENDA', org.E5.organizationId);
    expect(toE5).toHaveLength(2);
    expect(toE5[1].vars).toMatchObject({ count: '0', agenda: `（已取消）14:00–14:20 1号桌 与${nameOf(org.B3)}` });

    const updated = icsEvents(await ics(org.E3));
    expect(updated).toHaveLength(1);
    expect(updated[0]).toMatchObject({ UID: `${e3b2.id}@zjgf.platform`, SEQUENCE: '1', STATUS: 'CONFIRMED' });
    expect(updated[0].LOCATION).toContain('2号桌');

    const e5 = icsEvents(await ics(org.E5));
    expect(e5).toEqual([expect.objectContaining({ UID: `${w2.id}@zjgf.platform`, SEQUENCE: '1', STATUS: 'CANCELLED' })]);
    expect((await agenda(org.E5)).meetings.map((m) => [m.id, m.status])).toEqual([[w2.id, 'CANCELLED']]);
    // The bank's calendar holds both its entries, the cancelled one included, each once.
    const b3 = icsEvents(await ics(org.B3));
    expect(b3.map((e) => [e.UID, e.STATUS]).sort()).toEqual(
      [
        [`${w1.id}@zjgf.platform`, 'CONFIRMED'],
        [`${w2.id}@zjgf.platform`, 'CANCELLED'],
      ].sort(),
    );

    // Solving again keeps every meeting where it is, under the same ids and sequences.
    const v1 = await solve();
    expect(v1.status).toBe('DONE');
    checkHardRules(v1);
    expect(v1.meetings.map((m) => [m.id, m.slotId, m.desk, m.sequence]).sort()).toEqual(
      (await meetingsBefore(v0, e3b2.id, w2.id)).sort(),
    );
    expect(v1.unpublishedChanges).toBe(false);
    expect(icsEvents(await ics(org.E3))[0]).toMatchObject({ UID: `${e3b2.id}@zjgf.platform`, SEQUENCE: '1' });
  }, 180_000);

  it('withdrawing a request cancels its meeting; an unpublished schedule can be cleared so that the slots can change', async () => {
    const { id } = await matchmakingEvent(app, bureau);
    const ent = await app.userWithRole(Role.ENTERPRISE);
    const bank = await app.userWithRole(Role.BANK);
    await registered(app, ent, id);
    await registered(app, bank, id, { desks: 1 });
    await defineSlots(app, bureau, id, [{ startsAt: at('09:00'), endsAt: at('09:15') }]);
    const saved = eventId;
    eventId = id;
    try {
      const req = await acceptedRequest(app, ent, id, bank, 'NICE');
      const v = await solve();
      expect(v.meetings.map((m) => m.requestId)).toEqual([req]);

      const withdrawn = await api().post(`/api/v1/events/${id}/meeting-requests/${req}/withdraw`).set(ent.auth).send({});
      expect(withdrawn.status).toBe(200);
      expect((await schedule()).meetings).toEqual([]);

      const back = await acceptedRequest(app, bank, id, ent, 'MUST');
      const again = await solve();
      expect(again.meetings.map((m) => [m.requestId, m.priority])).toEqual([[back, 'MUST']]);
      expect(again.meetings[0].id).not.toBe(v.meetings[0].id);

      const put = () => api().put(`/api/v1/events/${id}/slots`).set(bureau.auth).send({ slots: [{ startsAt: at('10:00'), endsAt: at('10:15') }] });
      const refused = await put();
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe('EVENT_SLOTS_IN_USE');
      const cleared = await api().delete(`/api/v1/events/${id}/schedule`).set(bureau.auth);
      expect(cleared.status).toBe(200);
      expect(cleared.body).toMatchObject({ status: 'NONE', runId: null, meetings: [], notPlaced: [] });
      const replaced = await put();
      expect(replaced.status).toBe(200);
      expect(replaced.body.map((s: { startsAt: string }) => s.startsAt)).toEqual([at('10:00')]);
    } finally {
      eventId = saved;
    }
  }, 180_000);

  /** The meetings of `v0` after the move of `movedId` (slot 2, desk 2, sequence 1) and the cancellation of `cancelledId`. */
  const meetingsBefore = async (v0: ScheduleView, movedId: string, cancelledId: string) =>
    v0.meetings.filter((m) => m.id !== cancelledId).map((m) => (m.id === movedId ? [m.id, s2, 2, 1] : [m.id, m.slotId, m.desk, m.sequence]));
});
