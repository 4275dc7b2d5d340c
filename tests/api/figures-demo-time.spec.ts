import { AuditService } from '../../apps/api/src/audit/audit.service';
import { seedPlanDemo } from '../../apps/api/src/plan/plan-demo';
import { startTestApp, TestApp } from '../support/test-app';

/** Rolls back whatever the callback wrote. */
class Rollback extends Error {}

/**
 * Issue 14: the demo data are consistent in time — nothing submitted, answered or disbursed in the
 * future, no report "submitted" on a future date and flagged 迟报, the library's needs dated before
 * the cases and the 对接会 registrations that took them up.
 */
describe('figures: the demo data in time', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { DEMO_DATA: 'true' } });
  });
  afterAll(() => app?.close());

  it('dates the plan demo’s reporting period so that every report was submitted, decided and flagged late before now, whatever the day of the month', async () => {
    const audit = app.platform.app.get(AuditService);
    // The 5th of a month, before the 10th when last month's reports fall due; and the 28th, after it.
    for (const nowIso of ['2025-03-05T02:00:00Z', '2025-03-28T02:00:00Z']) {
      const now = new Date(nowIso);
      await app.dataSource
        .transaction(async (m) => {
          await m.query(`DELETE FROM plan_reporting_periods WHERE is_demo`);
          await m.query(`DELETE FROM bank_loan_reports WHERE is_demo`);
          const loaded = await seedPlanDemo(m, audit, { demo: true, now });
          expect(loaded.join()).toContain('reporting period');
          const [period] = await m.query(`SELECT id, due_at, ends_on::text AS ends_on FROM plan_reporting_periods WHERE is_demo`);
          expect(period.due_at.getTime()).toBeLessThan(now.getTime());
          const reports: { status: string; first_submitted_at: Date | null; submitted_at: Date | null; decided_at: Date | null }[] = await m.query(
            `SELECT status, first_submitted_at, submitted_at, decided_at FROM plan_reports WHERE period_id = $1`,
            [period.id],
          );
          expect(reports.length).toBe(7);
          for (const r of reports) for (const at of [r.first_submitted_at, r.submitted_at, r.decided_at]) if (at) expect(at.getTime()).toBeLessThanOrEqual(now.getTime());
          const [{ future }] = await m.query(
            `SELECT count(*)::int AS future FROM plan_report_events e JOIN plan_reports r ON r.id = e.report_id WHERE r.period_id = $1 AND e.at > $2`,
            [period.id, now],
          );
          expect(future).toBe(0);
          // The late report (迟报) was submitted after the due time, and before now.
          const late = reports.filter((r) => r.first_submitted_at && r.first_submitted_at > period.due_at);
          expect(late.length).toBe(1);
          // Decisions follow submissions.
          for (const r of reports) if (r.decided_at) expect(r.decided_at.getTime()).toBeGreaterThan(r.submitted_at!.getTime());
          // The banks' monthly reports are of months before now.
          const [{ months }] = await m.query(`SELECT count(*)::int AS months FROM bank_loan_reports WHERE is_demo AND month >= date_trunc('month', $1::timestamptz AT TIME ZONE 'Asia/Shanghai')`, [now]);
          expect(months).toBe(0);
          throw new Rollback();
        })
        .catch((e) => {
          if (!(e instanceof Rollback)) throw e;
        });
    }
  });

  it('dates the library’s demo needs after their projects were created and before the cases, registrations and meetings that took them up', async () => {
    const [bad] = await app.dataSource.query(
      `SELECT
         (SELECT count(*)::int FROM financing_needs n WHERE n.is_demo AND (n.created_at > now() OR n.status_changed_at < n.created_at OR n.sharing_consented_at < n.created_at OR n.sharing_consented_at > now())) AS needs,
         (SELECT count(*)::int FROM financing_needs n JOIN project_review_events e ON e.project_id = n.project_id
           WHERE n.is_demo AND e.action = 'CREATE' AND e.at > n.created_at) AS before_project,
         (SELECT count(*)::int FROM financing_needs n JOIN projects p ON p.id = n.project_id WHERE n.is_demo AND p.created_at > n.created_at) AS projects,
         (SELECT count(*)::int FROM matchmaking_cases c JOIN financing_needs n ON n.id = c.need_id JOIN projects p ON p.id = n.project_id
           WHERE n.is_demo AND (p.listed_at IS NULL OR p.listed_at > c.created_at) AND p.status = 'LISTED') AS listed,
         (SELECT count(*)::int FROM matchmaking_cases c JOIN financing_needs n ON n.id = c.need_id WHERE n.is_demo AND c.created_at < n.created_at) AS cases,
         (SELECT count(*)::int FROM matchmaking_cases c JOIN financing_needs n ON n.id = c.need_id
           WHERE n.is_demo AND n.sharing = 'ALL_BANKS' AND c.origin IN ('CLAIM','PUSH') AND c.created_at < n.sharing_consented_at) AS shared,
         (SELECT count(*)::int FROM event_registrations r JOIN financing_needs n ON n.id = ANY(r.need_ids) WHERE n.is_demo AND r.created_at < n.created_at) AS registrations,
         (SELECT count(*)::int FROM event_meeting_requests q JOIN financing_needs n ON n.id = q.need_id WHERE n.is_demo AND q.created_at < n.created_at) AS requests,
         (SELECT count(*)::int FROM project_review_events e JOIN projects p ON p.id = e.project_id WHERE p.is_demo AND e.at > now()) AS reviews`,
    );
    expect(bad).toEqual({ needs: 0, before_project: 0, projects: 0, listed: 0, cases: 0, shared: 0, registrations: 0, requests: 0, reviews: 0 });
    const [{ n }] = await app.dataSource.query(`SELECT count(*)::int AS n FROM matchmaking_cases c JOIN financing_needs x ON x.id = c.need_id WHERE x.is_demo`);
    expect(n).toBeGreaterThan(5);
  });
});
