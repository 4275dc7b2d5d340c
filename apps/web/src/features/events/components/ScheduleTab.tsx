import { useState } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Flex, Form, InputNumber, Modal, Row, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import { PlusOutlined, SendOutlined, ThunderboltOutlined } from '@ant-design/icons';
import {
  LIVE_EVENT_STATUSES,
  MeetingPriority,
  MeetingStatus,
  NOT_PLACED_REASON_LABELS,
  RegistrationStatus,
  SCHEDULE_RUN_STATUS_LABELS,
  ScheduleRunStatus,
  type EventDetailView,
  type ScheduleView,
} from '@zj/shared';
import { errorMessage } from '../../../lib/errors';
import { handleFormError, validated } from '../../../lib/form-errors';
import { formatDateTime, formatNumber } from '../../../lib/format';
import { numberProblem, wholeNumber } from '../../../lib/number-rules';
import { testId } from '../../../lib/test-id';
import { isSolving, useAddWalkIn, usePublishSchedule, useRegistrations, useSchedule, useSlots, useSolveSchedule } from '../hooks/use-participation';
import { clock, PriorityTag } from './event-labels';
import { ScheduleGrid } from './ScheduleGrid';
import { SlotsEditor } from './SlotsEditor';

const TIME_LIMIT = wholeNumber('求解时限（秒）', 1, 60, { unit: '秒' });

const RUN_COLORS: Record<ScheduleRunStatus, string> = {
  [ScheduleRunStatus.NONE]: 'default',
  [ScheduleRunStatus.QUEUED]: 'processing',
  [ScheduleRunStatus.RUNNING]: 'processing',
  [ScheduleRunStatus.DONE]: 'success',
  [ScheduleRunStatus.FAILED]: 'error',
};

/** "最优", or "已达理论最优的 99.7%" against the solver's proven bound. */
export function qualityText(s: Pick<ScheduleView, 'optimal' | 'quality'>): string {
  if (s.optimal) return '最优';
  if (s.quality === null) return '—';
  return `已达理论最优的 ${formatNumber(Math.floor(s.quality * 1000 + 1e-9) / 10, 1)}%`;
}

/**
 * 日程编排 (bureau, 对接会): the slots; 生成日程 with a time limit (the result against the proven bound,
 * must-meets placed, requests not placed with their reasons); the slot × desk grid with drag, lock
 * and cancel; walk-in meetings; 发布日程.
 */
export function ScheduleTab({ event: e }: { event: EventDetailView }) {
  const slots = useSlots(e.id);
  const schedule = useSchedule(e.id);
  const live = LIVE_EVENT_STATUSES.includes(e.status);
  const s = schedule.data;
  const meetings = (s?.meetings ?? []).filter((m) => m.status === MeetingStatus.SCHEDULED);
  const [walkIn, setWalkIn] = useState(false);

  if (slots.isLoading || schedule.isLoading) return <Spin />;
  return (
    <Flex vertical gap={16}>
      {live ? null : <Alert type="info" showIcon message="活动已结束或已取消，日程不能再修改。" />}
      {live ? <SlotsEditor event={e} slots={slots.data ?? []} hasMeetings={meetings.length > 0} published={Boolean(s?.publishedAt)} /> : null}
      {s ? <SolvePanel event={e} schedule={s} enabled={live && (slots.data?.length ?? 0) > 0} /> : null}
      {s ? (
        <Card
          size="small"
          title={`会谈日程（${meetings.length} 场）`}
          extra={
            live ? (
              <Space>
                <Button icon={<PlusOutlined />} onClick={() => setWalkIn(true)} disabled={!s.slots.length || !s.banks.length} data-testid="schedule-walk-in">
                  添加现场会谈
                </Button>
                <PublishButton event={e} schedule={s} />
              </Space>
            ) : null
          }
        >
          <PublishState schedule={s} />
          <ScheduleGrid eventId={e.id} schedule={s} editable={live && !isSolving(s)} />
        </Card>
      ) : null}
      {walkIn && s ? <WalkInModal event={e} schedule={s} onClose={() => setWalkIn(false)} /> : null}
    </Flex>
  );
}

