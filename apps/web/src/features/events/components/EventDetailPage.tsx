import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { Alert, Button, Card, Descriptions, Empty, List, Result, Spin, Tag, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { EVENT_STATUS_LABELS, EVENT_TYPE_LABELS, EventStatus, ORG_TYPE_LABELS, Role } from '@zj/shared';
import { PageContainer } from '../../../components/PageContainer';
import { errorMessage } from '../../../lib/errors';
import { formatDateTime } from '../../../lib/format';
import { useAuth } from '../../auth/hooks/auth-context';
import { useEvent } from '../hooks/use-events';
import { EventFormModal } from './EventFormModal';
import { EVENT_STATUS_COLORS } from './event-labels';

/**
 * One event (the invitation's link leads here). The bureau sees and edits the invitee list; an
 * invited organisation's user sees that they are invited; others see how many are.
 */
export default function EventDetailPage() {
  const { id } = useParams<{ id: string }>();
  const { user } = useAuth();
  const bureau = user?.role === Role.BUREAU;
  const event = useEvent(id);
  const [editing, setEditing] = useState(false);

  if (event.isLoading) return <Spin style={{ display: 'block', margin: '80px auto' }} />;
  if (!event.data) return <Result status="404" title="活动不存在" subTitle={event.error ? errorMessage(event.error) : undefined} />;
  const e = event.data;
  const planned = e.status === EventStatus.PLANNED;

  return (
    <PageContainer
      title={e.title}
      extra={
        bureau && planned ? (
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="event-edit">
            修改活动
          </Button>
        ) : null
      }
    >
      {e.invitedMe ? (
        <Alert
          type={planned ? 'success' : 'info'}
          showIcon
          style={{ marginBottom: 16 }}
          message={planned ? '您的机构已受邀参加本次活动' : '您的机构曾受邀参加本次活动'}
          description={planned ? `请于 ${formatDateTime(e.startsAt)} 前往${e.venue}参加。活动开始前一天和一小时，平台会再次提醒。` : undefined}
          data-testid="event-invited-banner"
        />
      ) : null}
      <Card size="small">
        <Descriptions column={2} size="small">
          <Descriptions.Item label="类型">{EVENT_TYPE_LABELS[e.type]}</Descriptions.Item>
          <Descriptions.Item label="状态">
            <Tag color={EVENT_STATUS_COLORS[e.status]} data-testid="event-status">
              {EVENT_STATUS_LABELS[e.status]}
            </Tag>
          </Descriptions.Item>
          <Descriptions.Item label="时间">{formatDateTime(e.startsAt)}</Descriptions.Item>
          <Descriptions.Item label="地点">{e.venue}</Descriptions.Item>
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
        </Descriptions>
      </Card>
      <Card size="small" style={{ marginTop: 16 }} title={<span data-testid="event-invitee-total">受邀机构（{e.inviteeCount} 家）</span>}>
        {bureau ? (
          e.invitees.length ? (
            <List
              size="small"
              dataSource={e.invitees}
              data-testid="event-invitee-list"
              renderItem={(o) => (
                <List.Item>
                  <span>{o.name}</span>
                  <Tag>{ORG_TYPE_LABELS[o.type]}</Tag>
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
      {bureau ? <EventFormModal open={editing} onClose={() => setEditing(false)} event={e} /> : null}
    </PageContainer>
  );
}
