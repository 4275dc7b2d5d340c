import type { ComponentType } from 'react';
import {
  ApartmentOutlined,
  BellOutlined,
  NotificationOutlined,
  AuditOutlined,
  BankOutlined,
  CloudUploadOutlined,
  FundOutlined,
  HomeOutlined,
  IdcardOutlined,
  ProjectOutlined,
  ShopOutlined,
  SolutionOutlined,
  TeamOutlined,
  UserOutlined,
  DashboardOutlined,
  FormOutlined,
  FileDoneOutlined,
  CalendarOutlined,
  LineChartOutlined,
  AppstoreOutlined,
  GoldOutlined,
  AimOutlined,
  InboxOutlined,
  FundProjectionScreenOutlined,
  OrderedListOutlined,
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
  { key: 'my-enterprise', label: '企业资料', path: '/my-enterprise', icon: IdcardOutlined, roles: [Role.ENTERPRISE] },
  { key: 'projects', label: '绿色项目库', path: '/projects', icon: ProjectOutlined, roles: [Role.ENTERPRISE, Role.COUNTY, Role.DEPARTMENT, Role.BUREAU, Role.BANK] },
  { key: 'project-review', label: '项目审核', path: '/project-review', icon: SolutionOutlined, roles: [Role.COUNTY, Role.DEPARTMENT, Role.BUREAU] },
  { key: 'financing-needs', label: '融资需求', path: '/financing-needs', icon: FundOutlined, roles: [Role.ENTERPRISE, Role.COUNTY, Role.DEPARTMENT, Role.BUREAU, Role.BANK] },
  { key: 'product-catalogue', label: '绿色金融产品超市', path: '/products', icon: AppstoreOutlined, roles: ALL_ROLES },
  { key: 'my-products', label: '产品管理', path: '/my-products', icon: GoldOutlined, roles: [Role.BANK] },
  { key: 'enterprise-matches', label: '匹配产品', path: '/matches', icon: AimOutlined, roles: [Role.ENTERPRISE] },
  { key: 'bank-workbench', label: '推荐需求', path: '/bank-workbench', icon: AimOutlined, roles: [Role.BANK] },
  { key: 'cases', label: '对接跟踪', path: '/cases', icon: InboxOutlined, roles: [Role.ENTERPRISE, Role.BANK, Role.BUREAU] },
  { key: 'matchmaking-pipeline', label: '对接统计与监测', path: '/pipeline', icon: FundProjectionScreenOutlined, roles: [Role.BUREAU, Role.REGULATOR, Role.BANK] },
  { key: 'enterprises', label: '绿色企业库', path: '/enterprises', icon: ShopOutlined, roles: [Role.COUNTY, Role.DEPARTMENT, Role.BUREAU, Role.BANK] },
  { key: 'library-import', label: '批量导入', path: '/library-import', icon: CloudUploadOutlined, roles: [Role.COUNTY, Role.DEPARTMENT, Role.BUREAU] },
  { key: 'plan-dashboard', label: '方案看板', path: '/plan', icon: DashboardOutlined, roles: [Role.BUREAU, Role.REGULATOR, Role.DEPARTMENT, Role.COUNTY] },
  { key: 'plan-tasks', label: '方案任务管理', path: '/plan/tasks', icon: OrderedListOutlined, roles: [Role.BUREAU, Role.REGULATOR] },
  { key: 'plan-reports', label: '进展报送', path: '/plan/reports', icon: FormOutlined, roles: [Role.BUREAU, Role.REGULATOR, Role.DEPARTMENT, Role.COUNTY] },
  { key: 'plan-review', label: '报送审核', path: '/plan/review', icon: FileDoneOutlined, roles: [Role.BUREAU, Role.REGULATOR] },
  { key: 'events', label: '宣讲·推介·对接会', path: '/events', icon: CalendarOutlined, roles: ALL_ROLES },
  { key: 'bank-reports', label: '绿色信贷报送', path: '/bank-reports', icon: LineChartOutlined, roles: [Role.BANK, Role.BUREAU, Role.REGULATOR] },
  { key: 'organizations', label: '机构管理', path: '/organizations', icon: BankOutlined, roles: [Role.BUREAU] },
  { key: 'users', label: '用户管理', path: '/users', icon: TeamOutlined, roles: [Role.BUREAU] },
  { key: 'taxonomies', label: '分类标准', path: '/reference/taxonomies', icon: ApartmentOutlined, roles: [Role.BUREAU] },
  { key: 'audit-log', label: '审计日志', path: '/audit-log', icon: AuditOutlined, roles: [Role.BUREAU] },
  { key: 'notifications-admin', label: '通知管理', path: '/notifications/admin', icon: NotificationOutlined, roles: [Role.BUREAU] },
  { key: 'notifications', label: '消息中心', path: '/notifications', icon: BellOutlined, roles: ALL_ROLES },
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
