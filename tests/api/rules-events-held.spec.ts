import { matchmakingEvent } from '../support/event-factories';
import { Session, startTestApp, TestApp } from '../support/test-app';

const H = 3600_000;

/**
 * Issue 14: an event cannot be moved into the past (and then marked 已举办, raising the plan
 * indicator); marking it held asks for how it went — attendance and a note, both required — and only
 * once it started.
 */
describe('rules: an event is held only once it started, with how it went', () => {
  let app: TestApp;
  let bureau: Session;
  beforeAll(async () => {
    app = await startTestApp();
    bureau = await app.admin();
  });
  afterAll(() => app.close());

  const held = (id: string, body: object) => app.http.post(`/api/v1/events/${id}/status`).set(bureau.auth).send({ status: 'HELD', ...body });
  const fields = (body: { error: { details?: { field: string }[] } }) => (body.error.details ?? []).map((d) => d.field).sort();

  it('a future event cannot be moved into the past, so it cannot be marked held before its day', async () => {
    const e = await matchmakingEvent(app, bureau, { startsIn: 5 * 24 * H, type: 'SHOWCASE' });
    const moved = await app.http.patch(`/api/v1/events/${e.id}`).set(bureau.auth).send({ version: e.version, startsAt: new Date(Date.now() - 2 * H).toISOString() });
    expect(moved.status).toBe(400);
    expect(moved.body.error.details).toEqual([{ field: 'startsAt', messages: [expect.stringContaining('不能改到已经过去的时间')] }]);
    const early = await held(e.id, { version: e.version, attendanceCount: 40, note: '到场银行8家、企业30家' });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('EVENT_NOT_YET_STARTED');
    // Moving it later, or changing anything else, is fine.
    const later = await app.http.patch(`/api/v1/events/${e.id}`).set(bureau.auth).send({ version: e.version, startsAt: new Date(Date.now() + 6 * 24 * H).toISOString() });
    expect(later.status).toBe(200);
    const [row] = await app.dataSource.query(`SELECT status FROM events WHERE id = $1`, [e.id]);
    expect(row.status).toBe('PUBLISHED');
  });

  it('marking a started event held needs the attendance and a note; they are kept and shown', async () => {
    const e = await matchmakingEvent(app, bureau, { startsIn: -H });
    const bare = await held(e.id, { version: e.version });
    expect(bare.status).toBe(400);
    expect(fields(bare.body)).toEqual(['attendanceCount', 'note']);
    const noNote = await held(e.id, { version: e.version, attendanceCount: 52, note: '  ' });
    expect(fields(noNote.body)).toEqual(['note']);
    const zero = await held(e.id, { version: e.version, attendanceCount: 0, note: '无人到场' });
    expect(fields(zero.body)).toEqual(['attendanceCount']);
    const ok = await held(e.id, { version: e.version, attendanceCount: 52, note: '到场银行12家、企业40家，签约意向5份' });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ status: 'HELD', attendanceCount: 52, statusNote: '到场银行12家、企业40家，签约意向5份' });
    expect((await app.http.get(`/api/v1/events/${e.id}`).set(bureau.auth)).body).toMatchObject({ attendanceCount: 52 });
    // Cancelling still needs neither.
    const other = await matchmakingEvent(app, bureau, { startsIn: 3 * H });
    const cancelled = await app.http.post(`/api/v1/events/${other.id}/status`).set(bureau.auth).send({ version: other.version, status: 'CANCELLED', note: '台风' });
    expect(cancelled.status).toBe(201);
    expect(cancelled.body.attendanceCount).toBeNull();
  });
});
