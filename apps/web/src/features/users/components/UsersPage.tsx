import { useState } from 'react';
import { Button, Card, Form, Input, Select } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { ALL_ROLES, ROLE_LABELS, type UserListParams, type UserSummary } from '@zj/shared';
import { FilterBar } from '../../../components/FilterBar';
import { PageContainer } from '../../../components/PageContainer';
import { useListParams } from '../../../lib/use-list-params';
import { OrganizationSelect } from '../../organizations';
import { useUsers } from '../hooks/use-users';
import { UserCreateModal } from './UserCreateModal';
import { UserEditModal } from './UserEditModal';
import { UserTable } from './UserTable';

const FILTERS = ['organizationId', 'role', 'q'] as const;
const roleOptions = ALL_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

interface UserFilterValues {
  organizationId?: string;
  role?: string;
  q?: string;
}

/** 用户管理 (BUREAU). */
export default function UsersPage() {
  const list = useListParams(FILTERS);
  // The role filter comes from the address bar; the API checks it.
  const query = useUsers(list.params as UserListParams);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<UserSummary | null>(null);

  return (
    <PageContainer
      title="用户管理"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="user-create">
          新建用户
        </Button>
      }
    >
      <Card size="small">
        <FilterBar<UserFilterValues>
          values={list.filters}
          onSearch={list.setFilters}
          onReset={list.reset}
        >
          <Form.Item name="organizationId" label="所属机构">
            <OrganizationSelect
              allowClear
              style={{ width: 240 }}
              data-testid="user-filter-organization"
            />
          </Form.Item>
          <Form.Item name="role" label="角色">
            <Select allowClear options={roleOptions} placeholder="全部角色" style={{ width: 170 }} data-testid="user-filter-role" />
          </Form.Item>
          <Form.Item name="q" label="关键词">
            <Input allowClear placeholder="姓名或邮箱" style={{ width: 200 }} data-testid="user-filter-q" />
          </Form.Item>
        </FilterBar>
        <UserTable
          data={query.data}
          loading={query.isFetching}
          failed={query.isError}
          page={list.page}
          pageSize={list.pageSize}
          onPageChange={list.setPage}
          onEdit={setEditing}
        />
      </Card>
      <UserCreateModal open={creating} onClose={() => setCreating(false)} />
      <UserEditModal user={editing} onClose={() => setEditing(null)} />
    </PageContainer>
  );
}
