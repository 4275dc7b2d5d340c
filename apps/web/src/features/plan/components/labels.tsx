import { Tag } from 'antd';
import { REPORT_STATUS_LABELS, ReportStatus, WORK_ITEM_STATUS_COLORS, WORK_ITEM_STATUS_LABELS, type WorkItemStatus } from '@zj/shared';

const REPORT_COLORS: Record<ReportStatus, string> = {
  [ReportStatus.DRAFT]: 'default',
  [ReportStatus.SUBMITTED]: 'processing',
  [ReportStatus.RETURNED]: 'warning',
  [ReportStatus.CONSOLIDATED]: 'cyan',
  [ReportStatus.ACCEPTED]: 'success',
};

export function ReportStatusTag({ status, overdue, testId }: { status: ReportStatus | null; overdue?: boolean; testId?: string }) {
  return (
    <span data-testid={testId} data-status={status ?? 'NONE'}>
      <Tag color={status ? REPORT_COLORS[status] : 'default'}>{status ? REPORT_STATUS_LABELS[status] : '未填报'}</Tag>
      {overdue ? <Tag color="error">逾期</Tag> : null}
    </span>
  );
}

export function WorkStatusTag({ status }: { status: WorkItemStatus }) {
  return <Tag color={WORK_ITEM_STATUS_COLORS[status]}>{WORK_ITEM_STATUS_LABELS[status]}</Tag>;
}
