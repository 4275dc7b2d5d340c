import { DatePicker, Form } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { CaseState, type CaseDetail } from '@zj/shared';
import { formatDate } from '../../../lib/format';

/** The day (Zhanjiang) of the case's credit approval: its APPROVED step on the timeline. */
export function approvalDay(c: CaseDetail): string | null {
  const step = [...c.timeline].reverse().find((t) => t.toState === CaseState.APPROVED && t.fromState !== CaseState.APPROVED);
  return step ? formatDate(step.at) : null;
}

/**
 * 放款日期: a date picked on a calendar (never free text), from the day of the credit approval to
 * today, both in Zhanjiang — the API's rule (cases/case-machine.ts trancheDateProblem), offered here
 * so that a day it would refuse cannot be picked. Empty means today. The form value is 'YYYY-MM-DD'.
 */
export function TrancheDateField({ c, label = '放款日期（不填为今天）', testId = 'tranche-date' }: { c: CaseDetail; label?: string; testId?: string }) {
  const today = formatDate(new Date());
  const from = approvalDay(c);
  const outside = (d: Dayjs) => {
    const day = d.format('YYYY-MM-DD');
    return day > today || (from !== null && day < from);
  };
  return (
    <Form.Item
      name="disbursedOn"
      label={label}
      extra={from ? `可选 ${from} 至 ${today}（授信之日至今天）` : undefined}
      getValueProps={(v: string | undefined) => ({ value: v ? dayjs(v) : undefined })}
      normalize={(d: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : undefined)}
    >
      <DatePicker format="YYYY-MM-DD" disabledDate={outside} style={{ width: 200 }} data-testid={testId} />
    </Form.Item>
  );
}
