import { Suspense } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { Button, Flex, Layout } from 'antd';
import { BrandMark } from '../../components/BrandMark';
import { FullPageSpin } from '../../components/FullPageSpin';
import { useAuth } from '../../lib/auth-context';
import { PLATFORM_NAME } from '../brand';
import { AppLayout } from './AppLayout';

/** The frame of a public page for someone not signed in: the platform's name, and 登录 / 注册 that come back here. */
export function PublicLayout() {
  const location = useLocation();
  const navigate = useNavigate();
  const from = `${location.pathname}${location.search}`;
  return (
    <Layout className="zj-shell">
      <Layout.Header className="zj-header">
        <Flex className="zj-header-inner" align="center" justify="space-between" gap={16}>
          <Link to="/products" className="zj-brand" aria-label={`${PLATFORM_NAME}（绿色金融产品超市）`}>
            <BrandMark inverted size={28} />
            <span className="zj-brand-name" data-testid="platform-name">
              {PLATFORM_NAME}
            </span>
          </Link>
          <Flex gap={8}>
            <Button ghost onClick={() => navigate('/register')}>
              企业注册
            </Button>
            <Button onClick={() => navigate('/login', { state: { from } })} data-testid="public-login">
              登录
            </Button>
          </Flex>
        </Flex>
      </Layout.Header>
      <Layout.Content className="zj-content" style={{ maxWidth: 1280, width: '100%', margin: '0 auto' }}>
        <Suspense fallback={<FullPageSpin />}>
          <Outlet />
        </Suspense>
      </Layout.Content>
    </Layout>
  );
}

/**
 * Pages anyone may open (the product supermarket): inside the signed-in frame for a signed-in user,
 * in the public frame otherwise. Nothing redirects to the login page.
 */
export function PublicOrAppLayout() {
  const { status } = useAuth();
  if (status === 'loading') return <FullPageSpin />;
  return status === 'authenticated' ? <AppLayout /> : <PublicLayout />;
}
