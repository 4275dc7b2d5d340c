import { Role } from '@zj/shared';
import { greenEnterprise, openNeed, publishedProduct } from '../support/matchmaking-factories';
import { Session, startTestApp, TestApp } from '../support/test-app';

/** Requests fired truly at once, on the PostgreSQL server and on the embedded engine alike. */
const all = <T>(jobs: (() => Promise<T>)[]): Promise<T[]> => Promise.all(jobs.map((j) => j()));

describe('cases: concurrent claims and tranches', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { CASE_CLAIM_CAP: '3' } });
  });
  afterAll(() => app.close());

  it('10 banks claim one need at the same moment, 20 rounds: exactly 3 succeed each round', async () => {
    const g = await greenEnterprise(app);
    const banks: Session[] = [];
    for (let i = 0; i < 10; i++) banks.push(await app.userWithRole(Role.BANK));
    for (let round = 0; round < 20; round++) {
      const need = await openNeed(app, g, { amount: '500.00' });
      const results = await all(banks.map((b) => () => app.http.post('/api/v1/cases/claim').set(b.auth).send({ needId: need.id }).then((r) => r)));
      const statuses = results.map((r) => r.status);
      expect({ round, won: statuses.filter((s) => s === 201).length }).toEqual({ round, won: 3 });
      expect(statuses.filter((s) => s === 409).length).toBe(7);
      expect(results.filter((r) => r.status === 409).every((r) => r.body.error.code === 'CASE_CLAIM_CAP_REACHED')).toBe(true);
      const [{ n }] = await app.dataSource.query(`SELECT count(*)::int AS n FROM matchmaking_cases WHERE need_id = $1`, [need.id]);
      expect(n).toBe(3);
    }
  });

  it('a place frees up when a bank declines; the same bank cannot claim twice', async () => {
    const g = await greenEnterprise(app);
    const need = await openNeed(app, g, { amount: '500.00' });
    const banks: Session[] = [];
    for (let i = 0; i < 4; i++) banks.push(await app.userWithRole(Role.BANK));
    const product = await publishedProduct(app, banks[0]);
    const applied = await app.http.post('/api/v1/cases/apply').set(g.enterprise.auth).send({ needId: need.id, productId: product.id });
    expect(applied.status).toBe(201);
    expect((await app.http.post('/api/v1/cases/claim').set(banks[0].auth).send({ needId: need.id })).body.error.code).toBe('CASE_ALREADY_TAKEN_UP');
    expect((await app.http.post('/api/v1/cases/claim').set(banks[1].auth).send({ needId: need.id })).status).toBe(201);
    expect((await app.http.post('/api/v1/cases/claim').set(banks[2].auth).send({ needId: need.id })).status).toBe(201);
    expect((await app.http.post('/api/v1/cases/claim').set(banks[3].auth).send({ needId: need.id })).status).toBe(409);
    await app.http.post(`/api/v1/cases/${applied.body.id}/transitions`).set(banks[0].auth).send({ to: 'DECLINED', reasonCode: 'OUT_OF_SCOPE' });
    expect((await app.http.post('/api/v1/cases/claim').set(banks[3].auth).send({ needId: need.id })).status).toBe(201);
  });

  it('concurrent tranches never exceed the approved amount', async () => {
    const g = await greenEnterprise(app);
    const bank = await app.userWithRole(Role.BANK);
    for (let round = 0; round < 5; round++) {
      const need = await openNeed(app, g, { amount: '1000.00' });
      const claimed = await app.http.post('/api/v1/cases/claim').set(bank.auth).send({ needId: need.id });
      const id = claimed.body.id;
      for (const body of [{ to: 'IN_CONTACT' }, { to: 'UNDER_REVIEW' }, { to: 'APPROVED', approvedAmount: '1000.00', ratePercent: '3.30', termMonths: 36 }, { to: 'DISBURSED', amount: '100.00' }]) {
        expect((await app.http.post(`/api/v1/cases/${id}/transitions`).set(bank.auth).send(body)).status).toBe(200);
      }
      // 900 left; ten tranches of 150 at once: six fit, four must be refused.
      const results = await all(Array.from({ length: 10 }, () => () => app.http.post(`/api/v1/cases/${id}/tranches`).set(bank.auth).send({ amount: '150.00' }).then((r) => r)));
      expect(results.filter((r) => r.status === 201).length).toBe(6);
      expect(results.filter((r) => r.status === 409).every((r) => r.body.error.code === 'CASE_TRANCHE_EXCEEDS_APPROVAL')).toBe(true);
      const [row] = await app.dataSource.query(`SELECT disbursed_total, (SELECT sum(amount) FROM case_tranches WHERE case_id = $1) AS sum FROM matchmaking_cases WHERE id = $1`, [id]);
      expect(row.disbursed_total).toBe('1000.00');
      expect(row.sum).toBe('1000.00');
    }
  });
});
