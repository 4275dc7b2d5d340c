import { useState } from 'react';
import { Alert, App, AutoComplete, Button, DatePicker, Descriptions, Flex, Form, Input, Modal, Radio, Select } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import {
  INDICATOR_COMPARISON_LABELS,
  INDICATOR_COMPUTATION_LABELS,
  INDICATOR_SOURCE_LABELS,
  IndicatorComparison,
  IndicatorComputation,
  IndicatorSource,
  type IndicatorInput,
  type IndicatorTargetInput,
  type IndicatorView,
} from '@zj/shared';
import { ApiError } from '../../../lib/api-client';
import { handleFormError, validated } from '../../../lib/form-errors';
import { queryKeys } from '../../../lib/query-keys';
import { testId } from '../../../lib/test-id';
import { useCreateIndicator, useUpdateIndicator } from '../hooks/use-indicators';
import { DECIMAL_PATTERN } from './decimal';

interface TargetValues {
  comparison: IndicatorComparison;
  value: string;
  deadline?: Dayjs;
  note?: string;
}

/** What POST /plan/indicators takes, with the targets' deadlines as the date picker holds them. */
type Values = Omit<IndicatorInput, 'targets'> & { targets: TargetValues[] };

const CODE_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const UNITS = ['%', '次', '家', '个', '户', '万元', '亿元'].map((u) => ({ value: u }));
const COMPARISON_TEXT: Record<IndicatorComparison, string> = {
  [IndicatorComparison.AT_LEAST]: '≥ 不低于',
  [IndicatorComparison.AT_MOST]: '≤ 不高于',
  [IndicatorComparison.ABOUT]: '约 左右（达到目标的95%即达标）',
};

/** A code the bureau may keep or change: the task's number and a short stamp. */
const suggestedCode = (taskNumber: number) => `task${taskNumber}-${Date.now().toString(36)}`;

const toTargets = (targets: TargetValues[]): IndicatorTargetInput[] =>
  targets.map((t) => ({ comparison: t.comparison, value: t.value.trim(), deadline: t.deadline!.format('YYYY-MM-DD'), ...(t.note?.trim() ? { note: t.note.trim() } : {}) }));

export interface IndicatorTask {
  id: string;
  number: number;
  title: string;
}

/**
 * Create an indicator of a task, or edit one (task it belongs to, name, unit, description, targets).
 * The source (reported by units or computed by the platform) and the code are fixed once created.
 */
