import { useMemo } from 'react';
import { Alert, App, Button, Card, Col, DatePicker, Flex, Form, InputNumber, Row, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import type { EventDetailView, EventSlotInput, EventSlotView } from '@zj/shared';
import { errorMessage } from '../../../lib/errors';
import { numberRule, rangeHint, wholeNumber } from '../../../lib/number-rules';
import { testId } from '../../../lib/test-id';
import { useClearSchedule, useSaveSlots } from '../hooks/use-participation';
import { clock } from './event-labels';
import { validated } from '../../../lib/form-errors';

const LENGTH = wholeNumber('每场（分钟）', 5, 120, { unit: '分钟', required: true });
const COUNT = wholeNumber('场次', 1, 40, { unit: '场', required: true });
const GAP = wholeNumber('场间间隔（分钟）', 0, 60, { unit: '分钟' });
const BREAK_AFTER = wholeNumber('休息前的场次', 1, 39, { unit: '场', required: true });
const BREAK_MINUTES = wholeNumber('休息时长（分钟）', 5, 240, { unit: '分钟', required: true });

interface Values {
  firstStart?: Dayjs | null;
  length?: number | null;
  count?: number | null;
  gap?: number | null;
  breaks?: { after?: number | null; minutes?: number | null }[];
}

/** The slots the generator makes: `count` slots of `length` minutes from `firstStart`, with a gap between slots and longer breaks after given slots. */
export function generateSlots(v: Values): EventSlotInput[] {
  if (!v.firstStart || !v.length || !v.count) return [];
  const breaks = new Map<number, number>();
  for (const b of v.breaks ?? []) if (b?.after && b.minutes) breaks.set(b.after, (breaks.get(b.after) ?? 0) + b.minutes);
  const out: EventSlotInput[] = [];
  let t = v.firstStart.second(0).millisecond(0);
  for (let i = 1; i <= v.count; i++) {
    const end = t.add(v.length, 'minute');
    out.push({ startsAt: t.toISOString(), endsAt: end.toISOString() });
    t = end.add((v.gap ?? 0) + (breaks.get(i) ?? 0), 'minute');
  }
  return out;
}

/** 洽谈时段 (bureau): the slots of the 1:1 round, made by a generator (first start, length, count, breaks). */
export function SlotsEditor({ event: e, slots, hasMeetings, published }: { event: EventDetailView; slots: EventSlotView[]; hasMeetings: boolean; published: boolean }) {
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useSaveSlots(e.id);
  const clear = useClearSchedule(e.id);
  const values = Form.useWatch([], form) as Values | undefined;
  const preview = useMemo(() => generateSlots(values ?? {}), [values]);
  const initial: Values = { firstStart: dayjs(slots[0]?.startsAt ?? e.startsAt), length: 20, count: slots.length || 12, gap: 0, breaks: [] };

  const submit = async () => {
    if (!(await validated(form))) return;
    const list = generateSlots(form.getFieldsValue());
    if (!list.length) return;
    const run = () =>
      save
        .mutateAsync(list)
        .then(() => message.success(`已设定 ${list.length} 个洽谈时段`))
        .catch((err) => message.error(errorMessage(err)));
    if (!slots.length) return run();
    modal.confirm({
      title: `用新的 ${list.length} 个时段替换现有的 ${slots.length} 个？`,
      content: '时间不变的时段保留；去掉的时段上，各机构标记的「不可参加」随之删除。',
      okText: '替换时段',
      cancelText: '返回',
      okButtonProps: testId('slots-replace-confirm'),
      onOk: run,
    });
  };

  const confirmClear = () =>
    modal.confirm({
      title: '清空排期？',
      content: '删除全部已排的会谈（包括锁定和现场加排的）和求解记录，以便修改时段；会谈邀约不受影响，修改时段后重新生成日程即可。日程尚未发布，参会机构不受影响。',
      okText: '清空排期',
      okButtonProps: { danger: true, ...testId('schedule-clear-confirm') },
      cancelText: '返回',
      onOk: () =>
        clear
          .mutateAsync()
          .then(() => message.success('排期已清空，可以修改时段'))
          .catch((err) => message.error(errorMessage(err))),
    });

  if (published) {
    return (
      <Card size="small" title="洽谈时段" data-testid="slots-editor">
        <SlotTags slots={slots} />
        <Typography.Text type="secondary">日程已发布，时段不能再修改；可在下方日程中移动、取消会谈或现场加排。</Typography.Text>
      </Card>
    );
  }

  return (
    <Card size="small" title="洽谈时段" data-testid="slots-editor">
      <SlotTags slots={slots} />
      {hasMeetings ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          message="已有会谈排入现有时段：要修改时段，请先清空排期。"
          action={
            <Button size="small" danger onClick={confirmClear} loading={clear.isPending} data-testid="schedule-clear">
              清空排期
            </Button>
          }
        />
      ) : null}
      <Form form={form} layout="vertical" initialValues={initial}>
        <Row gutter={12}>
          <Col xs={24} md={8}>
            <Form.Item name="firstStart" label="第一场开始" rules={[{ required: true, message: '请选择第一场开始时间' }]}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} data-testid="slot-first-start" />
            </Form.Item>
          </Col>
          <Col xs={8} md={5}>
            <Form.Item name="length" label="每场（分钟）" rules={[numberRule(LENGTH)]} extra={rangeHint(LENGTH)}>
              <InputNumber style={{ width: '100%' }} data-testid="slot-length" />
            </Form.Item>
          </Col>
          <Col xs={8} md={5}>
            <Form.Item name="count" label="场次" rules={[numberRule(COUNT)]} extra={rangeHint(COUNT)}>
              <InputNumber style={{ width: '100%' }} data-testid="slot-count" />
            </Form.Item>
          </Col>
          <Col xs={8} md={6}>
            <Form.Item name="gap" label="场间间隔（分钟）" rules={[numberRule(GAP)]} extra={`${rangeHint(GAP)}，供换场`}>
              <InputNumber style={{ width: '100%' }} data-testid="slot-gap" />
            </Form.Item>
          </Col>
        </Row>
        <Form.List name="breaks">
          {(fields, { add, remove }) => (
            <div>
              {fields.map((f, i) => (
                <Flex key={f.key} gap={8} align="baseline" data-testid={`slot-break-${i}`}>
                  <span>第</span>
                  <Form.Item name={[f.name, 'after']} rules={[numberRule(BREAK_AFTER)]} style={{ marginBottom: 8 }}>
                    <InputNumber placeholder="1至39" style={{ width: 70 }} />
                  </Form.Item>
                  <span>场后休息</span>
                  <Form.Item name={[f.name, 'minutes']} rules={[numberRule(BREAK_MINUTES)]} style={{ marginBottom: 8 }}>
                    <InputNumber placeholder="5至240" style={{ width: 80 }} />
                  </Form.Item>
                  <span>分钟（5至240）</span>
                  <Button type="text" icon={<DeleteOutlined />} aria-label="删除这次休息" onClick={() => remove(f.name)} />
                </Flex>
              ))}
              <Button type="dashed" size="small" icon={<PlusOutlined />} onClick={() => add({ after: 6, minutes: 15 })} data-testid="slot-break-add" style={{ marginBottom: 12 }}>
                添加休息
              </Button>
            </div>
          )}
        </Form.List>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }} data-testid="slots-preview">
          {preview.length
            ? `将生成 ${preview.length} 场：${preview.map((s) => `${clock(s.startsAt)}–${clock(s.endsAt)}`).join('、')}`
            : '填写第一场开始、每场时长和场次后预览'}
        </Typography.Paragraph>
        <Button type="primary" onClick={submit} loading={save.isPending} disabled={!preview.length || hasMeetings} data-testid="slots-save">
          {slots.length ? '替换时段' : '保存时段'}
        </Button>
      </Form>
    </Card>
  );
}

function SlotTags({ slots }: { slots: EventSlotView[] }) {
  return (
    <div style={{ marginBottom: 12 }} data-testid="slots-current">
      {slots.length ? (
        <Flex wrap gap={4}>
          {slots.map((s) => (
            <Tag key={s.id}>
              第{s.index}场 {clock(s.startsAt)}–{clock(s.endsAt)}
            </Tag>
          ))}
        </Flex>
      ) : (
        <Typography.Text type="secondary">尚未设定时段：用下面的生成器一次设定，如 12 场 × 20 分钟，中间休息。</Typography.Text>
      )}
    </div>
  );
}
