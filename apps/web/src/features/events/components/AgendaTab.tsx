import { useState, type HTMLAttributes } from 'react';
import { Alert, App, Button, Card, Empty, Space, Spin, Table, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { MeetingStatus, RegistrationStatus, Role, type EventDetailView, type MeetingView } from '@zj/shared';
import { errorMessage } from '../../../lib/errors';
import { formatDateTime } from '../../../lib/format';
import { useAuth } from '../../../lib/auth-context';
import { downloadAgendaIcs } from '../api/meetings-api';
import { useAgenda } from '../hooks/use-participation';
import { clock, PriorityTag } from './event-labels';

/** 我的日程 (participants): the organisation's meetings once the schedule is published, with the .ics download. */
export function AgendaTab({ event: e }: { event: EventDetailView }) {
  const { user } = useAuth();
  const { message } = App.useApp();
  const registered = e.myRegistration?.status === RegistrationStatus.REGISTERED;
  const agenda = useAgenda(e.id, null, registered);
  const [downloading, setDownloading] = useState(false);
  const bank = user?.role === Role.BANK;

  if (!registered) return <Alert type="info" showIcon message="贵单位报名成功后，日程发布时在这里查看自己的会谈。" data-testid="agenda-not-registered" />;
  if (agenda.isLoading) return <Spin />;
  if (agenda.isError) return <Alert type="warning" showIcon message={errorMessage(agenda.error)} data-testid="agenda-error" />;
  const a = agenda.data;
  if (!a) return null;
  // Published meetings cancelled since stay listed as cancelled (their calendar entries are cancelled).
  const meetings = [...a.meetings].sort((x, y) => x.startsAt.localeCompare(y.startsAt) || x.desk - y.desk);
  const scheduled = meetings.filter((m) => m.status === MeetingStatus.SCHEDULED);

  const download = async () => {
    setDownloading(true);
    try {
      await downloadAgendaIcs(e.id, null);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setDownloading(false);
    }
  };

  return (
    <Card
      size="small"
      title={`${a.organization.name}的会谈日程${a.publishedAt ? `（${scheduled.length} 场）` : ''}`}
      extra={
        a.publishedAt && meetings.length ? (
          <Button icon={<DownloadOutlined />} onClick={download} loading={downloading} data-testid="agenda-ics">
            下载日历文件（.ics）
          </Button>
        ) : null
      }
      data-testid="agenda"
    >
      {a.publishedAt ? (
        <Typography.Paragraph type="secondary">
          {formatDateTime(a.publishedAt)} 发布 · {a.event.venue || '线上'}。日历文件导入手机或电脑日历后，日程再有变动时重新下载导入即可更新，不会重复。
        </Typography.Paragraph>
      ) : null}
      {!a.publishedAt ? (
        <Alert type="info" showIcon message="市金融工作局尚未发布日程，发布后贵单位会收到通知。" data-testid="agenda-unpublished" />
      ) : meetings.length ? (
        <Table<MeetingView>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={meetings}
          data-testid="agenda-table"
          onRow={(m) => ({ 'data-testid': `agenda-row-${m.id}`, style: m.status === MeetingStatus.CANCELLED ? { color: '#999', textDecoration: 'line-through' } : undefined }) as HTMLAttributes<HTMLElement>}
          columns={[
            { title: '时间', width: 130, render: (_v, m) => `第${m.slotIndex}场 ${clock(m.startsAt)}–${clock(m.endsAt)}` },
            {
              title: bank ? '企业' : '金融机构',
              render: (_v, m) => (
                <Space size={4} wrap>
                  <span data-testid="agenda-counterpart">{bank ? m.enterpriseName : m.bankName}</span>
                  <PriorityTag priority={m.priority} />
                  {m.walkIn ? <Tag color="orange">现场加排</Tag> : null}
                  {m.status === MeetingStatus.CANCELLED ? <Tag data-testid="agenda-cancelled">已取消</Tag> : null}
                </Space>
              ),
            },
            { title: '桌位', width: 160, render: (_v, m) => `${m.desk}号桌${m.officerName ? ` · ${m.officerName}` : ''}` },
            { title: '洽谈的融资需求', render: (_v, m) => m.needTitle ?? '—' },
          ]}
        />
      ) : (
        <Empty description="本次日程中没有贵单位的会谈" image={Empty.PRESENTED_IMAGE_SIMPLE} data-testid="agenda-empty" />
      )}
    </Card>
  );
}
