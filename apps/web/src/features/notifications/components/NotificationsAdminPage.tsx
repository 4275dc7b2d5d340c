import { useState, type ReactNode } from 'react';
import { Button, Card, Col, Row, Statistic, Tabs } from 'antd';
import { DashboardOutlined } from '@ant-design/icons';
import { DeliveryStatus } from '@zj/shared';
import { PageContainer } from '../../../components/PageContainer';
import { notifyError } from '../../../lib/errors';
import { formatDateTime } from '../../../lib/format';
import { dashboardTicket } from '../api/notifications-admin-api';
import { useOutboxStats } from '../hooks/use-notifications-admin';
import { DeadLettersPanel } from './DeadLettersPanel';
import { EndpointsAdminPanel } from './EndpointsAdminPanel';
import { TemplatesPanel } from './TemplatesPanel';

/**
 * 通知管理 (the bureau): notices that could not be delivered and their retry, the templates, every
 * organisation's 企业微信 robots and webhooks, and the way into the queue dashboard.
 */
export default function NotificationsAdminPage() {
  const stats = useOutboxStats();
  const [opening, setOpening] = useState(false);

  // The dashboard is a page of the API: a navigation sends no bearer token, so a one-time ticket is
  // fetched first. The tab is opened at once (a window opened after an await would be blocked).
  const openDashboard = async () => {
    const tab = window.open('about:blank', '_blank');
    setOpening(true);
    try {
      const { url } = await dashboardTicket();
      if (tab) {
        tab.opener = null;
        tab.location.href = url;
      } else {
        window.location.assign(url);
      }
    } catch (e) {
      tab?.close();
      notifyError(e);
    } finally {
      setOpening(false);
    }
  };

  const d = stats.data;
  const cards: { title: string; value: number; suffix?: ReactNode }[] = [
    { title: '投递失败（死信）', value: d?.deliveries[DeliveryStatus.DEAD] ?? 0 },
    { title: '等待发送', value: (d?.deliveries[DeliveryStatus.PENDING] ?? 0) + (d?.deliveries[DeliveryStatus.SENDING] ?? 0) },
    { title: '已送达', value: d?.deliveries[DeliveryStatus.SENT] ?? 0 },
    {
      title: '待转交队列',
      value: d?.pending ?? 0,
      suffix: d?.oldestPendingAt ? <span className="zj-muted" style={{ fontSize: 12 }}>最早 {formatDateTime(d.oldestPendingAt)}</span> : null,
    },
  ];
  return (
    <PageContainer
      title="通知管理"
      description="未能送达的通知及其重新投递、通知模板、各机构的企业微信群机器人和 Webhook。队列看板显示后台任务的运行情况。"
      extra={
        <Button icon={<DashboardOutlined />} onClick={() => void openDashboard()} loading={opening}>
          打开队列看板
        </Button>
      }
    >
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        {cards.map((card) => (
          <Col key={card.title} xs={12} md={6}>
            <Card size="small" loading={stats.isLoading}>
              <Statistic title={card.title} value={card.value} suffix={card.suffix} />
            </Card>
          </Col>
        ))}
      </Row>
      <Tabs
        items={[
          { key: 'dead-letters', label: '投递失败', children: <DeadLettersPanel /> },
          { key: 'templates', label: '通知模板', children: <TemplatesPanel /> },
          { key: 'endpoints', label: '机构推送地址', children: <EndpointsAdminPanel /> },
        ]}
      />
    </PageContainer>
  );
}
