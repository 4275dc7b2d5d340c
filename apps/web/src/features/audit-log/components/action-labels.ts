/** Chinese names of the audit actions and entity types the API records; unknown ones show as they are. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'auth.login': '登录',
  'auth.logout': '退出登录',
  'auth.refresh_reuse': '刷新令牌重复使用（会话已注销）',
  'organization.create': '新建机构',
  'organization.register': '企业自助注册',
  'organization.update': '修改机构',
  'organization.rename': '机构更名',
  'user.create': '新建用户',
  'user.update': '修改用户',
  'user.update_profile': '修改个人资料',
  'user.change_password': '修改密码',
  'user.locked': '账号锁定',
  'user.unlock': '解除锁定',
  'taxonomy.import': '导入分类标准',
  'system.create_admin': '创建管理员',
  'system.seed_reference': '载入参考数据',
  'system.seed_demo': '载入演示数据',
};

export const AUDIT_ENTITY_LABELS: Record<string, string> = {
  user: '用户',
  organization: '机构',
  taxonomy_version: '分类标准版本',
  system: '系统',
};

export function auditLabel(labels: Record<string, string>, value: string): string {
  return labels[value] ?? value;
}

/** Options for a filter: the Chinese name, searchable by it and by the code. */
export function auditOptions(labels: Record<string, string>) {
  return Object.entries(labels).map(([value, label]) => ({ value, label: `${label}（${value}）` }));
}
