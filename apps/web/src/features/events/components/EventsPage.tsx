import { useState } from 'react';
import { Link } from 'react-router-dom';
import { App, Button, Card, Select, Space, Switch, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { EVENT_STATUS_LABELS, EVENT_TYPE_LABELS, EventStatus, EventType, Role } from '@zj/shared';
import { PageContainer } from '../../../components/PageContainer';
import { errorMessage } from '../../../lib/errors';
import { formatDateTime } from '../../../lib/format';
import { useAuth } from '../../auth/hooks/auth-context';
import type { PlatformEvent } from '../api/events-api';
import { useEvent, useEvents, useSetEventStatus } from '../hooks/use-events';
import { EventFormModal } from './EventFormModal';
import { EVENT_STATUS_COLORS } from './event-labels';

/** 宣讲·推介·对接会: the bureau's events; held events count towards the plan's indicator (≥3 a year). */
export default function EventsPage() {
  const { user } = useAuth();
  const { message } = App.useApp();
  const bureau = user?.role === Role.BUREAU;
  const [filters, setFilters] = useState<{ type?: EventType; status?: EventStatus; invited?: boolean; page: number }>({ page: 1 });
  const events = useEvents({ ...filters, pageSize: 20 });
  const setStatus = useSetEventStatus();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);

  const mark = (e: PlatformEvent, status: EventStatus) =>
    setStatus
      .mutateAsync({ id: e.id, version: e.version, status })
      .then(() => message.success(status === EventStatus.HELD ? '已标记为已举办' : '已取消'))
      .catch((err) => message.error(errorMessage(err)));

  return (
    <PageContainer
      title="宣讲·推介·对接会"
      description="市金融工作局组织的绿色金融知识宣讲、产品推介和融资对接活动。已举办的活动自动计入方案指标（2023年不少于3次）。"
      extra={
        bureau ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="event-create">
            新建活动
          </Button>
        ) : null
      }
    >
      <Card size="small">
        <Space style={{ marginBottom: 12 }}>
          <Select allowClear placeholder="全部类型" style={{ width: 180 }} options={Object.values(EventType).map((t) => ({ value: t, label: EVENT_TYPE_LABELS[t] }))} onChange={(type) => setFilters((f) => ({ ...f, type, page: 1 }))} />
          <Select allowClear placeholder="全部状态" style={{ width: 140 }} options={Object.values(EventStatus).map((s) => ({ value: s, label: EVENT_STATUS_LABELS[s] }))} onChange={(status) => setFilters((f) => ({ ...f, status, page: 1 }))} />
          {bureau ? null : (
            <Switch checkedChildren="只看本机构受邀" unCheckedChildren="全部活动" onChange={(on) => setFilters((f) => ({ ...f, invited: on || undefined, page: 1 }))} data-testid="event-invited-only" />
          )}
        </Space>
        <Table<PlatformEvent>
          rowKey="id"
          size="small"
          loading={events.isFetching}
          dataSource={events.data?.items ?? []}
          pagination={{ current: filters.page, pageSize: 20, total: events.data?.total, onChange: (page) => setFilters((f) => ({ ...f, page })) }}
          columns={[
            { title: '时间', width: 150, render: (_v, e) => formatDateTime(e.startsAt) },
            { title: '类型', width: 150, render: (_v, e) => EVENT_TYPE_LABELS[e.type] },
            {
              title: '活动',
              render: (_v, e) => (
                <Space size={4} wrap>
                  <Link to={`/events/${e.id}`} data-testid={`event-link-${e.id}`}>
                    {e.title}
                  </Link>
                  {e.invitedMe ? (
                    <Tag color="green" data-testid={`event-invited-${e.id}`}>
                      本机构受邀
                    </Tag>
                  ) : null}
                </Space>
              ),
            },
            { title: '地点', dataIndex: 'venue' },
            { title: '受邀机构', width: 90, render: (_v, e) => <span data-testid={`event-invitee-count-${e.id}`}>{e.inviteeCount ? `${e.inviteeCount} 家` : '—'}</span> },
            { title: '状态', width: 100, render: (_v, e) => <Tag color={EVENT_STATUS_COLORS[e.status]} data-testid={`event-status-${e.id}`}>{EVENT_STATUS_LABELS[e.status]}</Tag> },
            {
              title: '',
              width: 220,
              render: (_v, e) =>
                bureau && e.status === EventStatus.PLANNED ? (
                  <Space>
                    <Button size="small" onClick={() => setEditing(e.id)} data-testid={`event-edit-${e.id}`}>
                      修改
                    </Button>
                    <Button size="small" disabled={new Date(e.startsAt) > new Date()} onClick={() => mark(e, EventStatus.HELD)} data-testid={`event-held-${e.id}`}>
                      已举办
                    </Button>
                    <Button size="small" danger onClick={() => mark(e, EventStatus.CANCELLED)}>
                      取消
                    </Button>
                  </Space>
                ) : null,
            },
          ]}
        />
      </Card>
      <EventFormModal open={creating} onClose={() => setCreating(false)} />
      <EditEventModal id={editing} onClose={() => setEditing(null)} />
    </PageContainer>
  );
}

/** 修改 from the list: the form needs the event's invitees, which only its detail carries. */
function EditEventModal({ id, onClose }: { id: string | null; onClose: () => void }) {
  const detail = useEvent(id ?? undefined);
  return <EventFormModal open={Boolean(id && detail.data)} onClose={onClose} event={detail.data} />;
}
