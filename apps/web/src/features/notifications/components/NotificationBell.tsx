import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Badge, Button, Drawer, Empty, List, Spin, Tag, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { NOTIFICATION_TYPE_LABELS, type InboxItem } from '@zj/shared';
import { formatDateTime } from '../../../lib/format';
import { useInbox, useInboxStream, useMarkAllRead, useMarkRead, useUnreadCount } from '../hooks/use-notifications';

/** The header's bell: the unread count, live over server-sent events; opens the latest notices in a drawer. */
export function NotificationBell() {
  useInboxStream();
  const [open, setOpen] = useState(false);
  const { data } = useUnreadCount();
  const unread = data?.unread ?? 0;
  return (
    <>
      <Badge count={unread} size="small" overflowCount={99} data-testid="notification-badge" data-count={unread}>
        <Button type="text" size="small" className="zj-header-logout" icon={<BellOutlined />} onClick={() => setOpen(true)} data-testid="notification-bell" aria-label={`站内消息，${unread} 条未读`} />
      </Badge>
      <NotificationDrawer open={open} onClose={() => setOpen(false)} unread={unread} />
    </>
  );
}

function NotificationDrawer({ open, onClose, unread }: { open: boolean; onClose: () => void; unread: number }) {
  const inbox = useInbox({ page: 1, pageSize: 20 }, open);
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const navigate = useNavigate();
  const openItem = (item: InboxItem) => {
    if (!item.readAt) markRead.mutate(item.id);
    if (item.link) {
      onClose();
      navigate(item.link);
    }
  };
  return (
    <Drawer
      title="站内消息"
      open={open}
      onClose={onClose}
      size={420}
      data-testid="notification-drawer"
      extra={
        <Button size="small" disabled={!unread} loading={markAll.isPending} onClick={() => markAll.mutate()} data-testid="notification-read-all">
          全部标为已读
        </Button>
      }
      footer={
        <Link to="/notifications" onClick={onClose} data-testid="notification-see-all">
          查看全部消息与通知设置
        </Link>
      }
    >
      {inbox.isLoading ? (
        <Spin />
      ) : !inbox.data?.items.length ? (
        <Empty description="暂无消息" />
      ) : (
        <List
          dataSource={inbox.data.items}
          renderItem={(item) => <InboxListItem item={item} onOpen={openItem} />}
        />
      )}
    </Drawer>
  );
}

export function InboxListItem({ item, onOpen }: { item: InboxItem; onOpen: (i: InboxItem) => void }) {
  return (
    <List.Item
      data-testid="notification-item"
      data-read={item.readAt ? 'true' : 'false'}
      style={{ cursor: 'pointer', opacity: item.readAt ? 0.65 : 1 }}
      onClick={() => onOpen(item)}
    >
      <List.Item.Meta
        title={
          <span>
            {!item.readAt ? <Badge status="processing" /> : null} {item.title}
          </span>
        }
        description={
          <>
            <Typography.Paragraph ellipsis={{ rows: 3 }} style={{ marginBottom: 4, whiteSpace: 'pre-line' }}>
              {item.body}
            </Typography.Paragraph>
            <Tag>{NOTIFICATION_TYPE_LABELS[item.type]}</Tag>
            <Typography.Text type="secondary">{formatDateTime(item.createdAt)}</Typography.Text>
          </>
        }
      />
    </List.Item>
  );
}
