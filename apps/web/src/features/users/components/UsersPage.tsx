import { useRef, useState } from 'react';
import { Button, Card, Form, Input, Select } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { ALL_ROLES, ROLE_LABELS } from '@zj/shared';
import { FilterBar } from '../../../components/FilterBar';
import { PageContainer } from '../../../components/PageContainer';
import { useListParams } from '../../../lib/use-list-params';
import { OrganizationSelect } from '../../organizations/components/OrganizationSelect';
import type { UserSummary } from '../api/types';
import { useUsers } from '../hooks/use-users';
import { UserCreateModal } from './UserCreateModal';
import { UserEditModal } from './UserEditModal';
import { UserTable } from './UserTable';

/** organizationName only labels the chosen organisation in the filter; it is not sent to the API. */
const FILTERS = ['organizationId', 'organizationName', 'role', 'q'] as const;
const roleOptions = ALL_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

interface UserFilterValues {
  organizationId?: string;
  role?: string;
  q?: string;
}

/** 用户管理 (BUREAU). */
export default function UsersPage() {
  const list = useListParams(FILTERS);
  const { organizationName, ...params } = list.params;
  const query = useUsers(params);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<UserSummary | null>(null);
  const chosenOrgName = useRef<string | undefined>(organizationName);

  const onSearch = (values: UserFilterValues) =>
    list.setFilters({
      ...values,
      organizationName: values.organizationId ? (chosenOrgName.current ?? organizationName) : undefined,
    });

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
          values={{ organizationId: list.filters.organizationId, role: list.filters.role, q: list.filters.q }}
          onSearch={onSearch}
          onReset={list.reset}
        >
          <Form.Item name="organizationId" label="所属机构">
            <OrganizationSelect
              allowClear
              selectedLabel={organizationName}
              onChange={(_id, org) => {
                chosenOrgName.current = org?.name;
              }}
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
