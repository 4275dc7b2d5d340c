import { App, Form, Input, InputNumber, Modal, Select } from 'antd';
import { CASE_STATE_LABELS, CaseState, DECLINE_REASON_LABELS, DeclineReason, type CaseDetail } from '@zj/shared';
import { handleFormError } from '../../../lib/form-errors';
import { amountWan, numberRule, rangeHint, ratePercent, wholeNumber } from '../../../lib/number-rules';
import { testId } from '../../../lib/test-id';
import { useTransition } from '../hooks/use-cases';
import { TrancheDateField } from './TrancheDateField';

const APPROVED_AMOUNT = amountWan('授信金额（万元）', { required: true });
const RATE = ratePercent('年利率（%）', { required: true });
const TERM = wholeNumber('期限（月）', 1, 600, { unit: '个月', required: true });
const FIRST_TRANCHE = amountWan('首笔放款金额（万元）', { required: true });

/** One step of the case, with what that step must carry (reason, approval terms, first tranche). */
export function TransitionModal({ c, to, onClose }: { c: CaseDetail; to: CaseState | null; onClose: () => void }) {
  const [form] = Form.useForm();
  const transition = useTransition();
  const { message } = App.useApp();
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await transition.mutateAsync({ id: c.id, body: { ...v, to: to!, version: c.version } });
      message.success(`已更新为：${CASE_STATE_LABELS[to!]}`);
      onClose();
    } catch (e) {
      handleFormError(form, e, true);
    }
  };
  return (
    <Modal open={!!to} title={to ? `变更为：${CASE_STATE_LABELS[to]}` : ''} onCancel={onClose} onOk={submit} confirmLoading={transition.isPending} destroyOnHidden okButtonProps={testId('transition-confirm')}>
      <Form form={form} layout="vertical" preserve={false}>
        {to === CaseState.DECLINED ? (
          <Form.Item name="reasonCode" label="婉拒原因" rules={[{ required: true, message: '请选择原因' }]}>
            <Select data-testid="decline-reason" options={Object.values(DeclineReason).map((r) => ({ value: r, label: DECLINE_REASON_LABELS[r] }))} />
          </Form.Item>
        ) : null}
        {to === CaseState.DECLINED || to === CaseState.REJECTED ? (
          <Form.Item name="reasonText" label="原因说明" rules={[{ required: to === CaseState.REJECTED, message: '请说明原因' }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
        ) : null}
        {to === CaseState.APPROVED ? (
          <>
            <Form.Item name="approvedAmount" label="授信金额（万元）" initialValue={c.needAmount} rules={[numberRule(APPROVED_AMOUNT)]} extra={rangeHint(APPROVED_AMOUNT)}>
              <Input data-testid="approved-amount" />
            </Form.Item>
            <Form.Item name="ratePercent" label="年利率（%）" rules={[numberRule(RATE)]} extra={rangeHint(RATE)}>
              <Input placeholder="如 3.30" data-testid="approved-rate" />
            </Form.Item>
            <Form.Item name="termMonths" label="期限（月）" initialValue={c.needTermMonths} rules={[numberRule(TERM)]} extra={rangeHint(TERM)}>
              <InputNumber style={{ width: '100%' }} data-testid="approved-term" />
            </Form.Item>
          </>
        ) : null}
        {to === CaseState.DISBURSED ? (
          <>
            <Form.Item name="amount" label="首笔放款金额（万元）" initialValue={c.approvedAmount ?? undefined} rules={[numberRule(FIRST_TRANCHE)]} extra={rangeHint(FIRST_TRANCHE)}>
              <Input data-testid="disburse-amount" />
            </Form.Item>
            <TrancheDateField c={c} testId="disburse-date" />
          </>
        ) : null}
        <Form.Item name="comment" label="备注">
          <Input.TextArea rows={2} data-testid="transition-comment" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
