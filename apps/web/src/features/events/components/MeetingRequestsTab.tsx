import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Empty, Flex, Form, Input, List, Modal, Popconfirm, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import {
  LIVE_EVENT_STATUSES,
  MEETING_PRIORITY_LABELS,
  MeetingPriority,
  MeetingRequestStatus,
  RegistrationStatus,
  Role,
  type EventDetailView,
  type MeetingRequestView,
  type MeetingSuggestion,
} from '@zj/shared';
import { errorMessage } from '../../../lib/errors';
import { handleFormError, validated } from '../../../lib/form-errors';
import { formatDateTime } from '../../../lib/format';
import { testId } from '../../../lib/test-id';
import { useAuth } from '../../../lib/auth-context';
import {
  useAnswerMeetingRequest,
  useMeetingRequests,
  useMeetingSuggestions,
  useRequestMeeting,
  useSaveUnavailability,
  useSlots,
  useUnavailability,
} from '../hooks/use-participation';
import { clock, PriorityTag, RequestStatusTag } from './event-labels';
import { useMyRegistration } from './OverviewTab';
import { needLabel, useMyOpenNeeds } from './RegistrationForm';

/**
 * 会谈邀约 (participants of a 对接会): suggested counterparts with matching's score and reasons, the
 * requests sent and received, and the slots the organisation cannot attend.
 */
export function MeetingRequestsTab({ event: e }: { event: EventDetailView }) {
  const registered = e.myRegistration?.status === RegistrationStatus.REGISTERED;
  const live = LIVE_EVENT_STATUSES.includes(e.status);
  if (!registered) {
    return <Alert type="info" showIcon message="贵单位报名成功后，才能发出和接受一对一会谈邀约。" data-testid="requests-not-registered" />;
  }
  return (
    <Flex vertical gap={16}>
      {live ? null : <Alert type="info" showIcon message="活动已结束或已取消，会谈邀约不能再变更。" />}
      <Suggestions event={e} enabled={live} />
      <ReceivedRequests event={e} enabled={live} />
      <SentRequests event={e} enabled={live} />
      <Unavailability event={e} enabled={live} />
    </Flex>
  );
}

