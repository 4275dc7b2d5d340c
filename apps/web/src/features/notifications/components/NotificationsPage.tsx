import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { App, Button, Card, Checkbox, Empty, Input, List, Pagination, Select, Space, Switch, Table, Tabs, Typography } from 'antd';
import {
  NOTIFICATION_CHANNEL_LABELS,
  NOTIFICATION_TYPE_LABELS,
  NotificationChannel,
  type InboxItem,
  type NotificationPreferenceItem,
  type UserChannel,
  USER_CHANNELS,
} from '@zj/shared';
import { PageContainer } from '../../../components/PageContainer';
import { useInbox, useMarkAllRead, useMarkRead, usePreferences, useUpdatePreferences } from '../hooks/use-notifications';
import { InboxListItem } from './NotificationBell';

/** 消息中心: every notice of the user, and the user's notification settings. */
export default function NotificationsPage() {
  return (
    <PageContainer title="消息中心">
      <Tabs
        items={[
          { key: 'inbox', label: '站内消息', children: <InboxPanel /> },
          { key: 'settings', label: '通知设置', children: <PreferencesPanel /> },
        ]}
      />
    </PageContainer>
  );
}

function InboxPanel() {
  const [page, setPage] = useState(1);
  const [unreadOnly, setUnreadOnly] = useState(false);
  const inbox = useInbox({ page, pageSize: 20, unreadOnly: unreadOnly || undefined });
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const navigate = useNavigate();
  const open = (item: InboxItem) => {
    if (!item.readAt) markRead.mutate(item.id);
    if (item.link) navigate(item.link);
  };
  return (
    <Card
      title={<span data-testid="inbox-unread">未读 {inbox.data?.unread ?? 0} 条</span>}
      extra={
        <Space>
          <Switch checked={unreadOnly} onChange={(v) => { setUnreadOnly(v); setPage(1); }} checkedChildren="只看未读" unCheckedChildren="全部" />
          <Button onClick={() => markAll.mutate()} disabled={!inbox.data?.unread} loading={markAll.isPending}>
            全部标为已读
          </Button>
        </Space>
      }
    >
      {inbox.data && !inbox.data.items.length ? (
        <Empty description="暂无消息" />
      ) : (
        <List loading={inbox.isLoading} dataSource={inbox.data?.items ?? []} renderItem={(item) => <InboxListItem item={item} onOpen={open} />} data-testid="inbox-list" />
      )}
      {inbox.data && inbox.data.total > 20 ? <Pagination current={page} pageSize={20} total={inbox.data.total} onChange={setPage} style={{ marginTop: 16 }} /> : null}
    </Card>
  );
}

function PreferencesPanel() {
  const { message } = App.useApp();
  const prefs = usePreferences();
  const save = useUpdatePreferences();
  const [mobile, setMobile] = useState<string | undefined>();
  if (!prefs.data) return <Card loading />;
  const data = prefs.data;
  const update = (item: NotificationPreferenceItem, patch: Partial<Pick<NotificationPreferenceItem, 'channels' | 'digest'>>) =>
    save.mutate(
      { items: [{ type: item.type, channels: patch.channels ?? item.channels, digest: patch.digest ?? item.digest }] },
      { onSuccess: () => void message.success('通知设置已保存'), onError: (e) => void message.error(e.message) },
    );
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card title="接收方式" size="small">
        <Space wrap>
          <span>语言</span>
          <Select
            value={data.locale}
            style={{ width: 120 }}
            options={[{ value: 'zh-CN', label: '中文' }, { value: 'en', label: 'English' }]}
            onChange={(locale) => save.mutate({ locale })}
          />
          <span>短信手机号</span>
          <Input style={{ width: 180 }} placeholder="11位手机号" value={mobile ?? data.mobile ?? ''} onChange={(e) => setMobile(e.target.value)} data-testid="prefs-mobile" />
          <Button
            onClick={() =>
              save.mutate({ mobile: mobile ?? '' }, { onSuccess: () => void message.success('手机号已保存'), onError: (e) => void message.error(e.message) })
            }
          >
            保存手机号
          </Button>
        </Space>
        {!data.availableChannels.includes(NotificationChannel.EMAIL) ? (
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            平台尚未配置邮件服务，电子邮件通知暂不发送。
          </Typography.Paragraph>
        ) : null}
      </Card>
      <Table
        rowKey="type"
        size="small"
        pagination={false}
        dataSource={data.items}
        data-testid="prefs-table"
        columns={[
          { title: '通知类型', dataIndex: 'type', render: (t: NotificationPreferenceItem['type']) => NOTIFICATION_TYPE_LABELS[t] },
          {
            title: '接收方式',
            render: (_: unknown, item: NotificationPreferenceItem) => (
              <Checkbox.Group
                value={item.channels}
                // SMS only for types with an SMS text (the API refuses it elsewhere): not offered.
                options={USER_CHANNELS.filter((c) => item.allowedChannels.includes(c)).map((c) => ({
                  value: c,
                  label: NOTIFICATION_CHANNEL_LABELS[c],
                  disabled: item.mandatoryChannels.includes(c) || !data.availableChannels.includes(c),
                }))}
                onChange={(v) => update(item, { channels: v as UserChannel[] })}
              />
            ),
          },
          {
            title: '邮件并入每日汇总',
            render: (_: unknown, item: NotificationPreferenceItem) =>
              item.digestAllowed ? <Switch size="small" checked={item.digest} onChange={(digest) => update(item, { digest })} /> : <Typography.Text type="secondary">—</Typography.Text>,
          },
        ]}
      />
    </Space>
  );
}
