import { Alert, Button, Card, Col, Empty, Flex, List, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { MEETING_ATTENDANCE_LABELS, ORG_TYPE_LABELS, OrgType, type EventDetailView, type MeetingView } from '@zj/shared';
import { errorMessage } from '../../../../lib/errors';
import { formatDateTime } from '../../../../lib/format';
import { LIVE_REFRESH_MS, useLive } from '../hooks/use-event-day';
import { ATTENDANCE_COLORS, slotText, timeOf } from './day-format';

/**
 * 现场动态 (bureau): arrivals, the meetings of the current slot with who is there, and the desks free
 * in the next slot (for walk-in meetings). Refreshes itself while shown.
 */
export default function LivePanel({ event }: { event: EventDetailView }) {
  const live = useLive(event.id);
  const l = live.data;

  if (!l) {
    return live.isError ? <Alert type="error" showIcon title={errorMessage(live.error)} /> : <Card loading size="small" />;
  }
  const arrivals = [...l.arrivals].sort((a, b) => b.checkedInAt.localeCompare(a.checkedInAt));
  const absent = l.underway.filter((m) => m.attendance !== 'BOTH' && m.attendance !== 'UNKNOWN').length;

  return (
    <Flex vertical gap={16} data-testid="live-panel">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text type="secondary" data-testid="live-updated">
          更新于 {formatDateTime(l.now, true)}，每 {LIVE_REFRESH_MS / 1000} 秒自动刷新
        </Typography.Text>
        <Button icon={<ReloadOutlined />} onClick={() => live.refetch()} loading={live.isFetching} data-testid="live-refresh">
          刷新
        </Button>
      </Flex>
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title="已签到 / 已报名" value={l.checkedIn} suffix={`/ ${l.registered} 家`} data-testid="live-checked-in" />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title="签到率" value={l.registered ? Math.round((l.checkedIn / l.registered) * 1000) / 10 : 0} suffix="%" />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title="本场会谈" value={l.underway.length} suffix="场" data-testid="live-underway-count" />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title="本场有人未到的会谈" value={absent} suffix="场" styles={{ content: { color: absent ? '#d46b08' : undefined } }} />
          </Card>
        </Col>
      </Row>

      <Card size="small" title={l.currentSlot ? `进行中：${slotText(l.currentSlot)}` : '当前不在一对一会谈时段'} data-testid="live-current-slot">
        {l.underway.length ? (
          <Table<MeetingView>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={l.underway}
            data-testid="live-underway"
            columns={[
              { title: '金融机构', dataIndex: 'bankName' },
              { title: '桌位', width: 130, render: (_v, m) => `${m.desk} 号桌${m.officerName ? `（${m.officerName}）` : ''}` },
              { title: '企业', dataIndex: 'enterpriseName' },
              { title: '到场', width: 140, render: (_v, m) => <Tag color={ATTENDANCE_COLORS[m.attendance]} data-testid="live-attendance">{MEETING_ATTENDANCE_LABELS[m.attendance]}</Tag> },
              { title: '', width: 90, render: (_v, m) => (m.walkIn ? <Tag>现场加排</Tag> : null) },
            ]}
          />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={l.currentSlot ? '本场没有安排会谈' : '一对一会谈开始后，这里显示各桌正在进行的会谈'} />
        )}
      </Card>

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card size="small" title={l.nextSlot ? `下一场空闲桌位：${slotText(l.nextSlot)}` : '下一场空闲桌位'} data-testid="live-free-desks">
            {!l.nextSlot ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有下一场" />
            ) : l.freeDesksNext.length ? (
              <List
                size="small"
                dataSource={l.freeDesksNext}
                renderItem={(b) => (
                  <List.Item>
                    <span>{b.bankName}</span>
                    {b.freeDesks.length ? (
                      <Space size={4} wrap>
                        {b.freeDesks.map((d) => (
                          <Tag key={d} color="green">
                            {d} 号桌
                          </Tag>
                        ))}
                      </Space>
                    ) : (
                      <Typography.Text type="secondary">已排满</Typography.Text>
                    )}
                  </List.Item>
                )}
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="已到场的金融机构下一场桌位均已排满" />
            )}
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
              现场加排会谈可安排在空闲桌位（在“日程编排”中加排，双方会立即收到通知）。
            </Typography.Paragraph>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={`到场签到（${l.arrivals.length} 家）`} data-testid="live-arrivals">
            {arrivals.length ? (
              <List
                size="small"
                dataSource={arrivals.slice(0, 30)}
                renderItem={(a) => (
                  <List.Item>
                    <span>
                      {a.organization.name} <Tag>{ORG_TYPE_LABELS[a.organization.type as OrgType] ?? a.organization.type}</Tag>
                    </span>
                    <Typography.Text type="secondary">{timeOf(a.checkedInAt)}</Typography.Text>
                  </List.Item>
                )}
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚无机构签到" />
            )}
            {arrivals.length > 30 ? <Typography.Text type="secondary">仅显示最近 30 家，完整名单见“签到”。</Typography.Text> : null}
          </Card>
        </Col>
      </Row>
    </Flex>
  );
}
