import type { ComponentType } from 'react';
import {
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  HomeOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { ALL_ROLES, Role } from '@zj/shared';

/** One entry of the side menu; the route of the same path is guarded by the same roles. */
export interface NavItem {
  /** Stable; the menu item carries `data-testid="nav-<key>"`. */
  key: string;
  label: string;
  path: string;
  icon: ComponentType;
  roles: readonly Role[];
}

/**
 * THE navigation table, in menu order. A feature adds its page by adding a row here and a row
 * in routes.tsx (`{ nav: '<key>', element: <Page /> }`).
 */
export const NAV_ITEMS = [
  { key: 'home', label: '工作台', path: '/', icon: HomeOutlined, roles: ALL_ROLES },
  { key: 'organizations', label: '机构管理', path: '/organizations', icon: BankOutlined, roles: [Role.BUREAU] },
  { key: 'users', label: '用户管理', path: '/users', icon: TeamOutlined, roles: [Role.BUREAU] },
  { key: 'taxonomies', label: '分类标准', path: '/reference/taxonomies', icon: ApartmentOutlined, roles: [Role.BUREAU] },
  { key: 'audit-log', label: '审计日志', path: '/audit-log', icon: AuditOutlined, roles: [Role.BUREAU] },
  { key: 'profile', label: '个人资料', path: '/profile', icon: UserOutlined, roles: ALL_ROLES },
] as const satisfies readonly NavItem[];

export type NavKey = (typeof NAV_ITEMS)[number]['key'];

export function navItem(key: NavKey): NavItem {
  const item = NAV_ITEMS.find((n) => n.key === key);
  if (!item) throw new Error(`unknown nav key ${key}`);
  return item;
}

/** The menu of one role. */
export function navItemsFor(role: Role): NavItem[] {
  return NAV_ITEMS.filter((n) => (n.roles as readonly Role[]).includes(role));
}

/** The entry a location belongs to: the longest path that is the location or a prefix of it. */
export function navItemForPath(pathname: string): NavItem | undefined {
  let best: NavItem | undefined;
  for (const item of NAV_ITEMS as readonly NavItem[]) {
    const matches =
      item.path === '/' ? pathname === '/' : pathname === item.path || pathname.startsWith(`${item.path}/`);
    if (matches && (!best || item.path.length > best.path.length)) best = item;
  }
  return best;
}
