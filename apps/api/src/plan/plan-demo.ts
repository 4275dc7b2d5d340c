import { EntityManager } from 'typeorm';
import { AuditService } from '../audit';
import { zhanjiangDate } from '../common/time';
import { DEMO_BANKS } from '../demo';

/**
 * Demo data of plan tracking (DEMO_DATA): the demo banks' profiles and six months of green-loan
 * reports, and last month's reporting period with reports in various states. Invented, like all demo
 * data: the banks end with （演示）, and so does the period. (The demo events, one of them held and
 * counted by the events indicator, are the events module's: events/events-demo.ts.)
 * Everything is dated before `now` (the clock; the real one unless a test gives another): the
 * period is the latest monthly one whose reports fell due far enough back that the late one was
 * also submitted (see demoReportingPeriod). Runs once (after the demo banks exist); answers what it loaded.
 */
export async function seedPlanDemo(m: EntityManager, audit: AuditService, opts: { demo: boolean; now?: Date }): Promise<string[]> {
  if (!opts.demo) return [];
  if ((await m.query(`SELECT 1 FROM plan_reporting_periods WHERE is_demo LIMIT 1`)).length) return [];
  const done: string[] = [];
  const now = opts.now ?? new Date();
  const today = zhanjiangDate(now);
  const [y, mo] = today.split('-').map(Number);
  const monthsBack = (k: number) => {
    const d = new Date(Date.UTC(y, mo - 1 - k, 1));
    return d.toISOString().slice(0, 10);
  };

  // ---- bank profiles and monthly reports (万元; ratios rising towards 10%)
  const banks: { id: string; name: string; institution_kind: string }[] = await m.query(
    `SELECT id, name, institution_kind FROM organizations WHERE is_demo AND type = 'FINANCIAL_INSTITUTION' ORDER BY name`,
  );
  const totals: Record<string, string> = {
    '南海绿色银行湛江分行（演示）': '4860000',
    '港城发展银行湛江分行（演示）': '3215000',
    '蓝湾商业银行湛江分行（演示）': '2570000',
    '粤西实业银行湛江分行（演示）': '1930000',
    '红树湾农村商业银行（演示）': '1460000',
  };
  // Green share per bank in basis points, six months ago → last month.
  const shares: Record<string, number[]> = {
    '南海绿色银行湛江分行（演示）': [1180, 1195, 1210, 1226, 1240, 1262],
    '港城发展银行湛江分行（演示）': [905, 912, 926, 931, 948, 960],
    '蓝湾商业银行湛江分行（演示）': [1010, 1018, 1034, 1041, 1055, 1070],
    '粤西实业银行湛江分行（演示）': [520, 531, 540, 552, 566, 579],
    '红树湾农村商业银行（演示）': [760, 772, 790, 801, 815, 834],
  };
  for (const b of banks) {
    const spec = DEMO_BANKS.find((d) => d.name === b.name);
    if (!spec) continue;
    await m.query(
      `INSERT INTO bank_profiles (organization_id, has_green_finance_team, green_team_since, green_team_note, is_local_rural_commercial_bank,
         discloses_environmental_info, disclosure_year, disclosure_url, is_demo)
       VALUES ($1, $2, $3, $4, $5, $6, $7, NULL, true) ON CONFLICT (organization_id) DO NOTHING`,
      [
        b.id,
        spec.hasGreenFinanceTeam,
        spec.hasGreenFinanceTeam ? '2023-06-01' : null,
        spec.hasGreenFinanceTeam ? '绿色金融服务团队（演示）：公司部牵头，配专职产品经理' : null,
        spec.isLocalRuralCommercialBank,
        spec.disclosesEnvironmentalInfo,
        spec.disclosesEnvironmentalInfo ? 2023 : null,
      ],
    );
    const total = totals[b.name];
    if (!total || b.institution_kind !== 'BANK') continue;
    for (let k = 6; k >= 1; k--) {
      // Total loans grow about 0.4% a month; green = total × share (rounded to 0.01 万元 in SQL).
      await m.query(
        `INSERT INTO bank_loan_reports (bank_org_id, month, total_loan_balance, green_loan_balance, note, is_demo)
         VALUES ($1, $2, round($3::numeric * (1 + 0.004 * $4), 2), round(round($3::numeric * (1 + 0.004 * $4), 2) * $5 / 10000, 2), '演示数据', true)
         ON CONFLICT (bank_org_id, month) DO NOTHING`,
        [b.id, monthsBack(k), total, 6 - k, shares[b.name][6 - k]],
      );
    }
  }
  done.push(`bank profiles and green-loan reports: ${banks.length} institutions`);

  // ---- the latest monthly period whose reports are all in (due on the 10th of the next month, 18:00 Beijing time)
  const { start, end, due, submittedAt, lateAt } = demoReportingPeriod(now);
  const [py, pm] = start.split('-').map(Number);
  const [period] = await m.query(
    `INSERT INTO plan_reporting_periods (name, frequency, work_year, starts_on, ends_on, due_at, is_demo)
     VALUES ($1, 'MONTHLY', 2023, $2, $3, $4, true) ON CONFLICT (frequency, starts_on) DO NOTHING RETURNING id`,
    [`${py}年${pm}月（演示）`, start, end, due],
  );
  if (!period) return done;

  const unit = async (code: string) => (await m.query(`SELECT id, name FROM organizations WHERE unit_code = $1`, [code]))[0] as { id: string; name: string };
  const task = async (n: number) => (await m.query(`SELECT id FROM plan_tasks WHERE number = $1`, [n]))[0].id as string;
  const items = async (taskId: string) =>
    (await m.query(`SELECT i.id FROM plan_work_items i JOIN plan_key_works k ON k.id = i.key_work_id WHERE k.task_id = $1 AND i.year = 2023 AND i.archived_at IS NULL ORDER BY k.position, i.position`, [taskId])).map(
      (r: { id: string }) => r.id,
    ) as string[];

  async function report(o: {
    task: number;
    unit: string;
    role: 'lead' | 'cooperating' | 'joint';
    status: 'DRAFT' | 'SUBMITTED' | 'RETURNED' | 'CONSOLIDATED' | 'ACCEPTED';
    itemStatus: string;
    share: number;
    narrative: string;
    at?: Date;
    returnComment?: string;
  }) {
    const taskId = await task(o.task);
    const u = await unit(o.unit);
    const submitted = o.status !== 'DRAFT';
    const at = o.at ?? submittedAt;
    const [r] = await m.query(
      `INSERT INTO plan_reports (period_id, task_id, organization_id, role, addressee, status, summary, first_submitted_at, submitted_at, decided_at, return_comment, is_demo)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$8,$9,$10,true) RETURNING id`,
      [
        period.id,
        taskId,
        u.id,
        o.role,
        o.role === 'cooperating' ? 'LEAD' : 'BUREAU',
        o.status,
        `${u.name}${pm}月工作进展（演示）`,
        submitted ? at : null,
        o.status === 'ACCEPTED' || o.status === 'RETURNED' ? new Date(at.getTime() + 24 * 3600_000) : null,
        o.returnComment ?? null,
      ],
    );
    for (const id of await items(taskId)) {
      await m.query(`INSERT INTO plan_report_items (report_id, work_item_id, status, narrative, share_done) VALUES ($1,$2,$3,$4,$5)`, [r.id, id, o.itemStatus, o.narrative, o.share]);
    }
    const history: [string, string | null, string, Date, string | null][] = [['SAVE', null, 'DRAFT', new Date(at.getTime() - 3600_000), null]];
    if (submitted) history.push(['SUBMIT', 'DRAFT', 'SUBMITTED', at, null]);
    if (o.status === 'ACCEPTED') history.push(['ACCEPT', 'SUBMITTED', 'ACCEPTED', new Date(at.getTime() + 24 * 3600_000), null]);
    if (o.status === 'RETURNED') history.push(['RETURN', 'SUBMITTED', 'RETURNED', new Date(at.getTime() + 24 * 3600_000), o.returnComment ?? null]);
    for (const [action, from, to, when, comment] of history) {
      await m.query(`INSERT INTO plan_report_events (report_id, action, from_status, to_status, actor_org_name, comment, at) VALUES ($1,$2,$3,$4,$5,$6,$7)`, [
        r.id,
        action,
        from,
        to,
        action === 'ACCEPT' || (action === 'RETURN' && o.role !== 'cooperating') ? '市金融工作局' : u.name,
        comment,
        when,
      ]);
    }
    return r.id as string;
  }

  await report({ task: 17, unit: 'nfra-zhanjiang', role: 'lead', status: 'ACCEPTED', itemStatus: 'ON_TRACK', share: 70, narrative: '已指导辖内银行开展绿色信贷贷后资金用途检查，抽查项目15个（演示）' });
  await report({ task: 10, unit: 'pbc-zhanjiang', role: 'lead', status: 'SUBMITTED', itemStatus: 'ON_TRACK', share: 60, narrative: '已梳理港口、铁路等重大基础设施融资需求清单18项并推送银行机构（演示）' });
  await report({ task: 10, unit: 'transport', role: 'cooperating', status: 'CONSOLIDATED', itemStatus: 'ON_TRACK', share: 60, narrative: '报送交通重大项目融资需求9项（演示）' });
  await report({ task: 12, unit: 'natural-resources', role: 'cooperating', status: 'SUBMITTED', itemStatus: 'ON_TRACK', share: 40, narrative: '提供红树林修复项目清单及用海审批进度（演示）' });
  await report({
    task: 5,
    unit: 'ecology-environment',
    role: 'cooperating',
    status: 'RETURNED',
    itemStatus: 'AT_RISK',
    share: 25,
    narrative: '高风险企业名单更新中（演示）',
    returnComment: '请补充已投保企业数量（演示）',
  });
  await report({ task: 3, unit: 'development-reform', role: 'joint', status: 'SUBMITTED', itemStatus: 'ON_TRACK', share: 50, narrative: '已向绿色项目库推荐发改领域项目12个（演示）', at: lateAt });
  await report({ task: 16, unit: 'public-finance', role: 'joint', status: 'DRAFT', itemStatus: 'ON_TRACK', share: 30, narrative: '专项债支付进度统计中（演示）' });
  done.push(`reporting period ${py}年${pm}月（演示） with 7 reports`);
  await audit.record(m, null, { action: 'system.seed_plan_demo', entityType: 'system', after: { loaded: done } });
  return done;
}

const DAY_MS = 24 * 3600_000;

/**
 * The demo's reporting period as of `now`: a month whose reports fell due (the 10th of the next
 * month, 18:00 Beijing time) at least two days before `now`, the latest such month — last month from
 * the 12th on, the month before it earlier in the month. Its reports were submitted two days before
 * the due time (decided a day later), the late one (迟报) a day after it: all before `now`.
 */
export function demoReportingPeriod(now: Date): { start: string; end: string; due: Date; submittedAt: Date; lateAt: Date } {
  const [y, mo] = zhanjiangDate(now).split('-').map(Number);
  // The due time of the reports of the month `k` months before the current one.
  const dueOf = (k: number) => new Date(Date.UTC(y, mo - k, 10, 10, 0));
  const k = dueOf(1).getTime() + 2 * DAY_MS <= now.getTime() ? 1 : 2;
  const due = dueOf(k);
  const start = new Date(Date.UTC(y, mo - 1 - k, 1)).toISOString().slice(0, 10);
  const end = new Date(Date.UTC(y, mo - k, 0)).toISOString().slice(0, 10);
  return { start, end, due, submittedAt: new Date(due.getTime() - 2 * DAY_MS), lateAt: new Date(due.getTime() + DAY_MS) };
}
