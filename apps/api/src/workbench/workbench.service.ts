import { Injectable } from '@nestjs/common';
import {
  formatMeasure,
  formatMeasureNumber,
  FUND_USE_CHECK_INTERVAL_DAYS,
  REVIEW_STAGE_LABELS,
  REVIEW_WORKING_DAYS,
  ReviewStage,
  Role,
  UNIT_ROLE_LABELS,
  UnitRole,
  WORK_ITEM_STATUS_LABELS,
  Workbench,
  WORKBENCH_LOOKAHEAD_DAYS,
  WorkbenchItem,
  WorkbenchItemKind,
  WorkbenchSection,
} from '@zj/shared';
import { BankReportsService } from '../bank-reports';
import { CasesService } from '../cases';
import type { Actor } from '../common/auth/actor';
import { zhanjiangDate } from '../common/time';
import { EnterprisesService } from '../enterprises';
import { EventsService } from '../events';
import { FinancingNeedsService } from '../financing-needs';
import { DeadLetterQuery, NotificationsAdminService } from '../notifications';
import { DashboardService, PlanService, ReportsService } from '../plan';
import { ProductsService } from '../products';
import { ProjectsService } from '../projects';
import { WorkCalendarService, addCalendarDays, addWorkingDays, isOverdue, workingDaysBetween } from '../work-calendar';
import {
  bankCaseItem,
  bankCasesToMove,
  bureauEventItem,
  calendarDeadline,
  capItems,
  deadlineSeverity,
  enterpriseCaseItem,
  gradeItem,
  participantEventItem,
  previousMonth,
  taskSection,
  zhanjiangDay,
} from './workbench-rules';
import { WORKBENCH_PATHS } from './workbench-paths';

/**
 * The home page's work queue (issue 15): for the signed-in user, what waits for them, gathered from
 * the owning modules' services (never their tables) and turned into items by workbench-rules.ts.
 * A bank and an enterprise see only their own organisation's work.
 */
@Injectable()
export class WorkbenchService {
  constructor(
    private readonly cases: CasesService,
    private readonly needs: FinancingNeedsService,
    private readonly projects: ProjectsService,
    private readonly enterprises: EnterprisesService,
    private readonly events: EventsService,
    private readonly products: ProductsService,
    private readonly reports: ReportsService,
    private readonly plan: PlanService,
    private readonly planDashboard: DashboardService,
    private readonly bankReports: BankReportsService,
    private readonly deadLetters: NotificationsAdminService,
    private readonly calendar: WorkCalendarService,
  ) {}

  async forActor(actor: Actor): Promise<Workbench> {
    const now = new Date();
    const today = zhanjiangDate(now);
    const ctx = { actor, now, today };
    const sections = await this.sectionsFor(ctx);
    return {
      role: actor.role,
      today,
      generatedAt: now.toISOString(),
      sections,
      total: sections.filter((s) => s.layout === 'tasks').reduce((n, s) => n + s.items.reduce((m, i) => m + i.count, 0), 0),
    };
  }

  private sectionsFor(ctx: Ctx): Promise<WorkbenchSection[]> {
    switch (ctx.actor.role) {
      case Role.ENTERPRISE:
        return this.enterprise(ctx);
      case Role.BANK:
        return this.bank(ctx);
      case Role.COUNTY:
      case Role.DEPARTMENT:
        return this.reviewer(ctx);
      case Role.BUREAU:
        return this.bureau(ctx);
      case Role.REGULATOR:
        return this.regulator(ctx);
    }
  }

  private lookahead(ctx: Ctx): Date {
    return new Date(ctx.now.getTime() + WORKBENCH_LOOKAHEAD_DAYS * 86_400_000);
  }

  // ------------------------------------------------------------------ enterprise