function Suggestions({ event: e, enabled }: { event: EventDetailView; enabled: boolean }) {
  const { user } = useAuth();
  const suggestions = useMeetingSuggestions(e.id);
  const [target, setTarget] = useState<MeetingSuggestion | null>(null);
  const counterpart = user?.role === Role.BANK ? '企业' : '金融机构';
  return (
    <Card size="small" title={`推荐洽谈的${counterpart}`} extra={<Typography.Text type="secondary">按企业融资需求与金融机构已发布产品的匹配度排序</Typography.Text>}>
      <List<MeetingSuggestion>
        loading={suggestions.isLoading}
        dataSource={suggestions.data ?? []}
        data-testid="suggestions"
        locale={{ emptyText: <Empty description={`暂无可推荐的${counterpart}（对方报名成功后出现）`} image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
        renderItem={(s) => (
          <List.Item
            data-testid={`suggestion-${s.organization.id}`}
            actions={[
              <Button
                key="ask"
                type={s.alreadyRequested ? 'default' : 'primary'}
                size="small"
                disabled={s.alreadyRequested || !enabled}
                onClick={() => setTarget(s)}
                data-testid={`suggestion-request-${s.organization.id}`}
              >
                {s.alreadyRequested ? '已有邀约' : '邀约会谈'}
              </Button>,
            ]}
          >
            <List.Item.Meta
              title={
                <Space size={6} wrap>
                  <span>{s.organization.name}</span>
                  <Tag color={s.score >= 80 ? 'green' : s.score >= 60 ? 'blue' : 'default'} data-testid={`suggestion-score-${s.organization.id}`}>
                    匹配度 {s.score}
                  </Tag>
                </Space>
              }
              description={
                <div>
                  {s.needTitle || s.productName ? (
                    <div>
                      {s.needTitle ? `需求：${s.needTitle}` : ''}
                      {s.needTitle && s.productName ? ' · ' : ''}
                      {s.productName ? `产品：${s.productName}` : ''}
                    </div>
                  ) : null}
                  {s.reasons.length ? (
                    <ul style={{ margin: '4px 0 0', paddingInlineStart: 18 }} data-testid={`suggestion-reasons-${s.organization.id}`}>
                      {s.reasons.map((r) => (
                        <li key={r}>{r}</li>
                      ))}
                    </ul>
                  ) : null}
                </div>
              }
            />
          </List.Item>
        )}
      />
      {target ? <RequestModal event={e} suggestion={target} onClose={() => setTarget(null)} /> : null}
    </Card>
  );
}

/** 邀约会谈: 必须见面 or 希望见面, the need to discuss (enterprise: one of those it registered with), a message. */
function RequestModal({ event: e, suggestion: s, onClose }: { event: EventDetailView; suggestion: MeetingSuggestion; onClose: () => void }) {
  const { user } = useAuth();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ priority: MeetingPriority; needId?: string; message?: string }>();
  const [error, setError] = useState<string | null>(null);
  const ask = useRequestMeeting(e.id);
  const { registration } = useMyRegistration(e);
  const enterprise = user?.role === Role.ENTERPRISE;
  const needs = useMyOpenNeeds(enterprise);
  // The needs it registered with first, then its other open needs.
  const registered = new Set(registration?.needIds ?? []);
  const needOptions = [...needs.items]
    .sort((a, b) => Number(registered.has(b.id)) - Number(registered.has(a.id)))
    .map((n) => ({ value: n.id, label: needLabel(n) }));
  if (s.needId && s.needTitle && !needOptions.some((o) => o.value === s.needId)) needOptions.unshift({ value: s.needId, label: s.needTitle });

  useEffect(() => {
    form.setFieldsValue({ priority: MeetingPriority.NICE, needId: s.needId ?? undefined });
  }, [form, s]);

  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    setError(null);
    try {
      await ask.mutateAsync({ targetOrganizationId: s.organization.id, priority: v.priority, ...(v.needId ? { needId: v.needId } : {}), ...(v.message?.trim() ? { message: v.message.trim() } : {}) });
      message.success(`已向${s.organization.name}发出邀约，对方会收到通知`);
      onClose();
    } catch (err) {
      setError(handleFormError(form, err));
    }
  };

  return (
    <Modal open title={`邀约会谈：${s.organization.name}`} okText="发出邀约" cancelText="返回" onOk={submit} onCancel={onClose} confirmLoading={ask.isPending} okButtonProps={testId('request-submit')} destroyOnHidden>
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12, whiteSpace: 'pre-line' }} /> : null}
      <Form form={form} layout="vertical">
        <Form.Item name="priority" label="意愿" rules={[{ required: true, message: '请选择意愿' }]} extra="对方收到邀约通知，接受后这场会谈才参与排期；排期时优先安排「必须见面」">
          <Radio.Group data-testid="request-priority">
            {Object.values(MeetingPriority).map((p) => (
              <Radio key={p} value={p} data-testid={`request-priority-${p}`}>
                {MEETING_PRIORITY_LABELS[p]}
              </Radio>
            ))}
          </Radio.Group>
        </Form.Item>
        {enterprise ? (
          <Form.Item name="needId" label="洽谈的融资需求" extra="选填；报名时选择的融资需求排在前面">
            <Select allowClear placeholder="不指定" options={needOptions} data-testid="request-need" />
          </Form.Item>
        ) : s.needTitle ? (
          <Form.Item label="洽谈的融资需求">
            <Typography.Text>{s.needTitle}</Typography.Text>
          </Form.Item>
        ) : null}
        <Form.Item name="message" label="留言" rules={[{ max: 500, message: '留言不能超过500字' }]}>
          <Input.TextArea rows={3} maxLength={500} showCount placeholder="选填，不超过500字，如 想了解的产品、希望洽谈的内容" data-testid="request-message" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ReceivedRequests({ event: e, enabled }: { event: EventDetailView; enabled: boolean }) {
  const { message } = App.useApp();
  const list = useMeetingRequests(e.id, 'received');
  const answer = useAnswerMeetingRequest(e.id);
  const run = (r: MeetingRequestView, action: 'accept' | 'decline') =>
    answer
      .mutateAsync({ requestId: r.id, action })
      .then(() => message.success(action === 'accept' ? '已接受，这场会谈将参与排期' : '已婉拒'))
      .catch((err) => message.error(errorMessage(err)));
  return (
    <Card size="small" title="收到的邀约">
      <Table<MeetingRequestView>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid="requests-received"
        locale={{ emptyText: '暂无收到的邀约' }}
        columns={[
          {
            title: '来自',
            render: (_v, r) => (
              <Space size={4} data-testid={`received-${r.requester.id}`}>
                {r.requester.name}
                {r.mutual ? <Tag color="purple">互相邀约</Tag> : null}
              </Space>
            ),
          },
          { title: '意愿', width: 90, render: (_v, r) => <PriorityTag priority={r.priority} /> },
          { title: '匹配度', width: 70, render: (_v, r) => r.score ?? '—' },
          { title: '融资需求', render: (_v, r) => r.needTitle ?? '—' },
          { title: '留言', render: (_v, r) => r.message ?? '—' },
          { title: '状态', width: 100, render: (_v, r) => <RequestStatusTag status={r.status} testId={`received-status-${r.requester.id}`} /> },
          {
            title: '操作',
            render: (_v, r) =>
              r.status === MeetingRequestStatus.PENDING && enabled ? (
                <Space size={0}>
                  <Popconfirm
                    title="接受邀约？"
                    description={`${r.requester.name}会收到通知；这场会谈由市金融工作局排入日程。`}
                    okText="接受"
                    cancelText="返回"
                    okButtonProps={testId('request-accept-confirm')}
                    onConfirm={() => run(r, 'accept')}
                  >
                    <Button type="link" size="small" data-testid={`request-accept-${r.requester.id}`}>
                      接受
                    </Button>
                  </Popconfirm>
                  <Popconfirm
                    title="婉拒邀约？"
                    description={`${r.requester.name}会收到婉拒的通知。`}
                    okText="婉拒"
                    cancelText="返回"
                    okButtonProps={{ danger: true, ...testId('request-decline-confirm') }}
                    onConfirm={() => run(r, 'decline')}
                  >
                    <Button type="link" size="small" danger data-testid={`request-decline-${r.requester.id}`}>
                      婉拒
                    </Button>
                  </Popconfirm>
                </Space>
              ) : null,
          },
        ]}
      />
    </Card>
  );
}

