import { useState } from 'react';
import { Alert, App, Descriptions, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { TEXT_LIMITS, type PlanTaskView, type PlanWorkItemView } from '@zj/shared';
import { ApiError } from '../../../lib/api-client';
import { handleFormError, validated } from '../../../lib/form-errors';
import { counted, lengthRule } from '../../../lib/text-limits';
import { numberRule, rangeHint, yearNumber } from '../../../lib/number-rules';
import { queryKeys } from '../../../lib/query-keys';
import { testId } from '../../../lib/test-id';
import { useAddWorkItem, useUpdateWorkItem } from '../hooks/use-plan';

interface Values {
  keyWorkId: string;
  year: number;
  text: string;
}

const YEAR = yearNumber('年度', { required: true });

const TEXT_RULES = [
  { required: true, whitespace: true, message: '请填写工作内容' },
  lengthRule('工作内容', TEXT_LIMITS.workItemText, '字'),
];

const keyWorkLabel = (task: PlanTaskView, keyWorkId: string) => {
  const i = task.keyWorks.findIndex((k) => k.id === keyWorkId);
  return i < 0 ? '—' : `重点工作${i + 1}：${task.keyWorks[i].text}`;
};

/**
 * Adds a work item to one of a task's key works for a year, or edits an item's text (with the
 * version read, so a concurrent edit answers 409 and is shown).
 */
export function WorkItemFormModal({
  task,
  item,
  defaults,
  onClose,
  onSaved,
}: {
  task: PlanTaskView;
  /** The item to edit; none to add one. */
  item?: PlanWorkItemView;
  defaults: { keyWorkId?: string; year: number };
  onClose: () => void;
  onSaved: (year: number) => void;
}) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const add = useAddWorkItem();
  const update = useUpdateWorkItem();
  const [error, setError] = useState<string | null>(null);
  const qc = useQueryClient();

  const submit = async () => {
    setError(null);
    const v = await validated(form);
    if (!v) return;
    try {
      if (item) {
        await update.mutateAsync({ id: item.id, version: item.version, text: v.text.trim() });
        message.success('工作事项已修改');
        onSaved(item.year);
      } else {
        const created = await add.mutateAsync({ keyWorkId: v.keyWorkId, year: v.year, text: v.text.trim() });
        message.success(`已新增${created.year}年工作事项`);
        onSaved(created.year);
      }
      onClose();
    } catch (e) {
      setError(handleFormError(form, e));
      // Changed or withdrawn by someone else: reload the list so that the next try sees it.
      if (e instanceof ApiError && (e.status === 409 || e.status === 404)) void qc.invalidateQueries({ queryKey: queryKeys.plan.all });
    }
  };

  return (
    <Modal
      open
      title={item ? `修改工作事项（${item.year}年）` : `新增工作事项：（${task.number}）${task.title}`}
      onCancel={onClose}
      onOk={submit}
      okText="保存"
      confirmLoading={add.isPending || update.isPending}
      width={720}
      destroyOnHidden
      okButtonProps={testId('work-item-save')}
    >
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12, whiteSpace: 'pre-line' }} data-testid="work-item-error" /> : null}
      <Form
        form={form}
        layout="vertical"
        name="work-item"
        preserve={false}
        initialValues={item ? { text: item.text } : { keyWorkId: defaults.keyWorkId ?? task.keyWorks[0]?.id, year: defaults.year, text: '' }}
      >
        {item ? (
          <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }}>
            <Descriptions.Item label="重点工作">{keyWorkLabel(task, item.keyWorkId)}</Descriptions.Item>
            <Descriptions.Item label="年度">{item.year}年</Descriptions.Item>
          </Descriptions>
        ) : (
          <>
            <Form.Item name="keyWorkId" label="重点工作" rules={[{ required: true, message: '请选择重点工作' }]}>
              <Select
                data-testid="work-item-key-work"
                options={task.keyWorks.map((k, i) => ({ value: k.id, label: `重点工作${i + 1}：${k.text}` }))}
                optionRender={(o) => <div style={{ whiteSpace: 'normal' }}>{o.label}</div>}
              />
            </Form.Item>
            <Form.Item
              name="year"
              label="年度"
              rules={[numberRule(YEAR)]}
              extra={rangeHint(YEAR)}
            >
              <InputNumber style={{ width: 160 }} suffix="年" data-testid="work-item-year" />
            </Form.Item>
          </>
        )}
        <Form.Item name="text" label="具体工作内容" rules={TEXT_RULES}>
          <Input.TextArea rows={5} {...counted(TEXT_LIMITS.workItemText)} data-testid="work-item-text" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
