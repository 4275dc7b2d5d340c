import { Alert, Card, Descriptions, Empty, Flex, List, QRCode, Space, Table, Tag, Typography } from 'antd';
import { EVENT_TYPE_LABELS, EventStatus, LIVE_EVENT_STATUSES, ORG_TYPE_LABELS, OrgType, RegistrationStatus, Role, type EventDetailView, type RegistrationView } from '@zj/shared';
import { formatDateTime } from '../../../lib/format';
import { useAuth } from '../../../lib/auth-context';
import { useRegistrations } from '../hooks/use-participation';
import { clock, EventStatusTag, formatCheckInCode, RegistrationStatusTag, timeRange } from './event-labels';

/** The caller's organisation's registration (participants see only their own). */
export function useMyRegistration(event: EventDetailView) {
  const { user } = useAuth();
  const participant = user?.role === Role.ENTERPRISE || user?.role === Role.BANK;
  const q = useRegistrations(event.id, {}, participant && Boolean(event.myRegistration));
  const mine = (q.data ?? []).find((r) => r.organization.id === user?.organization.id) ?? null;
  return { registration: event.myRegistration ? mine : null, loading: q.isLoading, participant };
}

/** 概况: the event's details, its agenda, the caller's registration (with the check-in code) and the invitees. */
export function OverviewTab({ event: e }: { event: EventDetailView }) {
  const { user } = useAuth();
  const bureau = user?.role === Role.BUREAU;
  const live = LIVE_EVENT_STATUSES.includes(e.status);
  const { registration, participant } = useMyRegistration(e);
  const organisers = ['湛江市金融工作局', ...e.coOrganizers.map((o) => o.name)].join('、');

  return (
    <Flex vertical gap={16}>
      {e.invitedMe ? (
        <Alert
          type={live ? 'success' : 'info'}
          showIcon
          message={live ? '您的机构已受邀参加本次活动' : '您的机构曾受邀参加本次活动'}
          description={live ? `请于 ${formatDateTime(e.startsAt)} ${e.venue ? `前往${e.venue}` : '通过线上会议'}参加。活动开始前一天和一小时，平台会再次提醒。` : undefined}
          data-testid="event-invited-banner"
        />
      ) : null}
      {e.status === EventStatus.CANCELLED && e.statusNote ? <Alert type="warning" showIcon message={`活动已取消：${e.statusNote}`} data-testid="event-cancelled-banner" /> : null}
      <Card size="small">
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label="类型">{EVENT_TYPE_LABELS[e.type]}</Descriptions.Item>
          <Descriptions.Item label="状态">
            <EventStatusTag status={e.status} testId="event-status" />
          </Descriptions.Item>
          <Descriptions.Item label="时间">
            <span data-testid="event-time">{timeRange(e.startsAt, e.endsAt)}</span>
          </Descriptions.Item>
          <Descriptions.Item label="地点">{e.venue || '—'}</Descriptions.Item>
          {e.onlineLink ? (
            <Descriptions.Item label="线上会议">
              <Typography.Link href={e.onlineLink} target="_blank" rel="noreferrer" data-testid="event-online-link-view">
                {e.onlineLink}
              </Typography.Link>
            </Descriptions.Item>
          ) : null}
          <Descriptions.Item label="主办单位">{organisers}</Descriptions.Item>
          <Descriptions.Item label="报名方式">
            {e.isPublic ? '公开报名' : '仅限受邀机构'}
            {e.requiresApproval ? '，需审核' : ''}
            {e.registrationDeadline ? `，${formatDateTime(e.registrationDeadline)} 截止` : ''}
          </Descriptions.Item>
          <Descriptions.Item label="报名情况">
            <span data-testid="event-registration-counts">
              已报名 {e.registeredCount}
              {e.capacity ? ` / 名额 ${e.capacity}` : ''} 家{e.waitlistCount ? `，候补 ${e.waitlistCount} 家` : ''}
            </span>
          </Descriptions.Item>
          {e.description ? (
            <Descriptions.Item label="说明" span={2}>
              <Typography.Paragraph style={{ whiteSpace: 'pre-line', marginBottom: 0 }}>{e.description}</Typography.Paragraph>
            </Descriptions.Item>
          ) : null}
          {e.statusNote ? (
            <Descriptions.Item label={e.status === EventStatus.CANCELLED ? '取消原因' : '举办情况'} span={2}>
              {e.statusNote}
            </Descriptions.Item>
          ) : null}
          {e.attendanceCount ? (
            <Descriptions.Item label="参会人数" span={2}>
              <span data-testid="event-attendance">{e.attendanceCount} 人</span>
            </Descriptions.Item>
          ) : null}
        </Descriptions>
      </Card>

      <Card size="small" title="议程">
        {e.agenda.length ? (
          <Table
            size="small"
            rowKey={(a) => `${a.startsAt}-${a.title}`}
            pagination={false}
            dataSource={e.agenda}
            data-testid="event-agenda"
            columns={[
              { title: '时间', width: 140, render: (_v, a) => `${clock(a.startsAt)}–${clock(a.endsAt)}` },
              { title: '议程', dataIndex: 'title' },
              { title: '主讲', render: (_v, a) => a.speaker ?? '—' },
            ]}
          />
        ) : (
          <Empty description="尚未安排议程" image={Empty.PRESENTED_IMAGE_SIMPLE} />
        )}
      </Card>

      {participant ? <MyRegistrationCard event={e} registration={registration} /> : null}

      <Card size="small" title={<span data-testid="event-invitee-total">受邀机构（{e.inviteeCount} 家）</span>}>
        {bureau ? (
          e.invitees.length ? (
            <List
              size="small"
              dataSource={e.invitees}
              data-testid="event-invitee-list"
              renderItem={(o) => (
                <List.Item>
                  <span>{o.name}</span>
                  <Tag>{ORG_TYPE_LABELS[o.type as OrgType] ?? o.type}</Tag>
                </List.Item>
              )}
            />
          ) : (
            <Empty description="尚未邀请机构" image={Empty.PRESENTED_IMAGE_SIMPLE} />
          )
        ) : (
          <Typography.Text type="secondary">
            {e.inviteeCount ? `本次活动共邀请 ${e.inviteeCount} 家机构${e.invitedMe ? '，包括您的机构' : ''}。` : '本次活动未设受邀名单。'}
          </Typography.Text>
        )}
      </Card>
    </Flex>
  );
}