  private async enterprise(ctx: Ctx): Promise<WorkbenchSection[]> {
    const org = ctx.actor.organizationId;
    const [returned, cases, events, outlook] = await Promise.all([
      this.projects.returnedTo(org),
      this.cases.workQueue(ctx.actor),
      this.events.upcoming(ctx.actor, this.lookahead(ctx)),
      this.enterprises.gradeOutlook(org),
    ]);
    const returnedItems: WorkbenchItem[] = returned.map((p) => ({
      kind: WorkbenchItemKind.ENTERPRISE_PROJECT_RETURNED,
      key: `${WorkbenchItemKind.ENTERPRISE_PROJECT_RETURNED}:${p.id}`,
      title: `修改退回的项目：${p.name}`,
      detail: `${p.reasons ? `退回理由 ${p.reasons} 条，` : ''}修改后重新提交审核`,
      count: 1,
      severity: 'warning',
      path: `/projects/${p.id}`,
    }));
    const caseItems = cases.map(enterpriseCaseItem).filter((i): i is WorkbenchItem => !!i);
    const eventItems = events.map((e) => participantEventItem(e, { ...ctx, side: 'enterprise' })).filter((i): i is WorkbenchItem => !!i);
    const grade = gradeItem(outlook);
    const todo = [
      ...capItems(returnedItems, { title: '修改退回的项目', path: WORKBENCH_PATHS.projects }),
      ...capItems(caseItems.filter((i) => i.kind !== WorkbenchItemKind.ENTERPRISE_CASE_ACCEPTED), { title: '对接待您处理', path: WORKBENCH_PATHS.cases }),
      ...eventItems.filter((i) => i.kind === WorkbenchItemKind.ENTERPRISE_EVENT_INVITED),
    ];
    const news = [
      ...capItems(caseItems.filter((i) => i.kind === WorkbenchItemKind.ENTERPRISE_CASE_ACCEPTED), { title: '已受理的对接', path: WORKBENCH_PATHS.cases }),
      ...eventItems.filter((i) => i.kind === WorkbenchItemKind.ENTERPRISE_EVENT_REGISTERED),
    ];
    return [...taskSection('todo', '待您处理', todo), ...taskSection('progress', '对接进展', news), ...taskSection('grade', '绿色评级', grade ? [grade] : [])];
  }

  // ------------------------------------------------------------------ bank

  private async bank(ctx: Ctx): Promise<WorkbenchSection[]> {
    const org = ctx.actor.organizationId;
    const until = addCalendarDays(ctx.today, WORKBENCH_LOOKAHEAD_DAYS);
    const lastMonth = previousMonth(ctx.today);
    const [cases, checks, products, events, coverage] = await Promise.all([
      this.cases.workQueue(ctx.actor),
      this.cases.fundUseChecksDue(org, { until, intervalDays: FUND_USE_CHECK_INTERVAL_DAYS }),
      this.products.expiringOf(org, until),
      this.events.upcoming(ctx.actor, this.lookahead(ctx)),
      this.bankReports.coverage(lastMonth),
    ]);
    const deadlineItems = cases.map(bankCaseItem).filter((i): i is WorkbenchItem => !!i);
    const checkItems: WorkbenchItem[] = checks.map((k) => {
      const d = calendarDeadline(ctx.today, k.dueOn);
      return {
        kind: WorkbenchItemKind.BANK_FUND_USE_CHECK,
        key: `${WorkbenchItemKind.BANK_FUND_USE_CHECK}:${k.caseId}`,
        title: `资金用途检查：${k.enterpriseName}`,
        detail: `已放款 ${formatMeasure(k.disbursedTotal, '万元')}，每 ${FUND_USE_CHECK_INTERVAL_DAYS} 天检查一次资金是否按约定的绿色用途使用`,
        count: 1,
        ...d,
        severity: deadlineSeverity(d.daysLeft, d.overdue, 'info'),
        path: `/cases/${k.caseId}`,
      };
    });
    const productItems: WorkbenchItem[] = products.map((p) => {
      const d = calendarDeadline(ctx.today, p.validUntil);
      return {
        kind: WorkbenchItemKind.BANK_PRODUCT_EXPIRING,
        key: `${WorkbenchItemKind.BANK_PRODUCT_EXPIRING}:${p.id}`,
        title: `${d.overdue ? '产品已过有效期' : '产品即将到期'}：${p.name}`,
        detail: `有效期至 ${p.validUntil}；到期后不再参与匹配，请延长有效期或下架`,
        count: 1,
        ...d,
        severity: deadlineSeverity(d.daysLeft, d.overdue, 'warning'),
        path: WORKBENCH_PATHS.myProducts,
      };
    });
    const reportItems: WorkbenchItem[] = coverage.missing.some((b) => b.id === org)
      ? [
          {
            kind: WorkbenchItemKind.BANK_GREEN_LOAN_REPORT,
            key: `${WorkbenchItemKind.BANK_GREEN_LOAN_REPORT}:${lastMonth}`,
            title: `报送 ${Number(lastMonth.slice(0, 4))}年${Number(lastMonth.slice(5))}月 绿色信贷数据`,
            detail: '本机构尚未报送该月的绿色贷款余额与各项贷款余额（计入全市绿色信贷占比）',
            count: 1,
            severity: 'warning',
            path: WORKBENCH_PATHS.bankReports,
          },
        ]
      : [];
    const eventItems = events.map((e) => participantEventItem(e, { ...ctx, side: 'bank' })).filter((i): i is WorkbenchItem => !!i);
    return [
      ...taskSection('deadlines', '限时办理（按工作日计）', capItems(deadlineItems, { title: '限时办理的对接', path: WORKBENCH_PATHS.cases })),
      ...taskSection('todo', '待办事项', [
        ...bankCasesToMove(cases),
        ...capItems(checkItems, { title: '资金用途检查', path: WORKBENCH_PATHS.cases }),
        ...capItems(productItems, { title: '即将到期的产品', path: WORKBENCH_PATHS.myProducts }),
        ...reportItems,
        ...eventItems.filter((i) => i.kind === WorkbenchItemKind.BANK_EVENT_INVITED),
      ]),
      ...taskSection('events', '活动安排', eventItems.filter((i) => i.kind === WorkbenchItemKind.BANK_EVENT_REGISTERED)),
    ];
  }

