import { InvitationPreview, NotificationType, RegistrationView, Role } from '@zj/shared';
import { defineSlots, matchmakingEvent, notices, orgName, readEvent, register, registered } from '../support/event-factories';
import { needBody, submittedProject, uniq, unitOrgId } from '../support/library-factories';
import { greenEnterprise } from '../support/matchmaking-factories';
import { Session, startTestApp, TestApp } from '../support/test-app';

const H = 3600_000;
const DAY = 24 * H;
const CODE = /^[0-9ABCDEFGHJKMNPQRSTVWXYZ]{12}$/;

/**
 * The 对接会 before the day: the event's lifecycle (草稿 → 报名中 → 报名截止 → 进行中 → 已结束, or
 * 已取消), invitations with the library's filters, and registrations with capacity, a waiting list
 * promoted in order, a deadline, approval, invitation-only events, banks' desks and enterprises'
 * needs. Notices are read from the outbox (no worker runs here): what each organisation is told.
 */
describe('events: lifecycle, invitations and registrations', () => {
  let app: TestApp;
  let bureau: Session;
  beforeAll(async () => {
    app = await startTestApp();
    bureau = await app.admin();
  });
  afterAll(() => app?.close());

  const step = (ev: { id: string; version: number }, name: 'publish' | 'close-registration' | 'start') => app.http.post(`/api/v1/events/${ev.id}/${name}`).set(bureau.auth).send({ version: ev.version });
  const regs = async (s: Session, eventId: string, query: Record<string, string> = {}): Promise<RegistrationView[]> => {
    const res = await app.http.get(`/api/v1/events/${eventId}/registrations`).query(query).set(s.auth);
    expect(res.status).toBe(200);
    return res.body;
  };
  const action = (s: Session, eventId: string, regId: string, what: 'approve' | 'reject' | 'cancel', body: object = {}) =>
    app.http.post(`/api/v1/events/${eventId}/registrations/${regId}/${what}`).set(s.auth).send(body);
  /** A financing need of the enterprise (of its project `projectId` if given), shared with all banks. */
  const need = async (s: Session, amount: string, projectId?: string) => {
    const res = await app.http.post('/api/v1/financing-needs').set(s.auth).send(needBody({ amount, ...(projectId ? { projectId } : {}) }));
    expect(res.status).toBe(201);
    return res.body as { id: string; version: number };
  };
  const enterprises = (n: number, divisionCode?: string) => Promise.all(Array.from({ length: n }, () => app.userWithRole(Role.ENTERPRISE, { divisionCode })));

  it('runs draft → published → registration closed → in progress → held; wrong steps answer 409 saying why; invitees are told at publish, not at create', async () => {
    const bank = await app.userWithRole(Role.BANK);
    const outsider = await app.userWithRole(Role.ENTERPRISE);
    const pbc = await unitOrgId(app, 'pbc-zhanjiang');
    const startsAt = new Date(Date.now() + 10 * DAY);
    const draft = await matchmakingEvent(app, bureau, {
      publish: false,
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 4 * H).toISOString(),
      capacity: 120,
      registrationDeadline: new Date(startsAt.getTime() - 2 * DAY).toISOString(),
      onlineLink: 'https://meeting.example.com/j/20260520',
      coOrganizerOrgIds: [pbc],
      agenda: [
        { startsAt: new Date(startsAt.getTime() + H).toISOString(), endsAt: new Date(startsAt.getTime() + 3 * H).toISOString(), title: '一对一对接' },
        { startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + H).toISOString(), title: '政策宣讲', speaker: '市金融工作局' },
      ],
      invitedOrganizationIds: [bank.organizationId],
    });
    expect(draft).toMatchObject({ status: 'DRAFT', capacity: 120, requiresApproval: false, isPublic: true, registeredCount: 0, waitlistCount: 0, myRegistration: null, schedulePublishedAt: null });
    expect(draft.coOrganizers).toEqual([{ id: pbc, name: expect.stringContaining('人民银行'), type: 'GOVERNMENT_UNIT' }]);
    expect(draft.agenda.map((a) => a.title)).toEqual(['政策宣讲', '一对一对接']);
    expect(draft.invitees.map((o) => o.id)).toEqual([bank.organizationId]);
    // Nobody is told about a draft, and only the bureau (and co-organisers) see it.
    expect(await notices(app, NotificationType.EVENT_INVITATION, bank.organizationId, draft.id)).toEqual([]);
    expect((await app.http.get(`/api/v1/events/${draft.id}`).set(bank.auth)).status).toBe(404);
    expect((await app.http.get('/api/v1/events').query({ pageSize: 100, status: 'DRAFT' }).set(bank.auth)).body.items.map((e: { id: string }) => e.id)).not.toContain(draft.id);
    expect((await register(app, outsider, draft.id)).body.error.code).toBe('EVENT_REGISTRATION_CLOSED');

    // Wrong steps for a draft, and a stale version.
    for (const s of ['close-registration', 'start'] as const) {
      const res = await step(draft, s);
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('EVENT_STATE_CONFLICT');
      expect(res.body.error.message).toContain('草稿');
    }
    expect((await step({ id: draft.id, version: draft.version - 1 }, 'publish')).body.error.code).toBe('EVENT_VERSION_CONFLICT');

    const pub = await step(draft, 'publish');
    expect(pub.status).toBe(200);
    expect(pub.body).toMatchObject({ status: 'PUBLISHED', version: draft.version + 1 });
    const [inv] = await notices(app, NotificationType.EVENT_INVITATION, bank.organizationId, draft.id);
    expect(inv.vars.eventTitle).toBe(draft.title);
    expect(await notices(app, NotificationType.EVENT_INVITATION, outsider.organizationId, draft.id)).toEqual([]);
    const [reminder] = await app.dataSource.query(`SELECT status, recipients FROM notification_reminders WHERE key = $1`, [`event.${draft.id}.day-before`]);
    expect(reminder).toEqual({ status: 'SCHEDULED', recipients: { organizations: [bank.organizationId] } });
    const again = await step(pub.body, 'publish');
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe('只有草稿可以发布，该活动当前为“报名中”');
    // Published: everyone sees it; a registration is one more reminder recipient.
    expect((await readEvent(app, bank, draft.id)).invitedMe).toBe(true);
    const outsiderReg = await registered(app, outsider, draft.id);
    expect((await app.dataSource.query(`SELECT recipients FROM notification_reminders WHERE key = $1`, [`event.${draft.id}.day-before`]))[0].recipients).toEqual({
      organizations: [bank.organizationId, outsider.organizationId],
    });
    expect((await readEvent(app, outsider, draft.id)).myRegistration).toEqual({ id: outsiderReg.id, status: 'REGISTERED' });

    const closed = await step(pub.body, 'close-registration');
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe('REGISTRATION_CLOSED');
    expect((await register(app, bank, draft.id, { desks: 2 })).body.error.code).toBe('EVENT_REGISTRATION_CLOSED');
    // Ten days ahead: too early to open the day.
    const early = await step(closed.body, 'start');
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('EVENT_NOT_YET_STARTED');
    expect(early.body.error.message).toContain('12小时');
    const heldEarly = await app.http.post(`/api/v1/events/${draft.id}/status`).set(bureau.auth).send({ version: closed.body.version, status: 'HELD', attendanceCount: 30, note: '到会企业30家' });
    expect(heldEarly.body.error.code).toBe('EVENT_NOT_YET_STARTED');

    // An event two hours ahead may open; once started, marked held (final).
    const soon = await matchmakingEvent(app, bureau, { startsIn: 2 * H });
    const ent = await app.userWithRole(Role.ENTERPRISE);
    const mine = await registered(app, ent, soon.id);
    expect(mine.noShow).toBe(false);
    const started = await step(soon, 'start');
    expect(started.status).toBe(200);
    expect(started.body.status).toBe('IN_PROGRESS');
    expect((await app.dataSource.query(`SELECT status FROM notification_reminders WHERE key = $1`, [`event.${soon.id}.hour-before`]))[0].status).toBe('CANCELLED');
    // Under way and not checked in: a no-show.
    expect((await regs(ent, soon.id))[0]).toMatchObject({ id: mine.id, noShow: true });
    expect((await app.http.post(`/api/v1/events/${soon.id}/status`).set(bureau.auth).send({ version: started.body.version, status: 'HELD', attendanceCount: 30, note: '到会企业30家' })).body.error.code).toBe('EVENT_NOT_YET_STARTED');

    const past = await matchmakingEvent(app, bureau, { startsIn: -H });
    const held = await app.http.post(`/api/v1/events/${past.id}/status`).set(bureau.auth).send({ version: past.version, status: 'HELD', attendanceCount: 45, note: '到会企业30家' });
    expect(held.status).toBe(201);
    expect(held.body).toMatchObject({ status: 'HELD', statusNote: '到会企业30家', attendanceCount: 45 });
    for (const s of ['publish', 'start'] as const) expect((await step(held.body, s)).body.error.code).toBe('EVENT_STATE_CONFLICT');
    const cancelHeld = await app.http.post(`/api/v1/events/${past.id}/status`).set(bureau.auth).send({ version: held.body.version, status: 'CANCELLED' });
    expect(cancelHeld.status).toBe(409);
    expect(cancelHeld.body.error.message).toContain('已结束');
    expect((await app.http.patch(`/api/v1/events/${past.id}`).set(bureau.auth).send({ version: held.body.version, title: '改名' })).status).toBe(409);
    // Only the bureau runs events.
    expect((await app.http.post(`/api/v1/events/${closed.body.id}/close-registration`).set(bank.auth).send({ version: closed.body.version })).status).toBe(403);
  });

  it('cancelling an event tells the organisations registered or waiting, and closes registration', async () => {
    const ev = await matchmakingEvent(app, bureau, { capacity: 1 });
    const [a, b, c] = await enterprises(3);
    await registered(app, a, ev.id);
    const waiting = await registered(app, b, ev.id);
    expect(waiting.status).toBe('WAITLISTED');
    const res = await app.http.post(`/api/v1/events/${ev.id}/status`).set(bureau.auth).send({ version: ev.version, status: 'CANCELLED', note: '台风预警' });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('CANCELLED');
    for (const s of [a, b]) {
      const told = await notices(app, NotificationType.EVENT_REGISTRATION, s.organizationId, ev.id);
      expect(told.at(-1)!.vars).toMatchObject({ statusLabel: '活动已取消', detail: '取消原因：台风预警' });
    }
    expect((await register(app, c, ev.id)).body.error.code).toBe('EVENT_REGISTRATION_CLOSED');
    expect((await action(a, ev.id, waiting.id, 'cancel')).status).toBe(404);
    expect((await action(b, ev.id, waiting.id, 'cancel')).body.error.code).toBe('EVENT_STATE_CONFLICT');
    // A draft may be cancelled too; a cancelled event cannot be published.
    const draft = await matchmakingEvent(app, bureau, { publish: false });
    const cancelledDraft = await app.http.post(`/api/v1/events/${draft.id}/status`).set(bureau.auth).send({ version: draft.version, status: 'CANCELLED' });
    expect(cancelledDraft.status).toBe(201);
    expect((await step(cancelledDraft.body, 'publish')).body.error.code).toBe('EVENT_STATE_CONFLICT');
  });

  it('fills the capacity, then a waiting list promoted in order when a place frees or the capacity rises; the promoted are told', async () => {
    const ev = await matchmakingEvent(app, bureau, { capacity: 2 });
    const [a, b, c, d] = await enterprises(4);
    const ra = await registered(app, a, ev.id, { contactName: '林经理', contactPhone: '13800138000' });
    const rb = await registered(app, b, ev.id);
    const rc = await registered(app, c, ev.id);
    const rd = await registered(app, d, ev.id);
    expect([ra.status, rb.status, rc.status, rd.status]).toEqual(['REGISTERED', 'REGISTERED', 'WAITLISTED', 'WAITLISTED']);
    expect([ra.waitlistPosition, rc.waitlistPosition, rd.waitlistPosition]).toEqual([null, 1, 2]);
    expect((await notices(app, NotificationType.EVENT_REGISTRATION, c.organizationId, ev.id))[0].vars).toMatchObject({ statusLabel: '候补', detail: expect.stringContaining('第1位') });
    expect(await readEvent(app, bureau, ev.id)).toMatchObject({ registeredCount: 2, waitlistCount: 2 });
    const dup = await register(app, a, ev.id);
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('EVENT_ALREADY_REGISTERED');

    // A cancels: C (first on the list) moves up and is told; D is now first.
    const cancelled = await action(a, ev.id, ra.id, 'cancel');
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('CANCELLED');
    const all = new Map((await regs(bureau, ev.id)).map((r) => [r.id, r]));
    expect(all.get(rc.id)).toMatchObject({ status: 'REGISTERED', waitlistPosition: null });
    expect(all.get(rd.id)).toMatchObject({ status: 'WAITLISTED', waitlistPosition: 1 });
    expect((await notices(app, NotificationType.EVENT_REGISTRATION, c.organizationId, ev.id)).at(-1)!.vars.statusLabel).toBe('已由候补转为正式报名');
    expect((await notices(app, NotificationType.EVENT_REGISTRATION, d.organizationId, ev.id)).map((n) => n.vars.statusLabel)).toEqual(['候补']);
    expect((await notices(app, NotificationType.EVENT_REGISTRATION, a.organizationId, ev.id)).at(-1)!.vars.statusLabel).toBe('已取消');

    // A registers again: the same registration and check-in code, at the end of the list.
    const again = await registered(app, a, ev.id);
    expect(again).toMatchObject({ id: ra.id, checkInCode: ra.checkInCode, status: 'WAITLISTED', waitlistPosition: 2, contactName: null });

    // The capacity rises by two: D then A move up, in order.
    const current = await readEvent(app, bureau, ev.id);
    const raised = await app.http.patch(`/api/v1/events/${ev.id}`).set(bureau.auth).send({ version: current.version, capacity: 4 });
    expect(raised.status).toBe(200);
    expect(raised.body).toMatchObject({ capacity: 4, registeredCount: 4, waitlistCount: 0 });
    expect((await notices(app, NotificationType.EVENT_REGISTRATION, d.organizationId, ev.id)).at(-1)!.vars.statusLabel).toBe('已由候补转为正式报名');
    expect((await regs(a, ev.id))[0].status).toBe('REGISTERED');
    // The bureau may cancel on an organisation's behalf; the list filters by status.
    expect((await action(bureau, ev.id, rb.id, 'cancel')).body.status).toBe('CANCELLED');
    expect((await regs(bureau, ev.id, { status: 'CANCELLED' })).map((r) => r.id)).toEqual([rb.id]);
    expect((await action(b, ev.id, rb.id, 'cancel')).body.error.code).toBe('EVENT_REGISTRATION_STATE');
  });

  it('ten registrations at once against a capacity of 3: exactly 3 registered and 7 waiting, in distinct places', async () => {
    const ev = await matchmakingEvent(app, bureau, { capacity: 3 });
    const ents = await enterprises(10);
    const results = await Promise.all(ents.map((s) => register(app, s, ev.id)));
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(201));
    const statuses = results.map((r) => r.body.status as string);
    expect(statuses.filter((s) => s === 'REGISTERED')).toHaveLength(3);
    expect(statuses.filter((s) => s === 'WAITLISTED')).toHaveLength(7);
    const list = await regs(bureau, ev.id);
    expect(list.filter((r) => r.status === 'REGISTERED')).toHaveLength(3);
    expect(list.filter((r) => r.status === 'WAITLISTED').map((r) => r.waitlistPosition).sort((x, y) => x! - y!)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(new Set(list.map((r) => r.checkInCode)).size).toBe(10);
  });

  it('closes registration at the deadline (the event then reads 报名截止); the deadline cannot be after the start', async () => {
    const startsAt = new Date(Date.now() + 5 * DAY);
    const ev = await matchmakingEvent(app, bureau, { startsAt: startsAt.toISOString(), registrationDeadline: new Date(Date.now() - 60_000).toISOString() });
    expect(ev.status).toBe('REGISTRATION_CLOSED');
    const ent = await app.userWithRole(Role.ENTERPRISE);
    const res = await register(app, ent, ev.id);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('EVENT_REGISTRATION_CLOSED');
    expect(res.body.error.message).toContain('截止');
    const ids = async (status: string) => (await app.http.get('/api/v1/events').query({ status, pageSize: 100, sort: '-createdAt' }).set(ent.auth)).body.items.map((e: { id: string }) => e.id);
    expect(await ids('REGISTRATION_CLOSED')).toContain(ev.id);
    expect(await ids('PUBLISHED')).not.toContain(ev.id);
    // Moving the deadline later reopens registration.
    const moved = await app.http.patch(`/api/v1/events/${ev.id}`).set(bureau.auth).send({ version: ev.version, registrationDeadline: new Date(Date.now() + DAY).toISOString() });
    expect(moved.body.status).toBe('PUBLISHED');
    expect((await register(app, ent, ev.id)).status).toBe(201);

    const late = await app.http.post('/api/v1/events').set(bureau.auth).send({ type: 'SHOWCASE', title: '推介会', startsAt: startsAt.toISOString(), venue: '湛江', registrationDeadline: new Date(startsAt.getTime() + H).toISOString() });
    expect(late.status).toBe(400);
    expect(late.body.error.details.map((d: { field: string }) => d.field)).toEqual(['registrationDeadline']);
    const backwards = await app.http.post('/api/v1/events').set(bureau.auth).send({ type: 'SHOWCASE', title: '推介会', startsAt: startsAt.toISOString(), venue: '湛江', endsAt: new Date(startsAt.getTime() - H).toISOString() });
    expect(backwards.body.error.details.map((d: { field: string }) => d.field)).toEqual(['endsAt']);
    const agenda = await app.http.post('/api/v1/events').set(bureau.auth).send({
      type: 'SHOWCASE', title: '推介会', startsAt: startsAt.toISOString(), venue: '湛江', endsAt: new Date(startsAt.getTime() + 2 * H).toISOString(),
      agenda: [{ startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 3 * H).toISOString(), title: '签约仪式' }],
    });
    expect(agenda.body.error.details.map((d: { field: string }) => d.field)).toEqual(['agenda[0].endsAt']);
  });

  it('an event that requires approval: pending until the bureau approves (registered or waiting by capacity) or rejects with a reason', async () => {
    const ev = await matchmakingEvent(app, bureau, { requiresApproval: true, capacity: 1 });
    const [a, b, c] = await enterprises(3);
    const ra = await registered(app, a, ev.id);
    const rb = await registered(app, b, ev.id);
    const rc = await registered(app, c, ev.id);
    expect([ra.status, rb.status, rc.status]).toEqual(['PENDING', 'PENDING', 'PENDING']);
    expect((await readEvent(app, bureau, ev.id)).registeredCount).toBe(0);
    expect((await action(a, ev.id, ra.id, 'approve')).status).toBe(403);
    const okA = await action(bureau, ev.id, ra.id, 'approve');
    expect(okA.status).toBe(200);
    expect(okA.body.status).toBe('REGISTERED');
    expect((await action(bureau, ev.id, rb.id, 'approve')).body).toMatchObject({ status: 'WAITLISTED', waitlistPosition: 1 });
    expect((await action(bureau, ev.id, ra.id, 'approve')).body.error.code).toBe('EVENT_REGISTRATION_STATE');
    const rejected = await action(bureau, ev.id, rc.id, 'reject', { reason: '与本次对接会主题不符' });
    expect(rejected.body.status).toBe('REJECTED');
    expect((await notices(app, NotificationType.EVENT_REGISTRATION, c.organizationId, ev.id)).at(-1)!.vars).toMatchObject({ statusLabel: '未通过审核', detail: '原因：与本次对接会主题不符' });
    expect((await notices(app, NotificationType.EVENT_REGISTRATION, a.organizationId, ev.id)).map((n) => n.vars.statusLabel)).toEqual(['待审核', '已报名']);
    // Rejected may register again (pending again, same code).
    const again = await registered(app, c, ev.id);
    expect(again).toMatchObject({ id: rc.id, status: 'PENDING', checkInCode: rc.checkInCode });
  });

  it('an invitation-only event takes only invited organisations', async () => {
    const ev = await matchmakingEvent(app, bureau, { isPublic: false });
    const [invited, other] = await enterprises(2);
    const refused = await register(app, other, ev.id);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('EVENT_NOT_INVITED');
    const sent = await app.http.post(`/api/v1/events/${ev.id}/invitations`).set(bureau.auth).send({ organizationIds: [invited.organizationId] });
    expect(sent.status).toBe(201);
    expect(sent.body).toEqual({ added: 1, alreadyInvited: 0, inviteeCount: 1 });
    expect((await register(app, invited, ev.id)).status).toBe(201);
    expect((await readEvent(app, other, ev.id)).isPublic).toBe(false);
  });

  it('a bank brings desks (required) and at most as many officers; fewer desks than a scheduled meeting uses is refused, naming the meeting', async () => {
    const ev = await matchmakingEvent(app, bureau);
    const bank = await app.userWithRole(Role.BANK);
    const officer = (n: number) => ({ name: `信贷员${n}`, title: '客户经理', phone: '13900000000' });
    const noDesks = await register(app, bank, ev.id, {});
    expect(noDesks.status).toBe(400);
    expect(noDesks.body.error.details.map((d: { field: string }) => d.field)).toEqual(['desks']);
    const tooMany = await register(app, bank, ev.id, { desks: 2, officers: [officer(1), officer(2), officer(3)] });
    expect(tooMany.body.error.details.map((d: { field: string }) => d.field)).toEqual(['officers']);
    expect((await register(app, bank, ev.id, { desks: 21 })).status).toBe(400);
    const reg = await registered(app, bank, ev.id, { desks: 3, officers: [officer(1), officer(2)] });
    expect(reg).toMatchObject({ status: 'REGISTERED', desks: 3, needIds: [], officers: [officer(1), officer(2)] });

    // A scheduled meeting at desk 3 (written as the scheduler would).
    const ent = await app.userWithRole(Role.ENTERPRISE);
    const entName = await orgName(app, bureau, ent.organizationId);
    const [slotId] = await defineSlots(app, bureau, ev.id, [{ startsAt: ev.startsAt, endsAt: new Date(new Date(ev.startsAt).getTime() + 20 * 60_000) }]);
    const [meeting] = await app.dataSource.query(
      `INSERT INTO event_meetings (event_id, enterprise_org_id, bank_org_id, slot_id, desk) VALUES ($1, $2, $3, $4, 3) RETURNING id`,
      [ev.id, ent.organizationId, bank.organizationId, slotId],
    );
    const patch = (body: object) => app.http.patch(`/api/v1/events/${ev.id}/registrations/${reg.id}`).set(bank.auth).send(body);
    const fewer = await patch({ version: reg.version, desks: 2 });
    expect(fewer.status).toBe(409);
    expect(fewer.body.error.code).toBe('EVENT_MEETING_CONFLICT');
    expect(fewer.body.error.message).toContain(entName);
    expect(fewer.body.error.details).toMatchObject({ meetingId: meeting.id, desk: 3 });
    expect((await patch({ version: reg.version, officers: [officer(1), officer(2), officer(3), officer(4)] })).body.error.details[0].field).toBe('officers');
    const more = await patch({ version: reg.version, desks: 4, contactName: '周行长' });
    expect(more.status).toBe(200);
    expect(more.body).toMatchObject({ desks: 4, contactName: '周行长', version: reg.version + 1 });
    expect((await patch({ version: reg.version, note: '过期版本' })).body.error.code).toBe('EVENT_VERSION_CONFLICT');
    expect((await app.http.patch(`/api/v1/events/${ev.id}/registrations/${reg.id}`).set(ent.auth).send({ version: more.body.version, desks: 5 })).status).toBe(404);
  });

  it('cancelling a registration withdraws its meeting requests and cancels its scheduled meetings (a published one gets a new sequence)', async () => {
    const ev = await matchmakingEvent(app, bureau);
    const bank = await app.userWithRole(Role.BANK);
    const [ent, other] = await enterprises(2);
    const reg = await registered(app, ent, ev.id);
    await registered(app, bank, ev.id, { desks: 2 });
    const [slotId] = await defineSlots(app, bureau, ev.id, [{ startsAt: ev.startsAt, endsAt: new Date(new Date(ev.startsAt).getTime() + 20 * 60_000) }]);
    const request = async (requester: string, target: string, status: string, e = ent.organizationId) =>
      (
        await app.dataSource.query(
          `INSERT INTO event_meeting_requests (event_id, requester_org_id, target_org_id, enterprise_org_id, bank_org_id, priority, status) VALUES ($1, $2, $3, $4, $5, 'MUST', $6) RETURNING id`,
          [ev.id, requester, target, e, bank.organizationId, status],
        )
      )[0].id as string;
    const accepted = await request(ent.organizationId, bank.organizationId, 'ACCEPTED');
    const declined = await request(bank.organizationId, ent.organizationId, 'DECLINED');
    const others = await request(other.organizationId, bank.organizationId, 'PENDING', other.organizationId);
    const meeting = async (e: string, desk: number, published: number | null) =>
      (
        await app.dataSource.query(
          `INSERT INTO event_meetings (event_id, enterprise_org_id, bank_org_id, slot_id, desk, sequence, published_sequence) VALUES ($1, $2, $3, $4, $5, coalesce($6::int, 0), $6::int) RETURNING id`,
          [ev.id, e, bank.organizationId, slotId, desk, published],
        )
      )[0].id as string;
    const mine = await meeting(ent.organizationId, 1, 2);
    const theirs = await meeting(other.organizationId, 2, null);

    expect((await action(ent, ev.id, reg.id, 'cancel')).status).toBe(200);
    const reqs = new Map((await app.dataSource.query(`SELECT id, status FROM event_meeting_requests WHERE event_id = $1`, [ev.id])).map((r: { id: string; status: string }) => [r.id, r.status]));
    expect([reqs.get(accepted), reqs.get(declined), reqs.get(others)]).toEqual(['WITHDRAWN', 'DECLINED', 'PENDING']);
    const mts = new Map((await app.dataSource.query(`SELECT id, status, sequence FROM event_meetings WHERE event_id = $1`, [ev.id])).map((r: { id: string }) => [r.id, r]));
    expect(mts.get(mine)).toMatchObject({ status: 'CANCELLED', sequence: 3 });
    expect(mts.get(theirs)).toMatchObject({ status: 'SCHEDULED', sequence: 0 });
    const [audit] = await app.dataSource.query(`SELECT after FROM audit_log WHERE action = 'event.registration.cancel' AND entity_id = $1`, [reg.id]);
    expect(audit.after).toMatchObject({ withdrawnRequestIds: [accepted], cancelledMeetingIds: [mine] });
  });

  it('an enterprise names only its own open financing needs standing in the library; a bank names none', async () => {
    const ev = await matchmakingEvent(app, bureau);
    const green = await greenEnterprise(app);
    const a = green.enterprise;
    const [b] = await enterprises(1);
    const mine = await need(a, '1200.00', green.projectId);
    const withdrawn = await need(a, '800.00', green.projectId);
    expect((await app.http.post(`/api/v1/financing-needs/${withdrawn.id}/withdraw`).set(a.auth).send({ version: withdrawn.version })).status).toBeLessThan(300);
    const theirs = await need(b, '900.00');
    // A need of a project still under review (not listed) is not shown to the banks at the event.
    const pending = await submittedProject(app, a);
    const unlisted = await need(a, '500.00', pending.id);
    for (const needIds of [[theirs.id], [withdrawn.id], [mine.id, theirs.id], [unlisted.id]]) {
      const res = await register(app, a, ev.id, { needIds });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('EVENT_NEED_INVALID');
      expect(res.body.error.details[0].field).toBe('needIds');
    }
    const ok = await registered(app, a, ev.id, { needIds: [mine.id] });
    expect(ok.needIds).toEqual([mine.id]);
    expect((await register(app, a, ev.id, { desks: 1 })).status).toBe(409);
    const bad = await register(app, b, ev.id, { desks: 2 });
    expect(bad.body.error.details.map((d: { field: string }) => d.field)).toEqual(['desks']);
    const bank = await app.userWithRole(Role.BANK);
    expect((await register(app, bank, ev.id, { desks: 1, needIds: [mine.id] })).body.error.details.map((d: { field: string }) => d.field)).toEqual(['needIds']);
    // The PATCH checks needs added later the same way.
    const patch = await app.http.patch(`/api/v1/events/${ev.id}/registrations/${ok.id}`).set(a.auth).send({ version: ok.version, needIds: [mine.id, theirs.id] });
    expect(patch.body.error.code).toBe('EVENT_NEED_INVALID');
  });

  it('a check-in code is shown to its own organisation and the bureau only; the bureau may register an organisation on its behalf', async () => {
    const ev = await matchmakingEvent(app, bureau);
    const [a, b] = await enterprises(2);
    const dept = await app.userWithRole(Role.DEPARTMENT);
    const ra = await registered(app, a, ev.id);
    expect(ra.checkInCode).toMatch(CODE);
    expect((await regs(a, ev.id)).map((r) => [r.id, r.checkInCode])).toEqual([[ra.id, ra.checkInCode]]);
    expect((await app.http.get(`/api/v1/events/${ev.id}/registrations/${ra.id}`).set(bureau.auth)).body.checkInCode).toBe(ra.checkInCode);
    expect((await regs(bureau, ev.id)).find((r) => r.id === ra.id)!.checkInCode).toBe(ra.checkInCode);
    // Others see neither the registration nor its code.
    expect((await app.http.get(`/api/v1/events/${ev.id}/registrations/${ra.id}`).set(b.auth)).status).toBe(404);
    expect(await regs(b, ev.id)).toEqual([]);
    expect(await regs(dept, ev.id)).toEqual([]);
    expect(JSON.stringify((await app.http.get(`/api/v1/events/${ev.id}`).set(b.auth)).body)).not.toContain(ra.checkInCode!);
    // The bureau registers B; B then sees its own registration and code; a department cannot register.
    const forB = await app.http.post(`/api/v1/events/${ev.id}/registrations`).set(bureau.auth).send({ organizationId: b.organizationId, contactName: '代报名' });
    expect(forB.status).toBe(201);
    expect(forB.body.organization.id).toBe(b.organizationId);
    expect((await regs(b, ev.id))[0]).toMatchObject({ id: forB.body.id, checkInCode: forB.body.checkInCode });
    expect(forB.body.checkInCode).not.toBe(ra.checkInCode);
    expect((await register(app, dept, ev.id)).status).toBe(403);
    expect((await app.http.post(`/api/v1/events/${ev.id}/registrations`).set(bureau.auth).send({})).body.error.details[0].field).toBe('organizationId');
    expect((await app.http.post(`/api/v1/events/${ev.id}/registrations`).set(a.auth).send({ organizationId: b.organizationId })).status).toBe(403);
    // The list of events I registered for.
    const mine = await app.http.get('/api/v1/events').query({ registered: 'true', pageSize: 100 }).set(a.auth);
    expect(mine.body.items.map((e: { id: string }) => e.id)).toContain(ev.id);
    expect(mine.body.items.every((e: { myRegistration: unknown }) => e.myRegistration !== null)).toBe(true);
    expect((await app.http.get('/api/v1/events').query({ registered: 'true', pageSize: 100 }).set(dept.auth)).body.items.map((e: { id: string }) => e.id)).not.toContain(ev.id);
  });

  it('invitations by the library’s filters: the preview counts exactly the matching organisations; sending invites and tells only the newcomers', async () => {
    // Need amounts nobody else uses, so the filter isolates this test's enterprises.
    const base = 60000 + Math.floor(Math.random() * 30000);
    const amt = (cents: number) => `${base}.${String(cents).padStart(2, '0')}`;
    const range = { needAmountMin: amt(10), needAmountMax: amt(20) };
    // Matches: 雷州市, a listed 5.2.2 project, an open need in range.
    // (A need asks for no more than its project's total investment: the project is large enough.)
    const match = await greenEnterprise(app, { divisionCode: '440882', project: { totalInvestment: '100000.00' } });
    await need(match.enterprise, amt(15), match.projectId);
    // In range but another county; in the county but out of range; in range but withdrawn.
    const [elsewhere, outOfRange, withdrawnOne] = await Promise.all([
      app.userWithRole(Role.ENTERPRISE, { divisionCode: '440823' }),
      app.userWithRole(Role.ENTERPRISE, { divisionCode: '440882' }),
      app.userWithRole(Role.ENTERPRISE, { divisionCode: '440882' }),
    ]);
    await need(elsewhere, amt(12));
    await need(outOfRange, amt(30));
    const w = await need(withdrawnOne, amt(11));
    expect((await app.http.post(`/api/v1/financing-needs/${w.id}/withdraw`).set(withdrawnOne.auth).send({ version: w.version })).status).toBeLessThan(300);
    const [bank1, bank2] = await Promise.all([app.userWithRole(Role.BANK), app.userWithRole(Role.BANK)]);
    const pbc = await unitOrgId(app, 'pbc-zhanjiang');

    const ev = await matchmakingEvent(app, bureau);
    const preview = async (body: object): Promise<InvitationPreview> => {
      const res = await app.http.post(`/api/v1/events/${ev.id}/invitations/preview`).set(bureau.auth).send(body);
      expect(res.status).toBe(200);
      return res.body;
    };
    const filter = { divisionCodes: ['440882'], withOpenNeeds: true, ...range };
    const p1 = await preview(filter);
    expect(p1).toMatchObject({ enterprises: 1, banks: 0, others: 0, alreadyInvited: 0 });
    expect(p1.sample).toEqual([{ id: match.enterprise.organizationId, name: expect.any(String), type: 'ENTERPRISE' }]);
    // Without the county: the other county's enterprise too (still not the withdrawn or out-of-range ones).
    const p2 = await preview(range);
    expect(p2.enterprises).toBe(2);
    expect(p2.sample.map((o) => o.id).sort()).toEqual([match.enterprise.organizationId, elsewhere.organizationId].sort());
    // Category: 5.2 matches the listed 5.2.2 project; 4 does not.
    expect((await preview({ ...range, categoryCode: '5.2', taxonomyVersion: 'GIC-2019' })).enterprises).toBe(1);
    expect((await preview({ ...range, categoryCode: '4', taxonomyVersion: 'GIC-2019' })).enterprises).toBe(0);
    // Green grade: the enterprise's current grade counts, a better minimum excludes it.
    const graded = await app.http.post(`/api/v1/enterprises/${match.enterprise.organizationId}/grade`).set(bureau.auth).send({});
    expect(graded.status).toBeLessThan(300);
    const grade: string = graded.body.grade;
    expect((await preview({ ...range, minGreenGrade: grade })).enterprises).toBe(1);
    expect((await preview({ ...range, minGreenGrade: 'D' })).enterprises).toBe(grade <= 'D' ? 1 : 0);
    if (grade > 'A') expect((await preview({ ...range, minGreenGrade: String.fromCharCode(grade.charCodeAt(0) - 1) })).enterprises).toBe(0);
    // Banks and other organisations are added to the enterprises.
    const withBanks = { ...filter, bankOrganizationIds: [bank1.organizationId], organizationIds: [pbc] };
    expect(await preview(withBanks)).toMatchObject({ enterprises: 1, banks: 1, others: 1, alreadyInvited: 0 });
    const everyBank = await preview({ ...filter, allBanks: true });
    expect(everyBank.banks).toBeGreaterThanOrEqual(2);
    expect(everyBank.enterprises).toBe(1);

    const sent = await app.http.post(`/api/v1/events/${ev.id}/invitations`).set(bureau.auth).send(withBanks);
    expect(sent.status).toBe(201);
    expect(sent.body).toEqual({ added: 3, alreadyInvited: 0, inviteeCount: 3 });
    expect((await preview(withBanks)).alreadyInvited).toBe(3);
    for (const org of [match.enterprise.organizationId, bank1.organizationId, pbc]) {
      const told = await notices(app, NotificationType.EVENT_INVITATION, org, ev.id);
      expect(told).toHaveLength(1);
      expect(told[0].link).toBe(`/events/${ev.id}`);
    }
    expect(await notices(app, NotificationType.EVENT_INVITATION, bank2.organizationId, ev.id)).toEqual([]);
    // Sending again adds bank2 only, and tells only bank2.
    const again = await app.http.post(`/api/v1/events/${ev.id}/invitations`).set(bureau.auth).send({ ...withBanks, bankOrganizationIds: [bank1.organizationId, bank2.organizationId] });
    expect(again.body).toEqual({ added: 1, alreadyInvited: 3, inviteeCount: 4 });
    expect(await notices(app, NotificationType.EVENT_INVITATION, bank1.organizationId, ev.id)).toHaveLength(1);
    expect(await notices(app, NotificationType.EVENT_INVITATION, bank2.organizationId, ev.id)).toHaveLength(1);
    expect((await readEvent(app, bureau, ev.id)).invitees.map((o) => o.id).sort()).toEqual([match.enterprise.organizationId, bank1.organizationId, bank2.organizationId, pbc].sort());

    // Invited to a draft: recorded, told only at publish.
    const draft = await matchmakingEvent(app, bureau, { publish: false });
    expect((await app.http.post(`/api/v1/events/${draft.id}/invitations`).set(bureau.auth).send({ organizationIds: [bank2.organizationId] })).body.added).toBe(1);
    expect(await notices(app, NotificationType.EVENT_INVITATION, bank2.organizationId, draft.id)).toEqual([]);
    await step(draft, 'publish');
    expect(await notices(app, NotificationType.EVENT_INVITATION, bank2.organizationId, draft.id)).toHaveLength(1);

    // Bad filters: a non-bank as a bank, an inverted range; only the bureau invites.
    const notBank = await app.http.post(`/api/v1/events/${ev.id}/invitations/preview`).set(bureau.auth).send({ bankOrganizationIds: [pbc] });
    expect(notBank.status).toBe(400);
    expect(notBank.body.error.details[0].field).toBe('bankOrganizationIds');
    const inverted = await app.http.post(`/api/v1/events/${ev.id}/invitations/preview`).set(bureau.auth).send({ needAmountMin: amt(20), needAmountMax: amt(10) });
    expect(inverted.body.error.details[0].field).toBe('needAmountMax');
    expect((await app.http.post(`/api/v1/events/${ev.id}/invitations/preview`).set(bank1.auth).send(filter)).status).toBe(403);
  });

  it('co-organisers are government units or counties; unknown fields are refused with 400 naming them', async () => {
    const bank = await app.userWithRole(Role.BANK);
    const body = { type: 'MATCHMAKING', title: `对接会${uniq()}`, startsAt: new Date(Date.now() + 10 * DAY).toISOString(), venue: '湛江' };
    const badCo = await app.http.post('/api/v1/events').set(bureau.auth).send({ ...body, coOrganizerOrgIds: [bank.organizationId] });
    expect(badCo.status).toBe(400);
    expect(badCo.body.error.details.map((d: { field: string }) => d.field)).toEqual(['coOrganizerOrgIds']);
    const fields = async (res: { status: number; body: { error: { details: { field: string; messages: string[] }[] } } }) => {
      expect(res.status).toBe(400);
      return res.body.error.details.map((d) => d.field);
    };
    expect(await fields(await app.http.post('/api/v1/events').set(bureau.auth).send({ ...body, colour: 'green' }))).toEqual(['colour']);
    expect(await fields(await app.http.post('/api/v1/events').set(bureau.auth).send({ ...body, agenda: [{ startsAt: body.startsAt, endsAt: body.startsAt, title: '宣讲', room: 'A' }] }))).toEqual(['agenda[0].room']);
    expect(await fields(await app.http.post('/api/v1/events').set(bureau.auth).send({ ...body, capacity: 0 }))).toEqual(['capacity']);
    const ev = await matchmakingEvent(app, bureau);
    expect(await fields(await app.http.post(`/api/v1/events/${ev.id}/publish`).set(bureau.auth).send({ version: ev.version, force: true }))).toEqual(['force']);
    expect(await fields(await register(app, bank, ev.id, { desks: 1, officers: [{ name: '王', badge: 1 }] }))).toEqual(['officers[0].badge']);
    expect(await fields(await register(app, bank, ev.id, { desks: 1, vip: true }))).toEqual(['vip']);
    expect(await fields(await app.http.post(`/api/v1/events/${ev.id}/invitations/preview`).set(bureau.auth).send({ county: '440882' }))).toEqual(['county']);
    expect(await fields(await app.http.post(`/api/v1/events/${ev.id}/invitations/preview`).set(bureau.auth).send({ divisionCodes: ['999999'] }))).toEqual(['divisionCodes']);
  });
});
