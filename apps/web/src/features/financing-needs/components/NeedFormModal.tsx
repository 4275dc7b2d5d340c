import { useEffect, useState } from 'react';
import { Alert, App, DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { COLLATERAL_KIND_LABELS, CollateralKind, FINANCING_INSTRUMENT_LABELS, FinancingInstrument, NEED_SHARING_LABELS, type NeedDetail, NeedSharing, TEXT_LIMITS } from '@zj/shared';
import { handleFormError, validated } from '../../../lib/form-errors';
import { amountWan, numberRule, rangeHint, ratePercent, termMonths } from '../../../lib/number-rules';
import { testId } from '../../../lib/test-id';
import { counted, lengthRule } from '../../../lib/text-limits';
import { listBanks } from '../api/needs-api';
import { useSaveNeed } from '../hooks/use-needs';

interface Values {
  amount: string;
  termMonths: number;
  instrument: FinancingInstrument;
  purpose: string;
  collateral: CollateralKind[];
  collateralNote?: string;
  maxRatePercent?: string;
  wantedBy?: Dayjs;
  sharing: NeedSharing;
  bankOrgIds?: string[];
}

const AMOUNT = amountWan('融资金额（万元）', { required: true });
const TERM = termMonths('期限（月）', { required: true });
const MAX_RATE = ratePercent('可接受的最高年利率（%）');

/** 登记 / 修改融资需求, with the enterprise's consent to share. */
export function NeedFormModal({ open, onClose, projectId, enterpriseOrgId, need }: { open: boolean; onClose: () => void; projectId?: string; enterpriseOrgId?: string; need?: NeedDetail }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const save = useSaveNeed(need?.id);
  const sharing = Form.useWatch('sharing', form);
  const banks = useQuery({ queryKey: ['financing-needs', 'banks'], queryFn: listBanks, enabled: open && sharing === NeedSharing.SELECTED_BANKS });

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setError(null);
    if (need) {
      form.setFieldsValue({
        amount: need.amount,
        termMonths: need.termMonths,
        instrument: need.instrument,
        purpose: need.purpose,
        collateral: need.collateral,
        maxRatePercent: need.maxRatePercent ?? undefined,
        wantedBy: need.wantedBy ? dayjs(need.wantedBy) : undefined,
        sharing: need.sharing,
        bankOrgIds: need.sharedWithBanks.map((b) => b.id),
      });
    }
  }, [open, need, form]);

  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    setError(null);
    save.mutate(
      {
        ...(need ? { version: need.version } : { projectId, enterpriseOrgId: projectId ? undefined : enterpriseOrgId }),
        amount: String(v.amount),
        termMonths: v.termMonths,
        instrument: v.instrument,
        purpose: v.purpose,
        collateral: v.collateral,
        collateralNote: v.collateralNote || null,
        maxRatePercent: v.maxRatePercent ? String(v.maxRatePercent) : null,
        wantedBy: v.wantedBy ? v.wantedBy.format('YYYY-MM-DD') : null,
        sharing: v.sharing,
        bankOrgIds: v.sharing === NeedSharing.SELECTED_BANKS ? v.bankOrgIds : undefined,
      },
      {
        onSuccess: () => {
          message.success('已保存');
          onClose();
        },
        onError: (e) => setError(handleFormError(form, e)),
      },
    );
  };

  return (
    <Modal title={need ? '修改融资需求' : '登记融资需求'} open={open} onCancel={onClose} onOk={submit} confirmLoading={save.isPending} okButtonProps={testId('need-form-submit')} destroyOnHidden width={640}>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form<Values> form={form} layout="vertical" initialValues={{ instrument: FinancingInstrument.LOAN, sharing: NeedSharing.ALL_BANKS, collateral: [] }}>
        <Form.Item name="amount" label={AMOUNT.label} rules={[numberRule(AMOUNT)]} extra={rangeHint(AMOUNT)}>
          <InputNumber<string> stringMode style={{ width: '100%' }} suffix={AMOUNT.unit} data-testid="need-form-amount" />
        </Form.Item>
        <Form.Item name="termMonths" label={TERM.label} rules={[numberRule(TERM)]} extra={rangeHint(TERM)}>
          <InputNumber style={{ width: '100%' }} suffix={TERM.unit} data-testid="need-form-term" />
        </Form.Item>
        <Form.Item name="instrument" label="融资方式" rules={[{ required: true, message: '请选择融资方式' }]}>
          <Select options={Object.values(FinancingInstrument).map((i) => ({ value: i, label: FINANCING_INSTRUMENT_LABELS[i] }))} />
        </Form.Item>
        <Form.Item name="purpose" label="资金用途" rules={[{ required: true, whitespace: true, message: '请填写资金用途' }, lengthRule('资金用途', TEXT_LIMITS.needPurpose)]}>
          <Input.TextArea rows={2} {...counted(TEXT_LIMITS.needPurpose)} data-testid="need-form-purpose" />
        </Form.Item>
        <Form.Item name="collateral" label="可提供的担保方式" rules={[{ required: true, message: '请选择担保方式（无担保请选“无”）' }]}>
          <Select mode="multiple" options={Object.values(CollateralKind).map((c) => ({ value: c, label: COLLATERAL_KIND_LABELS[c] }))} data-testid="need-form-collateral" />
        </Form.Item>
        <Form.Item name="collateralNote" label="担保说明" rules={[lengthRule('担保说明', TEXT_LIMITS.needCollateralNote)]}>
          <Input {...counted(TEXT_LIMITS.needCollateralNote)} />
        </Form.Item>
        <Form.Item name="maxRatePercent" label={MAX_RATE.label} rules={[numberRule(MAX_RATE)]} extra={`${rangeHint(MAX_RATE)}；不填为不限`}>
          <InputNumber<string> stringMode style={{ width: '100%' }} suffix={MAX_RATE.unit} />
        </Form.Item>
        <Form.Item name="wantedBy" label="希望到位日期">
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="sharing" label="同意共享的范围" rules={[{ required: true }]} extra="企业联系方式在金融机构承接需求后才对其可见。">
          <Select options={Object.values(NeedSharing).map((s) => ({ value: s, label: NEED_SHARING_LABELS[s] }))} data-testid="need-form-sharing" />
        </Form.Item>
        {sharing === NeedSharing.SELECTED_BANKS ? (
          <Form.Item name="bankOrgIds" label="指定金融机构" rules={[{ required: true, message: '请至少指定一家金融机构' }]}>
            <Select mode="multiple" loading={banks.isLoading} options={(banks.data ?? []).map((b) => ({ value: b.id, label: b.name }))} showSearch={{ optionFilterProp: 'label' }} />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
