import { Role } from '@zj/shared';
import type { MatchmakingStatistics } from '@zj/shared';
import { CaseStatisticsService, StatisticsPeriod } from '../../apps/api/src/cases/case-statistics.service';
import type { Actor } from '../../apps/api/src/common/auth/actor';
import { greenEnterprise, GreenEnterprise, openNeed, publishedProduct } from '../support/matchmaking-factories';
import { Session, startTestApp, TestApp } from '../support/test-app';

const HOUR = 3600_000;
/** A date in Zhanjiang, `days` from today. */
const zjDay = (days = 0) => new Date(Date.now() + 8 * HOUR + days * 24 * HOUR).toISOString().slice(0, 10);

/**
 * Issue 16: the pipeline's statistics are read from figures the database keeps as the cases change
 * (migration 1764313200000), not aggregated from every case on each request. Whatever happened to the
 * cases — applications, answers, approvals, tranches, referrals, claims, pushes, reassignments,
 * warnings, old rows, a project moved to another county, transitions at the same moment — the served
 * figures are the ones a computation from the rows gives now: for the city and for each bank, over all
 * time and over a period.
 */
describe('case statistics: kept figures equal a computation from the rows', () => {
  let app: TestApp;
  let bureau: Session;
  let regulator: Session;
  let bankA: Session;
  let bankB: Session;
  let bankC: Session;
  let products: Record<'A' | 'B' | 'C', { id: string }>;
  beforeAll(async () => {
    app = await startTestApp();
    bureau = await app.admin();
    regulator = await app.userWithRole(Role.REGULATOR);
    [bankA, bankB, bankC] = [await app.userWithRole(Role.BANK), await app.userWithRole(Role.BANK), await app.userWithRole(Role.BANK)];
    products = { A: await publishedProduct(app, bankA), B: await publishedProduct(app, bankB), C: await publishedProduct(app, bankC) };
  });
  afterAll(() => app?.close());

  const service = () => app.platform.app.get(CaseStatisticsService);
  const actorOf = (s: Session): Actor => ({ userId: s.user.id, email: s.user.email, role: s.user.role, organizationId: s.organizationId, organizationType: s.user.organization.type });
  const served = async (s: Session, q: StatisticsPeriod): Promise<MatchmakingStatistics> => {
    const res = await app.http.get('/api/v1/cases/statistics').query(q).set(s.auth);
    expect(res.status).toBe(200);
    return res.body;
  };
  /** The figures computed from the rows now, in one snapshot. */
  const recomputed = async (s: Session, q: StatisticsPeriod) =>
    JSON.parse(JSON.stringify(await app.dataSource.transaction('REPEATABLE READ', (m) => service().recompute(actorOf(s), q, m)))) as MatchmakingStatistics;
  /** Served and recomputed agree, for the city (bureau, regulator) and each bank, over all time and over periods. */
  const agree = async (step: string) => {
    const who = { bureau, regulator, bankA, bankB, bankC };
    for (const [name, s] of Object.entries(who)) {
      for (const q of [{}, { from: zjDay(), to: zjDay() }, { from: zjDay(-400) }, { to: zjDay(-1) }]) {
        expect({ step, name, q, figures: await served(s, q) }).toEqual({ step, name, q, figures: await recomputed(s, q) });
      }
    }
  };

  const post = async (s: Session, path: string, body: object, status = 200) => {
    const res = await app.http.post(`/api/v1${path}`).set(s.auth).send(body);
    if (res.status !== status) throw new Error(`${path} ${JSON.stringify(body)}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const move = (s: Session, caseId: string, body: object) => post(s, `/cases/${caseId}/transitions`, body);
  const apply = async (g: GreenEnterprise, bank: 'A' | 'B' | 'C', amount = '800.00') => {
    const need = await openNeed(app, g, { amount });
    return { needId: need.id, caseId: (await post(g.enterprise, '/cases/apply', { needId: need.id, productId: products[bank].id }, 201)).id as string };
  };
  const approve = async (bank: Session, caseId: string, approvedAmount: string) => {
    for (const body of [{ to: 'ACCEPTED' }, { to: 'IN_CONTACT' }, { to: 'UNDER_REVIEW' }, { to: 'APPROVED', approvedAmount, ratePercent: '3.30', termMonths: 36 }]) await move(bank, caseId, body);
  };

  it('after applications, answers, approvals, tranches, referrals, claims, pushes, reassignments, warnings and concurrent transitions', async () => {
    // Enterprises in three counties (霞山区, 雷州市, 麻章区).
    const g1 = await greenEnterprise(app);
    const g2 = await greenEnterprise(app, { divisionCode: '440882' });
    const g3 = await greenEnterprise(app, { divisionCode: '440811' });
    await agree('before any case of this file');

    // Applications to three banks.
    const c1 = await apply(g1, 'A');
    const c2 = await apply(g1, 'B');
    const c3 = await apply(g2, 'A', '1000.00');
    const c4 = await apply(g3, 'C');
    await agree('applied');

    // Answers: accepted, declined; one taken to a credit approval and disbursed in two tranches.
    await move(bankA, c1.caseId, { to: 'ACCEPTED' });
    await move(bankB, c2.caseId, { to: 'DECLINED', reasonCode: 'CAPACITY' });
    await approve(bankA, c3.caseId, '400.00');
    await move(bankA, c3.caseId, { to: 'DISBURSED', amount: '150.00', disbursedOn: zjDay() });
    await post(bankA, `/cases/${c3.caseId}/tranches`, { amount: '100.00' }, 201);
    await agree('answered, approved, disbursed');

    // The declined need is referred on to bank C, which approves and disburses it.
    const referred = (await post(g1.enterprise, `/cases/${c2.caseId}/refer`, { productId: products.C.id }, 201)).id as string;
    await approve(bankC, referred, '300.00');
    await move(bankC, referred, { to: 'DISBURSED', amount: '300.00' });
    // A bank claims a need (no response clock); the bureau pushes one to two banks; then reassigns a pending case.
    const claimedNeed = await openNeed(app, g2, { amount: '500.00' });
    await post(bankB, '/cases/claim', { needId: claimedNeed.id }, 201);
    const pushedNeed = await openNeed(app, g3, { amount: '500.00' });
    const pushed = (await post(bureau, '/cases/push', { needId: pushedNeed.id, bankOrgIds: [bankA.organizationId, bankB.organizationId] }, 201)).created as string[];
    expect(pushed).toHaveLength(2);
    await post(bureau, `/cases/${c4.caseId}/reassign`, { bankOrgId: bankB.organizationId, comment: '改派测试' });
    await agree('referred, claimed, pushed, reassigned');

    // A fund-use deviation raises a greenwashing warning; the bureau resolves it.
    await post(bankA, `/cases/${c3.caseId}/fund-use-checks`, { checkedOn: zjDay(), result: 'DEVIATION', detail: '部分资金用于非绿色用途' }, 201);
    await agree('warning open');
    const open = await app.http.get('/api/v1/cases/greenwashing-warnings').query({ status: 'OPEN' }).set(bureau.auth);
    const warning = (open.body.items as { id: string; caseId: string }[]).find((w) => w.caseId === c3.caseId)!;
    await post(bureau, `/cases/greenwashing-warnings/${warning.id}/resolve`, { note: '已核实整改' });
    await agree('warning resolved');

    // Rows as old data left them or as other modules change them: a tranche dated in the future (it
    // counts nowhere until its day), a pending case past its due date, a case opened 200 days ago, the
    // project of a case moved to another county, an enterprise moved to another county.
    await app.dataSource.query(`INSERT INTO case_tranches (case_id, amount, disbursed_on, note) VALUES ($1, '50.00', $2, '旧数据')`, [c3.caseId, zjDay(20)]);
    await app.dataSource.query(`INSERT INTO case_tranches (case_id, amount, disbursed_on, note) VALUES ($1, '100.00', $2, '旧数据')`, [c3.caseId, zjDay(45)]);
    await app.dataSource.query(`UPDATE matchmaking_cases SET disbursed_total = disbursed_total + 150 WHERE id = $1`, [c3.caseId]);
    await app.dataSource.query(`UPDATE matchmaking_cases SET due_on = $3 WHERE id = ANY($1::uuid[]) AND bank_org_id = $2`, [pushed, bankA.organizationId, zjDay(-2)]);
    await app.dataSource.query(`UPDATE matchmaking_cases SET created_at = now() - interval '200 days' WHERE id = $1`, [c1.caseId]);
    await app.dataSource.query(`UPDATE case_events SET at = now() - interval '30 hours' WHERE case_id = $1 AND from_state IS NULL`, [c3.caseId]);
    await app.dataSource.query(`UPDATE projects SET division_code = '440881' WHERE id = $1`, [g3.projectId]);
    await app.dataSource.query(`UPDATE organizations SET division_code = '440883' WHERE id = $1`, [g2.enterprise.organizationId]);
    await agree('old rows and other modules’ changes');
    const city = await served(bureau, {});
    expect(city.overTime.some((m) => m.month > zjDay().slice(0, 7))).toBe(false);
    expect(city.byBank.find((b) => b.bankOrgId === bankA.organizationId)).toMatchObject({ disbursedAmount: '250.00', overdue: 1 });

    // At the same moment: answers of the same bank's cases (the same kept rows), applications and a tranche.
    const batch = [await apply(g1, 'A'), await apply(g1, 'A'), await apply(g2, 'A'), await apply(g3, 'A'), await apply(g1, 'B'), await apply(g2, 'B')];
    const approved = await apply(g3, 'A', '900.00');
    await approve(bankA, approved.caseId, '600.00');
    await Promise.all([
      move(bankA, batch[0].caseId, { to: 'ACCEPTED' }),
      move(bankA, batch[1].caseId, { to: 'DECLINED', reasonCode: 'CAPACITY' }),
      move(bankA, batch[2].caseId, { to: 'ACCEPTED' }),
      move(bankA, batch[3].caseId, { to: 'DECLINED', reasonCode: 'CAPACITY' }),
      move(bankB, batch[4].caseId, { to: 'ACCEPTED' }),
      move(bankB, batch[5].caseId, { to: 'DECLINED', reasonCode: 'CAPACITY' }),
      move(bankA, approved.caseId, { to: 'DISBURSED', amount: '200.00' }),
      apply(g1, 'A'),
      apply(g2, 'A'),
      apply(g3, 'C'),
      // Transactions of several cases each, taking the same banks in opposite orders.
      openNeed(app, g3, { amount: '300.00' }).then((n) => post(bureau, '/cases/push', { needId: n.id, bankOrgIds: [bankA.organizationId, bankB.organizationId, bankC.organizationId] }, 201)),
      openNeed(app, g3, { amount: '300.00' }).then((n) => post(bureau, '/cases/push', { needId: n.id, bankOrgIds: [bankC.organizationId, bankB.organizationId, bankA.organizationId] }, 201)),
    ]);
    await agree('concurrent transitions');
    const mine = (await served(bankA, {})).byBank;
    expect(mine.map((b) => b.bankOrgId)).toEqual([bankA.organizationId]);
    expect(mine[0]).toMatchObject({ approvedAmount: '1000.00', disbursedAmount: '450.00' });

    // Kept change by change, or built again at once from the rows (as the migration and a TRUNCATE do): the same figures.
    const keptRows = async () => ({
      cells: await app.dataSource.query(
        `SELECT bank_org_id, area_key, category_key, cases, answered, accepted, approved_amount::numeric(20,2)::text, disbursed_amount::numeric(20,2)::text, open_warnings,
                referrals, referrals_approved, referrals_disbursed, referrals_disbursed_amount::numeric(20,2)::text
           FROM case_statistics_cells WHERE cases <> 0 ORDER BY 1, 2, 3`,
      ),
      dues: await app.dataSource.query(`SELECT bank_org_id, to_char(due_on, 'YYYY-MM-DD') AS due_on, open_cases FROM case_statistics_dues WHERE open_cases <> 0 ORDER BY 1, 2`),
      months: await app.dataSource.query(`SELECT bank_org_id, month, disbursed::numeric(20,2)::text FROM case_statistics_months WHERE disbursed <> 0 ORDER BY 1, 2`),
      medians: await app.dataSource.query(`SELECT bank_org_id, median_response_hours FROM case_statistics_banks WHERE median_response_hours IS NOT NULL ORDER BY 1`),
    });
    const stepByStep = await keptRows();
    expect(stepByStep.cells.length).toBeGreaterThan(0);
    await app.dataSource.query(`SELECT case_statistics_rebuild()`);
    expect(await keptRows()).toEqual(stepByStep);
    await agree('built again from the rows');
  });

  it('the statistics read the kept figures, not the cases; every table the computation reads keeps them current', async () => {
    const tablesRead = (run: (m: import('typeorm').EntityManager) => Promise<unknown>) =>
      app.dataSource.transaction(async (m) => {
        const scans = async () =>
          new Map(((await m.query(`SELECT relname, seq_scan + coalesce(idx_scan, 0) AS n FROM pg_stat_xact_user_tables`)) as { relname: string; n: string }[]).map((r) => [r.relname, Number(r.n)]));
        const start = await scans();
        await run(m);
        const end = await scans();
        return [...end].filter(([t, n]) => n > (start.get(t) ?? 0)).map(([t]) => t);
      });
    for (const actor of [actorOf(bureau), actorOf(bankA)]) {
      for (const q of [{}, { from: zjDay(-30), to: zjDay() }]) {
        const read = await tablesRead((m) => service().statistics(actor, q, m));
        expect(read).toEqual(expect.arrayContaining(['case_statistics_case_facts']));
        for (const source of ['matchmaking_cases', 'case_events', 'financing_needs', 'projects', 'greenwashing_warnings']) expect(read).not.toContain(source);
      }
    }
    // What the computation from the rows reads: a change to any of them refreshes the kept figures
    // (names are read at each request by both).
    const computed = await tablesRead((m) => service().recompute(actorOf(bureau), {}, m));
    const watched: { relname: string }[] = await app.dataSource.query(
      `SELECT DISTINCT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE t.tgname = c.relname || '_case_statistics_flush' AND t.tgdeferrable`,
    );
    expect(computed).toEqual(expect.arrayContaining(['matchmaking_cases', 'case_events', 'case_tranches', 'projects']));
    expect(computed.filter((t) => !watched.some((w) => w.relname === t)).sort()).toEqual(['taxonomy_categories']);
  });
});
