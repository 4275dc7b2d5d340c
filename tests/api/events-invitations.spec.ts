import { OrgType, Role } from '@zj/shared';
import { matchmakingEvent, orgName, readEvent } from '../support/event-factories';
import { Session, startTestApp, TestApp } from '../support/test-app';

interface EventRead {
  id: string;
  version: number;
  invitedOrganizationIds: string[];
  invitees: { id: string; name: string; type: OrgType }[];
  inviteeCount: number;
  invitedMe: boolean;
}

/**
 * What the events API tells about invitations when read: the bureau sees every invited
 * organisation by name; another user sees only whether their own organisation is invited and how
 * many are, in the detail and in each list row (and can list only the events they are invited to).
 */
describe('events: invitees as each caller reads them', () => {
  let app: TestApp;
  let bureau: Session;
  let bank: Session;
  let enterprise: Session;
  let outsider: Session;
  let bankName: string;
  let enterpriseName: string;
  beforeAll(async () => {
    app = await startTestApp();
    bureau = await app.admin();
    bank = await app.userWithRole(Role.BANK);
    enterprise = await app.userWithRole(Role.ENTERPRISE);
    outsider = await app.userWithRole(Role.BANK);
    bankName = await orgName(app, bureau, bank.organizationId);
    enterpriseName = await orgName(app, bureau, enterprise.organizationId);
  });
  afterAll(() => app?.close());

  /** Every page of the list (the caller's view), as id → row. */
  const listed = async (s: Session, query: Record<string, string> = {}): Promise<Map<string, EventRead>> => {
    const rows = new Map<string, EventRead>();
    for (let page = 1; ; page++) {
      const res = await app.http.get('/api/v1/events').query({ ...query, page, pageSize: 100 }).set(s.auth);
      expect(res.status).toBe(200);
      for (const r of res.body.items as EventRead[]) rows.set(r.id, r);
      if (page * 100 >= res.body.total) return rows;
    }
  };

  it('the bureau sees the invitees by name; an invited organisation sees that it is invited; others only the count', async () => {
    const created = await matchmakingEvent(app, bureau, { invitedOrganizationIds: [bank.organizationId, enterprise.organizationId] });
    // The bureau's own answer names them (invited together, so in no particular order).
    expect(created.invitees).toHaveLength(2);
    expect(created.invitees).toEqual(
      expect.arrayContaining([
        { id: bank.organizationId, name: bankName, type: OrgType.FINANCIAL_INSTITUTION },
        { id: enterprise.organizationId, name: enterpriseName, type: OrgType.ENTERPRISE },
      ]),
    );
    expect(created.inviteeCount).toBe(2);
    expect(created.invitedMe).toBe(false);

    const asBureau = await readEvent(app, bureau, created.id);
    expect(asBureau.invitees.map((o) => o.name).sort()).toEqual([bankName, enterpriseName].sort());
    expect([...asBureau.invitedOrganizationIds].sort()).toEqual([bank.organizationId, enterprise.organizationId].sort());

    const asBank = await readEvent(app, bank, created.id);
    expect(asBank.invitedMe).toBe(true);
    expect(asBank.inviteeCount).toBe(2);
    // Its own organisation only: the other invitees are not disclosed.
    expect(asBank.invitees).toEqual([{ id: bank.organizationId, name: bankName, type: OrgType.FINANCIAL_INSTITUTION }]);
    expect(asBank.invitedOrganizationIds).toEqual([bank.organizationId]);

    const asOutsider = await readEvent(app, outsider, created.id);
    expect(asOutsider.invitedMe).toBe(false);
    expect(asOutsider.inviteeCount).toBe(2);
    expect(asOutsider.invitees).toEqual([]);
    expect(asOutsider.invitedOrganizationIds).toEqual([]);

    // Dropping the enterprise: it is no longer invited, and the count follows.
    const updated = await app.http.patch(`/api/v1/events/${created.id}`).set(bureau.auth).send({ version: created.version, invitedOrganizationIds: [bank.organizationId] });
    expect(updated.status).toBe(200);
    expect(updated.body.invitees.map((o: { id: string }) => o.id)).toEqual([bank.organizationId]);
    expect(updated.body.inviteeCount).toBe(1);
    const asEnterprise = await readEvent(app, enterprise, created.id);
    expect(asEnterprise.invitedMe).toBe(false);
    expect(asEnterprise.inviteeCount).toBe(1);
  });

  it('each list row carries the invitee count and whether the caller is invited; invited=true lists only the caller’s invitations', async () => {
    const invitedTo = await matchmakingEvent(app, bureau, { invitedOrganizationIds: [bank.organizationId, enterprise.organizationId] });
    const notInvitedTo = await matchmakingEvent(app, bureau, { invitedOrganizationIds: [enterprise.organizationId] });
    const nobody = await matchmakingEvent(app, bureau);

    const bankRows = await listed(bank);
    expect(bankRows.get(invitedTo.id)).toMatchObject({ inviteeCount: 2, invitedMe: true });
    expect(bankRows.get(notInvitedTo.id)).toMatchObject({ inviteeCount: 1, invitedMe: false });
    expect(bankRows.get(nobody.id)).toMatchObject({ inviteeCount: 0, invitedMe: false });
    // The list names no invitee.
    expect(bankRows.get(invitedTo.id)).not.toHaveProperty('invitees');

    const mine = await listed(bank, { invited: 'true' });
    expect(mine.has(invitedTo.id)).toBe(true);
    expect(mine.has(notInvitedTo.id)).toBe(false);
    expect(mine.has(nobody.id)).toBe(false);
    expect([...mine.values()].every((r) => r.invitedMe)).toBe(true);

    const notMine = await listed(bank, { invited: 'false' });
    expect(notMine.has(invitedTo.id)).toBe(false);
    expect(notMine.has(notInvitedTo.id)).toBe(true);
    expect(notMine.has(nobody.id)).toBe(true);

    const outsiderMine = await listed(outsider, { invited: 'true' });
    expect([invitedTo.id, notInvitedTo.id, nobody.id].some((id) => outsiderMine.has(id))).toBe(false);

    const bad = await app.http.get('/api/v1/events').query({ invited: 'maybe' }).set(bank.auth);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { field: string }) => d.field)).toContain('invited');
  });
});
