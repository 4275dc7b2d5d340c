import { useState } from 'react';
import { Alert, App, DatePicker, Form, Input, Modal, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { IndicatorView } from '@zj/shared';
import { formatDate } from '../../../lib/format';
import { handleFormError, validated } from '../../../lib/form-errors';
import { testId } from '../../../lib/test-id';
import { useRecordIndicatorValue } from '../hooks/use-indicators';
import { DECIMAL_PATTERN, withUnit } from './decimal';

interface Values {
  value: string;
  asOf: Dayjs;
  evidence: string;
}

/** Records a value of a reported indicator: the figure, the date it stands at, and its evidence. */
export function IndicatorValueModal({ indicator, onClose }: { indicator: IndicatorView | null; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const record = useRecordIndicatorValue();
  const [error, setError] = useState<string | null>(null);
  // Today in Zhanjiang, whatever the browser's zone.
  const today = formatDate(new Date());

  const submit = async () => {
    if (!indicator) return;
    setError(null);
    const v = await validated(form);
    if (!v) return;
    try {
      await record.mutateAsync({ id: indicator.id, body: { value: v.value.trim(), asOf: v.asOf.format('YYYY-MM-DD'), evidence: v.evidence.trim() } });
      message.success('已登记指标数值');
      onClose();
    } catch (e) {
      setError(handleFormError(form, e));
    }
  };

  return (
    <Modal
      open={indicator !== null}
      title={indicator ? `登记数值：${indicator.name}` : '登记数值'}
      onCancel={onClose}
      onOk={submit}
      okText="登记"
      confirmLoading={record.isPending}
      destroyOnHidden
      okButtonProps={testId('indicator-value-save')}
    >
      {indicator ? (
        <Typography.Paragraph type="secondary">
          当前值：{withUnit(indicator.current.value, indicator.unit)}
          {indicator.current.asOf ? `（截至 ${indicator.current.asOf}）` : ''}
        </Typography.Paragraph>
      ) : null}
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12, whiteSpace: 'pre-line' }} data-testid="indicator-value-error" /> : null}
      <Form form={form} layout="vertical" initialValues={{ asOf: dayjs(today) }} preserve={false} name="indicator-value">
        <Form.Item
          name="value"
          label={`数值（${indicator?.unit ?? ''}）`}
          rules={[
            { required: true, whitespace: true, message: '请填写数值' },
            { pattern: DECIMAL_PATTERN, message: '数值应为数字，最多两位小数' },
          ]}
        >
          <Input inputMode="decimal" placeholder="如 32.50" data-testid="indicator-value-value" />
        </Form.Item>
        <Form.Item name="asOf" label="截至日期" rules={[{ required: true, message: '请选择截至日期' }]}>
          <DatePicker format="YYYY-MM-DD" disabledDate={(d) => d.format('YYYY-MM-DD') > today} style={{ width: 200 }} data-testid="indicator-value-as-of" />
        </Form.Item>
        <Form.Item
          name="evidence"
          label="佐证（来源文件、统计口径等）"
          rules={[
            { required: true, whitespace: true, message: '请填写佐证' },
            { min: 2, max: 1000, message: '佐证应为2至1000字' },
          ]}
        >
          <Input.TextArea rows={3} placeholder="如：市生态环境局《2024年上半年环责险投保情况》" data-testid="indicator-value-evidence" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
