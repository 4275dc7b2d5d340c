import type { ReactNode } from 'react';
import { App, Form, Input, InputNumber, Modal, Select, Typography } from 'antd';
import { CASE_ACTION_LABELS, CaseState, DECLINE_REASON_LABELS, DeclineReason, Role, type CaseDetail } from '@zj/shared';
import { handleFormError, validated } from '../../../lib/form-errors';
import { amountWan, numberRule, rangeHint, ratePercent, wholeNumber } from '../../../lib/number-rules';
import { testId } from '../../../lib/test-id';
import { useCurrentUser } from '../../../lib/auth-context';
import { useTransition } from '../hooks/use-cases';
import { CaseStateTag } from './case-labels';
import { TrancheDateField } from './TrancheDateField';

const APPROVED_AMOUNT = amountWan('授信金额（万元）', { required: true });
const RATE = ratePercent('年利率（%）', { required: true });
const TERM = wholeNumber('期限（月）', 1, 600, { unit: '个月', required: true });
const FIRST_TRANCHE = amountWan('首笔放款金额（万元）', { required: true });
/** The API's limit of a transition's note (备注/附言) and of a reason's text. */
const NOTE_MAX = 1000;
const REASON_MAX = 500;

/**
 * What a step does and who is told, in a sentence (the API tells the enterprise and the bank of every
 * step, with the note); `next` is the success message: what happened and what comes next, from the
 * case as the API answered it (the running working-day deadline included).
 */
interface StepText {
  consequence: (c: CaseDetail, role: Role) => ReactNode;
  /** Who reads the note typed here. */
  noteFor: (c: CaseDetail, role: Role) => string;
  next: (after: CaseDetail) => string;
}

const deadline = (after: CaseDetail) => (after.dueOn ? `${after.dueOn} 前（还有 ${after.workingDaysLeft ?? 0} 个工作日）` : '规定时限内');

const STEP_TEXT: Record<CaseState, StepText> = {
  [CaseState.PENDING]: { consequence: () => null, noteFor: () => '对方', next: () => '已提交' },
  [CaseState.ACCEPTED]: {
    consequence: (c) => `受理后，${c.enterpriseName}的联系方式对贵机构可见，须在规定的工作日内首次联系企业；企业将收到受理通知。`,
    noteFor: (c) => c.enterpriseName,
    next: (a) => `已受理，请在 ${deadline(a)}首次联系企业，联系后登记“已联系企业”`,
  },
  [CaseState.DECLINED]: {
    consequence: (c) => `婉拒后本次对接结束，${c.enterpriseName}将收到通知和婉拒原因，可转介其他金融机构。`,
    noteFor: (c) => c.enterpriseName,
    next: () => '已婉拒，企业已收到通知和婉拒原因',
  },
  [CaseState.IN_CONTACT]: {
    consequence: (c) => `登记已与${c.enterpriseName}取得联系，首次联系的时限随之解除；企业将收到进度通知。`,
    noteFor: (c) => c.enterpriseName,
    next: () => '已登记联系企业；材料齐备后请提交授信审查',
  },
  [CaseState.UNDER_REVIEW]: {
    consequence: (c) => `对接进入贵机构的授信审查；${c.enterpriseName}将收到进度通知。`,
    noteFor: (c) => c.enterpriseName,
    next: () => '已提交授信审查；审查有结果后请登记授信或审查未通过',
  },
  [CaseState.APPROVED]: {
    consequence: (c) => `登记授信金额、年利率和期限；${c.enterpriseName}将收到授信通知（附授信条件），可选择此方案。`,
    noteFor: (c) => c.enterpriseName,
    next: () => '已登记授信，企业已收到授信条件；放款后请登记放款',
  },
  [CaseState.REJECTED]: {
    consequence: (c) => `审查未通过，本次对接结束；${c.enterpriseName}将收到通知和原因说明，可转介其他金融机构。`,
    noteFor: (c) => c.enterpriseName,
    next: () => '已登记审查未通过，企业已收到通知和原因',
  },
  [CaseState.DISBURSED]: {
    consequence: (c) => `登记首笔放款：该融资需求在其他机构的对接随之结束，需求记为已满足；${c.enterpriseName}将收到放款通知。`,
    noteFor: (c) => c.enterpriseName,
    next: () => '已登记放款；此后请按期登记资金用途检查，追加放款在本页登记',
  },
  [CaseState.CLOSED]: {
    consequence: (c, role) =>
      role === Role.BUREAU
        ? `收回${c.bankName}的这笔对接（如需交给其他机构办理，请用“改派”）；${c.bankName}和${c.enterpriseName}将收到通知。`
        : `结束对接后不再登记追加放款，资金用途检查仍可登记；${c.enterpriseName}将收到通知。`,
    noteFor: (c, role) => (role === Role.BUREAU ? `${c.bankName}和${c.enterpriseName}` : c.enterpriseName),
    next: () => '对接已结束',
  },
  [CaseState.WITHDRAWN]: {
    consequence: (c) => `撤回后${c.bankName}不再办理这笔申请，本次对接结束，不能恢复；${c.bankName}将收到撤回通知。`,
    noteFor: (c) => c.bankName,
    next: () => '已撤回申请，金融机构已收到通知；可在“匹配产品”中申请其他产品',
  },
};