function SentRequests({ event: e, enabled }: { event: EventDetailView; enabled: boolean }) {
  const { message } = App.useApp();
  const list = useMeetingRequests(e.id, 'sent');
  const answer = useAnswerMeetingRequest(e.id);
  const withdraw = (r: MeetingRequestView) =>
    answer
      .mutateAsync({ requestId: r.id, action: 'withdraw' })
      .then(() => message.success('已撤回'))
      .catch((err) => message.error(errorMessage(err)));
  return (
    <Card size="small" title="发出的邀约">
      <Table<MeetingRequestView>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid="requests-sent"
        locale={{ emptyText: '尚未发出邀约：可从上方推荐中选择' }}
        columns={[
          {
            title: '对方',
            render: (_v, r) => (
              <Space size={4}>
                {r.target.name}
                {r.mutual ? <Tag color="purple">互相邀约</Tag> : null}
              </Space>
            ),
          },
          { title: '意愿', width: 90, render: (_v, r) => <PriorityTag priority={r.priority} /> },
          { title: '融资需求', render: (_v, r) => r.needTitle ?? '—' },
          { title: '发出时间', width: 140, render: (_v, r) => formatDateTime(r.createdAt) },
          { title: '状态', width: 100, render: (_v, r) => <RequestStatusTag status={r.status} testId={`sent-status-${r.target.id}`} /> },
          {
            title: '操作',
            render: (_v, r) =>
              enabled && (r.status === MeetingRequestStatus.PENDING || r.status === MeetingRequestStatus.ACCEPTED) ? (
                <Popconfirm
                  title="撤回邀约？"
                  description={r.status === MeetingRequestStatus.ACCEPTED ? '对方已接受：撤回后这场会谈不再排期，已排入日程的随之取消。' : '撤回后对方不能再接受这条邀约。'}
                  okText="撤回"
                  cancelText="返回"
                  okButtonProps={{ danger: true, ...testId('request-withdraw-confirm') }}
                  onConfirm={() => withdraw(r)}
                >
                  <Button type="link" size="small" danger data-testid={`request-withdraw-${r.target.id}`}>
                    撤回
                  </Button>
                </Popconfirm>
              ) : null,
          },
        ]}
      />
    </Card>
  );
}

/** 不可参加的时段: the organisation's slots it cannot attend (the schedule respects them). */
function Unavailability({ event: e, enabled }: { event: EventDetailView; enabled: boolean }) {
  const { message } = App.useApp();
  const slots = useSlots(e.id);
  const current = useUnavailability(e.id);
  const save = useSaveUnavailability(e.id);
  const [picked, setPicked] = useState<string[] | null>(null);
  const { user } = useAuth();
  const mine = (current.data ?? []).find((u) => u.organizationId === user?.organization.id);
  const value = picked ?? mine?.slotIds ?? [];
  const submit = () =>
    save
      .mutateAsync(value)
      .then(() => {
        message.success(value.length ? `已保存：${value.length} 个时段不可参加` : '已保存：全部时段均可参加');
        setPicked(null);
      })
      .catch((err) => message.error(errorMessage(err)));

  return (
    <Card size="small" title="不可参加的时段" extra={<Typography.Text type="secondary">排期时不会在这些时段为贵单位安排会谈</Typography.Text>}>
      {slots.data?.length ? (
        <Flex vertical gap={8}>
          <Checkbox.Group value={value} onChange={(v) => setPicked(v as string[])} disabled={!enabled} data-testid="unavailability">
            <Flex wrap gap={8}>
              {slots.data.map((s) => (
                <Checkbox key={s.id} value={s.id} data-testid={`unavail-slot-${s.index}`}>
                  第{s.index}场 {clock(s.startsAt)}–{clock(s.endsAt)}
                </Checkbox>
              ))}
            </Flex>
          </Checkbox.Group>
          <div>
            <Button onClick={submit} loading={save.isPending} disabled={!enabled || picked === null} data-testid="unavail-save">
              保存不可参加时段
            </Button>
          </div>
        </Flex>
      ) : (
        <Typography.Text type="secondary">市金融工作局尚未设定洽谈时段。</Typography.Text>
      )}
    </Card>
  );
}
