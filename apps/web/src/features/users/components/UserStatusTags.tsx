import { Tag, Tooltip } from 'antd';
import { formatDateTime } from '../../../lib/format';
import type { UserSummary } from '@zj/shared';

export function isLocked(user: UserSummary): boolean {
  return user.locked;
}

/** 启用/停用, and 已锁定 / 初始密码 when they apply. */
export function UserStatusTags({ user }: { user: UserSummary }) {
  return (
    <span data-testid={`user-status-${user.id}`}>
      {user.status === 'ACTIVE' ? <Tag color="success">启用</Tag> : <Tag color="default">已停用</Tag>}
      {isLocked(user) ? (
        <Tooltip title={`锁定至 ${formatDateTime(user.lockedUntil)}`}>
          <Tag color="error">已锁定</Tag>
        </Tooltip>
      ) : null}
      {user.mustChangePassword ? <Tag color="warning">初始密码</Tag> : null}
    </span>
  );
}
