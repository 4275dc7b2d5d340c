import { useEffect, useState } from 'react';
import { Alert, App, Flex, Form, Input, InputNumber, Modal, Radio, Select, Spin, Typography } from 'antd';
import type { PlanTaskView } from '@zj/shared';
import { handleFormError, validated } from '../../../lib/form-errors';
import { numberRule, rangeHint, yearNumber } from '../../../lib/number-rules';
import { testId } from '../../../lib/test-id';
import { useAddWorkList, usePlanTasks } from '../hooks/use-plan';

type Mode = 'copy' | 'blank';

interface Values {
  year: number;
  mode: Mode;
  sourceYear?: number;
  /** Key work id → its items, one a line. */
  lines: Record<string, string | undefined>;
}

const YEAR = yearNumber('清单年度', { required: true });

const splitLines = (text: string | undefined) =>
  (text ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/**
 * A later year's work list, made at once for all 18 tasks: copied from an earlier year's list and
 * then edited, or written from blank. Each key work takes its items one a line.
 */
export function WorkListModal({ years, structure, onClose, onCreated }: { years: number[]; structure: PlanTaskView[]; onClose: () => void; onCreated: (year: number) => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const create = useAddWorkList();
  const [error, setError] = useState<string | null>(null);
  const latest = years.length ? years[years.length - 1] : undefined;
  const mode = Form.useWatch('mode', form) ?? 'copy';
  const sourceYear = Form.useWatch('sourceYear', form) ?? latest;
  const source = usePlanTasks(sourceYear, { enabled: mode === 'copy' && sourceYear !== undefined });

  // Copying fills every key work with the source year's items; blank empties them.
  useEffect(() => {
    if (mode === 'blank') {
      form.setFieldsValue({ lines: Object.fromEntries(structure.flatMap((t) => t.keyWorks.map((k) => [k.id, '']))) });
    } else if (source.data) {
      form.setFieldsValue({ lines: Object.fromEntries(source.data.flatMap((t) => t.keyWorks.map((k) => [k.id, k.workItems.map((i) => i.text).join('\n')]))) });
    }
  }, [mode, source.data, structure, form]);

  const submit = async () => {
    setError(null);
    const v = await validated(form);
    if (!v) return;
    const items = structure.flatMap((t) => t.keyWorks.flatMap((k) => splitLines(v.lines?.[k.id]).map((text) => ({ keyWorkId: k.id, text }))));
    if (!items.length) {
      setError('请至少填写一项工作');
      return;
    }
    try {
      const created = await create.mutateAsync({ year: v.year, items });
      message.success(`已建立${created.year}年工作清单，共${created.items.length}项`);
      onCreated(created.year);
      onClose();
    } catch (e) {
      setError(handleFormError(form, e));
    }
  };

  return (
    <Modal
      open
      title="新增年度工作清单"
      onCancel={onClose}
      onOk={submit}
      okText="建立清单"
      confirmLoading={create.isPending}
      width={960}
      destroyOnHidden
      okButtonProps={testId('work-list-save')}
      styles={{ body: { maxHeight: '70vh', overflowY: 'auto' } }}
    >
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12, whiteSpace: 'pre-line' }} data-testid="work-list-error" /> : null}
      <Form form={form} layout="vertical" name="work-list" preserve={false} initialValues={{ year: (latest ?? new Date().getFullYear() - 1) + 1, mode: 'copy', sourceYear: latest, lines: {} }}>
        <Flex gap={16} wrap>
          <Form.Item
            name="year"
            label="清单年度"
            extra={rangeHint(YEAR)}
            rules={[
              numberRule(YEAR),
              { validator: async (_r, y: number | undefined) => { if (y !== undefined && years.includes(y)) throw new Error(`${y}年已有工作清单，请在清单中逐项新增或修改`); } },
            ]}
          >
            <InputNumber style={{ width: 140 }} suffix="年" data-testid="work-list-year" />
          </Form.Item>
          <Form.Item name="mode" label="清单内容">
            <Radio.Group
              data-testid="work-list-mode"
              options={[
                { value: 'copy', label: '复制已有年度清单后修改' },
                { value: 'blank', label: '空白清单' },
              ]}
            />
          </Form.Item>
          {mode === 'copy' ? (
            <Form.Item name="sourceYear" label="复制自">
              <Select style={{ width: 160 }} options={years.map((y) => ({ value: y, label: `${y}年工作清单` }))} data-testid="work-list-source" />
            </Form.Item>
          ) : null}
        </Flex>
        <Typography.Paragraph type="secondary">每项重点工作的具体工作每行一项；留空的重点工作本年度不列工作。</Typography.Paragraph>
        {mode === 'copy' && source.isFetching ? <Spin /> : null}
        {structure.map((t) => (
          <div key={t.id} style={{ marginBottom: 12 }}>
            <Typography.Text strong>
              （{t.number}）{t.title}
            </Typography.Text>
            {t.keyWorks.map((k, i) => (
              <Form.Item
                key={k.id}
                name={['lines', k.id]}
                label={<Typography.Text type="secondary" style={{ whiteSpace: 'normal' }}>{`重点工作${i + 1}：${k.text}`}</Typography.Text>}
                rules={[
                  {
                    validator: async (_r, text: string | undefined) => {
                      const bad = splitLines(text).find((l) => l.length < 2 || l.length > 2000);
                      if (bad !== undefined) throw new Error('每项工作内容应为2至2000字');
                    },
                  },
                ]}
                style={{ marginBottom: 8 }}
              >
                <Input.TextArea autoSize={{ minRows: 1, maxRows: 8 }} data-testid={`work-list-lines-${t.number}-${i}`} />
              </Form.Item>
            ))}
          </div>
        ))}
      </Form>
    </Modal>
  );
}
