import { Tag } from 'antd';
import { CASE_STATE_LABELS, CaseState, type CaseView } from '@zj/shared';

const COLORS: Partial<Record<CaseState, string>> = {
  [CaseState.PENDING]: 'orange',
  [CaseState.ACCEPTED]: 'blue',
  [CaseState.IN_CONTACT]: 'blue',
  [CaseState.UNDER_REVIEW]: 'geekblue',
  [CaseState.APPROVED]: 'cyan',
  [CaseState.DISBURSED]: 'green',
  [CaseState.DECLINED]: 'red',
  [CaseState.REJECTED]: 'red',
};

export function CaseStateTag({ state }: { state: CaseState }) {
  return (
    <Tag color={COLORS[state]} data-testid="case-state">
      {CASE_STATE_LABELS[state]}
    </Tag>
  );
}

/** The running working-day deadline: days left, or overdue. */
export function Countdown({ c }: { c: Pick<CaseView, 'dueOn' | 'overdue' | 'workingDaysLeft' | 'state'> }) {
  if (!c.dueOn) return <span>—</span>;
  const what = c.state === CaseState.PENDING ? '受理' : '首次联系';
  if (c.overdue) return <Tag color="red" data-testid="case-overdue">{what}已超时（应于 {c.dueOn} 前）</Tag>;
  return (
    <Tag color={(c.workingDaysLeft ?? 0) <= 1 ? 'orange' : 'default'} data-testid="case-countdown">
      {what}剩 {c.workingDaysLeft} 个工作日（{c.dueOn}）
    </Tag>
  );
}
