import { useState, type ReactNode } from 'react';
import { App, Button, Dropdown, Form, Input, InputNumber, Modal, Space, Tooltip, Typography } from 'antd';
import { DownOutlined } from '@ant-design/icons';
import { EventStatus, EventType, LIVE_EVENT_STATUSES, type EventView } from '@zj/shared';
import { handleFormError, validated } from '../../../lib/form-errors';
import { formatDateTime } from '../../../lib/format';
import { testId } from '../../../lib/test-id';
import type { EventStepName } from '../api/events-api';
import { useEventStep } from '../hooks/use-events';

/** How early on the day the bureau may open the event (as the API: 12 hours before the start). */
const START_WINDOW_MS = 12 * 3600_000;

interface StepSpec {
  label: string;
  /** Shown when the step cannot be taken yet. */
  notYet?: string;
  title: string;
  /** What happens and who is told. */
  body: (e: EventView) => ReactNode;
  note?: { label: string; required: boolean };
  /** Asks how many attended (marking an event held). */
  attendance?: boolean;
  /** The success message: what happened and what follows. */
  done: string | ((e: EventView) => string);
  danger?: boolean;
}

const count = (n: number, unit = '家') => `${n} ${unit}`;

const STEPS: Record<EventStepName, StepSpec> = {
  publish: {
    label: '发布活动',
    title: '发布活动？',
    body: (e) => (
      <>
        <p>
          发布后活动在平台上公布，并开放报名：{e.isPublic ? '所有企业和金融机构均可报名' : '仅受邀机构可以报名'}
          {e.registrationDeadline ? `，报名截止于 ${formatDateTime(e.registrationDeadline)}` : '，活动开始前均可报名'}
          {e.requiresApproval ? '；报名须经市金融工作局审核' : ''}
          {e.capacity ? `；名额 ${e.capacity} 家，额满后进入候补` : ''}。
        </p>
        <p>
          {e.inviteeCount
            ? `受邀的 ${count(e.inviteeCount)}机构的用户将收到邀请（附报名链接）；受邀和报名的机构在活动开始前一天、一小时收到提醒。`
            : '目前没有受邀机构：发布后可在「邀请」页按企业库条件邀请，受邀机构的用户随即收到邀请。'}
        </p>
      </>
    ),
    done: '活动已发布，报名已开放',
  },
  'close-registration': {
    label: '截止报名',
    title: '截止报名？',
    body: (e) => (
      <p>
        截止后企业和金融机构不能再报名或进入候补；已报名的 {count(e.registeredCount)}机构照常参会
        {e.waitlistCount ? `，候补的 ${count(e.waitlistCount)}不再递补` : ''}。平台不另行通知参会机构。
        {e.type === EventType.MATCHMAKING ? '会谈邀约和日程编排不受影响。' : ''}
      </p>
    ),
    done: '报名已截止',
  },
  start: {
    label: '开始活动',
    notYet: '活动开始前12小时内才能开始活动',
    title: '开始活动？',
    body: (e) => (
      <p>
        活动进入「进行中」：报名随之截止，开始前的提醒不再发送，可在「签到」页为到场机构签到
        {e.type === EventType.MATCHMAKING ? '，在「现场」页查看会谈进行情况和空闲桌位' : ''}。平台不另行通知参会机构。
      </p>
    ),
    done: '活动已开始，可以签到',
  },
  held: {
    label: '标记已结束',
    notYet: '活动开始后才能标记为已结束',
    title: '标记活动已结束？',
    body: () => <p>活动记为已举办，计入方案指标中宣讲·推介·对接会的举办次数；此后不能再签到，尚未发出的提醒不再发送。平台不另行通知参会机构。请填写参会人数和举办情况。</p>,
    note: { label: '举办情况（必填，如到场机构、会谈和签约情况，不超过500字）', required: true },
    attendance: true,
    done: '活动已记为已举办，计入宣讲·推介·对接会的举办次数；签约意向请在活动页跟进授信和放款',
  },
  cancel: {
    label: '取消活动',
    title: '取消活动？',
    body: (e) => (
      <p>
        取消后活动停止报名，不再编排日程，尚未发出的提醒不再发送；取消后不能恢复。
        {e.registeredCount || e.waitlistCount
          ? `已报名 ${count(e.registeredCount)}${e.waitlistCount ? `、候补 ${count(e.waitlistCount)}` : ''}机构（以及待审核的机构）将收到取消通知，附取消原因。`
          : '目前没有已报名的机构，无人收到通知。'}
      </p>
    ),
    note: { label: '取消原因（必填，不超过500字）', required: true },
    done: (e) => (e.registeredCount || e.waitlistCount ? '活动已取消，已报名和候补的机构将收到取消通知（附取消原因）' : '活动已取消'),
    danger: true,
  },
};

/** The steps the bureau may take from the event's status; `enabled: false` with a reason when too early. */
export function availableSteps(e: EventView, now = Date.now()): { step: EventStepName; enabled: boolean }[] {
  const live = LIVE_EVENT_STATUSES.includes(e.status);
  const starts = new Date(e.startsAt).getTime();
  const out: { step: EventStepName; enabled: boolean }[] = [];
  if (e.status === EventStatus.DRAFT) out.push({ step: 'publish', enabled: true });
  if (e.status === EventStatus.PUBLISHED) out.push({ step: 'close-registration', enabled: true });
  if (e.status === EventStatus.PUBLISHED || e.status === EventStatus.REGISTRATION_CLOSED) out.push({ step: 'start', enabled: starts - START_WINDOW_MS <= now });
  if (live) out.push({ step: 'held', enabled: starts <= now });
  if (e.status === EventStatus.DRAFT || live) out.push({ step: 'cancel', enabled: true });
  return out;
}

