import { EventAgendaItem, EventDetailView, EventType, MeetingPriority, MeetingView, NotificationType, RegistrationView } from '@zj/shared';
import { uniq } from './library-factories';
import type { Session, TestApp } from './test-app';

const DAY = 24 * 3600_000;

/** What a test may say about a new event; anything left out takes the default named. */
export interface EventOptions {
  /** Publish it (报名中) right after creating it; `false` leaves a draft. Default true. */
  publish?: boolean;
  /** Starts this many milliseconds from now (negative: already started); default 10 days. `startsAt` sets the time outright. */
  startsIn?: number;
  startsAt?: string;
  endsAt?: string;
  /** Default 湛江绿色金融银企对接会 with a unique suffix. */
  title?: string;
  /** Default 湛江市民大厦三楼会议室. */
  venue?: string;
  /** Default MATCHMAKING (a 对接会). */
  type?: `${EventType}`;
  description?: string;
  onlineLink?: string;
  capacity?: number;
  registrationDeadline?: string;
  requiresApproval?: boolean;
  isPublic?: boolean;
  coOrganizerOrgIds?: string[];
  agenda?: EventAgendaItem[];
  invitedOrganizationIds?: string[];
}

/** A 对接会 the bureau creates and (unless `publish: false`) publishes; answers the event as the bureau reads it after the last step. */
export async function matchmakingEvent(app: TestApp, bureau: Session, o: EventOptions = {}): Promise<EventDetailView> {
  const { publish = true, startsIn = 10 * DAY, ...fields } = o;
  const given = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  const created = await app.http
    .post('/api/v1/events')
    .set(bureau.auth)
    .send({ type: 'MATCHMAKING', title: `湛江绿色金融银企对接会${uniq()}`, startsAt: new Date(Date.now() + startsIn).toISOString(), venue: '湛江市民大厦三楼会议室', ...given });
  if (created.status !== 201) throw new Error(`create event failed: ${created.status} ${JSON.stringify(created.body)}`);
  if (!publish) return created.body;
  const published = await app.http.post(`/api/v1/events/${created.body.id}/publish`).set(bureau.auth).send({ version: created.body.version });
  if (published.status !== 200) throw new Error(`publish event failed: ${published.status} ${JSON.stringify(published.body)}`);
  return published.body;
}

/** The event as `s` reads it (GET /events/:id). */
export async function readEvent(app: TestApp, s: Session, eventId: string): Promise<EventDetailView> {
  const res = await app.http.get(`/api/v1/events/${eventId}`).set(s.auth);
  if (res.status !== 200) throw new Error(`read event failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** `s` registers (its own organisation, or another one as the bureau) for the event: the raw answer, for tests of refusals. */
export function register(app: TestApp, s: Session, eventId: string, body: Record<string, unknown> = {}) {
  return app.http.post(`/api/v1/events/${eventId}/registrations`).set(s.auth).send(body);
}

/** `s` registers for the event (banks say their `desks`, enterprises may name `needIds`); answers the registration (with its check-in code), whatever its status. */
export async function registered(app: TestApp, s: Session, eventId: string, body: Record<string, unknown> = {}): Promise<RegistrationView> {
  const res = await register(app, s, eventId, body);
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** The bureau sets the event's slots (replacing any); answers their ids in the order given. */
export async function defineSlots(app: TestApp, bureau: Session, eventId: string, slots: { startsAt: Date | string; endsAt: Date | string }[]): Promise<string[]> {
  const iso = (t: Date | string) => new Date(t).toISOString();
  const res = await app.http
    .put(`/api/v1/events/${eventId}/slots`)
    .set(bureau.auth)
    .send({ slots: slots.map((s) => ({ startsAt: iso(s.startsAt), endsAt: iso(s.endsAt) })) });
  if (res.status !== 200) throw new Error(`define slots failed: ${res.status} ${JSON.stringify(res.body)}`);
  const views = res.body as { id: string; startsAt: string }[];
  return slots.map((s) => views.find((v) => Date.parse(v.startsAt) === new Date(s.startsAt).getTime())!.id);
}

/** A walk-in meeting the bureau adds between a registered enterprise and bank, in a free desk of the slot unless `desk` names one. */
export async function walkIn(app: TestApp, bureau: Session, eventId: string, o: { enterprise: Session; bank: Session; slotId: string; desk?: number; needId?: string }): Promise<MeetingView> {
  const res = await app.http
    .post(`/api/v1/events/${eventId}/meetings`)
    .set(bureau.auth)
    .send({ enterpriseOrganizationId: o.enterprise.organizationId, bankOrganizationId: o.bank.organizationId, slotId: o.slotId, desk: o.desk, needId: o.needId });
  if (res.status !== 201) throw new Error(`walk-in failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** `requester` asks `target` (both registered, on either side) for a 1:1 meeting and the target accepts; answers the request's id. */
export async function acceptedRequest(app: TestApp, requester: Session, eventId: string, target: Session, priority: `${MeetingPriority}` = 'NICE'): Promise<string> {
  const asked = await app.http.post(`/api/v1/events/${eventId}/meeting-requests`).set(requester.auth).send({ targetOrganizationId: target.organizationId, priority });
  if (asked.status !== 201) throw new Error(`meeting request failed: ${asked.status} ${JSON.stringify(asked.body)}`);
  const accepted = await app.http.post(`/api/v1/events/${eventId}/meeting-requests/${asked.body.id}/accept`).set(target.auth).send({});
  if (accepted.status !== 200) throw new Error(`accept failed: ${accepted.status} ${JSON.stringify(accepted.body)}`);
  return asked.body.id;
}

/** An organisation's name, as `s` (e.g. the bureau) reads it. */
export async function orgName(app: TestApp, s: Session, orgId: string): Promise<string> {
  const res = await app.http.get(`/api/v1/organizations/${orgId}`).set(s.auth);
  if (res.status !== 200) throw new Error(`read organisation failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.name;
}

/**
 * The notices of a type written for an organisation (the outbox rows written with the change, so no
 * worker is needed; oldest first), about one event only when `eventId` is given (linking to its page
 * or below it).
 */
export async function notices(app: TestApp, type: `${NotificationType}`, orgId: string, eventId?: string): Promise<{ vars: Record<string, string>; link: string }[]> {
  const rows: { payload: { vars: Record<string, string>; link: string } }[] = await app.dataSource.query(
    `SELECT payload FROM notification_outbox
      WHERE kind = 'NOTIFY' AND type = $1 AND payload->'to'->'organizations' @> jsonb_build_array($2::text)
        AND ($3::text IS NULL OR payload->>'link' = $3 OR payload->>'link' LIKE $3 || '/%')
      ORDER BY created_at, id`,
    [type, orgId, eventId ? `/events/${eventId}` : null],
  );
  return rows.map((r) => r.payload);
}