/** 我的报名: status, waiting-list position and, once registered, the check-in code as a QR code and typed. */
function MyRegistrationCard({ event: e, registration: r }: { event: EventDetailView; registration: RegistrationView | null }) {
  if (!e.myRegistration) {
    return (
      <Card size="small" title="我的报名">
        <Typography.Text type="secondary" data-testid="my-registration-none">
          贵单位尚未报名{e.status === EventStatus.PUBLISHED ? '，可在「报名」页报名。' : '。'}
        </Typography.Text>
      </Card>
    );
  }
  const status = r?.status ?? e.myRegistration.status;
  return (
    <Card size="small" title="我的报名" data-testid="my-registration">
      <Flex gap={24} wrap align="start">
        <Descriptions column={1} size="small" style={{ flex: 1, minWidth: 260 }}>
          <Descriptions.Item label="状态">
            <RegistrationStatusTag status={status} testId="my-registration-status" />
          </Descriptions.Item>
          {r?.waitlistPosition ? <Descriptions.Item label="候补位次">第 {r.waitlistPosition} 位（有机构取消时按顺序递补，并通知您）</Descriptions.Item> : null}
          {r?.desks ? <Descriptions.Item label="桌位">{r.desks} 个</Descriptions.Item> : null}
          {r?.contactName ? <Descriptions.Item label="参会联系人">{[r.contactName, r.contactPhone].filter(Boolean).join(' ')}</Descriptions.Item> : null}
          {r?.checkedInAt ? <Descriptions.Item label="签到">{formatDateTime(r.checkedInAt)} 已签到</Descriptions.Item> : null}
        </Descriptions>
        {status === RegistrationStatus.REGISTERED && r?.checkInCode ? (
          <Space direction="vertical" align="center" size={4} data-testid="my-check-in">
            <QRCode value={r.checkInCode} size={148} bordered={false} data-testid="my-check-in-qr" />
            <Typography.Text strong copyable={{ text: r.checkInCode }} style={{ fontFamily: 'monospace', fontSize: 16, letterSpacing: 1 }} data-testid="my-check-in-code">
              {formatCheckInCode(r.checkInCode)}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              签到码：到场时出示二维码，或报出这12位签到码
            </Typography.Text>
          </Space>
        ) : null}
      </Flex>
    </Card>
  );
}