/**
 * The bureau's step buttons of an event (发布活动, 截止报名, 开始活动, 标记已结束, 取消活动), each
 * confirming what happens and who is told. `suffix` tells the list's rows apart in test ids;
 * `compact` (the list) shows the next step as a button and the others under 更多.
 */
export function EventStepActions({ event, size, suffix = '', compact = false }: { event: EventView; size?: 'small' | 'middle'; suffix?: string; compact?: boolean }) {
  const { message } = App.useApp();
  const [step, setStep] = useState<EventStepName | null>(null);
  const [form] = Form.useForm<{ note?: string; attendanceCount?: number }>();
  const run = useEventStep();
  const spec = step ? STEPS[step] : null;
  const id = (s: string) => `event-step-${s}${suffix ? `-${suffix}` : ''}`;

  const confirm = async () => {
    if (!step) return;
    const v: { note?: string; attendanceCount?: number } | null = STEPS[step].note || STEPS[step].attendance ? await validated(form) : {};
    if (!v) return;
    try {
      await run.mutateAsync({ id: event.id, step, version: event.version, note: v.note?.trim() || undefined, attendanceCount: v.attendanceCount ?? undefined });
      const done = STEPS[step].done;
      message.success(typeof done === 'string' ? done : done(event));
      setStep(null);
    } catch (e) {
      // A field the API refused shows under it; anything else as a message.
      handleFormError(form, e, true);
    }
  };

  return (
    <>
      {compact ? (
        <CompactSteps steps={availableSteps(event)} size={size} id={id} onPick={setStep} />
      ) : (
        <Space size={4} wrap>
          {availableSteps(event).map(({ step: s, enabled }) => (
            <StepButton key={s} step={s} enabled={enabled} size={size} id={id(s)} onPick={setStep} />
          ))}
        </Space>
      )}
      <Modal
        open={Boolean(step)}
        title={spec?.title}
        okText={spec?.label}
        cancelText="返回"
        onOk={confirm}
        onCancel={() => setStep(null)}
        confirmLoading={run.isPending}
        okButtonProps={{ danger: spec?.danger, ...testId('event-step-confirm') }}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {event.title}
        </Typography.Paragraph>
        {spec ? <div data-testid="event-step-body">{spec.body(event)}</div> : null}
        {spec?.note || spec?.attendance ? (
          <Form form={form} layout="vertical" preserve={false}>
            {spec.attendance ? (
              <Form.Item
                name="attendanceCount"
                label="参会人数"
                rules={[
                  { required: true, message: '请填写参会人数' },
                  { type: 'integer', min: 1, max: 100000, message: '参会人数应为1至100000的整数' },
                ]}
              >
                <InputNumber style={{ width: 200 }} addonAfter="人" data-testid="event-step-attendance" />
              </Form.Item>
            ) : null}
            {spec.note ? <Form.Item name="note" label={spec.note.label} rules={[{ required: spec.note.required, whitespace: true, message: `请填写${spec.note.label.replace(/（.*$/, '')}` }, { max: 500, message: `${spec.note.label.replace(/（.*$/, '')}不能超过500字` }]}>
              <Input.TextArea rows={3} maxLength={500} showCount data-testid="event-step-note" />
            </Form.Item> : null}
          </Form>
        ) : null}
      </Modal>
    </>
  );
}

function StepButton({ step, enabled, size, id, onPick }: { step: EventStepName; enabled: boolean; size?: 'small' | 'middle'; id: string; onPick: (s: EventStepName) => void }) {
  const spec = STEPS[step];
  const button = (
    <Button size={size} type={step === 'publish' ? 'primary' : 'default'} danger={spec.danger} disabled={!enabled} onClick={() => onPick(step)} data-testid={id}>
      {spec.label}
    </Button>
  );
  return enabled ? (
    button
  ) : (
    <Tooltip title={spec.notYet}>
      <span>{button}</span>
    </Tooltip>
  );
}

function CompactSteps({
  steps,
  size,
  id,
  onPick,
}: {
  steps: { step: EventStepName; enabled: boolean }[];
  size?: 'small' | 'middle';
  id: (s: string) => string;
  onPick: (s: EventStepName) => void;
}) {
  const main = steps.find((s) => s.enabled && s.step !== 'cancel');
  const rest = steps.filter((s) => s !== main);
  return (
    <Space size={4}>
      {main ? <StepButton step={main.step} enabled size={size} id={id(main.step)} onPick={onPick} /> : null}
      {rest.length ? (
        <Dropdown
          trigger={['click']}
          menu={{
            items: rest.map((s) => ({
              key: s.step,
              disabled: !s.enabled,
              danger: STEPS[s.step].danger,
              label: (
                <span data-testid={id(s.step)} title={s.enabled ? undefined : STEPS[s.step].notYet}>
                  {STEPS[s.step].label}
                  {s.enabled ? '' : `（${STEPS[s.step].notYet}）`}
                </span>
              ),
            })),
            onClick: ({ key }) => onPick(key as EventStepName),
          }}
        >
          <Button size={size} data-testid={id('more')}>
            更多 <DownOutlined />
          </Button>
        </Dropdown>
      ) : null}
    </Space>
  );
}
