import { Button, Popconfirm, Space } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ROLE_LABELS, UserStatus, type Page, type Role, type UserSummary } from '@zj/shared';
import { DataTable } from '../../../components/DataTable';
import { notifyError, notifySuccess } from '../../../lib/errors';
import { formatDateTime } from '../../../lib/format';
import { useUnlockUser, useUpdateUser } from '../hooks/use-users';
import { isLocked, UserStatusTags } from './UserStatusTags';

interface UserTableProps {
  data: Page<UserSummary> | undefined;
  loading: boolean;
  failed: boolean;
  page: number;
  pageSize: number;
  onPageChange: (page: number, pageSize: number) => void;
  onEdit: (user: UserSummary) => void;
}

function UserActions({ user, onEdit }: { user: UserSummary; onEdit: (u: UserSummary) => void }) {
  const update = useUpdateUser();
  const unlock = useUnlockUser();
  const active = user.status === UserStatus.ACTIVE;
  const canUnlock = isLocked(user);

  const toggle = () =>
    update.mutateAsync({ id: user.id, body: { status: active ? UserStatus.DISABLED : UserStatus.ACTIVE } }).then(
      () => notifySuccess(active ? '已停用该用户' : '已启用该用户'),
      (e: unknown) => notifyError(e),
    );

  return (
    <Space size={0}>
      <Button type="link" size="small" onClick={() => onEdit(user)} data-testid={`user-edit-${user.id}`}>
        编辑
      </Button>
      <Popconfirm
        title={active ? '停用后该用户将无法登录，确定停用？' : '确定重新启用该用户？'}
        okText="确定"
        cancelText="取消"
        onConfirm={toggle}
      >
        <Button type="link" size="small" danger={active} loading={update.isPending} data-testid={`user-toggle-${user.id}`}>
          {active ? '停用' : '启用'}
        </Button>
      </Popconfirm>
      {canUnlock ? (
        <Button
          type="link"
          size="small"
          loading={unlock.isPending}
          onClick={() => unlock.mutate(user.id, { onSuccess: () => notifySuccess('已解除锁定') })}
          data-testid={`user-unlock-${user.id}`}
        >
          解锁
        </Button>
      ) : null}
    </Space>
  );
}

export function UserTable({ onEdit, ...table }: UserTableProps) {
  const columns: ColumnsType<UserSummary> = [
    { title: '姓名', dataIndex: 'displayName' },
    { title: '登录邮箱', dataIndex: 'email' },
    { title: '角色', dataIndex: 'role', render: (r: Role) => ROLE_LABELS[r] ?? r },
    { title: '所属机构', key: 'organization', render: (_, u) => u.organizationName ?? '—' },
    { title: '状态', key: 'status', render: (_, u) => <UserStatusTags user={u} /> },
    { title: '最近登录', dataIndex: 'lastLoginAt', width: 140, render: (v?: string | null) => formatDateTime(v) },
    { title: '创建时间', dataIndex: 'createdAt', width: 140, render: (v?: string) => formatDateTime(v) },
    {
      title: '操作',
      key: 'actions',
      fixed: 'right',
      width: 170,
      render: (_, u) => <UserActions user={u} onEdit={onEdit} />,
    },
  ];
  return <DataTable<UserSummary> columns={columns} data-testid="user-table" {...table} />;
}
