import { NotificationType, Role } from '@zj/shared';
import { caseDeadlineReminderKey } from '../../apps/api/src/cases/case-notices';
import { needExpiringAt, needExpiringReminderKey } from '../../apps/api/src/financing-needs/need-notices';
import { jobIds, NotificationQueues } from '../../apps/api/src/notifications/notification-queues';
import { NotificationsService } from '../../apps/api/src/notifications/notifications.service';
import { NotificationsWorker } from '../../apps/api/src/notifications/notifications.worker';
import { countyPassed, countyUser, departmentUser, submittedProject, uniq } from '../support/library-factories';
import { greenEnterprise, openNeed, publishedProduct } from '../support/matchmaking-factories';
import { waitFor } from '../support/notifications-helpers';
import { createPeriod, itemsFor, taskByNumber, unitUser } from '../support/plan-factories';
import { Session, startTestApp, TestApp } from '../support/test-app';

const DAY = 24 * 3600_000;
const BATCH_WINDOW_MS = 8000;

/**
 * Every capability tells the right people, from its own transaction: the notice lands in the
 * inboxes of the organisation it concerns and in nobody else's. Runs on the run's queue backend
 * (Redis, or BullMQ's PostgreSQL backend without REDIS_URL).
 */
describe('notifications wired into the capabilities', () => {
  let app: TestApp;
  let admin: Session;
  let queues: NotificationQueues;
  let worker: NotificationsWorker;
  beforeAll(async () => {
    app = await startTestApp({ worker: true, env: { NOTIFY_RELAY_INTERVAL_MS: '100', NOTIFY_BATCH_WINDOW_MS: String(BATCH_WINDOW_MS) } });
    admin = await app.admin();
    queues = app.platform.app.get(NotificationQueues);
    worker = app.platform.app.get(NotificationsWorker);
  });
  afterAll(() => app?.close());

  const inbox = (userId: string, type: NotificationType): Promise<{ title: string; body: string; link: string | null }[]> =>
    app.dataSource.query(`SELECT title, body, link FROM notification_inbox WHERE user_id = $1 AND type = $2 ORDER BY created_at`, [userId, type]);
  const arrives = (userId: string, type: NotificationType, what: string, n = 1) =>
    waitFor(async () => {
      const rows = await inbox(userId, type);
      return rows.length >= n ? rows : null;
    }, 30_000, what);
  /** Waits until every notice this platform wrote so far has been dispatched (so an absence means something). */
  const settled = () =>
    waitFor(
      async () => (await app.dataSource.query(`SELECT 1 FROM notification_outbox WHERE queue_ns = $1 AND (status = 'PENDING' OR (kind = 'NOTIFY' AND dispatched_at IS NULL)) LIMIT 1`, [app.platform.app.get(NotificationsService).queueNs])).length === 0,
      30_000,
      'outbox dispatched',
    );
  const reminder = async (key: string) => (await app.dataSource.query(`SELECT status, version, at, recipients FROM notification_reminders WHERE key = $1`, [key]))[0];
  const job = (key: string, version: number) => queues.schedule.raw.getJob(jobIds.reminder(key, version));

  it('library: a listed project and a returned one (with its reasons) reach the submitting enterprise only', async () => {
    const ent = await app.userWithRole(Role.ENTERPRISE, { divisionCode: '440803' });
    const other = await app.userWithRole(Role.ENTERPRISE, { divisionCode: '440803' });
    const transport = await departmentUser(app, 'transport');
    const review = async (id: string, action: string, version: number, extra: object = {}) => {
      const res = await app.http.post(`/api/v1/projects/${id}/review`).set(transport.auth).send({ action, version, ...extra });
      expect(res.status).toBe(200);
      return res.body;
    };
    const listed = await countyPassed(app, ent, { divisionCode: '440803' });
    await review(listed.id, 'LIST', (await review(listed.id, 'START_REVIEW', listed.version)).version, { comment: '材料齐全，同意入库' });
    const returned = await countyPassed(app, ent, { divisionCode: '440803' });
    await review(returned.id, 'RETURN', (await review(returned.id, 'START_REVIEW', returned.version)).version, { reasons: [{ field: 'totalInvestment', message: '总投资与可研批复不一致' }] });

    const [l] = await arrives(ent.user.id, NotificationType.LIBRARY_LISTED, 'listed notice');
    expect(l.title).toBe(`项目已入库：${listed.name}`);
    // the reviewer's opinion reaches the enterprise
    expect(l.body).toContain('审核意见：材料齐全，同意入库');
    expect(l.link).toBe(`/projects/${listed.id}`);
    const [r] = await arrives(ent.user.id, NotificationType.LIBRARY_RETURNED, 'returned notice');
    expect(r.title).toBe(`项目被退回修改：${returned.name}`);
    expect(r.body).toContain('退回原因：总投资与可研批复不一致');
    await settled();
    expect(await inbox(other.user.id, NotificationType.LIBRARY_LISTED)).toHaveLength(0);
    expect(await inbox(other.user.id, NotificationType.LIBRARY_RETURNED)).toHaveLength(0);
    expect(await inbox(transport.user.id, NotificationType.LIBRARY_LISTED)).toHaveLength(0);
  });

  it('library: a project arriving in a review queue is announced to that county, then to that department (with the county’s opinion), and to nobody else', async () => {
    const ent = await app.userWithRole(Role.ENTERPRISE, { divisionCode: '440804' });
    const county = await countyUser(app, '440804');
    const otherCounty = await countyUser(app, '440802');
    const transport = await departmentUser(app, 'transport');
    const housing = await departmentUser(app, 'housing-construction');
    const p = await submittedProject(app, ent, { divisionCode: '440804' });
    const mine = async (userId: string) => (await inbox(userId, NotificationType.PROJECT_REVIEW_ARRIVED)).filter((n) => n.title.includes(p.name));

    // the enterprise submits: its county (坡头区) is told, the department not yet
    const [atCounty] = await waitFor(async () => ((await mine(county.user.id)).length ? mine(county.user.id) : null), 30_000, 'county told');
    expect(atCounty.title).toBe(`待审核项目：${p.name}`);
    expect(atCounty.body).toContain('县区初审');
    expect(atCounty.link).toBe(`/projects/${p.id}`);
    await settled();
    expect(await mine(transport.user.id)).toHaveLength(0);

    // the county passes it on: the routed department is told, with the county's opinion
    const passed = await app.http.post(`/api/v1/projects/${p.id}/review`).set(county.auth).send({ action: 'PASS', version: p.version, comment: '已核实项目备案和环评批复' });
    expect(passed.status).toBe(200);
    const [atDept] = await waitFor(async () => ((await mine(transport.user.id)).length ? mine(transport.user.id) : null), 30_000, 'department told');
    expect(atDept.body).toContain('行业主管部门审核');
    expect(atDept.body).toContain('报送意见：已核实项目备案和环评批复');
    await settled();
    expect(await mine(housing.user.id)).toHaveLength(0);
    expect(await mine(otherCounty.user.id)).toHaveLength(0);
    expect(await mine(ent.user.id)).toHaveLength(0);
    // the county does not hear of its own pass a second time
    expect(await mine(county.user.id)).toHaveLength(1);
  });

  it('library: a green identification approved (企业入库) or rejected (with the reason) reaches that enterprise only', async () => {
    const ent = await app.userWithRole(Role.ENTERPRISE);
    const rejected = await app.userWithRole(Role.ENTERPRISE);
    const apply = async (s: Session) => (await app.http.post(`/api/v1/enterprises/${s.organizationId}/green-identifications`).set(s.auth).send({ statement: '本企业从事港口岸电与绿色交通设施运营，申请认定为绿色企业。' }).expect(201)).body;
    const a = await apply(ent);
    const b = await apply(rejected);
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const nextYear = `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`;
    await app.http.post(`/api/v1/green-identifications/${a.id}/decision`).set(admin.auth).send({ decision: 'APPROVE', validFrom: today, validUntil: nextYear, note: '符合条件' }).expect(200);
    await app.http.post(`/api/v1/green-identifications/${b.id}/decision`).set(admin.auth).send({ decision: 'REJECT', note: '主营业务不属于绿色产业目录' }).expect(200);

    const [l] = await arrives(ent.user.id, NotificationType.LIBRARY_LISTED, 'identification approved');
    expect(l.title).toMatch(/^企业已入库：/);
    const [r] = await arrives(rejected.user.id, NotificationType.LIBRARY_RETURNED, 'identification rejected');
    expect(r.body).toContain('退回原因：主营业务不属于绿色产业目录');
    await settled();
    expect(await inbox(ent.user.id, NotificationType.LIBRARY_RETURNED)).toHaveLength(0);
    expect(await inbox(rejected.user.id, NotificationType.LIBRARY_LISTED)).toHaveLength(0);
  });

  it('matching: new needs fitting a bank’s product make ONE batched notice listing them, to that bank only', async () => {
    const g = await greenEnterprise(app);
    const fitting = await app.userWithRole(Role.BANK);
    await publishedProduct(app, fitting);
    const unfit = await app.userWithRole(Role.BANK);
    await publishedProduct(app, unfit, { categoryRules: [{ version: 'GIC-2019', prefix: '1.1' }] });
    const notShared = await app.userWithRole(Role.BANK);
    await publishedProduct(app, notShared);

    // Start at the beginning of a batch window (windows are aligned to the clock), so that the three
    // needs fall into one window; the notice goes out when it ends.
    const left = BATCH_WINDOW_MS - (Date.now() % BATCH_WINDOW_MS);
    if (left < BATCH_WINDOW_MS - 500) await new Promise((r) => setTimeout(r, left + 50));
    const needs = [];
    for (const amount of ['800.00', '1200.00', '2600.00']) needs.push(await openNeed(app, g, { amount, sharing: 'SELECTED_BANKS', bankOrgIds: [fitting.organizationId, unfit.organizationId] }));

    const [notice] = await arrives(fitting.user.id, NotificationType.MATCHING_NEEDS, 'batched matching notice');
    expect(notice.title).toBe('有 3 条新的融资需求符合贵行产品');
    expect(notice.body).toMatch(/1\. .*800 万元/);
    expect(notice.body).toMatch(/3\. .*2600 万元/);
    await new Promise((r) => setTimeout(r, 1500));
    await settled();
    expect(await inbox(fitting.user.id, NotificationType.MATCHING_NEEDS)).toHaveLength(1);
    // A product of another category does not fit; a bank the needs are not shared with may not see them.
    expect(await inbox(unfit.user.id, NotificationType.MATCHING_NEEDS)).toHaveLength(0);
    expect(await inbox(notShared.user.id, NotificationType.MATCHING_NEEDS)).toHaveLength(0);
    expect(await inbox(g.enterprise.user.id, NotificationType.MATCHING_NEEDS)).toHaveLength(0);
    // Editing a need does not tell the bank again.
    const need = (await app.http.get(`/api/v1/financing-needs/${needs[0].id}`).set(g.enterprise.auth)).body;
    await app.http.patch(`/api/v1/financing-needs/${needs[0].id}`).set(g.enterprise.auth).send({ version: need.version, purpose: '岸电电源改造（修改用途说明）' }).expect(200);
    const [{ n }] = await app.dataSource.query(`SELECT count(*)::int AS n FROM notification_batch_items WHERE batch_key = $1`, [`matching.bank.${fitting.organizationId}`]);
    expect(n).toBe(3);
  });

  it('financing needs: the "about to expire" reminder is scheduled, moved with the wanted-by date, and cancelled on withdrawal', async () => {
    const g = await greenEnterprise(app);
    const day = (d: number) => new Date(Date.now() + 8 * 3600_000 + d * DAY).toISOString().slice(0, 10);
    const need = await openNeed(app, g, { wantedBy: day(20) });
    const key = needExpiringReminderKey(need.id);
    const r1 = await reminder(key);
    expect(r1).toMatchObject({ status: 'SCHEDULED', recipients: { organizations: [g.enterprise.organizationId] } });
    expect(new Date(r1.at).getTime()).toBe(needExpiringAt(day(20)).getTime());
    await waitFor(() => job(key, r1.version), 20_000, 'reminder job');

    const fresh = (await app.http.get(`/api/v1/financing-needs/${need.id}`).set(g.enterprise.auth)).body;
    await app.http.patch(`/api/v1/financing-needs/${need.id}`).set(g.enterprise.auth).send({ version: fresh.version, wantedBy: day(30) }).expect(200);
    const r2 = await reminder(key);
    expect(r2.version).toBe(r1.version + 1);
    expect(new Date(r2.at).getTime()).toBe(needExpiringAt(day(30)).getTime());
    const moved = await waitFor(() => job(key, r2.version), 20_000, 'moved job');
    expect(Math.abs(moved.timestamp + (moved.opts.delay ?? 0) - needExpiringAt(day(30)).getTime())).toBeLessThan(2000);
    await waitFor(async () => (await job(key, r1.version)) === undefined, 20_000, 'old job removed');

    // When it fires it goes to the enterprise (the time brought forward here), and only while the need is open.
    await app.dataSource.query(`UPDATE notification_reminders SET at = now() WHERE key = $1`, [key]);
    expect(await worker.schedules.fireReminder(key, r2.version)).toBe('fired');
    const [notice] = await arrives(g.enterprise.user.id, NotificationType.NEED_EXPIRING, 'need expiring notice');
    expect(notice.body).toContain(day(30));

    const other = await openNeed(app, g, { wantedBy: day(20) });
    const otherKey = needExpiringReminderKey(other.id);
    const v = (await reminder(otherKey)).version;
    await waitFor(() => job(otherKey, v), 20_000, 'second reminder job');
    await app.http.post(`/api/v1/financing-needs/${other.id}/withdraw`).set(g.enterprise.auth).send({}).expect((res) => expect([200, 201]).toContain(res.status));
    expect((await reminder(otherKey)).status).toBe('CANCELLED');
    await waitFor(async () => (await job(otherKey, v)) === undefined, 20_000, 'cancelled job removed');
  });

  it('cases: the deadline reminder follows the working-day due date (moved on accept, gone when the case moves on); a greenwashing warning reaches the bureau only', async () => {
    const g = await greenEnterprise(app);
    const bank = await app.userWithRole(Role.BANK);
    const product = await publishedProduct(app, bank);
    const need = await openNeed(app, g, { amount: '600.00' });
    const applied = (await app.http.post('/api/v1/cases/apply').set(g.enterprise.auth).send({ needId: need.id, productId: product.id }).expect(201)).body;
    const key = caseDeadlineReminderKey(applied.id);
    const r1 = await reminder(key);
    expect(r1).toMatchObject({ status: 'SCHEDULED', recipients: { organizations: [bank.organizationId] } });
    expect(new Date(r1.at).toISOString()).toBe(new Date(`${applied.dueOn}T09:00:00+08:00`).toISOString());
    await waitFor(() => job(key, r1.version), 20_000, 'deadline job');

    const t = (body: object) => app.http.post(`/api/v1/cases/${applied.id}/transitions`).set(bank.auth).send(body).expect(200);
    const accepted = (await t({ to: 'ACCEPTED' })).body;
    expect(accepted.dueOn).not.toBe(applied.dueOn);
    const r2 = await reminder(key);
    expect(r2.version).toBe(r1.version + 1);
    expect(new Date(r2.at).toISOString()).toBe(new Date(`${accepted.dueOn}T09:00:00+08:00`).toISOString());
    await waitFor(() => job(key, r2.version), 20_000, 'moved deadline job');
    await waitFor(async () => (await job(key, r1.version)) === undefined, 20_000, 'old deadline job removed');

    // First contact made: no deadline runs any more, the reminder disappears.
    await t({ to: 'IN_CONTACT' });
    expect((await reminder(key)).status).toBe('CANCELLED');
    await waitFor(async () => (await job(key, r2.version)) === undefined, 20_000, 'deadline job removed');

    // A deadline reminder that fires goes to the bank, not the enterprise.
    const need2 = await openNeed(app, g, { amount: '700.00' });
    const c2 = (await app.http.post('/api/v1/cases/apply').set(g.enterprise.auth).send({ needId: need2.id, productId: product.id }).expect(201)).body;
    const key2 = caseDeadlineReminderKey(c2.id);
    await app.dataSource.query(`UPDATE notification_reminders SET at = now() WHERE key = $1`, [key2]);
    expect(await worker.schedules.fireReminder(key2, (await reminder(key2)).version)).toBe('fired');
    const [approaching] = await arrives(bank.user.id, NotificationType.CASE_DEADLINE_APPROACHING, 'deadline approaching');
    expect(approaching.body).toContain(c2.dueOn);


    // Funds used other than agreed: a greenwashing warning for the bureau only.
    for (const body of [{ to: 'UNDER_REVIEW' }, { to: 'APPROVED', approvedAmount: '500.00', ratePercent: '3.30', termMonths: 36 }, { to: 'DISBURSED', amount: '200.00' }]) await t(body);
    await app.http.post(`/api/v1/cases/${applied.id}/fund-use-checks`).set(bank.auth).send({ checkedOn: '2026-09-30', result: 'DEVIATION', detail: '部分资金用于偿还非绿色项目贷款' }).expect((res) => expect([200, 201]).toContain(res.status));
    const warnings = await waitFor(async () => {
      const rows = (await inbox(admin.user.id, NotificationType.GREENWASHING_WARNING)).filter((n) => n.body.includes('部分资金用于偿还非绿色项目贷款'));
      return rows.length ? rows : null;
    }, 30_000, 'greenwashing warning');
    expect(warnings[0].title).toMatch(/^洗绿预警：/);
    await settled();
    expect(await inbox(bank.user.id, NotificationType.GREENWASHING_WARNING)).toHaveLength(0);
    expect(await inbox(g.enterprise.user.id, NotificationType.GREENWASHING_WARNING)).toHaveLength(0);
    expect(await inbox(g.enterprise.user.id, NotificationType.CASE_DEADLINE_APPROACHING)).toHaveLength(0);
  });

  it('cases: the note typed with an application reaches the bank, a decline reason and a credit approval’s terms reach the enterprise; the audit log keeps them', async () => {
    const g = await greenEnterprise(app);
    const bank = await app.userWithRole(Role.BANK);
    const product = await publishedProduct(app, bank);
    const need = await openNeed(app, g, { amount: '800.00' });
    const need2 = await openNeed(app, g, { amount: '900.00' });
    const status = async (userId: string, text: string) =>
      waitFor(async () => (await inbox(userId, NotificationType.CASE_STATUS_CHANGED)).find((n) => n.body.includes(text)), 30_000, `notice with ${text}`);

    const applied = (await app.http.post('/api/v1/cases/apply').set(g.enterprise.auth).send({ needId: need.id, productId: product.id, comment: '项目已取得环评批复，希望尽快面谈' }).expect(201)).body;
    const toBank = await status(bank.user.id, '附言：项目已取得环评批复，希望尽快面谈');
    expect(toBank.link).toBe(`/cases/${applied.id}`);
    const [created] = await app.dataSource.query(`SELECT after FROM audit_log WHERE action = 'case.create' AND entity_id = $1`, [applied.id]);
    expect(created.after.note).toBe('项目已取得环评批复，希望尽快面谈');

    const c2 = (await app.http.post('/api/v1/cases/apply').set(g.enterprise.auth).send({ needId: need2.id, productId: product.id }).expect(201)).body;
    await app.http.post(`/api/v1/cases/${c2.id}/transitions`).set(bank.auth).send({ to: 'DECLINED', reasonCode: 'COLLATERAL', reasonText: '应收账款质押不足', comment: '可补充保证担保后再申请' }).expect(200);
    const declined = await status(g.enterprise.user.id, '婉拒原因：担保条件不足（应收账款质押不足）');
    expect(declined.body).toContain('附言：可补充保证担保后再申请');
    const [audit] = await app.dataSource.query(`SELECT after FROM audit_log WHERE action = 'case.declined' AND entity_id = $1`, [c2.id]);
    expect(audit.after).toMatchObject({ reasonCode: 'COLLATERAL', reasonText: '应收账款质押不足', comment: '可补充保证担保后再申请' });

    const t = (body: object) => app.http.post(`/api/v1/cases/${applied.id}/transitions`).set(bank.auth).send(body).expect(200);
    for (const body of [{ to: 'ACCEPTED' }, { to: 'IN_CONTACT' }, { to: 'UNDER_REVIEW' }]) await t(body);
    await t({ to: 'APPROVED', approvedAmount: '750.00', ratePercent: '3.20', termMonths: 60, comment: '请于两周内签署借款合同' });
    const approved = await status(g.enterprise.user.id, '授信金额750.00万元，年利率3.20%，期限60个月');
    expect(approved.body).toContain('附言：请于两周内签署借款合同');
  });

  it('events: invitees get the invitation; a rescheduled event moves its reminders, which fire once at the new time; cancelling removes them', async () => {
    const invited = await app.userWithRole(Role.BANK);
    const outsider = await app.userWithRole(Role.BANK);
    // The day-before reminder is due a few seconds from now.
    const startsAt = new Date(Date.now() + DAY + 4000);
    const created = await app.http
      .post('/api/v1/events')
      .set(admin.auth)
      .send({ type: 'MATCHMAKING', title: `绿色金融银企对接会${uniq()}`, startsAt: startsAt.toISOString(), venue: '湛江市金融工作局三楼会议室', invitedOrganizationIds: [invited.organizationId] })
      .expect(201);
    expect(created.body.invitedOrganizationIds).toEqual([invited.organizationId]);
    // A draft tells nobody and has no reminders; publishing sends the invitation and schedules them.
    expect(created.body.status).toBe('DRAFT');
    expect(await reminder(`event.${created.body.id}.day-before`)).toBeUndefined();
    const published = await app.http.post(`/api/v1/events/${created.body.id}/publish`).set(admin.auth).send({ version: created.body.version }).expect(200);
    const [inv] = await arrives(invited.user.id, NotificationType.EVENT_INVITATION, 'invitation');
    expect(inv.title).toBe(`对接会邀请：${created.body.title}`);

    const dayKey = `event.${created.body.id}.day-before`;
    const hourKey = `event.${created.body.id}.hour-before`;
    const d1 = await reminder(dayKey);
    const h1 = await reminder(hourKey);
    expect(new Date(d1.at).getTime()).toBe(startsAt.getTime() - DAY);
    expect(new Date(h1.at).getTime()).toBe(startsAt.getTime() - 3600_000);
    await waitFor(() => job(dayKey, d1.version), 20_000, 'day-before job');

    // Rescheduled 8 s later: both reminders move (new versions, jobs at the new times, old jobs gone).
    const later = new Date(startsAt.getTime() + 8000);
    await app.http.patch(`/api/v1/events/${created.body.id}`).set(admin.auth).send({ version: published.body.version, startsAt: later.toISOString() }).expect(200);
    const d2 = await reminder(dayKey);
    const h2 = await reminder(hourKey);
    expect([d2.version, h2.version]).toEqual([d1.version + 1, h1.version + 1]);
    expect(new Date(d2.at).getTime()).toBe(later.getTime() - DAY);
    expect(new Date(h2.at).getTime()).toBe(later.getTime() - 3600_000);
    const movedDay = await waitFor(() => job(dayKey, d2.version), 20_000, 'moved day-before job');
    expect(Math.abs(movedDay.timestamp + (movedDay.opts.delay ?? 0) - (later.getTime() - DAY))).toBeLessThan(1500);
    await waitFor(() => job(hourKey, h2.version), 20_000, 'moved hour-before job');
    expect(await job(dayKey, d1.version)).toBeUndefined();
    expect(await job(hourKey, h1.version)).toBeUndefined();

    // The old time passes: nothing. The new time: one reminder, to the invitee only.
    await new Promise((r) => setTimeout(r, Math.max(0, startsAt.getTime() - DAY - Date.now()) + 1500));
    expect(await inbox(invited.user.id, NotificationType.EVENT_REMINDER)).toHaveLength(0);
    const [rem] = await arrives(invited.user.id, NotificationType.EVENT_REMINDER, 'day-before reminder at the new time');
    expect(rem.title).toBe(`明天开始：${created.body.title}`);
    expect((await reminder(dayKey)).status).toBe('FIRED');
    await new Promise((r) => setTimeout(r, 1500));
    await settled();
    expect(await inbox(invited.user.id, NotificationType.EVENT_REMINDER)).toHaveLength(1);
    expect(await inbox(outsider.user.id, NotificationType.EVENT_REMINDER)).toHaveLength(0);
    expect(await inbox(outsider.user.id, NotificationType.EVENT_INVITATION)).toHaveLength(0);

    // Cancelling removes what is left (the hour-before reminder).
    const current = (await app.http.get(`/api/v1/events/${created.body.id}`).set(admin.auth)).body;
    await app.http.post(`/api/v1/events/${created.body.id}/status`).set(admin.auth).send({ version: current.version, status: 'CANCELLED', note: '因台风延期' }).expect((res) => expect([200, 201]).toContain(res.status));
    expect((await reminder(hourKey)).status).toBe('CANCELLED');
    await waitFor(async () => (await job(hourKey, h2.version)) === undefined, 20_000, 'hour-before job removed');
    // Inviting another organisation later: only the newcomer gets an invitation.
    const draft2 = (await app.http.post('/api/v1/events').set(admin.auth).send({ type: 'SHOWCASE', title: `绿色金融产品推介会${uniq()}`, startsAt: new Date(Date.now() + 10 * DAY).toISOString(), venue: '湛江市民大厦', invitedOrganizationIds: [invited.organizationId] }).expect(201)).body;
    const ev2 = (await app.http.post(`/api/v1/events/${draft2.id}/publish`).set(admin.auth).send({ version: draft2.version }).expect(200)).body;
    await app.http.patch(`/api/v1/events/${ev2.id}`).set(admin.auth).send({ version: ev2.version, invitedOrganizationIds: [invited.organizationId, outsider.organizationId] }).expect(200);
    await arrives(outsider.user.id, NotificationType.EVENT_INVITATION, 'newcomer invitation');
    await arrives(invited.user.id, NotificationType.EVENT_INVITATION, 'second invitation', 2);
    await settled();
    expect(await inbox(invited.user.id, NotificationType.EVENT_INVITATION)).toHaveLength(2);
    expect((await reminder(`event.${ev2.id}.day-before`)).recipients).toEqual({ organizations: [invited.organizationId, outsider.organizationId] });
    const bad = await app.http.post('/api/v1/events').set(admin.auth).send({ type: 'SHOWCASE', title: '推介会', startsAt: new Date(Date.now() + DAY).toISOString(), venue: '湛江', invitedOrganizationIds: ['00000000-0000-4000-8000-000000000000'] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('EVENT_INVITEE_INVALID');
  }, 90_000);

  it('plan reports: a cooperating unit’s submission reaches the lead, a lead’s the bureau; a return reaches the unit with the comment', async () => {
    const period = await createPeriod(app, admin, new Date(Date.now() + 10 * DAY));
    // Task 17: 金融监管分局 leads, 人民银行 cooperates.
    const nfra = await unitUser(app, 'nfra-zhanjiang');
    const pbc = await unitUser(app, 'pbc-zhanjiang');
    const transport = await departmentUser(app, 'transport');
    const t17 = await taskByNumber(app, nfra, 17);
    const put = (s: Session, body: object) => app.http.put(`/api/v1/plan/periods/${period.id}/tasks/${t17.id}/report`).set(s.auth).send(body).expect(200);
    const post = (s: Session, path: string, body: object) => app.http.post(`/api/v1/plan/reports/${path}`).set(s.auth).send(body).expect(201);
    const mine = async (userId: string, type: NotificationType) => (await inbox(userId, type)).filter((n) => n.link?.includes(period.id));

    const draft = (await put(pbc, { summary: '人行配合情况', items: itemsFor(t17, 'ON_TRACK', '督导金融机构开展贷后资金用途检查', 40) })).body;
    const sent = (await post(pbc, `${draft.id}/submit`, { version: draft.version })).body;
    await waitFor(async () => (await mine(nfra.user.id, NotificationType.PLAN_REPORT_SUBMITTED)).length === 1, 30_000, 'submitted notice to the lead');
    const [toLead] = await mine(nfra.user.id, NotificationType.PLAN_REPORT_SUBMITTED);
    expect(toLead.body).toContain('中国人民银行');
    await post(nfra, `${draft.id}/return`, { version: sent.version, comment: '请补充检查发现的问题' });
    await waitFor(async () => (await mine(pbc.user.id, NotificationType.PLAN_REPORT_RETURNED)).length === 1, 30_000, 'returned notice to the unit');
    const [back] = await mine(pbc.user.id, NotificationType.PLAN_REPORT_RETURNED);
    expect(back.body).toContain('退回意见：请补充检查发现的问题');

    const leadDraft = (await put(nfra, { summary: '汇总', items: itemsFor(t17, 'DONE', '已指导辖内银行开展贷后检查', 100) })).body;
    await post(nfra, `${leadDraft.id}/submit`, { version: leadDraft.version });
    await waitFor(async () => (await mine(admin.user.id, NotificationType.PLAN_REPORT_SUBMITTED)).length === 1, 30_000, 'submitted notice to the bureau');
    await settled();
    // Nobody else: the cooperating unit is not told of its own or the lead's submission; an unrelated department hears nothing.
    expect(await mine(pbc.user.id, NotificationType.PLAN_REPORT_SUBMITTED)).toHaveLength(0);
    expect(await mine(nfra.user.id, NotificationType.PLAN_REPORT_RETURNED)).toHaveLength(0);
    expect(await mine(transport.user.id, NotificationType.PLAN_REPORT_SUBMITTED)).toHaveLength(0);
    expect(await mine(admin.user.id, NotificationType.PLAN_REPORT_SUBMITTED)).toHaveLength(1);
  });
});