function SolvePanel({ event: e, schedule: s, enabled }: { event: EventDetailView; schedule: ScheduleView; enabled: boolean }) {
  const { message, modal } = App.useApp();
  const solve = useSolveSchedule(e.id);
  const [limit, setLimit] = useState<number | null>(10);
  const limitProblem = numberProblem(TIME_LIMIT, limit);
  const solving = isSolving(s);
  const scheduled = s.meetings.filter((m) => m.status === MeetingStatus.SCHEDULED);
  const locked = scheduled.filter((m) => m.locked).length;
  const musts = scheduled.filter((m) => m.priority === MeetingPriority.MUST).length;
  const mustsTotal = musts + s.notPlaced.filter((n) => n.priority === MeetingPriority.MUST).length;

  const start = () => {
    const run = () =>
      solve
        .mutateAsync(limit ?? undefined)
        .then(() => message.success('已开始生成日程'))
        .catch((err) => message.error(errorMessage(err)));
    if (!scheduled.length) return run();
    modal.confirm({
      title: '重新生成日程？',
      content: (
        <div>
          <p>
            未锁定的 {scheduled.length - locked} 场会谈将重新编排{locked ? `，锁定的 ${locked} 场保持不动` : ''}。
          </p>
          <p>{s.publishedAt ? '日程已发布：重新生成后，参会机构要等再次发布才收到更新。' : '日程尚未发布，参会机构暂不知情。'}</p>
        </div>
      ),
      okText: '重新生成',
      cancelText: '返回',
      okButtonProps: testId('schedule-generate-confirm'),
      onOk: run,
    });
  };

  return (
    <Card size="small" title="生成日程" data-testid="schedule-solve">
      <Row gutter={24}>
        <Col xs={24} md={9}>
          <Typography.Paragraph type="secondary">
            为每一条双方已接受的会谈邀约安排时段和桌位，依次追求：必须见面的尽量都排上；尽量多的企业至少有一场会谈；互相邀约和匹配度高的优先；各机构桌位负荷均衡。
          </Typography.Paragraph>
          <Space align="center" wrap>
            <span>求解时限</span>
            <Form.Item validateStatus={limitProblem ? 'error' : undefined} help={limitProblem} style={{ marginBottom: 0 }}>
              <InputNumber value={limit} onChange={setLimit} addonAfter="秒" style={{ width: 130 }} data-testid="schedule-time-limit" />
            </Form.Item>
            <Button type="primary" icon={<ThunderboltOutlined />} onClick={start} loading={solve.isPending} disabled={!enabled || solving || !!limitProblem} data-testid="schedule-generate">
              生成日程
            </Button>
          </Space>
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, fontSize: 12 }}>
            1至60秒，默认10秒；时限内证明最优即提前结束，否则给出时限内找到的最好日程及其与理论最优的差距。锁定和现场加排的会谈保持不动。
          </Typography.Paragraph>
        </Col>
        <Col xs={24} md={15}>
          <Space style={{ marginBottom: 8 }}>
            <Tag color={RUN_COLORS[s.status]} data-testid="schedule-status" data-status={s.status}>
              {SCHEDULE_RUN_STATUS_LABELS[s.status]}
            </Tag>
            {solving ? (
              <Space size={6}>
                <Spin size="small" />
                <Typography.Text type="secondary">正在求解，完成后自动显示结果</Typography.Text>
              </Space>
            ) : null}
          </Space>
          {s.status === ScheduleRunStatus.FAILED ? <Alert type="error" showIcon message={s.error ?? '求解失败，请稍后重试'} data-testid="schedule-error" /> : null}
          {s.status === ScheduleRunStatus.DONE || (s.objective && !solving) ? (
            <Descriptions column={{ xs: 1, md: 2 }} size="small" data-testid="schedule-result">
              <Descriptions.Item label="质量">
                <Typography.Text strong type={s.optimal ? 'success' : undefined} data-testid="schedule-quality">
                  {qualityText(s)}
                </Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label="方法">
                {s.method === 'MIP' ? '混合整数规划（HiGHS）' : s.method === 'GREEDY' ? '逐一安排（基线）' : '—'}
                {s.solveMs !== null ? `，用时 ${formatNumber(s.solveMs / 1000, 1)} 秒` : ''}
              </Descriptions.Item>
              <Descriptions.Item label="必须见面">
                <span data-testid="schedule-must-meets">
                  已安排 {musts} / {mustsTotal} 场
                </span>
              </Descriptions.Item>
              <Descriptions.Item label="有会谈的企业">
                {s.objective?.enterprisesMet ?? '—'} 家{s.bound ? `（上界 ${s.bound.enterprisesMet}）` : ''}
              </Descriptions.Item>
              <Descriptions.Item label="已安排会谈">
                <span data-testid="schedule-placed">{scheduled.length} 场</span>
              </Descriptions.Item>
              <Descriptions.Item label="未能安排">
                <span data-testid="schedule-not-placed-count">{s.notPlaced.length} 场</span>
              </Descriptions.Item>
            </Descriptions>
          ) : null}
        </Col>
      </Row>
      {s.notPlaced.length ? (
        <Table
          size="small"
          rowKey="requestId"
          pagination={false}
          style={{ marginTop: 12 }}
          title={() => '未能安排的会谈及原因'}
          dataSource={s.notPlaced}
          data-testid="schedule-not-placed"
          columns={[
            { title: '企业', dataIndex: 'enterpriseName' },
            { title: '金融机构', dataIndex: 'bankName' },
            { title: '意愿', width: 90, render: (_v, n) => <PriorityTag priority={n.priority} /> },
            { title: '原因', render: (_v, n) => NOT_PLACED_REASON_LABELS[n.reason] },
          ]}
        />
      ) : null}
    </Card>
  );
}

