import { Card, Form, Input, Select, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { ENTERPRISE_SIZE_LABELS, ENV_CREDIT_RATING_LABELS, type EnterpriseRow, EnterpriseSize, EnvCreditRating } from '@zj/shared';
import { DataTable } from '../../../components/DataTable';
import { FilterBar } from '../../../components/FilterBar';
import { PageContainer } from '../../../components/PageContainer';
import { useListParams } from '../../../lib/use-list-params';
import { wan } from '../../../components/project-labels';
import { DivisionSelect, useDivisionName } from '../../reference';
import { useEnterprises } from '../hooks/use-enterprises';

const FILTERS = ['q', 'divisionCode', 'size', 'grade', 'envCreditRating', 'identified'] as const;

/** 绿色企业库. */
export default function EnterprisesPage() {
  const list = useListParams(FILTERS);
  const query = useEnterprises(list.params);
  const divisionName = useDivisionName();
  return (
    <PageContainer title="绿色企业库">
      <Card size="small">
        <FilterBar<Record<string, string>> values={list.filters} onSearch={list.setFilters} onReset={list.reset}>
          <Form.Item name="q" label="关键词">
            <Input allowClear placeholder="如 光伏：企业名称、信用代码、经营范围、项目" style={{ width: 260 }} maxLength={50} data-testid="enterprise-filter-q" />
          </Form.Item>
          <Form.Item name="divisionCode" label="县区">
            <DivisionSelect allowClear placeholder="全部" style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="size" label="规模">
            <Select allowClear style={{ width: 90 }} options={Object.values(EnterpriseSize).map((s) => ({ value: s, label: ENTERPRISE_SIZE_LABELS[s] }))} />
          </Form.Item>
          <Form.Item name="grade" label="绿色等级">
            <Select allowClear style={{ width: 90 }} options={['A', 'B', 'C', 'D'].map((g) => ({ value: g, label: g }))} />
          </Form.Item>
          <Form.Item name="envCreditRating" label="环境信用">
            <Select allowClear style={{ width: 150 }} options={Object.values(EnvCreditRating).map((s) => ({ value: s, label: ENV_CREDIT_RATING_LABELS[s] }))} />
          </Form.Item>
          <Form.Item name="identified" label="绿色认定">
            <Select allowClear style={{ width: 100 }} options={[{ value: 'true', label: '已认定' }, { value: 'false', label: '未认定' }]} />
          </Form.Item>
        </FilterBar>
        <DataTable<EnterpriseRow>
          data-testid="enterprise-table"
          data={query.data}
          loading={query.isFetching}
          failed={query.isError}
          page={list.page}
          pageSize={list.pageSize}
          onPageChange={list.setPage}
          columns={[
            { title: '企业名称', dataIndex: 'name', render: (n: string, e) => <Link to={`/enterprises/${e.id}`}>{n}</Link> },
            { title: '统一社会信用代码', dataIndex: 'creditCode' },
            { title: '县区', dataIndex: 'divisionCode', render: (c: string) => divisionName(c) },
            { title: '行业', dataIndex: 'industryName', render: (v: string | null) => v ?? '—' },
            { title: '规模', dataIndex: 'size', render: (v: EnterpriseSize | null) => (v ? ENTERPRISE_SIZE_LABELS[v] : '—') },
            { title: '注册资本', dataIndex: 'registeredCapital', render: (v: string | null) => wan(v) },
            { title: '绿色等级', render: (_, e) => (e.grade ? <Tag color="green">{`${e.grade} ${e.gradeLabel}（${e.score}分）`}</Tag> : '—') },
            { title: '绿色认定', dataIndex: 'identified', render: (v: boolean) => (v ? <Tag color="success">已认定</Tag> : '—') },
            { title: '入库项目', dataIndex: 'listedProjects' },
          ]}
        />
      </Card>
    </PageContainer>
  );
}
