import { EventDetailView, Role } from '@zj/shared';
import ExcelJS from 'exceljs';
import { acceptedRequest, defineSlots, EventOptions, matchmakingEvent, notices, registered, walkIn } from '../support/event-factories';
import { greenEnterprise, GreenEnterprise, openNeed } from '../support/matchmaking-factories';
import { Session, startTestApp, TestApp } from '../support/test-app';

const MIN = 60_000;
const DAY = 24 * 3600_000;

/** XXXX-XXXX-XXXX → as somebody types it at the door: lower case, dashes and spaces. */
const typedLoosely = (code: string) => ` ${code.slice(0, 4)}-${code.slice(4, 8)} ${code.slice(8)}`.toLowerCase();

/**
 * On the day and after (issue 11): check-in by code, the live view, outcomes recorded by the
 * meeting's bank, letters of intent opening exactly one case in the matchmaking pipeline (within the
 * claim cap, with the contact-reveal rule), the signing ceremony, and the event report whose figures
 * follow the cases as they move on — also in its .xlsx.
 */
describe('events: on the day and after (check-in, outcomes, intents, report)', () => {
  let app: TestApp;
  let bureau: Session;
  beforeAll(async () => {
    app = await startTestApp();
    bureau = await app.admin();
  });
  afterAll(() => app?.close());

  const api = () => app.http;

  // ------------------------------------------------------------------ setting up an event

  /** A published 对接会 starting in an hour (within 12 hours, the day may be opened). */
  const createEvent = (o: EventOptions = {}) => matchmakingEvent(app, bureau, { startsIn: 60 * MIN, ...o });

  const checkIn = (e: EventDetailView, code: string, s: Session = bureau) => api().post(`/api/v1/events/${e.id}/check-in`).set(s.auth).send({ code });
  const outcome = (e: EventDetailView, meetingId: string, s: Session, body: Record<string, unknown>) => api().post(`/api/v1/events/${e.id}/meetings/${meetingId}/outcome`).set(s.auth).send(body);
  const report = async (e: EventDetailView, s: Session = bureau) => {
    const res = await api().get(`/api/v1/events/${e.id}/report`).set(s.auth);
    expect(res.status).toBe(200);
    return res.body;
  };
  /** The bank's cases on the need, as its case inbox lists them. */
  const casesOnNeed = async (bank: Session, needId: string) => {
    const res = await api().get('/api/v1/cases').query({ needId, pageSize: 100 }).set(bank.auth);
    expect(res.status).toBe(200);
    return res.body.items as { id: string; state: string; origin: string; sourceEventId: string | null; bankOrgId: string }[];
  };
  const move = async (bank: Session, caseId: string, body: Record<string, unknown>) => {
    const res = await api().post(`/api/v1/cases/${caseId}/transitions`).set(bank.auth).send(body);
    expect(res.status).toBe(200);
    return res.body;
  };

  /**
   * An event under way: an enterprise with an open need and a bank with two desks, both registered
   * and checked in, a walk-in meeting between them about the need. `before` registers more
   * participants while registration is still open (before the first check-in opens the day).
   */
  const dayWithMeeting = async <T = void>(o: { capacity?: number; before?: (e: EventDetailView) => Promise<T> } = {}) => {
    const e = await createEvent({ capacity: o.capacity });
    const g = await greenEnterprise(app);
    const need = await openNeed(app, g, { amount: '800.00' });
    const bank = await app.userWithRole(Role.BANK);
    const ent = await registered(app, g.enterprise, e.id, { needIds: [need.id] });
    const bk = await registered(app, bank, e.id, { desks: 2 });
    const extra = (await o.before?.(e)) as T;
    const [slot] = await defineSlots(app, bureau, e.id, [{ startsAt: new Date(Date.now() + 60 * MIN), endsAt: new Date(Date.now() + 80 * MIN) }]);
    const meetingId = (await walkIn(app, bureau, e.id, { enterprise: g.enterprise, bank, slotId: slot, needId: need.id })).id;
    expect((await checkIn(e, ent.checkInCode!)).status).toBe(200);
    expect((await checkIn(e, bk.checkInCode!)).status).toBe(200);
    return { e, g, need, bank, meetingId, slot, extra };
  };

  // ------------------------------------------------------------------ check-in

  it('check-in: a wrong code or another event’s answers 404, a reused one 409; typed loosely works; the first check-in opens the day', async () => {
    const e = await createEvent();
    const other = await createEvent();
    const ent = await app.userWithRole(Role.ENTERPRISE);
    const bank = await app.userWithRole(Role.BANK);
    const elsewhere = await app.userWithRole(Role.ENTERPRISE);
    const entReg = await registered(app, ent, e.id);
    const bankReg = await registered(app, bank, e.id, { desks: 3 });
    const otherReg = await registered(app, elsewhere, other.id);

    const wrong = await checkIn(e, 'ZZZZ-ZZZZ-ZZZZ');
    expect(wrong.status).toBe(404);
    expect(wrong.body.error.code).toBe('EVENT_CHECK_IN_CODE_NOT_FOUND');
    expect((await checkIn(e, 'not a code')).body.error.code).toBe('EVENT_CHECK_IN_CODE_NOT_FOUND');
    const foreign = await checkIn(e, otherReg.checkInCode!);
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe('EVENT_CHECK_IN_CODE_NOT_FOUND');
    // Nothing opened the day yet.
    expect((await api().get(`/api/v1/events/${e.id}`).set(bureau.auth)).body.status).toBe('PUBLISHED');
    // Only the bureau checks people in.
    expect((await checkIn(e, entReg.checkInCode!, ent)).status).toBe(403);

    const done = await checkIn(e, typedLoosely(entReg.checkInCode!));
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ id: entReg.id, eventId: e.id, organization: { id: ent.organizationId }, status: 'REGISTERED', noShow: false });
    expect(Date.parse(done.body.checkedInAt)).toBeGreaterThan(Date.now() - MIN);
    expect((await api().get(`/api/v1/events/${e.id}`).set(bureau.auth)).body.status).toBe('IN_PROGRESS');

    const again = await checkIn(e, entReg.checkInCode!);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('EVENT_ALREADY_CHECKED_IN');
    expect(again.body.error.details.checkedInAt).toBe(done.body.checkedInAt);
    const audit = await app.dataSource.query(`SELECT action FROM audit_log WHERE entity_id = ANY($1::text[]) ORDER BY seq`, [[e.id, entReg.id]]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(expect.arrayContaining(['event.start', 'event.check_in']));

    // The live view: arrivals newest first.
    expect((await checkIn(e, bankReg.checkInCode!)).status).toBe(200);
    const live = await api().get(`/api/v1/events/${e.id}/live`).set(bureau.auth);
    expect(live.status).toBe(200);
    expect(live.body).toMatchObject({ registered: 2, checkedIn: 2 });
    expect(live.body.arrivals.map((a: { organization: { id: string } }) => a.organization.id)).toEqual([bank.organizationId, ent.organizationId]);
    expect((await api().get(`/api/v1/events/${e.id}/live`).set(bank.auth)).status).toBe(403);

    // An event days away cannot be checked into.
    const later = await createEvent({ startsIn: 3 * DAY });
    const laterReg = await registered(app, ent, later.id);
    const early = await checkIn(later, laterReg.checkInCode!);
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('EVENT_NOT_YET_STARTED');
  });

  it('the live view: the slot under way with its meetings, the next slot and the desks free in it for banks that are here', async () => {
    const e = await createEvent();
    const ent = await app.userWithRole(Role.ENTERPRISE);
    const ent2 = await app.userWithRole(Role.ENTERPRISE);
    const bank = await app.userWithRole(Role.BANK);
    const absent = await app.userWithRole(Role.BANK);
    const regs = [await registered(app, ent, e.id), await registered(app, ent2, e.id), await registered(app, bank, e.id, { desks: 3 }), await registered(app, absent, e.id, { desks: 2 })];
    const now = Date.now();
    const [current, next] = await defineSlots(app, bureau, e.id, [
      { startsAt: new Date(now - 5 * MIN), endsAt: new Date(now + 15 * MIN) },
      { startsAt: new Date(now + 15 * MIN), endsAt: new Date(now + 35 * MIN) },
    ]);
    const underway = (await walkIn(app, bureau, e.id, { enterprise: ent, bank, slotId: current, desk: 1 })).id;
    await walkIn(app, bureau, e.id, { enterprise: ent2, bank, slotId: next, desk: 2 });
    for (const r of regs.slice(0, 3)) expect((await checkIn(e, r.checkInCode!)).status).toBe(200);
    const live = (await api().get(`/api/v1/events/${e.id}/live`).set(bureau.auth)).body;
    expect(live.currentSlot).toMatchObject({ id: current, index: 1 });
    expect(live.nextSlot).toMatchObject({ id: next, index: 2 });
    expect(live.underway.map((m: { id: string }) => m.id)).toEqual([underway]);
    expect(live.underway[0].attendance).toBe('BOTH');
    expect(live.freeDesksNext).toEqual([{ bankOrganizationId: bank.organizationId, bankName: expect.any(String), freeDesks: [1, 3] }]);
    expect(live).toMatchObject({ registered: 4, checkedIn: 3 });
  });

  // ------------------------------------------------------------------ outcomes and intents

  it('outcomes by the meeting’s bank only; an intent opens exactly one ACCEPTED case in the bank’s inbox, contact revealed to that bank alone', async () => {
    const { e, g, need, bank, meetingId } = await dayWithMeeting();
    const otherBank = await app.userWithRole(Role.BANK);

    // Who may record: not another bank (404), not the enterprise (403).
    expect((await outcome(e, meetingId, otherBank, { held: true, result: 'FOLLOW_UP' })).status).toBe(404);
    const byEnterprise = await outcome(e, meetingId, g.enterprise, { held: true, result: 'FOLLOW_UP' });
    expect(byEnterprise.status).toBe(403);
    expect(byEnterprise.body.error.code).toBe('EVENT_OUTCOME_FORBIDDEN');
    // What an outcome may say.
    const notHeld = await outcome(e, meetingId, bank, { held: false, result: 'FOLLOW_UP' });
    expect(notHeld.status).toBe(400);
    expect(notHeld.body.error.details[0].field).toBe('result');
    expect((await outcome(e, meetingId, bank, { held: true, result: 'INTENT' })).status).toBe(400);
    expect((await outcome(e, meetingId, bank, { held: true, result: 'FOLLOW_UP', amount: '10.00' })).status).toBe(400);
    expect((await outcome(e, meetingId, bank, { held: true, result: 'INTENT', amount: 500 })).status).toBe(400);
    expect((await outcome(e, meetingId, bank, { held: true, result: 'INTENT', amount: '0.00' })).status).toBe(400);
    // The enterprise cannot confirm before there is an outcome.
    expect((await api().post(`/api/v1/events/${e.id}/meetings/${meetingId}/outcome/confirm`).set(g.enterprise.auth)).status).toBe(409);

    const first = await outcome(e, meetingId, bank, { held: true, result: 'INTENT', amount: '500', note: '意向授信' });
    expect(first.status).toBe(200);
    const caseId = first.body.caseId as string;
    expect(caseId).toEqual(expect.any(String));
    expect(first.body.meeting).toMatchObject({ id: meetingId, outcome: { held: true, result: 'INTENT', amount: '500.00', caseId, enterpriseConfirmedAt: null } });

    // In the bank's inbox: one case, accepted, from the event.
    const cases = await casesOnNeed(bank, need.id);
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({ id: caseId, state: 'ACCEPTED', origin: 'EVENT', sourceEventId: e.id, bankOrgId: bank.organizationId });
    const detail = (await api().get(`/api/v1/cases/${caseId}`).set(bank.auth)).body;
    expect(detail.contact).toMatchObject({ contactName: '林经理', contactPhone: '13800138000', revealed: true });
    expect(detail.timeline[0]).toMatchObject({ toState: 'ACCEPTED', comment: `对接会签约意向：500.00万元（${e.title}）` });
    // Another bank still sees the contact masked.
    expect((await api().get(`/api/v1/financing-needs/${need.id}`).set(otherBank.auth)).body.contact.contactPhone).toBe('***');
    expect((await api().get(`/api/v1/financing-needs/${need.id}`).set(bank.auth)).body.contact.contactPhone).toBe('13800138000');

    // Retries never open a second case: the same answer, a corrected amount updates the intent.
    const retry = await outcome(e, meetingId, bank, { held: true, result: 'INTENT', amount: '500.00', note: '意向授信' });
    expect(retry.status).toBe(200);
    expect(retry.body.caseId).toBe(caseId);
    const corrected = await outcome(e, meetingId, bureau, { held: true, result: 'INTENT', amount: '520.00' });
    expect(corrected.body.caseId).toBe(caseId);
    expect(corrected.body.meeting.outcome.amount).toBe('520.00');
    expect(await casesOnNeed(bank, need.id)).toHaveLength(1);
    const intents = (await api().get(`/api/v1/events/${e.id}/intents`).set(bureau.auth)).body;
    expect(intents).toHaveLength(1);
    expect(intents[0]).toMatchObject({ meetingId, caseId, amount: '520.00', ceremony: false, caseState: 'ACCEPTED', needId: need.id, bank: { id: bank.organizationId }, enterprise: { id: g.enterprise.organizationId } });

    // Once a case exists the result is locked.
    const locked = await outcome(e, meetingId, bank, { held: true, result: 'FOLLOW_UP' });
    expect(locked.status).toBe(409);
    expect(locked.body.error.code).toBe('EVENT_OUTCOME_LOCKED');

    // The enterprise confirms (the bank cannot).
    expect((await api().post(`/api/v1/events/${e.id}/meetings/${meetingId}/outcome/confirm`).set(bank.auth)).status).toBe(403);
    const confirmed = await api().post(`/api/v1/events/${e.id}/meetings/${meetingId}/outcome/confirm`).set(g.enterprise.auth);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.outcome.enterpriseConfirmedAt).toEqual(expect.any(String));
    // Each side lists its own intents only.
    expect((await api().get(`/api/v1/events/${e.id}/intents`).set(g.enterprise.auth)).body).toHaveLength(1);
    expect((await api().get(`/api/v1/events/${e.id}/intents`).set(otherBank.auth)).body).toHaveLength(0);
    // The enterprise was told.
    const told = await notices(app, 'EVENT_OUTCOME_RECORDED', g.enterprise.organizationId);
    // Told of the intent and of the corrected amount; the identical retry told nobody.
    expect(told.map((t) => t.vars.amount).sort()).toEqual(['，意向金额500.00万元', '，意向金额520.00万元']);
    expect(told[0].vars).toMatchObject({ eventTitle: e.title, resultLabel: '达成意向' });
  });

  it('an intent respects the claim cap (409), and joins the bank’s live case on the need rather than opening another', async () => {
    const {
      e,
      need,
      bank,
      meetingId,
      g,
      slot,
      extra: { g2, need2 },
    } = await dayWithMeeting({
      before: async (day) => {
        const g2: GreenEnterprise = await greenEnterprise(app);
        const need2 = await openNeed(app, g2, { amount: '300.00' });
        await registered(app, g2.enterprise, day.id, { needIds: [need2.id] });
        return { g2, need2 };
      },
    });
    for (let i = 0; i < 3; i++) {
      const b = await app.userWithRole(Role.BANK);
      expect((await api().post('/api/v1/cases/claim').set(b.auth).send({ needId: need.id })).status).toBe(201);
    }
    const capped = await outcome(e, meetingId, bank, { held: true, result: 'INTENT', amount: '300.00' });
    expect(capped.status).toBe(409);
    expect(capped.body.error.code).toBe('CASE_CLAIM_CAP_REACHED');
    expect(await casesOnNeed(bank, need.id)).toHaveLength(0);
    expect((await api().get(`/api/v1/events/${e.id}/intents`).set(bureau.auth)).body).toHaveLength(0);
    // Nothing half-written: the meeting has no outcome.
    expect((await outcome(e, meetingId, bank, { held: true, result: 'FOLLOW_UP' })).body.meeting.outcome.result).toBe('FOLLOW_UP');

    // A bank already handling a need keeps its case: the intent links to it.
    const claimed = await api().post('/api/v1/cases/claim').set(bank.auth).send({ needId: need2.id });
    expect(claimed.status).toBe(201);
    const m2 = (await walkIn(app, bureau, e.id, { enterprise: g2.enterprise, bank, slotId: slot, desk: 2 })).id;
    const noNeed = await outcome(e, m2, bank, { held: true, result: 'INTENT', amount: '100.00' });
    expect(noNeed.status).toBe(400);
    expect(noNeed.body.error.code).toBe('EVENT_INTENT_NEED_REQUIRED');
    const notTheirs = await outcome(e, m2, bank, { held: true, result: 'INTENT', amount: '100.00', needId: need.id });
    expect(notTheirs.status).toBe(400);
    expect(notTheirs.body.error.code).toBe('EVENT_NEED_INVALID');
    const joined = await outcome(e, m2, bank, { held: true, result: 'INTENT', amount: '100.00', needId: need2.id });
    expect(joined.status).toBe(200);
    expect(joined.body.caseId).toBe(claimed.body.id);
    expect(await casesOnNeed(bank, need2.id)).toHaveLength(1);
    expect(g.enterprise.organizationId).not.toBe(g2.enterprise.organizationId);
  });

  // ------------------------------------------------------------------ the report

  it('the report counts the rows and follows the intents’ cases to approval and disbursement; the ceremony counts; the .xlsx says the same', async () => {
    // Four places: a second enterprise (it will sign on stage, and asked the bank for a meeting the bank
    // accepted), a third that never came; a fourth waits on the list.
    const {
      e,
      g,
      need,
      bank,
      meetingId,
      extra: { g2, need2 },
    } = await dayWithMeeting({
      capacity: 4,
      before: async (day) => {
        const g2 = await greenEnterprise(app);
        const need2 = await openNeed(app, g2, { amount: '400.00' });
        expect((await registered(app, g2.enterprise, day.id, { needIds: [need2.id] })).status).toBe('REGISTERED');
        expect((await registered(app, await app.userWithRole(Role.ENTERPRISE), day.id)).status).toBe('REGISTERED');
        expect((await registered(app, await app.userWithRole(Role.ENTERPRISE), day.id)).status).toBe('WAITLISTED');
        return { g2, need2 };
      },
    });
    await acceptedRequest(app, g2.enterprise, e.id, bank, 'NICE');
    const outsider = await greenEnterprise(app);
    const outsiderNeed = await openNeed(app, outsider);

    const intent = await outcome(e, meetingId, bank, { held: true, result: 'INTENT', amount: '500.00' });
    expect(intent.status).toBe(200);
    const caseId = intent.body.caseId;

    // The signing ceremony: both must be registered.
    const notRegistered = await api()
      .post(`/api/v1/events/${e.id}/intents`)
      .set(bureau.auth)
      .send({ enterpriseOrganizationId: outsider.enterprise.organizationId, bankOrganizationId: bank.organizationId, needId: outsiderNeed.id, amount: '100.00' });
    expect(notRegistered.status).toBe(409);
    expect(notRegistered.body.error.code).toBe('EVENT_NOT_A_PARTICIPANT');
    expect((await api().post(`/api/v1/events/${e.id}/intents`).set(bank.auth).send({})).status).toBe(403);
    const ceremony = await api()
      .post(`/api/v1/events/${e.id}/intents`)
      .set(bureau.auth)
      .send({ enterpriseOrganizationId: g2.enterprise.organizationId, bankOrganizationId: bank.organizationId, needId: need2.id, amount: '200.00', note: '签约仪式' });
    expect(ceremony.status).toBe(201);
    expect(ceremony.body).toMatchObject({ ceremony: true, amount: '200.00', caseState: 'ACCEPTED', meetingId: null, disbursedAmount: '0.00', approvedAmount: null });
    // Signing the same letter again does not count twice.
    const twice = await api()
      .post(`/api/v1/events/${e.id}/intents`)
      .set(bureau.auth)
      .send({ enterpriseOrganizationId: g2.enterprise.organizationId, bankOrganizationId: bank.organizationId, needId: need2.id, amount: '200.00' });
    expect(twice.body.id).toBe(ceremony.body.id);
    expect((await casesOnNeed(bank, need2.id)).map((c) => c.origin)).toEqual(['EVENT']);
    // Signing on stage what the 1:1 meeting agreed is the same letter, not another.
    const onStage = await api()
      .post(`/api/v1/events/${e.id}/intents`)
      .set(bureau.auth)
      .send({ enterpriseOrganizationId: g.enterprise.organizationId, bankOrganizationId: bank.organizationId, needId: need.id, amount: '500.00', meetingId });
    expect(onStage.status).toBe(201);
    expect(onStage.body).toMatchObject({ meetingId, caseId, ceremony: true, amount: '500.00' });

    const r0 = await report(e);
    expect(r0).toMatchObject({
      eventId: e.id,
      registrations: 4,
      registrationsByType: { enterprises: 3, banks: 1 },
      waitlisted: 1,
      checkedIn: 2,
      noShows: 2,
      meetingsRequested: 1,
      meetingsAccepted: 1,
      meetingsPlaced: 1,
      meetingsHeld: 1,
      results: { NO_INTEREST: 0, FOLLOW_UP: 0, INTENT: 1 },
      intents: { count: 2, amount: '700.00' },
      approvedAmount: '0.00',
      disbursedAmount: '0.00',
      approvedCount: 0,
      disbursedCount: 0,
    });
    expect(Date.parse(r0.asOf)).toBeGreaterThan(Date.now() - MIN);
    expect(r0.byBank).toEqual([{ organization: expect.objectContaining({ id: bank.organizationId }), meetingsHeld: 1, intents: 2, intentAmount: '700.00', approvedAmount: '0.00', disbursedAmount: '0.00' }]);

    // The bank moves the meeting's case on: approved 500, then 300 disbursed.
    await move(bank, caseId, { to: 'IN_CONTACT' });
    await move(bank, caseId, { to: 'UNDER_REVIEW' });
    await move(bank, caseId, { to: 'APPROVED', approvedAmount: '500.00', ratePercent: '3.30', termMonths: 36 });
    const r1 = await report(e);
    expect(r1).toMatchObject({ approvedAmount: '500.00', approvedCount: 1, disbursedAmount: '0.00', disbursedCount: 0 });
    await move(bank, caseId, { to: 'DISBURSED', amount: '300.00' });
    const r2 = await report(e);
    expect(r2).toMatchObject({ intents: { count: 2, amount: '700.00' }, approvedAmount: '500.00', disbursedAmount: '300.00', approvedCount: 1, disbursedCount: 1 });
    expect(r2.byBank[0]).toMatchObject({ approvedAmount: '500.00', disbursedAmount: '300.00' });
    const listed = (await api().get(`/api/v1/events/${e.id}/intents`).set(bureau.auth)).body as { caseId: string; needId: string; caseState: string; approvedAmount: string | null; disbursedAmount: string }[];
    expect(listed.find((i) => i.caseId === caseId)).toMatchObject({ needId: need.id, caseState: 'DISBURSED', approvedAmount: '500.00', disbursedAmount: '300.00' });

    // Who may read it: the bureau and regulators.
    const regulator = await app.userWithRole(Role.REGULATOR);
    expect((await api().get(`/api/v1/events/${e.id}/report`).set(regulator.auth)).status).toBe(200);
    expect((await api().get(`/api/v1/events/${e.id}/report`).set(bank.auth)).status).toBe(403);
    expect((await api().get(`/api/v1/events/${e.id}/report`).set(g.enterprise.auth)).status).toBe(403);

    // The .xlsx: four sheets, 概况 with the same figures.
    const file = await api()
      .get(`/api/v1/events/${e.id}/report.xlsx`)
      .set(regulator.auth)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    expect(file.headers['content-disposition']).toMatch(/^attachment; .*filename\*=UTF-8''.+\.xlsx$/);
    expect(decodeURIComponent(file.headers['content-disposition'].split("UTF-8''")[1])).toContain('活动报告');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.body as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['概况', '会谈', '签约意向', '按机构']);
    const figures = new Map<string, unknown>();
    wb.getWorksheet('概况')!.eachRow((row) => figures.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(figures.get('报名单位（已报名）')).toBe(4);
    expect(figures.get('已签到')).toBe(2);
    expect(figures.get('已举行会谈')).toBe(1);
    expect(figures.get('签约意向')).toBe(2);
    expect(figures.get('签约意向金额')).toBe(700);
    expect(figures.get('已授信金额')).toBe(500);
    expect(figures.get('已放款金额')).toBe(300);
    const intentsSheet = wb.getWorksheet('签约意向')!;
    expect(intentsSheet.getRow(1).getCell(4).value).toBe('意向金额（万元）');
    const amounts = [2, 3].map((r) => intentsSheet.getRow(r).getCell(4).value).sort();
    expect(amounts).toEqual([200, 500]);
    expect(intentsSheet.getRow(2).getCell(4).numFmt).toBe('#,##0.00');
    expect(wb.getWorksheet('会谈')!.getRow(2).getCell(11).value).toBe('达成意向');
  });
});
