import { Link } from 'react-router-dom';
import { Button, Divider, Flex, Tag, Tooltip } from 'antd';
import { LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { ROLE_LABELS } from '@zj/shared';
import { BrandMark } from '../../components/BrandMark';
import { useAuth, useCurrentUser } from '../../lib/auth-context';
import { NotificationBell } from '../../features/notifications';
import { PLATFORM_NAME } from '../brand';

/**
 * The top bar: platform name; the user, organisation and role; profile and logout. With
 * `onOpenMenu` (a phone-sized screen) it starts with the menu button, and the name, organisation and
 * role give way to icons (styles.css).
 */
export function HeaderBar({ onOpenMenu }: { onOpenMenu?: () => void } = {}) {
  const user = useCurrentUser();
  const { signOut } = useAuth();
  const narrow = !!onOpenMenu;

  return (
    <Flex className={`zj-header-inner${narrow ? ' zj-header-narrow' : ''}`} align="center" justify="space-between" gap={narrow ? 8 : 16}>
      {narrow ? <Button type="text" icon={<MenuOutlined />} className="zj-header-logout" aria-label="打开菜单" onClick={onOpenMenu} data-testid="menu-open" /> : null}
      <Link to="/" className="zj-brand" aria-label={`${PLATFORM_NAME}（工作台）`}>
        <BrandMark inverted size={28} />
        <span className="zj-brand-name" data-testid="platform-name">
          {PLATFORM_NAME}
        </span>
      </Link>
      <Flex align="center" gap={8} className="zj-header-user" wrap={false}>
        <Tooltip title={user.email}>
          <span className="zj-header-text">
            <UserOutlined /> <span data-testid="header-user-name">{user.displayName}</span>
          </span>
        </Tooltip>
        <Divider orientation="vertical" className="zj-header-divider" />
        <span className="zj-header-text zj-header-org" data-testid="header-org" title={user.organization.name}>
          {user.organization.name}
        </span>
        <Tag color="green" variant="outlined" className="zj-role-tag" data-testid="header-role">
          {ROLE_LABELS[user.role]}
        </Tag>
        <Divider orientation="vertical" className="zj-header-divider" />
        <NotificationBell />
        <Link to="/profile" className="zj-header-link" aria-label="个人资料" data-testid="header-profile">
          {narrow ? <UserOutlined /> : '个人资料'}
        </Link>
        <Button
          type="text"
          size="small"
          icon={<LogoutOutlined />}
          className="zj-header-logout"
          aria-label="退出登录"
          onClick={() => void signOut({ type: 'success', text: '您已安全退出' })}
          data-testid="header-logout"
        >
          {narrow ? null : '退出登录'}
        </Button>
      </Flex>
    </Flex>
  );
}
