import { Injectable, Logger, Optional } from '@nestjs/common';
import { CASE_STATE_LABELS, CaseState, DECLINE_REASON_LABELS, DeclineReason, NotificationType, Role } from '@zj/shared';
import type { EntityManager } from 'typeorm';
import { NotificationsService, type ReminderSubject } from '../notifications';

export interface CaseNoticeSubject {
  caseId: string;
  needId: string;
  needTitle: string;
  bankOrgId: string;
  bankName: string;
  enterpriseOrgId: string;
}

export const caseDeadlineReminderKey = (caseId: string) => `case.${caseId}.deadline`;

/**
 * CASE_DEADLINE_APPROACHING's check when the reminder fires (registered in ReminderChecks by
 * CasesWorkerModule): holds while the case still waits for the bank's answer or first contact
 * (and is not yet flagged overdue).
 */
export async function caseDeadlineStillHolds(m: EntityManager, r: ReminderSubject): Promise<boolean> {
  if (r.subjectType !== 'matchmaking_case' || !r.subjectId) return false;
  const [c] = await m.query(`SELECT state, due_on, overdue_flagged_at FROM matchmaking_cases WHERE id = $1`, [r.subjectId]);
  return !!c && (c.state === 'PENDING' || c.state === 'ACCEPTED') && c.due_on !== null && c.overdue_flagged_at === null;
}

/**
 * What the side that moved a case wrote for the other, as one line of the notice (its `detail`):
 * the decline reason, the terms of a credit approval, and the note (附言) typed in the confirmation.
 * Empty when there is nothing to pass on.
 */
export function caseNoticeDetail(
  to: CaseState,
  d: { comment?: string | null; reasonCode?: DeclineReason | null; reasonText?: string | null; approvedAmount?: string | null; ratePercent?: string | null; termMonths?: number | null },
): string {
  const parts: string[] = [];
  if (to === CaseState.DECLINED && d.reasonCode) parts.push(`婉拒原因：${DECLINE_REASON_LABELS[d.reasonCode]}${d.reasonText ? `（${d.reasonText}）` : ''}。`);
  else if ((to === CaseState.DECLINED || to === CaseState.REJECTED) && d.reasonText) parts.push(`原因：${d.reasonText}。`);
  if (to === CaseState.APPROVED && d.approvedAmount) parts.push(`授信金额${d.approvedAmount}万元，年利率${d.ratePercent ?? '—'}%，期限${d.termMonths ?? '—'}个月。`);
  if (d.comment && d.comment !== d.reasonText) parts.push(`附言：${d.comment}`);
  return parts.join('');
}

/**
 * Where the pipeline tells people things (notifications are issue 5). Every call runs inside the
 * transaction that made the change, so a notice exists exactly when the change committed.
 */
@Injectable()
export class CaseNotices {
  private readonly logger = new Logger('CaseNotices');

  constructor(@Optional() private readonly notifications?: NotificationsService) {}

  /** A case changed state: the enterprise and the bank are told, with what the acting side wrote for the other (`detail`, see caseNoticeDetail). */
  async stateChanged(m: EntityManager, s: CaseNoticeSubject, to: CaseState, detail = ''): Promise<void> {
    if (!this.notifications) return;
    await this.notifications.notify(m, {
      type: NotificationType.CASE_STATUS_CHANGED,
      to: { organizations: [s.enterpriseOrgId, s.bankOrgId] },
      vars: { needTitle: s.needTitle, bankName: s.bankName, statusLabel: CASE_STATE_LABELS[to], detail },
      link: `/cases/${s.caseId}`,
    });
  }

  /** A working-day deadline passed: the bank and the bureau are alerted. */
  async deadlineBreached(m: EntityManager, s: CaseNoticeSubject, dueOn: string): Promise<void> {
    if (!this.notifications) {
      this.logger.warn({ msg: 'case overdue (no notification service)', caseId: s.caseId, dueOn });
      return;
    }
    await this.notifications.notify(m, {
      type: NotificationType.CASE_DEADLINE_BREACHED,
      to: { organizations: [s.bankOrgId], roles: [Role.BUREAU] },
      vars: { needTitle: s.needTitle, bankName: s.bankName, dueAt: dueOn },
      link: `/cases/${s.caseId}`,
    });
  }

  /** A fund-use deviation: a greenwashing (洗绿) warning for the bureau. */
  async greenwashingWarning(m: EntityManager, s: CaseNoticeSubject, detail: string): Promise<void> {
    if (!this.notifications) return;
    const [e] = await m.query(`SELECT name FROM organizations WHERE id = $1`, [s.enterpriseOrgId]);
    await this.notifications.notify(m, {
      type: NotificationType.GREENWASHING_WARNING,
      to: { roles: [Role.BUREAU] },
      vars: { needTitle: s.needTitle, bankName: s.bankName, enterpriseName: e?.name ?? '', detail },
      link: '/pipeline?tab=warnings',
    });
  }

  /**
   * The case's working-day time limit (the bank's answer while PENDING, its first contact while
   * ACCEPTED): a reminder to the bank on the morning of the due date, 09:00 in Zhanjiang. Called
   * whenever the case changes state: a new due date moves the reminder (same key), none cancels it.
   */
  async deadlineReminder(m: EntityManager, s: CaseNoticeSubject, dueOn: string | null): Promise<void> {
    if (!this.notifications) return;
    const key = caseDeadlineReminderKey(s.caseId);
    if (!dueOn) {
      await this.notifications.cancelReminder(m, key);
      return;
    }
    await this.notifications.scheduleReminder(m, {
      key,
      type: NotificationType.CASE_DEADLINE_APPROACHING,
      at: new Date(`${dueOn}T09:00:00+08:00`),
      to: { organizations: [s.bankOrgId] },
      vars: { needTitle: s.needTitle, bankName: s.bankName, dueAt: dueOn },
      link: `/cases/${s.caseId}`,
      subject: { type: 'matchmaking_case', id: s.caseId },
    });
  }
}
