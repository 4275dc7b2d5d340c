import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Button, Card, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { EVENT_STATUS_LABELS, EVENT_TYPE_LABELS, EventStatus, EventType, type EventView, Role } from '@zj/shared';
import { PageContainer } from '../../../components/PageContainer';
import { formatDateTime } from '../../../lib/format';
import { useAuth } from '../../../lib/auth-context';
import { useEvent, useEvents } from '../hooks/use-events';
import { EventFormModal } from './EventFormModal';
import { EventStepActions } from './EventStepActions';
import { EventStatusTag, RegistrationStatusTag } from './event-labels';

/** Statuses in which the bureau may still edit an event. */
const EDITABLE: readonly EventStatus[] = [EventStatus.DRAFT, EventStatus.PUBLISHED, EventStatus.REGISTRATION_CLOSED];

/** 宣讲·推介·对接会: the bureau's events; held events count towards the plan's indicator (≥3 a year). */
export default function EventsPage() {
  const { user } = useAuth();
  const bureau = user?.role === Role.BUREAU;
  const [filters, setFilters] = useState<{ type?: EventType; status?: EventStatus; invited?: boolean; page: number }>({ page: 1 });
  const events = useEvents({ ...filters, pageSize: 20 });
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);

  return (
    <PageContainer
      title="宣讲·推介·对接会"
      description="市金融工作局组织的绿色金融知识宣讲、产品推介和融资对接活动。活动先存为草稿，发布后开放报名；已举办的活动自动计入方案指标（2023年不少于3次）。"
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
          <Select
            allowClear
            placeholder="全部状态"
            style={{ width: 140 }}
            options={Object.values(EventStatus)
              .filter((s) => bureau || s !== EventStatus.DRAFT)
              .map((s) => ({ value: s, label: EVENT_STATUS_LABELS[s] }))}
            onChange={(status) => setFilters((f) => ({ ...f, status, page: 1 }))}
            data-testid="event-filter-status"
          />
          {bureau ? null : (
            <Switch checkedChildren="只看本机构受邀" unCheckedChildren="全部活动" onChange={(on) => setFilters((f) => ({ ...f, invited: on || undefined, page: 1 }))} data-testid="event-invited-only" />
          )}
        </Space>
        <Table<EventView>
          rowKey="id"
          size="small"
          loading={events.isFetching}
          dataSource={events.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          pagination={{ current: filters.page, pageSize: 20, total: events.data?.total, onChange: (page) => setFilters((f) => ({ ...f, page })) }}
          columns={[
            { title: '时间', width: 150, render: (_v, e) => formatDateTime(e.startsAt) },
            { title: '类型', width: 140, render: (_v, e) => EVENT_TYPE_LABELS[e.type] },
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
                  {e.myRegistration ? <RegistrationStatusTag status={e.myRegistration.status} testId={`event-my-registration-${e.id}`} /> : null}
                </Space>
              ),
            },
            {
              title: '地点',
              render: (_v, e) => (
                <span>
                  {e.venue || null}
                  {e.onlineLink ? <Typography.Text type="secondary">{e.venue ? '（另设线上）' : '线上'}</Typography.Text> : null}
                </span>
              ),
            },
            {
              title: '报名',
              width: 110,
              render: (_v, e) => (
                <span data-testid={`event-registered-${e.id}`}>
                  {e.registeredCount}
                  {e.capacity ? ` / ${e.capacity}` : ''} 家{e.waitlistCount ? `，候补 ${e.waitlistCount}` : ''}
                </span>
              ),
            },
            { title: '受邀机构', width: 90, render: (_v, e) => <span data-testid={`event-invitee-count-${e.id}`}>{e.inviteeCount ? `${e.inviteeCount} 家` : '—'}</span> },
            { title: '状态', width: 90, render: (_v, e) => <EventStatusTag status={e.status} testId={`event-status-${e.id}`} /> },
            ...(bureau
              ? [
                  {
                    title: '操作',
                    fixed: 'right' as const,
                    render: (_v: unknown, e: EventView) => (
                      <Space size={4}>
                        {EDITABLE.includes(e.status) ? (
                          <Button size="small" onClick={() => setEditing(e.id)} data-testid={`event-edit-${e.id}`}>
                            修改
                          </Button>
                        ) : null}
                        <EventStepActions event={e} size="small" suffix={e.id} compact />
                      </Space>
                    ),
                  },
                ]
              : []),
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
