import { ReportAction, ReportAddressee, ReportStatus, WorkItemStatus } from '@zj/shared';

/** How the caller stands to a report. */
export interface ReportRelation {
  /** The report is the caller's organisation's own. */
  own: boolean;
  /** The caller's organisation leads the report's task (it receives cooperating units' reports). */
  leadOfTask: boolean;
  /** The caller is the finance bureau (receives lead and joint units' reports). */
  bureau: boolean;
}

export type TransitionResult = { ok: true; to: ReportStatus } | { ok: false; reason: 'forbidden' | 'state'; message: string };

const EDITABLE = [ReportStatus.DRAFT, ReportStatus.RETURNED];

/**
 * The report workflow. A unit edits and submits its own report (draft or returned). A cooperating
 * unit's report goes to the task's lead, which returns it or consolidates it into its own report
 * when it submits; lead and joint units' reports go to the bureau, which accepts or returns them.
 */
export function reportTransition(action: ReportAction, status: ReportStatus, addressee: ReportAddressee, rel: ReportRelation): TransitionResult {
  const deny = (message: string): TransitionResult => ({ ok: false, reason: 'forbidden', message });
  const state = (message: string): TransitionResult => ({ ok: false, reason: 'state', message });
  switch (action) {
    case ReportAction.SAVE:
    case ReportAction.SUBMIT:
      if (!rel.own) return deny('只能编辑、报送本单位的报告');
      if (!EDITABLE.includes(status)) return state('报告已报送或已通过，不能修改');
      return { ok: true, to: action === ReportAction.SAVE ? status : ReportStatus.SUBMITTED };
    case ReportAction.RETURN:
      if (addressee === ReportAddressee.LEAD ? !rel.leadOfTask : !rel.bureau) {
        return deny(addressee === ReportAddressee.LEAD ? '配合单位的报告由牵头单位退回' : '只有市金融工作局可以退回');
      }
      if (status !== ReportStatus.SUBMITTED) return state('只能退回已报送、尚未处理的报告');
      return { ok: true, to: ReportStatus.RETURNED };
    case ReportAction.ACCEPT:
      if (addressee !== ReportAddressee.BUREAU) return deny('配合单位的报告由牵头单位汇总，不由市金融工作局审核');
      if (!rel.bureau) return deny('只有市金融工作局可以审核通过');
      if (status !== ReportStatus.SUBMITTED) return state('只能审核已报送的报告');
      return { ok: true, to: ReportStatus.ACCEPTED };
    case ReportAction.CONSOLIDATE:
      if (addressee !== ReportAddressee.LEAD || !rel.leadOfTask) return deny('只有牵头单位可以汇总配合单位的报告');
      if (status !== ReportStatus.SUBMITTED) return state('只能汇总已报送的报告');
      return { ok: true, to: ReportStatus.CONSOLIDATED };
  }
}

/**
 * One status from several (a work item across units, or a task across its items): at risk if any
 * is at risk, done if all are done, on track if any has started, otherwise not started.
 */
export function combineStatuses(statuses: WorkItemStatus[]): WorkItemStatus {
  if (!statuses.length) return WorkItemStatus.NOT_STARTED;
  if (statuses.includes(WorkItemStatus.AT_RISK)) return WorkItemStatus.AT_RISK;
  if (statuses.every((s) => s === WorkItemStatus.DONE)) return WorkItemStatus.DONE;
  if (statuses.some((s) => s === WorkItemStatus.ON_TRACK || s === WorkItemStatus.DONE)) return WorkItemStatus.ON_TRACK;
  return WorkItemStatus.NOT_STARTED;
}

/** Whether a report in this status still owes the addressee something after the due time. */
export function isOutstanding(status: ReportStatus | null): boolean {
  return status === null || status === ReportStatus.DRAFT || status === ReportStatus.RETURNED;
}

/** A report is overdue when it is outstanding after its due time. */
export function isOverdue(status: ReportStatus | null, dueAt: Date, now: Date): boolean {
  return isOutstanding(status) && now.getTime() > dueAt.getTime();
}

/** Submitted on time: the first submission came no later than the due time. */
export function submittedOnTime(firstSubmittedAt: Date | null, dueAt: Date): boolean | null {
  if (!firstSubmittedAt) return null;
  return firstSubmittedAt.getTime() <= dueAt.getTime();
}
