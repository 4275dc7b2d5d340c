/** Chinese names of audit actions and entity types; unknown ones are shown as they are. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  CREATE: '新建',
  UPDATE: '修改',
  DELETE: '删除',
  LOGIN: '登录',
  LOGIN_FAILED: '登录失败',
  LOGOUT: '退出',
  REGISTER: '注册',
  PASSWORD_CHANGE: '修改密码',
  UNLOCK: '解锁',
  DISABLE: '停用',
  ENABLE: '启用',
  RENAME: '更名',
  IMPORT: '导入',
};

export const AUDIT_ENTITY_LABELS: Record<string, string> = {
  USER: '用户',
  ORGANIZATION: '机构',
  TAXONOMY: '分类标准',
  SESSION: '会话',
};

export function auditLabel(labels: Record<string, string>, value: string): string {
  const label = labels[value] ?? labels[value.toUpperCase()];
  return label ? `${label}（${value}）` : value;
}
