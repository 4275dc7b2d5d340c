import { useState } from 'react';
import { Button, Card, Form, Input, Select } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { ORG_TYPE_LABELS, type OrganizationListParams, type OrganizationView, OrgType } from '@zj/shared';
import { FilterBar } from '../../../components/FilterBar';
import { PageContainer } from '../../../components/PageContainer';
import { useListParams } from '../../../lib/use-list-params';
import { useOrganizations } from '../hooks/use-organizations';
import { OrganizationFormModal } from './OrganizationFormModal';
import { OrganizationTable } from './OrganizationTable';

const FILTERS = ['type', 'q'] as const;
const typeOptions = Object.values(OrgType).map((t) => ({ value: t, label: ORG_TYPE_LABELS[t] }));

/** 机构管理 (BUREAU): enterprises, financial institutions, government units and counties. */
export default function OrganizationsPage() {
  const list = useListParams(FILTERS);
  // The type filter comes from the address bar; the API checks it.
  const query = useOrganizations(list.params as OrganizationListParams);
  const [editing, setEditing] = useState<OrganizationView | null>(null);
  const [creating, setCreating] = useState(false);

  return (
    <PageContainer
      title="机构管理"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="org-create">
          新建机构
        </Button>
      }
    >
      <Card size="small">
        <FilterBar values={list.filters} onSearch={list.setFilters} onReset={list.reset}>
          <Form.Item name="type" label="类型">
            <Select allowClear options={typeOptions} placeholder="全部类型" style={{ width: 180 }} data-testid="org-filter-type" />
          </Form.Item>
          <Form.Item name="q" label="关键词">
            <Input allowClear placeholder="名称或统一社会信用代码" style={{ width: 240 }} data-testid="org-filter-q" />
          </Form.Item>
        </FilterBar>
        <OrganizationTable
          data={query.data}
          loading={query.isFetching}
          failed={query.isError}
          page={list.page}
          pageSize={list.pageSize}
          onPageChange={list.setPage}
          onEdit={setEditing}
        />
      </Card>
      <OrganizationFormModal
        open={creating || editing !== null}
        organization={editing}
        onClose={() => {
          setCreating(false);
          setEditing(null);
        }}
      />
    </PageContainer>
  );
}
