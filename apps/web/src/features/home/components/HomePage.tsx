import { createElement } from 'react';
import { Link } from 'react-router-dom';
import { Card, Col, Descriptions, Flex, Row, Typography, theme } from 'antd';
import { ORG_TYPE_LABELS, ROLE_LABELS } from '@zj/shared';
import { navItemsFor } from '../../../app/navigation';
import { PageContainer } from '../../../components/PageContainer';
import { useCurrentUser } from '../../auth/hooks/auth-context';
import { ROLE_INTRO } from './role-intro';

function greeting(): string {
  const hour = Number(
    new Intl.DateTimeFormat('en-GB', { hour: 'numeric', hourCycle: 'h23', timeZone: 'Asia/Shanghai' }).format(new Date()),
  );
  if (hour < 6) return '您好';
  if (hour < 12) return '上午好';
  if (hour < 18) return '下午好';
  return '晚上好';
}

/** 工作台: a welcome with the user's organisation and role, and the role's pages. */
export default function HomePage() {
  const user = useCurrentUser();
  const { token } = theme.useToken();
  const shortcuts = navItemsFor(user.role).filter((n) => n.key !== 'home');

  return (
    <PageContainer title="工作台">
      <div data-testid="home">
        <Card className="zj-welcome">
          <Typography.Title level={4} style={{ marginTop: 0 }}>
            {greeting()}，{user.displayName}
          </Typography.Title>
          <Typography.Paragraph type="secondary">欢迎使用湛江绿色金融对接平台。{ROLE_INTRO[user.role]}</Typography.Paragraph>
          <Descriptions
            size="small"
            column={{ xs: 1, md: 3 }}
            items={[
              { key: 'org', label: '所属机构', children: <span data-testid="home-org">{user.organization.name}</span> },
              { key: 'type', label: '机构类型', children: ORG_TYPE_LABELS[user.organization.type] },
              { key: 'role', label: '角色', children: <span data-testid="home-role">{ROLE_LABELS[user.role]}</span> },
            ]}
          />
        </Card>
        <Typography.Title level={5} style={{ marginTop: 20 }}>
          常用功能
        </Typography.Title>
        <Row gutter={[12, 12]}>
          {shortcuts.map((n) => (
            <Col key={n.key} xs={12} sm={8} lg={6} xl={4}>
              <Link to={n.path} data-testid={`home-link-${n.key}`}>
                <Card hoverable size="small">
                  <Flex align="center" gap={10}>
                    <span style={{ fontSize: 20, color: token.colorPrimary }}>{createElement(n.icon)}</span>
                    <span>{n.label}</span>
                  </Flex>
                </Card>
              </Link>
            </Col>
          ))}
        </Row>
      </div>
    </PageContainer>
  );
}
