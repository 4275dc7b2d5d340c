import { NotificationType, Role } from '@zj/shared';
import { zhanjiangDateTime } from '../common/time';
import type { EntityManager } from 'typeorm';
import type { NotifyIntent, ReminderSpec, ReminderSubject } from '../notifications';

/**
 * The plan's notices, all in one place. Progress reports use the two plan types the notification
 * registry has: PLAN_REPORT_DUE (a reminder some days before the due time) and PLAN_REPORT_OVERDUE
 * (a reminder at the due time). Both are scheduled for every reporting unit when the bureau opens a
 * period, moved when it changes the due time, and cancelled when the unit submits.
 *
 * "Report submitted" (PLAN_REPORT_SUBMITTED) goes to whoever receives it: a cooperating unit's to
 * the task's lead unit, a lead or joint unit's to the bureau; "report returned" (PLAN_REPORT_RETURNED)
 * goes to the unit whose report the lead or the bureau returned, with the comment. ReportsService
 * calls both inside the transaction of the submission / return.
 */

/** Days before the due time that the first reminder goes out. */
export const PLAN_REPORT_DUE_REMINDER_DAYS = 3;

export const planReminderPrefix = (periodId: string) => `plan.period.${periodId}.`;
export const planReminderKey = (periodId: string, taskId: string, organizationId: string, kind: 'due' | 'overdue') =>
  `${planReminderPrefix(periodId)}${taskId}.${organizationId}.${kind}`;

/**
 * The check of both report reminders when one fires (registered in ReminderChecks by
 * PlanWorkerModule), from the key (planReminderKey): holds while the period exists and that unit's
 * report for the period and task is not yet filed.
 */
export async function planReportStillOpen(m: EntityManager, r: ReminderSubject): Promise<boolean> {
  const k = /^plan\.period\.([0-9a-f-]{36})\.([0-9a-f-]{36})\.([0-9a-f-]{36})\.(due|overdue)$/.exec(r.key);
  if (!k) return false;
  const [period] = await m.query(`SELECT 1 FROM plan_reporting_periods WHERE id = $1`, [k[1]]);
  if (!period) return false;
  const [filed] = await m.query(
    `SELECT 1 FROM plan_reports WHERE period_id = $1 AND task_id = $2 AND organization_id = $3 AND status IN ('SUBMITTED','CONSOLIDATED','ACCEPTED')`,
    [k[1], k[2], k[3]],
  );
  return !filed;
}

export interface ReporterRef {
  periodId: string;
  taskId: string;
  taskNumber: number;
  taskTitle: string;
  organizationId: string;
  dueAt: Date;
}

const taskLabel = (r: { taskNumber: number; taskTitle: string }) => `（${r.taskNumber}）${r.taskTitle}`;

/** The reminders of one unit's report: before the due time (if still ahead) and at the due time. */
export function reportReminders(r: ReporterRef, now = new Date()): ReminderSpec[] {
  const vars = { taskTitle: taskLabel(r), dueAt: zhanjiangDateTime(r.dueAt) };
  const link = `/plan/reports?period=${r.periodId}&task=${r.taskId}`;
  const subject = { type: 'plan_period', id: r.periodId };
  const out: ReminderSpec[] = [];
  const before = new Date(r.dueAt.getTime() - PLAN_REPORT_DUE_REMINDER_DAYS * 24 * 3600_000);
  if (before.getTime() > now.getTime()) {
    out.push({ key: planReminderKey(r.periodId, r.taskId, r.organizationId, 'due'), type: NotificationType.PLAN_REPORT_DUE, at: before, to: { organizations: [r.organizationId] }, vars, link, subject });
  }
  out.push({ key: planReminderKey(r.periodId, r.taskId, r.organizationId, 'overdue'), type: NotificationType.PLAN_REPORT_OVERDUE, at: r.dueAt, to: { organizations: [r.organizationId] }, vars, link, subject });
  return out;
}

/** A unit filed its report: to the task's lead unit(s) (a cooperating unit's report) or the bureau. */
export function reportSubmittedNotice(r: { periodId: string; taskId: string; taskNumber: number; taskTitle: string; periodName: string; unitName: string }, leadOrgIds: string[] | null): NotifyIntent {
  return {
    type: NotificationType.PLAN_REPORT_SUBMITTED,
    to: leadOrgIds ? { organizations: leadOrgIds } : { roles: [Role.BUREAU] },
    vars: { taskTitle: taskLabel(r), periodName: r.periodName, unitName: r.unitName },
    link: `/plan/reports?period=${r.periodId}&task=${r.taskId}`,
  };
}

/** The lead or the bureau returned a unit's report: to that unit, with the comment. */
export function reportReturnedNotice(
  r: { periodId: string; taskId: string; taskNumber: number; taskTitle: string; periodName: string; organizationId: string },
  reviewerName: string,
  comment: string,
): NotifyIntent {
  return {
    type: NotificationType.PLAN_REPORT_RETURNED,
    to: { organizations: [r.organizationId] },
    vars: { taskTitle: taskLabel(r), periodName: r.periodName, reviewerName, comment },
    link: `/plan/reports?period=${r.periodId}&task=${r.taskId}`,
  };
}
