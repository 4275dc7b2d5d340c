import { Suspense, useState } from 'react';
import { Link, Outlet } from 'react-router-dom';
import { Alert, Drawer, Grid, Layout } from 'antd';
import { FullPageSpin } from '../../components/FullPageSpin';
import { useCurrentUser } from '../../lib/auth-context';
import { HeaderBar } from './HeaderBar';
import { SideMenu } from './SideMenu';

/**
 * The signed-in frame: header, role-dependent side menu, and the page. On a phone-sized screen
 * (narrower than antd's `md`, 768 px) the menu is a drawer opened from the header, so the page
 * has the whole width.
 */
export function AppLayout() {
  const user = useCurrentUser();
  const [collapsed, setCollapsed] = useState(false);
  const [menuOpen, setMenuOpen] = useState(false);
  // Unknown on the first render ({}): the wide layout until the screen is measured.
  const narrow = Grid.useBreakpoint().md === false;

  return (
    <Layout className="zj-shell">
      <Layout.Header className="zj-header">
        <HeaderBar onOpenMenu={narrow ? () => setMenuOpen(true) : undefined} />
      </Layout.Header>
      {narrow ? (
        <Drawer placement="left" size={240} open={menuOpen} onClose={() => setMenuOpen(false)} title="导航" className="zj-menu-drawer" styles={{ body: { padding: 0 } }}>
          <SideMenu onNavigate={() => setMenuOpen(false)} />
        </Drawer>
      ) : null}
      <Layout hasSider={!narrow}>
        {narrow ? null : <Layout.Sider
          className="zj-sider"
          theme="light"
          width={208}
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          breakpoint="lg"
        >
          <SideMenu />
        </Layout.Sider>}
        <Layout.Content className="zj-content">
          {user.mustChangePassword ? (
            <Alert
              type="warning"
              showIcon
              className="zj-banner"
              title={
                <span>
                  您正在使用初始密码，为保障账号安全，请尽快<Link to="/profile">修改密码</Link>。
                </span>
              }
              data-testid="must-change-password"
            />
          ) : null}
          <Suspense fallback={<FullPageSpin />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
