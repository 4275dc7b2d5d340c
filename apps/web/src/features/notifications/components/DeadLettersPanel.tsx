import { useState } from 'react';
import { App, Button, Select, Space, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import {
  DELIVERY_STATUS_LABELS,
  DeliveryStatus,
  NOTIFICATION_CHANNEL_LABELS,
  NOTIFICATION_TYPE_LABELS,
  NotificationChannel,
  type DeadLetterView,
} from '@zj/shared';
import { DataTable } from '../../../components/DataTable';
import { notifyError } from '../../../lib/errors';
import { formatDateTime } from '../../../lib/format';
import { useDeadLetters, useRetried, useRetryDeadLetter } from '../hooks/use-notifications-admin';

const PAGE_SIZE = 20;
const CHANNELS = [NotificationChannel.EMAIL, NotificationChannel.SMS, NotificationChannel.WECOM, NotificationChannel.WEBHOOK];
const STATUS_COLORS: Partial<Record<DeliveryStatus, string>> = { [DeliveryStatus.SENT]: 'green', [DeliveryStatus.DEAD]: 'red', [DeliveryStatus.PENDING]: 'blue', [DeliveryStatus.SENDING]: 'blue' };

/** Who a delivery was for: the organisation, and the user or endpoint. */
function Recipient({ d }: { d: DeadLetterView }) {
  return (
    <Space direction="vertical" size={0}>
      <span>{d.organizationName ?? '（机构已删除）'}</span>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {d.recipientName ? `${d.recipientName} · ` : ''}
        {d.address}
      </Typography.Text>
    </Space>
  );
}

/** The reason as sent by the other side: wrapped, never stretching the table. */
const Reason = ({ text }: { text: string | null }) =>
  text ? (
    <Typography.Paragraph type="danger" style={{ margin: 0, maxWidth: 360, wordBreak: 'break-all' }} ellipsis={{ rows: 3, expandable: true, symbol: '展开' }}>
      {text}
    </Typography.Paragraph>
  ) : (
    <Typography.Text type="secondary">—</Typography.Text>
  );

const common = [
  { title: '通知类型', dataIndex: 'type', render: (t: DeadLetterView['type']) => NOTIFICATION_TYPE_LABELS[t] ?? t },
  { title: '渠道', dataIndex: 'channel', render: (c: NotificationChannel) => NOTIFICATION_CHANNEL_LABELS[c] },
  { title: '接收机构', key: 'recipient', render: (_: unknown, d: DeadLetterView) => <Recipient d={d} /> },
];

/** Dead letters (retry with a confirmation) and the retried ones with what became of them. */
export function DeadLettersPanel() {
  const [tab, setTab] = useState('dead');
  const [channel, setChannel] = useState<NotificationChannel | undefined>();
  const [page, setPage] = useState(1);
  const [retriedPage, setRetriedPage] = useState(1);
  const dead = useDeadLetters({ page, pageSize: PAGE_SIZE, channel });
  const retried = useRetried({ page: retriedPage, pageSize: PAGE_SIZE, channel });
  const retry = useRetryDeadLetter();
  const { modal, message } = App.useApp();

  const confirmRetry = (d: DeadLetterView) =>
    modal.confirm({
      title: '重新投递这条通知？',
      content: (
        <div>
          <p>
            将通过{NOTIFICATION_CHANNEL_LABELS[d.channel]}向{d.organizationName ?? '接收方'}
            {d.recipientName ? `（${d.recipientName}）` : ''}重新发送“{NOTIFICATION_TYPE_LABELS[d.type] ?? d.type}”，地址：{d.address}。
          </p>
          <p>上次失败原因：{d.lastError ?? '未记录'}。若原因尚未排除（如对方系统仍在维护），重新投递可能再次失败。结果显示在“已重新投递”中。</p>
        </div>
      ),
      okText: '重新投递',
      cancelText: '取消',
      onOk: async () => {
        try {
          await retry.mutateAsync(d.id);
          message.success('已重新投递，正在发送；结果见“已重新投递”');
          setTab('retried');
        } catch (e) {
          notifyError(e);
        }
      },
    });

  const filter = (
    <Select
      allowClear
      placeholder="全部渠道"
      aria-label="渠道"
      style={{ width: 200, marginBottom: 12 }}
      value={channel}
      onChange={(v) => {
        setChannel(v);
        setPage(1);
        setRetriedPage(1);
      }}
      options={CHANNELS.map((c) => ({ value: c, label: NOTIFICATION_CHANNEL_LABELS[c] }))}
    />
  );

  // The two tabs: the same filter over a page of deliveries, with their own columns.
  const lists: { key: string; label: string; list: typeof dead; page: number; setPage: (page: number) => void; testId: string; emptyText: string; columns: TableColumnsType<DeadLetterView> }[] = [
    {
      key: 'dead',
      label: `待处理（${dead.data?.total ?? 0}）`,
      list: dead,
      page,
      setPage,
      testId: 'dead-letters',
      emptyText: '没有投递失败的通知',
      columns: [
        { title: '失败原因', dataIndex: 'lastError', render: (v: string | null) => <Reason text={v} /> },
        { title: '尝试次数', dataIndex: 'attempts', render: (n: number, d) => `${n} 次${d.retries ? `（已重新投递 ${d.retries} 次）` : ''}` },
        { title: '失败时间', dataIndex: 'deadAt', render: (v: string | null) => formatDateTime(v) },
        {
          title: '操作',
          key: 'actions',
          render: (_: unknown, d) => (
            <Button size="small" type="primary" onClick={() => confirmRetry(d)}>
              重新投递
            </Button>
          ),
        },
      ],
    },
    {
      key: 'retried',
      label: '已重新投递',
      list: retried,
      page: retriedPage,
      setPage: setRetriedPage,
      testId: 'retried-deliveries',
      emptyText: '尚未重新投递过通知',
      columns: [
        {
          title: '现在的状态',
          dataIndex: 'status',
          render: (s: DeliveryStatus) => <Tag color={STATUS_COLORS[s]}>{DELIVERY_STATUS_LABELS[s]}</Tag>,
        },
        { title: '重新投递次数', dataIndex: 'retries', render: (n: number) => `${n} 次` },
        {
          title: '结果',
          key: 'outcome',
          render: (_: unknown, d) =>
            d.status === DeliveryStatus.SENT ? (
              `${formatDateTime(d.sentAt)} 送达`
            ) : d.status === DeliveryStatus.DEAD ? (
              <Reason text={`再次失败：${d.lastError ?? '未记录原因'}`} />
            ) : (
              <Typography.Text type="secondary">正在发送…</Typography.Text>
            ),
        },
      ],
    },
  ];

  return (
    <Tabs
      activeKey={tab}
      onChange={setTab}
      size="small"
      items={lists.map((l) => ({
        key: l.key,
        label: l.label,
        children: (
          <>
            {filter}
            <DataTable<DeadLetterView>
              data={l.list.data}
              loading={l.list.isLoading}
              page={l.page}
              pageSize={PAGE_SIZE}
              onPageChange={l.setPage}
              sizeChanger={false}
              data-testid={l.testId}
              locale={{ emptyText: l.emptyText }}
              columns={[...common, ...l.columns]}
            />
          </>
        ),
      }))}
    />
  );
}