/**
 * The confirmation of one step of a case: what it does and who is told, the state it leads to, the
 * fields the step must carry (reason, approval terms, first tranche) and a note for the other side.
 */
export function TransitionModal({ c, to, onClose }: { c: CaseDetail; to: CaseState | null; onClose: () => void }) {
  const [form] = Form.useForm();
  const transition = useTransition();
  const user = useCurrentUser();
  const { message } = App.useApp();
  const text = to ? STEP_TEXT[to] : null;
  const submit = async () => {
    const v = await validated(form);
    if (!v || !to) return;
    try {
      const after = await transition.mutateAsync({ id: c.id, body: { ...v, to, version: c.version } });
      message.success(STEP_TEXT[to].next(after));
      onClose();
    } catch (e) {
      handleFormError(form, e, true);
    }
  };
  return (
    <Modal
      open={!!to}
      title={to ? `${CASE_ACTION_LABELS[to]}？` : ''}
      okText={to ? `确认${CASE_ACTION_LABELS[to]}` : '确定'}
      cancelText="返回"
      onCancel={onClose}
      onOk={submit}
      confirmLoading={transition.isPending}
      destroyOnHidden
      okButtonProps={{ danger: to === CaseState.DECLINED || to === CaseState.REJECTED || to === CaseState.WITHDRAWN, ...testId('transition-confirm') }}
    >
      {to && text ? (
        <>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
            {c.projectName ?? '企业整体融资'} · {c.enterpriseName} · {c.bankName}
          </Typography.Paragraph>
          <Typography.Paragraph data-testid="transition-consequence">{text.consequence(c, user.role)}</Typography.Paragraph>
          <Typography.Paragraph>
            办理后状态：<CaseStateTag state={to} />
          </Typography.Paragraph>
        </>
      ) : null}
      <Form form={form} layout="vertical" preserve={false}>
        {to === CaseState.DECLINED ? (
          <Form.Item name="reasonCode" label="婉拒原因" rules={[{ required: true, message: '请选择婉拒原因' }]}>
            <Select data-testid="decline-reason" options={Object.values(DeclineReason).map((r) => ({ value: r, label: DECLINE_REASON_LABELS[r] }))} />
          </Form.Item>
        ) : null}
        {to === CaseState.DECLINED || to === CaseState.REJECTED ? (
          <Form.Item name="reasonText" label="原因说明" rules={[{ required: to === CaseState.REJECTED, whitespace: true, message: '请填写原因说明' }]} extra="将随通知发给企业">
            <Input.TextArea rows={2} maxLength={REASON_MAX} showCount />
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
        {to && text ? (
          <Form.Item name="comment" label="附言（选填）" extra={`将随通知发给${text.noteFor(c, user.role)}`}>
            <Input.TextArea rows={2} maxLength={NOTE_MAX} showCount data-testid="transition-comment" />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