function PublishState({ schedule: s }: { schedule: ScheduleView }) {
  if (!s.meetings.length) return null;
  if (!s.publishedAt) return <Alert type="warning" showIcon style={{ marginBottom: 8 }} message="日程尚未发布：参会机构还看不到自己的会谈。" data-testid="schedule-unpublished" />;
  if (s.unpublishedChanges) {
    return <Alert type="warning" showIcon style={{ marginBottom: 8 }} message={`日程已于 ${formatDateTime(s.publishedAt)} 发布，此后有修改尚未发布。`} data-testid="schedule-unpublished" />;
  }
  return <Alert type="success" showIcon style={{ marginBottom: 8 }} message={`日程已于 ${formatDateTime(s.publishedAt)} 发布，参会机构已收到各自的日程。`} data-testid="schedule-published" />;
}

function PublishButton({ event: e, schedule: s }: { event: EventDetailView; schedule: ScheduleView }) {
  const { message, modal } = App.useApp();
  const publish = usePublishSchedule(e.id);
  const scheduled = s.meetings.filter((m) => m.status === MeetingStatus.SCHEDULED);
  const enterprises = new Set(scheduled.map((m) => m.enterpriseOrganizationId)).size;
  const banks = new Set(scheduled.map((m) => m.bankOrganizationId)).size;
  const pending = !s.publishedAt || s.unpublishedChanges;

  const confirm = () =>
    modal.confirm({
      title: s.publishedAt ? '发布日程的修改？' : '发布日程？',
      content: (
        <div data-testid="schedule-publish-body">
          <p>
            {scheduled.length} 场会谈涉及企业 {enterprises} 家、金融机构 {banks} 家。
            {s.publishedAt
              ? '会谈有变动（移动、取消、新增）的机构将收到更新后的日程；其日历中的会谈随之更新或取消，不会重复。'
              : '每家有会谈的参会机构都将收到自己的会谈日程（站内信和邮件），并可在「我的日程」查看和下载日历文件（.ics）。'}
          </p>
          {s.notPlaced.length ? <p>另有 {s.notPlaced.length} 场会谈未能安排，相关机构在日程中看不到这些会谈。</p> : null}
        </div>
      ),
      okText: '发布日程',
      cancelText: '返回',
      okButtonProps: testId('schedule-publish-confirm'),
      onOk: () =>
        publish
          .mutateAsync()
          .then(() => message.success(s.publishedAt ? '已发布日程的修改，有变动的机构已收到更新' : '日程已发布，参会机构已收到各自的日程'))
          .catch((err) => message.error(errorMessage(err))),
    });

  return (
    <Button type="primary" icon={<SendOutlined />} onClick={confirm} disabled={!scheduled.length || !pending || isSolving(s)} loading={publish.isPending} data-testid="schedule-publish">
      发布日程
    </Button>
  );
}