  // ------------------------------------------------------------------ county, department

  /** The projects whose review is the organisation's turn, overdue after REVIEW_WORKING_DAYS working days. */
  private async reviewItems(ctx: Ctx): Promise<WorkbenchItem[]> {
    const [queue, overrides] = await Promise.all([this.projects.reviewTurn(ctx.actor.organizationId), this.calendar.overrides()]);
    const items = queue.map((p): WorkbenchItem => {
      const deadline = p.submittedAt ? addWorkingDays(zhanjiangDay(p.submittedAt), REVIEW_WORKING_DAYS, overrides) : null;
      const overdue = isOverdue(deadline, ctx.today);
      const daysLeft = deadline ? workingDaysBetween(ctx.today, deadline, overrides) : null;
      const stage = p.reviewStage ? REVIEW_STAGE_LABELS[p.reviewStage as ReviewStage] : '审核';
      return {
        kind: WorkbenchItemKind.REVIEW_PROJECT,
        key: `${WorkbenchItemKind.REVIEW_PROJECT}:${p.id}`,
        title: `${p.status === 'SUBMITTED' ? '受理并审核' : '完成审核'}：${p.name}`,
        detail: `${p.enterpriseName} · ${stage}${p.status === 'UNDER_REVIEW' ? '（已受理）' : ''} · 应在 ${REVIEW_WORKING_DAYS} 个工作日内审核`,
        count: 1,
        deadline,
        daysLeft,
        overdue,
        workingDays: true,
        severity: deadlineSeverity(daysLeft, overdue, 'info'),
        path: `/projects/${p.id}`,
      };
    });
    return capItems(items, { title: '待审核的项目', path: WORKBENCH_PATHS.reviewQueue });
  }

  /** The plan reports the organisation still owes: one item per reporting period, with how many tasks. */
  private async reportItems(ctx: Ctx): Promise<WorkbenchItem[]> {
    const owed = await this.reports.owedBy(ctx.actor.organizationId);
    const byPeriod = new Map<string, typeof owed>();
    for (const r of owed) byPeriod.set(r.periodId, [...(byPeriod.get(r.periodId) ?? []), r]);
    const items = [...byPeriod.values()].map((rows): WorkbenchItem => {
      const first = rows[0];
      const d = calendarDeadline(ctx.today, zhanjiangDay(first.dueAt));
      const returned = rows.filter((r) => r.status === 'RETURNED').length;
      const tasks = rows.slice(0, 3).map((r) => `（${r.taskNumber}）${r.taskTitle}`).join('；');
      return {
        kind: WorkbenchItemKind.PLAN_REPORT_DUE,
        key: `${WorkbenchItemKind.PLAN_REPORT_DUE}:${first.periodId}`,
        title: `报送 ${first.periodName} 进展：${rows.length} 项任务${returned ? `（${returned} 项已退回待修改）` : ''}`,
        detail: `${tasks}${rows.length > 3 ? ' 等' : ''}`,
        count: rows.length,
        ...d,
        severity: deadlineSeverity(d.daysLeft, d.overdue, returned ? 'warning' : 'info'),
        path: `${WORKBENCH_PATHS.planReports}?period=${first.periodId}${rows.length === 1 ? `&task=${first.taskId}` : ''}`,
      };
    });
    // Not capped: the periods of five months at most.
    return items;
  }

