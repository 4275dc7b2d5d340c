import { createElement } from 'react';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { Menu, type MenuProps } from 'antd';
import { useCurrentUser } from '../../lib/auth-context';
import { navItemForPath, navItemsFor } from '../navigation';

type MenuItem = NonNullable<MenuProps['items']>[number];

/** The side menu: the rows of NAV_ITEMS that the user's role may see. `onNavigate`: an entry was chosen (the drawer closes). */
export function SideMenu({ onNavigate }: { onNavigate?: () => void } = {}) {
  const user = useCurrentUser();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const entries = navItemsFor(user.role);

  const items: MenuItem[] = entries.map((n) => {
    // Extra props of an item land on its <li>, so each menu entry can be found by its test id.
    const item = {
      key: n.key,
      icon: createElement(n.icon),
      label: <Link to={n.path}>{n.label}</Link>,
      'data-testid': `nav-${n.key}`,
    };
    return item as MenuItem;
  });

  const selected = navItemForPath(pathname)?.key;

  return (
    <nav aria-label="主菜单">
    <Menu
      mode="inline"
      items={items}
      selectedKeys={selected ? [selected] : []}
      onClick={({ key }) => {
        const target = entries.find((n) => n.key === key);
        if (target && target.path !== pathname) navigate(target.path);
        onNavigate?.();
      }}
      data-testid="side-menu"
      style={{ borderInlineEnd: 'none' }}
    />
    </nav>
  );
}
