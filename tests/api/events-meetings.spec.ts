import { EventDetailView, MeetingRequestView, MeetingSuggestion, Role } from '@zj/shared';
import { defineSlots, matchmakingEvent, notices, orgName, registered } from '../support/event-factories';
import { greenEnterprise, GreenEnterprise, openNeed, publishedProduct } from '../support/matchmaking-factories';
import { Session, startTestApp, TestApp } from '../support/test-app';

/**
 * Before the day of a 对接会 (issue 10): 1:1 meeting requests — only the addressed side answers
 * (the requester gets 403, anyone else 404), one request per pair and direction, asking back makes
 * both accepted (mutual), the target must be registered and of the other side, everybody concerned
 * is told — suggestions from matching, the bureau's slots and participants' unavailability.
 */
describe('events: meeting requests, suggestions, slots and unavailability', () => {
  let app: TestApp;
  let bureau: Session;
  beforeAll(async () => {
    app = await startTestApp();
    bureau = await app.admin();
  });
  afterAll(() => app?.close());

  const api = () => app.http;

  const ask = (s: Session, eventId: string, body: Record<string, unknown>) => api().post(`/api/v1/events/${eventId}/meeting-requests`).set(s.auth).send(body);
  const answer = (s: Session, eventId: string, requestId: string, verb: 'accept' | 'decline' | 'withdraw') => api().post(`/api/v1/events/${eventId}/meeting-requests/${requestId}/${verb}`).set(s.auth).send({});

  describe('requests', () => {
    let event: EventDetailView;
    let ent: GreenEnterprise;
    let ent2: Session;
    let bank: Session;
    let bank2: Session;
    let outsider: Session;
    let unregisteredBank: Session;
    let needId: string;
    let otherNeedId: string;
    let bankName: string;
    let entName: string;

    beforeAll(async () => {
      event = await matchmakingEvent(app, bureau);
      ent = await greenEnterprise(app);
      needId = (await openNeed(app, ent)).id;
      otherNeedId = (await openNeed(app, ent, { amount: '800.00', purpose: '港区光伏车棚建设' })).id;
      ent2 = await app.userWithRole(Role.ENTERPRISE);
      bank = await app.userWithRole(Role.BANK);
      bank2 = await app.userWithRole(Role.BANK);
      outsider = await app.userWithRole(Role.BANK);
      unregisteredBank = await app.userWithRole(Role.BANK);
      await publishedProduct(app, bank);
      const regs = [
        await registered(app, ent.enterprise, event.id, { needIds: [needId] }),
        await registered(app, ent2, event.id),
        await registered(app, bank, event.id, { desks: 2, officers: [{ name: '王晓明' }] }),
        await registered(app, bank2, event.id, { desks: 1 }),
        await registered(app, outsider, event.id, { desks: 1 }),
      ];
      expect(regs.map((r) => r.status)).toEqual(Array(5).fill('REGISTERED'));
      bankName = await orgName(app, bureau, bank.organizationId);
      entName = await orgName(app, bureau, ent.enterprise.organizationId);
    });

    it('an enterprise asks a bank; the bank is told; the request carries the matching score and the need', async () => {
      const res = await ask(ent.enterprise, event.id, { targetOrganizationId: bank.organizationId, priority: 'MUST', needId, message: '希望洽谈岸电改造贷款' });
      expect(res.status).toBe(201);
      const r = res.body as MeetingRequestView;
      expect(r).toMatchObject({
        eventId: event.id,
        requester: { id: ent.enterprise.organizationId, name: entName },
        target: { id: bank.organizationId, name: bankName },
        enterpriseOrganizationId: ent.enterprise.organizationId,
        bankOrganizationId: bank.organizationId,
        priority: 'MUST',
        status: 'PENDING',
        mutual: false,
        needId,
        message: '希望洽谈岸电改造贷款',
        respondedAt: null,
      });
      expect(r.needTitle).toBeTruthy();
      // The bank's green transport loan fits the enterprise's 5.2.2 project need.
      expect(r.score).toBeGreaterThan(0);
      const told = await notices(app, 'EVENT_MEETING_REQUEST', bank.organizationId);
      expect(told).toHaveLength(1);
      expect(told[0].vars).toMatchObject({ eventTitle: event.title, requesterName: entName, priorityLabel: '必须见面' });
      expect(told[0].vars.message).toContain('希望洽谈岸电改造贷款');
    });

    it('one request per requester and target: a second one is 409', async () => {
      const again = await ask(ent.enterprise, event.id, { targetOrganizationId: bank.organizationId, priority: 'NICE' });
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('EVENT_REQUEST_EXISTS');
    });

    it('the target must be registered and of the other side; the requester must be registered', async () => {
      const sameSide = await ask(ent.enterprise, event.id, { targetOrganizationId: ent2.organizationId, priority: 'NICE' });
      expect(sameSide.status).toBe(400);
      expect(sameSide.body.error.code).toBe('EVENT_REQUEST_TARGET_INVALID');
      const bankToBank = await ask(bank, event.id, { targetOrganizationId: bank2.organizationId, priority: 'NICE' });
      expect(bankToBank.status).toBe(400);
      expect(bankToBank.body.error.code).toBe('EVENT_REQUEST_TARGET_INVALID');
      const notRegistered = await ask(ent.enterprise, event.id, { targetOrganizationId: unregisteredBank.organizationId, priority: 'NICE' });
      expect(notRegistered.status).toBe(400);
      expect(notRegistered.body.error.code).toBe('EVENT_REQUEST_TARGET_INVALID');
      const self = await ask(ent.enterprise, event.id, { targetOrganizationId: ent.enterprise.organizationId, priority: 'NICE' });
      expect(self.status).toBe(400);
      const fromOutside = await ask(unregisteredBank, event.id, { targetOrganizationId: ent.enterprise.organizationId, priority: 'NICE' });
      expect(fromOutside.status).toBe(409);
      expect(fromOutside.body.error.code).toBe('EVENT_NOT_A_PARTICIPANT');
      const badPriority = await ask(ent.enterprise, event.id, { targetOrganizationId: bank2.organizationId, priority: 'MAYBE' });
      expect(badPriority.status).toBe(400);
      const tooLong = await ask(ent.enterprise, event.id, { targetOrganizationId: bank2.organizationId, priority: 'NICE', message: '长'.repeat(501) });
      expect(tooLong.status).toBe(400);
      const bureauAsks = await ask(bureau, event.id, { targetOrganizationId: bank2.organizationId, priority: 'NICE' });
      expect(bureauAsks.status).toBe(403);
    });

    it('a bank may name only a need the enterprise listed at registration', async () => {
      const unlisted = await ask(bank2, event.id, { targetOrganizationId: ent.enterprise.organizationId, priority: 'NICE', needId: otherNeedId });
      expect(unlisted.status).toBe(400);
      expect(unlisted.body.error.code).toBe('EVENT_NEED_INVALID');
      const notTheirs = await ask(bank2, event.id, { targetOrganizationId: ent2.organizationId, priority: 'NICE', needId });
      expect(notTheirs.status).toBe(400);
      expect(notTheirs.body.error.code).toBe('EVENT_NEED_INVALID');
    });

    it('only the addressed side answers: the requester gets 403, another organisation 404; then the requester is told', async () => {
      const [r] = (await api().get(`/api/v1/events/${event.id}/meeting-requests`).query({ direction: 'sent' }).set(ent.enterprise.auth)).body as MeetingRequestView[];
      expect(r.target.id).toBe(bank.organizationId);
      const byRequester = await answer(ent.enterprise, event.id, r.id, 'accept');
      expect(byRequester.status).toBe(403);
      expect(byRequester.body.error.code).toBe('EVENT_REQUEST_NOT_ADDRESSED');
      const byOutsider = await answer(outsider, event.id, r.id, 'accept');
      expect(byOutsider.status).toBe(404);
      const declineByOutsider = await answer(outsider, event.id, r.id, 'decline');
      expect(declineByOutsider.status).toBe(404);
      const accepted = await answer(bank, event.id, r.id, 'accept');
      expect(accepted.status).toBe(200);
      expect(accepted.body).toMatchObject({ id: r.id, status: 'ACCEPTED', mutual: false });
      expect(accepted.body.respondedAt).toBeTruthy();
      const again = await answer(bank, event.id, r.id, 'decline');
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('EVENT_REQUEST_STATE');
      const told = await notices(app, 'EVENT_MEETING_ANSWERED', ent.enterprise.organizationId);
      expect(told.map((n) => n.vars)).toContainEqual({ eventTitle: event.title, targetName: bankName, answerLabel: '已接受' });
    });

    it('asking someone who already asked you accepts both: mutual', async () => {
      const first = await ask(bank2, event.id, { targetOrganizationId: ent.enterprise.organizationId, priority: 'NICE', needId });
      expect(first.status).toBe(201);
      expect(first.body.status).toBe('PENDING');
      const back = await ask(ent.enterprise, event.id, { targetOrganizationId: bank2.organizationId, priority: 'MUST' });
      expect(back.status).toBe(201);
      expect(back.body).toMatchObject({ status: 'ACCEPTED', mutual: true });
      const theirs = (await api().get(`/api/v1/events/${event.id}/meeting-requests`).query({ direction: 'sent' }).set(bank2.auth)).body as MeetingRequestView[];
      expect(theirs).toHaveLength(1);
      expect(theirs[0]).toMatchObject({ id: first.body.id, status: 'ACCEPTED', mutual: true });
      // The bank asked first and hears that its request was accepted.
      expect((await notices(app, 'EVENT_MEETING_ANSWERED', bank2.organizationId)).map((n) => n.vars.answerLabel)).toEqual(['已接受']);
      expect(await notices(app, 'EVENT_MEETING_REQUEST', ent.enterprise.organizationId)).toHaveLength(1);
    });

    it('a decline tells the requester; lists are scoped to the own organisation, the bureau sees all', async () => {
      const r = await ask(bank, event.id, { targetOrganizationId: ent2.organizationId, priority: 'NICE' });
      expect(r.status).toBe(201);
      const declined = await answer(ent2, event.id, r.body.id, 'decline');
      expect(declined.status).toBe(200);
      expect(declined.body.status).toBe('DECLINED');
      expect((await notices(app, 'EVENT_MEETING_ANSWERED', bank.organizationId)).map((n) => n.vars.answerLabel)).toEqual(['已婉拒']);

      const received = (await api().get(`/api/v1/events/${event.id}/meeting-requests`).query({ direction: 'received' }).set(ent.enterprise.auth)).body as MeetingRequestView[];
      expect(received.map((x) => x.requester.id)).toEqual([bank2.organizationId]);
      const acceptedOnly = (await api().get(`/api/v1/events/${event.id}/meeting-requests`).query({ status: 'ACCEPTED' }).set(ent.enterprise.auth)).body as MeetingRequestView[];
      expect(acceptedOnly).toHaveLength(3);
      const outsiders = (await api().get(`/api/v1/events/${event.id}/meeting-requests`).set(outsider.auth)).body as MeetingRequestView[];
      expect(outsiders).toEqual([]);
      const all = (await api().get(`/api/v1/events/${event.id}/meeting-requests`).set(bureau.auth)).body as MeetingRequestView[];
      expect(all).toHaveLength(4);
    });

    it('suggestions rank registered banks by the matching score, with reasons, marking those already asked', async () => {
      const res = await api().get(`/api/v1/events/${event.id}/meeting-suggestions`).set(ent.enterprise.auth);
      expect(res.status).toBe(200);
      const list = res.body as MeetingSuggestion[];
      const mine = list.find((s) => s.organization.id === bank.organizationId);
      expect(mine).toBeDefined();
      expect(mine!.score).toBeGreaterThan(0);
      expect(mine!.reasons.length).toBeGreaterThan(0);
      expect(mine!.productName).toContain('测试绿色交通贷');
      expect(mine!.alreadyRequested).toBe(true);
      // Banks without a fitting product are not suggested; the enterprise side never.
      expect(list.every((s) => s.organization.type === 'FINANCIAL_INSTITUTION')).toBe(true);
      expect(list.find((s) => s.organization.id === outsider.organizationId)).toBeUndefined();
      // The bank sees the enterprise (it named the need at registration).
      const forBank = (await api().get(`/api/v1/events/${event.id}/meeting-suggestions`).set(bank.auth)).body as MeetingSuggestion[];
      expect(forBank.map((s) => s.organization.id)).toContain(ent.enterprise.organizationId);
      expect(forBank.find((s) => s.organization.id === ent.enterprise.organizationId)!.needId).toBe(needId);
      const unregistered = await api().get(`/api/v1/events/${event.id}/meeting-suggestions`).set(unregisteredBank.auth);
      expect(unregistered.status).toBe(409);
    });

    it('the requester withdraws; a mutual pair is withdrawn on both sides', async () => {
      const sent = (await api().get(`/api/v1/events/${event.id}/meeting-requests`).query({ direction: 'sent' }).set(ent.enterprise.auth)).body as MeetingRequestView[];
      const toBank2 = sent.find((x) => x.target.id === bank2.organizationId)!;
      const notMine = await answer(bank2, event.id, toBank2.id, 'withdraw');
      expect(notMine.status).toBe(403);
      const withdrawn = await answer(ent.enterprise, event.id, toBank2.id, 'withdraw');
      expect(withdrawn.status).toBe(200);
      expect(withdrawn.body.status).toBe('WITHDRAWN');
      const theirs = (await api().get(`/api/v1/events/${event.id}/meeting-requests`).query({ direction: 'sent' }).set(bank2.auth)).body as MeetingRequestView[];
      expect(theirs[0].status).toBe('DECLINED');
      const twice = await answer(ent.enterprise, event.id, toBank2.id, 'withdraw');
      expect(twice.status).toBe(409);
    });
  });

  describe('slots and unavailability', () => {
    const at = (hm: string) => `2026-12-07T${hm}:00+08:00`;

    it('the bureau sets slots: validated, sorted on save, readable by any signed-in user', async () => {
      const event = await matchmakingEvent(app, bureau);
      const put = (s: Session, slots: { startsAt: string; endsAt: string }[]) => api().put(`/api/v1/events/${event.id}/slots`).set(s.auth).send({ slots });
      const overlap = await put(bureau, [
        { startsAt: at('14:00'), endsAt: at('14:20') },
        { startsAt: at('14:10'), endsAt: at('14:30') },
      ]);
      expect(overlap.status).toBe(400);
      expect(overlap.body.error.code).toBe('EVENT_SLOT_INVALID');
      expect(overlap.body.error.details[0].messages[0]).toContain('重叠');
      const short = await put(bureau, [{ startsAt: at('14:00'), endsAt: at('14:03') }]);
      expect(short.status).toBe(400);
      expect(short.body.error.code).toBe('EVENT_SLOT_INVALID');
      const long = await put(bureau, [{ startsAt: at('14:00'), endsAt: at('16:30') }]);
      expect(long.status).toBe(400);
      const backwards = await put(bureau, [{ startsAt: at('14:20'), endsAt: at('14:00') }]);
      expect(backwards.status).toBe(400);
      expect((await put(bureau, [])).status).toBe(400);
      const many = Array.from({ length: 41 }, (_, i) => ({ startsAt: new Date(Date.parse(at('08:00')) + i * 600_000).toISOString(), endsAt: new Date(Date.parse(at('08:00')) + i * 600_000 + 300_000).toISOString() }));
      expect((await put(bureau, many)).status).toBe(400);
      const bank = await app.userWithRole(Role.BANK);
      expect((await put(bank, [{ startsAt: at('14:00'), endsAt: at('14:20') }])).status).toBe(403);

      const ok = await put(bureau, [
        { startsAt: at('15:00'), endsAt: at('15:20') },
        { startsAt: at('14:00'), endsAt: at('14:20') },
        { startsAt: at('14:20'), endsAt: at('14:40') },
      ]);
      expect(ok.status).toBe(200);
      expect(ok.body.map((s: { index: number; startsAt: string }) => [s.index, s.startsAt])).toEqual([
        [1, new Date(at('14:00')).toISOString()],
        [2, new Date(at('14:20')).toISOString()],
        [3, new Date(at('15:00')).toISOString()],
      ]);
      const read = await api().get(`/api/v1/events/${event.id}/slots`).set(bank.auth);
      expect(read.status).toBe(200);
      expect(read.body).toEqual(ok.body);
      // Replacing keeps identical slots (their ids) and drops the others.
      const again = await put(bureau, [
        { startsAt: at('14:00'), endsAt: at('14:20') },
        { startsAt: at('14:30'), endsAt: at('14:50') },
      ]);
      expect(again.status).toBe(200);
      expect(again.body[0].id).toBe(ok.body[0].id);
      expect(again.body).toHaveLength(2);
    });

    it('participants mark the slots they cannot attend (their own); the bureau sees all and may set them', async () => {
      const event = await matchmakingEvent(app, bureau);
      const slots = await defineSlots(app, bureau, event.id, [
        { startsAt: at('14:00'), endsAt: at('14:20') },
        { startsAt: at('14:20'), endsAt: at('14:40') },
      ]);
      const ent = await app.userWithRole(Role.ENTERPRISE);
      const bank = await app.userWithRole(Role.BANK);
      const stranger = await app.userWithRole(Role.ENTERPRISE);
      expect((await registered(app, ent, event.id)).status).toBe('REGISTERED');
      expect((await registered(app, bank, event.id, { desks: 1 })).status).toBe('REGISTERED');
      const mark = (s: Session, body: Record<string, unknown>) => api().post(`/api/v1/events/${event.id}/unavailability`).set(s.auth).send(body);
      const set = await mark(ent, { slotIds: [slots[1]] });
      expect(set.status).toBe(200);
      expect(set.body).toMatchObject({ organizationId: ent.organizationId, slotIds: [slots[1]] });
      const replaced = await mark(ent, { slotIds: [slots[0]] });
      expect(replaced.body.slotIds).toEqual([slots[0]]);
      expect((await mark(ent, { slotIds: ['00000000-0000-4000-8000-000000000000'] })).status).toBe(400);
      expect((await mark(stranger, { slotIds: [slots[0]] })).status).toBe(409);
      const forOther = await mark(ent, { slotIds: [slots[0]], organizationId: bank.organizationId });
      expect(forOther.status).toBe(404);
      const byBureau = await mark(bureau, { slotIds: [slots[1]], organizationId: bank.organizationId });
      expect(byBureau.status).toBe(200);
      const own = (await api().get(`/api/v1/events/${event.id}/unavailability`).set(ent.auth)).body;
      expect(own).toEqual([expect.objectContaining({ organizationId: ent.organizationId, slotIds: [slots[0]] })]);
      const all = (await api().get(`/api/v1/events/${event.id}/unavailability`).set(bureau.auth)).body as { organizationId: string; slotIds: string[] }[];
      expect(all.map((u) => [u.organizationId, u.slotIds]).sort()).toEqual(
        [
          [ent.organizationId, [slots[0]]],
          [bank.organizationId, [slots[1]]],
        ].sort(),
      );
    });
  });
});