  private async reviewer(ctx: Ctx): Promise<WorkbenchSection[]> {
    const [review, reports] = await Promise.all([this.reviewItems(ctx), this.reportItems(ctx)]);
    return [...taskSection('review', '项目审核', review), ...taskSection('plan', '进展报送', reports)];
  }

  // ------------------------------------------------------------------ bureau

  private async bureau(ctx: Ctx): Promise<WorkbenchSection[]> {
    const [posted, day, awaiting, events, dead, review] = await Promise.all([
      this.needs.postedOn(ctx.today),
      this.cases.dayFigures(ctx.today),
      this.reports.awaitingBureau(),
      this.events.upcoming(ctx.actor, this.lookahead(ctx)),
      this.deadLetters.deadLetters(Object.assign(new DeadLetterQuery(), { page: 1, pageSize: 1 })),
      this.reviewItems(ctx),
    ]);
    const figures: WorkbenchItem[] = [
      { kind: WorkbenchItemKind.BUREAU_NEW_NEEDS, key: WorkbenchItemKind.BUREAU_NEW_NEEDS, title: '今日新增融资需求', detail: `金额 ${formatMeasure(posted.amount, '万元')}`, count: posted.count, severity: 'info', path: WORKBENCH_PATHS.needs },
      { kind: WorkbenchItemKind.BUREAU_CLAIMED, key: WorkbenchItemKind.BUREAU_CLAIMED, title: '今日受理、认领', detail: '金融机构受理或认领的对接', count: day.takenUp, severity: 'info', path: WORKBENCH_PATHS.pipeline },
      {
        kind: WorkbenchItemKind.BUREAU_DISBURSED,
        key: WorkbenchItemKind.BUREAU_DISBURSED,
        title: '今日放款',
        detail: `${day.disbursedCases} 笔对接`,
        count: day.disbursedCases,
        value: formatMeasure(day.disbursedAmount, '万元').replace(/ 万元$/, ''),
        unit: '万元',
        severity: 'info',
        path: WORKBENCH_PATHS.pipeline,
      },
      { kind: WorkbenchItemKind.BUREAU_OVERDUE_ANSWERS, key: WorkbenchItemKind.BUREAU_OVERDUE_ANSWERS, title: '超时未办理', detail: '超过受理或首次联系时限的对接，可改派', count: day.overdue, severity: day.overdue ? 'danger' : 'info', path: WORKBENCH_PATHS.pipelineOverdue },
      { kind: WorkbenchItemKind.BUREAU_GREENWASHING, key: WorkbenchItemKind.BUREAU_GREENWASHING, title: '洗绿预警', detail: '资金用途偏离，待处理', count: day.openWarnings, severity: day.openWarnings ? 'danger' : 'info', path: WORKBENCH_PATHS.warnings },
    ];
    const todo: WorkbenchItem[] = [
      ...awaiting.map((a): WorkbenchItem => ({
        kind: WorkbenchItemKind.BUREAU_REPORTS_TO_ACCEPT,
        key: `${WorkbenchItemKind.BUREAU_REPORTS_TO_ACCEPT}:${a.periodId}`,
        title: `审核进展报告：${a.periodName}`,
        detail: '牵头单位与按职责分工负责单位报送的报告，待审核通过或退回',
        count: a.count,
        severity: 'warning',
        path: `${WORKBENCH_PATHS.planReview}?period=${a.periodId}`,
      })),
      ...events.map((e) => bureauEventItem(e, ctx)),
      ...(dead.total
        ? [
            {
              kind: WorkbenchItemKind.BUREAU_DEAD_LETTERS,
              key: WorkbenchItemKind.BUREAU_DEAD_LETTERS,
              title: '处理发送失败的通知（死信）',
              detail: '多次重试仍未送达的短信、邮件或推送，查看原因后重发',
              count: dead.total,
              severity: 'warning' as const,
              path: WORKBENCH_PATHS.deadLetters,
            },
          ]
        : []),
      ...review,
    ];
    return [{ key: 'today', title: `今日概况（${ctx.today}）`, layout: 'figures', items: figures }, ...taskSection('todo', '待办事项', todo)];
  }

  // ------------------------------------------------------------------ regulator

