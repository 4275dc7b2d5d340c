import { lazy, Suspense, useState, type ReactNode } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { Button, Result, Spin, Tabs } from 'antd';
import { EditOutlined, ScanOutlined } from '@ant-design/icons';
import { EventStatus, EventType, LIVE_EVENT_STATUSES, Role, type EventDetailView } from '@zj/shared';
import { PageContainer } from '../../../components/PageContainer';
import { errorMessage } from '../../../lib/errors';
import { useAuth } from '../../../lib/auth-context';
import { useEvent } from '../hooks/use-events';
import { AgendaTab } from './AgendaTab';
import { EventFormModal } from './EventFormModal';
import { EventStepActions } from './EventStepActions';
import { InvitationsTab } from './InvitationsTab';
import { MeetingRequestsTab } from './MeetingRequestsTab';
import { OverviewTab } from './OverviewTab';
import { RegistrationsTab } from './RegistrationsTab';
import { ScheduleTab } from './ScheduleTab';

// The day's panels load when their tab is opened (the check-in panel brings the camera's QR reader).
const CheckInPanel = lazy(() => import('../day/components/CheckInPanel'));
const LivePanel = lazy(() => import('../day/components/LivePanel'));
const OutcomesPanel = lazy(() => import('../day/components/OutcomesPanel'));
const IntentsPanel = lazy(() => import('../day/components/IntentsPanel'));
const EventReportPanel = lazy(() => import('../day/components/EventReportPanel'));

export type EventTabKey = 'overview' | 'invitations' | 'registrations' | 'requests' | 'schedule' | 'agenda' | 'check-in' | 'live' | 'outcomes' | 'intents' | 'report';

interface TabSpec {
  key: EventTabKey;
  label: string;
  render: (e: EventDetailView) => ReactNode;
}

/** The tabs a role sees for an event: 1:1 meetings only at a 对接会; the day's tabs once it is announced. */
export function eventTabs(e: EventDetailView, role: Role): TabSpec[] {
  const bureau = role === Role.BUREAU;
  const participant = role === Role.ENTERPRISE || role === Role.BANK;
  const regulator = role === Role.REGULATOR;
  const mm = e.type === EventType.MATCHMAKING;
  const announced = e.status !== EventStatus.DRAFT;
  const tabs: (TabSpec | false)[] = [
    { key: 'overview', label: '概况', render: (x) => <OverviewTab event={x} /> },
    bureau && { key: 'invitations', label: '邀请', render: (x) => <InvitationsTab event={x} /> },
    (bureau || participant) && { key: 'registrations', label: '报名', render: (x) => <RegistrationsTab event={x} /> },
    participant && mm && { key: 'requests', label: '会谈邀约', render: (x) => <MeetingRequestsTab event={x} /> },
    bureau && mm && { key: 'schedule', label: '日程编排', render: (x) => <ScheduleTab event={x} /> },
    participant && mm && { key: 'agenda', label: '我的日程', render: (x) => <AgendaTab event={x} /> },
    bureau && announced && { key: 'check-in', label: '签到', render: (x) => <CheckInPanel event={x} /> },
    bureau && mm && announced && { key: 'live', label: '现场', render: (x) => <LivePanel event={x} /> },
    (bureau || participant) && mm && announced && { key: 'outcomes', label: '会谈结果', render: (x) => <OutcomesPanel event={x} /> },
    (bureau || participant || regulator) && mm && announced && { key: 'intents', label: '签约意向', render: (x) => <IntentsPanel event={x} /> },
    (bureau || regulator) && mm && announced && { key: 'report', label: '活动报告', render: (x) => <EventReportPanel event={x} /> },
  ];
  return tabs.filter((t): t is TabSpec => Boolean(t));
}

/** Statuses in which the bureau may still edit an event. */
const EDITABLE: readonly EventStatus[] = [EventStatus.DRAFT, EventStatus.PUBLISHED, EventStatus.REGISTRATION_CLOSED];

/**
 * One event, as tabs by role and event type (the invitation's link leads here; `/events/:id/agenda`,
 * the agenda notice's link, opens 我的日程). The bureau edits it and takes its steps.
 */
export default function EventDetailPage({ initialTab }: { initialTab?: EventTabKey }) {
  const { id } = useParams<{ id: string }>();
  const { user } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const bureau = user?.role === Role.BUREAU;
  const event = useEvent(id);
  const [editing, setEditing] = useState(false);

  if (event.isLoading) return <Spin style={{ display: 'block', margin: '80px auto' }} />;
  if (!event.data || !user) return <Result status="404" title="活动不存在" subTitle={event.error ? errorMessage(event.error) : undefined} />;
  const e = event.data;
  const tabs = eventTabs(e, user.role);
  const asked = (params.get('tab') as EventTabKey | null) ?? initialTab ?? 'overview';
  const active = tabs.some((t) => t.key === asked) ? asked : 'overview';

  return (
    <PageContainer
      title={e.title}
      extra={
        bureau ? (
          <>
            {EDITABLE.includes(e.status) ? (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="event-edit">
                修改活动
              </Button>
            ) : null}
            {LIVE_EVENT_STATUSES.includes(e.status) ? (
              <Button icon={<ScanOutlined />} onClick={() => navigate(`/events/${e.id}/check-in`)} data-testid="event-check-in-page">
                打开签到页
              </Button>
            ) : null}
            <EventStepActions event={e} />
          </>
        ) : null
      }
    >
      <Tabs
        activeKey={active}
        onChange={(key) => navigate(`/events/${e.id}?tab=${key}`, { replace: true })}
        data-testid="event-tabs"
        items={tabs.map((t) => ({
          key: t.key,
          label: <span data-testid={`event-tab-${t.key}`}>{t.label}</span>,
          children: <Suspense fallback={<Spin style={{ display: 'block', margin: '40px auto' }} />}>{t.render(e)}</Suspense>,
        }))}
      />
      {bureau ? <EventFormModal open={editing} onClose={() => setEditing(false)} event={e} /> : null}
    </PageContainer>
  );
}