export function IndicatorFormModal({
  open,
  task,
  tasks,
  indicator,
  onClose,
}: {
  open: boolean;
  task: IndicatorTask;
  /** The tasks an edited indicator may move to. */
  tasks: IndicatorTask[];
  indicator?: IndicatorView | null;
  onClose: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const create = useCreateIndicator();
  const update = useUpdateIndicator();
  const [error, setError] = useState<string | null>(null);
  const qc = useQueryClient();
  const source = Form.useWatch('source', form);
  const editing = Boolean(indicator);

  const initial: Partial<Values> = indicator
    ? {
        taskId: indicator.taskId,
        name: indicator.name,
        unit: indicator.unit,
        description: indicator.description ?? '',
        targets: indicator.targets.map((t) => ({ comparison: t.comparison, value: t.value, deadline: dayjs(t.deadline), note: t.note ?? '' })),
      }
    : { code: suggestedCode(task.number), source: IndicatorSource.REPORTED, unit: '%', targets: [{ comparison: IndicatorComparison.AT_LEAST, value: '' }] };

  const submit = async () => {
    setError(null);
    const v = await validated(form);
    if (!v) return;
    try {
      if (indicator) {
        await update.mutateAsync({
          id: indicator.id,
          body: {
            version: indicator.version,
            ...(v.taskId !== indicator.taskId ? { taskId: v.taskId } : {}),
            name: v.name.trim(),
            unit: v.unit.trim(),
            description: (v.description ?? '').trim(),
            targets: toTargets(v.targets ?? []),
          },
        });
        message.success('指标已保存');
      } else {
        await create.mutateAsync({
          taskId: task.id,
          code: v.code.trim(),
          name: v.name.trim(),
          unit: v.unit.trim(),
          source: v.source,
          ...(v.source === IndicatorSource.COMPUTED ? { computation: v.computation } : {}),
          ...(v.description?.trim() ? { description: v.description.trim() } : {}),
          targets: toTargets(v.targets ?? []),
        });
        message.success('指标已创建');
      }
      onClose();
    } catch (e) {
      setError(handleFormError(form, e));
      // Changed by someone else: reload, so that the next edit starts from the current version.
      if (indicator && e instanceof ApiError && e.status === 409) void qc.invalidateQueries({ queryKey: queryKeys.plan.all });
    }
  };

  return (
    <Modal
      open={open}
      title={indicator ? `修改指标：${indicator.name}` : `新增指标：（${task.number}）${task.title}`}
      onCancel={onClose}
      onOk={submit}
      okText="保存"
      confirmLoading={create.isPending || update.isPending}
      width={760}
      destroyOnHidden
      okButtonProps={testId('indicator-save')}
      data-testid="indicator-form"
    >
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12, whiteSpace: 'pre-line' }} data-testid="indicator-form-error" /> : null}
      <Form form={form} layout="vertical" initialValues={initial} preserve={false} name="indicator">
        {indicator && tasks.length ? (
          <Form.Item name="taskId" label="所属重点任务（移至另一任务时，已登记的数值随指标保留）" rules={[{ required: true, message: '请选择重点任务' }]}>
            <Select data-testid="indicator-task" showSearch optionFilterProp="label" options={tasks.map((t) => ({ value: t.id, label: `（${t.number}）${t.title}` }))} />
          </Form.Item>
        ) : null}
        {indicator ? (
          <Descriptions size="small" column={2} bordered style={{ marginBottom: 16 }}>
            <Descriptions.Item label="指标代码">{indicator.code}</Descriptions.Item>
            <Descriptions.Item label="数据来源">
              {INDICATOR_SOURCE_LABELS[indicator.source]}
              {indicator.computation ? `：${INDICATOR_COMPUTATION_LABELS[indicator.computation]}` : ''}
            </Descriptions.Item>
          </Descriptions>
        ) : null}
        <Form.Item name="name" label="指标名称" rules={[{ required: true, whitespace: true, message: '请填写指标名称' }, { min: 2, max: 200, message: '指标名称应为2至200字' }]}>
          <Input placeholder="如：环境污染强制责任保险覆盖率" data-testid="indicator-name" />
        </Form.Item>
        <Flex gap={16}>
          <Form.Item name="unit" label="计量单位" style={{ width: 200 }} rules={[{ required: true, whitespace: true, message: '请填写计量单位' }, { max: 20, message: '计量单位不能超过20字' }]}>
            <AutoComplete options={UNITS} placeholder="%、次、家、万元" data-testid="indicator-unit" />
          </Form.Item>
          {!editing ? (
            <Form.Item
              name="code"
              label="指标代码（创建后不可修改）"
              style={{ flex: 1 }}
              rules={[
                { required: true, message: '请填写指标代码' },
                { pattern: CODE_PATTERN, message: '指标代码应为小写字母、数字和连字符，如 insurance-coverage' },
                { max: 60, message: '指标代码不能超过60个字符' },
              ]}
            >
              <Input data-testid="indicator-code" />
            </Form.Item>
          ) : null}
        </Flex>
        {!editing ? (
          <>
            <Form.Item name="source" label="数据来源" rules={[{ required: true, message: '请选择数据来源' }]}>
              <Radio.Group
                data-testid="indicator-source"
                options={Object.values(IndicatorSource).map((s) => ({
                  value: s,
                  label: s === IndicatorSource.REPORTED ? `${INDICATOR_SOURCE_LABELS[s]}（填报数值、日期和佐证）` : `${INDICATOR_SOURCE_LABELS[s]}（按平台已有数据）`,
                }))}
              />
            </Form.Item>
            {source === IndicatorSource.COMPUTED ? (
              <Form.Item name="computation" label="计算方式" rules={[{ required: true, message: '请选择计算方式' }]}>
                <Select
                  data-testid="indicator-computation"
                  options={Object.values(IndicatorComputation).map((c) => ({ value: c, label: INDICATOR_COMPUTATION_LABELS[c] }))}
                  placeholder="平台按哪项数据计算"
                />
              </Form.Item>
            ) : null}
          </>
        ) : null}
        <Form.Item name="description" label="说明（口径、数据来源等，可不填）" rules={[{ max: 500, message: '说明不能超过500字' }]}>
          <Input.TextArea rows={2} data-testid="indicator-description" />
        </Form.Item>
        <Form.List
          name="targets"
          rules={[
            {
              validator: async (_r, targets: TargetValues[] | undefined) => {
                const deadlines = (targets ?? []).map((t) => t?.deadline?.format('YYYY-MM-DD')).filter(Boolean);
                if (new Set(deadlines).size !== deadlines.length) throw new Error('同一截止日期只能有一个目标');
                if ((targets ?? []).length > 20) throw new Error('目标不能超过20个');
              },
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <Form.Item label="目标（比较方式、目标值、截止日期）" required={false}>
              {fields.map((field, i) => (
                <Flex key={field.key} gap={8} align="start" data-testid={`indicator-target-${i}`}>
                  <Form.Item name={[field.name, 'comparison']} rules={[{ required: true, message: '请选择比较方式' }]} style={{ width: 210 }}>
                    <Select
                      data-testid={`indicator-target-${i}-comparison`}
                      options={Object.values(IndicatorComparison).map((c) => ({ value: c, label: COMPARISON_TEXT[c] ?? INDICATOR_COMPARISON_LABELS[c] }))}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'value']}
                    rules={[
                      { required: true, whitespace: true, message: '请填写目标值' },
                      { pattern: DECIMAL_PATTERN, message: '目标值应为数字，最多两位小数' },
                    ]}
                    style={{ width: 150 }}
                  >
                    <Input placeholder="目标值，如 10.00" inputMode="decimal" data-testid={`indicator-target-${i}-value`} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'deadline']} rules={[{ required: true, message: '请选择截止日期' }]} style={{ width: 150 }}>
                    <DatePicker placeholder="截止日期" format="YYYY-MM-DD" style={{ width: '100%' }} data-testid={`indicator-target-${i}-deadline`} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'note']} rules={[{ max: 200, message: '备注不能超过200字' }]} style={{ flex: 1 }}>
                    <Input placeholder="备注（可不填）" />
                  </Form.Item>
                  <Button icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label="删除目标" data-testid={`indicator-target-${i}-remove`} />
                </Flex>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ comparison: IndicatorComparison.AT_LEAST, value: '' })} data-testid="indicator-target-add">
                添加目标
              </Button>
              <Form.ErrorList errors={errors} />
            </Form.Item>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