  private async regulator(ctx: Ctx): Promise<WorkbenchSection[]> {
    const org = ctx.actor.organizationId;
    const [tasks, indicators, ratio, disbursed, warnings, reports] = await Promise.all([
      this.plan.tasks(),
      // The plan dashboard's indicators, kept while their facts stand: not computed at every load.
      this.planDashboard.indicatorsNow(),
      this.bankReports.ratio({}),
      this.cases.financingDisbursed(ctx.today),
      this.cases.warnings(ctx.actor, { status: 'OPEN', pageSize: 1 }),
      this.reportItems(ctx),
    ]);
    const figures: WorkbenchItem[] = [
      {
        kind: WorkbenchItemKind.REGULATOR_GREEN_LOAN_RATIO,
        key: WorkbenchItemKind.REGULATOR_GREEN_LOAN_RATIO,
        title: '全市绿色信贷占比',
        detail: ratio.latest ? `${ratio.latest.month} · ${ratio.latest.banks} 家银行报送${ratio.trend ? ` · 较上月 ${ratio.trend} 个百分点` : ''}` : '尚无银行报送',
        count: ratio.latest?.banks ?? 0,
        value: ratio.latest?.ratio ?? null,
        unit: '%',
        severity: 'info',
        path: WORKBENCH_PATHS.bankReports,
      },
      {
        kind: WorkbenchItemKind.REGULATOR_DISBURSED,
        key: WorkbenchItemKind.REGULATOR_DISBURSED,
        title: '通过平台实现融资',
        detail: `截至 ${disbursed.asOf} · ${disbursed.cases} 笔`,
        count: disbursed.cases,
        value: formatMeasure(disbursed.amount, '万元').replace(/ 万元$/, ''),
        unit: '万元',
        severity: 'info',
        path: WORKBENCH_PATHS.pipeline,
      },
      ...(warnings.total
        ? [{ kind: WorkbenchItemKind.REGULATOR_GREENWASHING, key: WorkbenchItemKind.REGULATOR_GREENWASHING, title: '洗绿预警（待处理）', detail: '资金用途偏离', count: warnings.total, severity: 'danger' as const, path: WORKBENCH_PATHS.warnings }]
        : []),
    ];
    const ROLE_ORDER: Record<UnitRole, number> = { [UnitRole.LEAD]: 0, [UnitRole.JOINT]: 1, [UnitRole.COOPERATING]: 2 };
    const mine = tasks
      .map((t) => ({ t, unit: t.units.find((u) => u.organizationId === org) }))
      .filter((x): x is { t: (typeof tasks)[number]; unit: NonNullable<(typeof x)['unit']> } => !!x.unit)
      .sort((a, b) => ROLE_ORDER[a.unit.role] - ROLE_ORDER[b.unit.role] || a.t.number - b.t.number);
    const taskItems = mine.map(({ t, unit }): WorkbenchItem => {
      const ind = indicators.filter((i) => i.taskId === t.id);
      const first = ind.find((i) => i.current.value !== null) ?? ind[0];
      const measured = !!first && first.current.value !== null;
      return {
        kind: WorkbenchItemKind.REGULATOR_TASKS,
        key: `${WorkbenchItemKind.REGULATOR_TASKS}:${t.id}`,
        title: `（${t.number}）${t.title}`,
        detail: [UNIT_ROLE_LABELS[unit.role], measured ? WORK_ITEM_STATUS_LABELS[t.status] : null, first ? `${first.name}${first.current.asOf ? `（${first.current.asOf}）` : ''}` : `${t.workItems.length} 项工作`]
          .filter(Boolean)
          .join(' · '),
        count: ind.length,
        // The task's figure: its indicator's value, or, without one, how far the task is.
        value: measured ? formatMeasureNumber(first.current.value, first.unit) : WORK_ITEM_STATUS_LABELS[t.status],
        unit: measured ? first.unit : null,
        severity: t.status === 'AT_RISK' ? 'warning' : 'info',
        path: `${WORKBENCH_PATHS.planTasks}?task=${t.number}`,
      };
    });
    return [
      { key: 'figures', title: '全市数据', layout: 'figures', items: figures },
      ...(taskItems.length ? [{ key: 'tasks', title: '本单位负责的重点任务', layout: 'figures' as const, items: taskItems }] : []),
      ...taskSection('plan', '进展报送', reports),
    ];
  }
}

interface Ctx {
  actor: Actor;
  now: Date;
  today: string;
}