/** 添加现场会谈: a walk-in meeting into a free cell; both parties are told at once. */
function WalkInModal({ event: e, schedule: s, onClose }: { event: EventDetailView; schedule: ScheduleView; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ enterpriseOrganizationId: string; bankOrganizationId: string; slotId: string; desk?: number }>();
  const [error, setError] = useState<string | null>(null);
  const enterprises = useRegistrations(e.id, { type: 'ENTERPRISE', status: RegistrationStatus.REGISTERED });
  const add = useAddWalkIn(e.id);
  const bankId = Form.useWatch('bankOrganizationId', form);
  const bank = s.banks.find((b) => b.organizationId === bankId);

  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    setError(null);
    try {
      await add.mutateAsync({ ...v, ...(v.desk ? { desk: v.desk } : {}) });
      message.success('已添加现场会谈，双方已收到通知');
      onClose();
    } catch (err) {
      setError(handleFormError(form, err));
    }
  };

  return (
    <Modal open title="添加现场会谈" okText="添加会谈" cancelText="返回" onOk={submit} onCancel={onClose} confirmLoading={add.isPending} okButtonProps={testId('walkin-ok')} destroyOnHidden>
      <Typography.Paragraph type="secondary">添加后企业和金融机构立即收到通知（站内信和短信）；有冲突（任一方该时段已有会谈、桌位已占）时不能添加。</Typography.Paragraph>
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12, whiteSpace: 'pre-line' }} data-testid="walkin-error" /> : null}
      <Form form={form} layout="vertical">
        <Form.Item name="enterpriseOrganizationId" label="企业" rules={[{ required: true, message: '请选择企业' }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={enterprises.isLoading}
            placeholder="报名成功的企业"
            options={(enterprises.data ?? []).map((r) => ({ value: r.organization.id, label: r.organization.name }))}
            data-testid="walkin-enterprise"
          />
        </Form.Item>
        <Form.Item name="bankOrganizationId" label="金融机构" rules={[{ required: true, message: '请选择金融机构' }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={s.banks.map((b) => ({ value: b.organizationId, label: `${b.name}（${b.desks} 个桌位）` }))}
            onChange={() => form.setFieldValue('desk', undefined)}
            data-testid="walkin-bank"
          />
        </Form.Item>
        <Row gutter={12}>
          <Col span={14}>
            <Form.Item name="slotId" label="时段" rules={[{ required: true, message: '请选择时段' }]}>
              <Select options={s.slots.map((x) => ({ value: x.id, label: `第${x.index}场 ${clock(x.startsAt)}–${clock(x.endsAt)}` }))} data-testid="walkin-slot" />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="desk" label="桌位" extra="不选则安排空闲桌位">
              <Select
                allowClear
                placeholder="自动"
                disabled={!bank}
                options={Array.from({ length: bank?.desks ?? 0 }, (_, i) => ({ value: i + 1, label: `${i + 1}号桌${bank?.officers[i] ? ` · ${bank.officers[i].name}` : ''}` }))}
                data-testid="walkin-desk"
              />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
