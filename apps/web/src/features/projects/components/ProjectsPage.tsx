import { Button, Card, Form, Input, Select, Space, Tabs, Typography } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { PROJECT_STAGE_LABELS, PROJECT_STATUS_LABELS, PROJECT_TAGS, type ProjectListFilters, ProjectStage, ProjectStatus, type ProjectSummary, Role } from '@zj/shared';
import { App } from 'antd';
import { DataTable } from '../../../components/DataTable';
import { FilterBar } from '../../../components/FilterBar';
import { PageContainer } from '../../../components/PageContainer';
import { errorMessage } from '../../../lib/errors';
import { formatDateTime } from '../../../lib/format';
import { useListParams } from '../../../lib/use-list-params';
import { useCurrentUser } from '../../../lib/auth-context';
import { DivisionSelect } from '../../reference';
import { exportProjects } from '../api/projects-api';
import { useProjects, useProjectStats } from '../hooks/use-projects';
import { ProjectStatusTag, wan } from '../../../components/project-labels';
import { StatsCharts } from './StatsCharts';

const FILTERS = ['q', 'divisionCode', 'categoryPrefix', 'status', 'stage', 'tag', 'tab'] as const;
const REGISTRARS: Role[] = [Role.ENTERPRISE, Role.COUNTY, Role.DEPARTMENT, Role.BUREAU];

/** 绿色项目库: every role's scoped list, with filters, statistics and export. */
export default function ProjectsPage() {
  const { message } = App.useApp();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const list = useListParams(FILTERS);
  const { tab = 'list', ...filters } = list.filters;
  const params = { ...filters, page: list.page, pageSize: list.pageSize } as ProjectListFilters & { page: number; pageSize: number };
  const query = useProjects(params);
  const stats = useProjectStats(filters as ProjectListFilters, tab === 'stats');
  const title = user.role === Role.ENTERPRISE ? '我的项目' : '绿色项目库';

  return (
    <PageContainer
      title={title}
      extra={
        <Space>
          <Button icon={<DownloadOutlined />} onClick={() => exportProjects(filters as ProjectListFilters).catch((e) => message.error(errorMessage(e)))} data-testid="project-export">
            导出
          </Button>
          {REGISTRARS.includes(user.role) ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/projects/new')} data-testid="project-create">
              登记项目
            </Button>
          ) : null}
        </Space>
      }
    >
      <Card size="small">
        <FilterBar<Record<string, string>> values={filters} onSearch={(v) => list.setFilters({ ...v, tab })} onReset={list.reset}>
          <Form.Item name="q" label="关键词">
            <Input allowClear placeholder="如 光伏、红树林：名称、地点、简介、类别" style={{ width: 260 }} maxLength={50} data-testid="project-filter-q" />
          </Form.Item>
          {user.role !== Role.ENTERPRISE ? (
            <Form.Item name="divisionCode" label="县区">
              <DivisionSelect allowClear placeholder="全部" style={{ width: 170 }} data-testid="project-filter-division" />
            </Form.Item>
          ) : null}
          <Form.Item name="categoryPrefix" label="分类">
            <Input allowClear placeholder="如 5 或 5.2" style={{ width: 110 }} data-testid="project-filter-category" />
          </Form.Item>
          {user.role !== Role.BANK ? (
            <Form.Item name="status" label="状态">
              <Select allowClear placeholder="全部" style={{ width: 110 }} options={Object.values(ProjectStatus).map((s) => ({ value: s, label: PROJECT_STATUS_LABELS[s] }))} data-testid="project-filter-status" />
            </Form.Item>
          ) : null}
          <Form.Item name="stage" label="阶段">
            <Select allowClear placeholder="全部" style={{ width: 100 }} options={Object.values(ProjectStage).map((s) => ({ value: s, label: PROJECT_STAGE_LABELS[s] }))} />
          </Form.Item>
          <Form.Item name="tag" label="标签">
            <Select allowClear showSearch placeholder="全部" style={{ width: 130 }} options={PROJECT_TAGS.map((t) => ({ value: t, label: t }))} />
          </Form.Item>
        </FilterBar>
        <Tabs
          activeKey={tab}
          onChange={(k) => list.setFilters({ tab: k === 'list' ? undefined : k })}
          items={[
            {
              key: 'list',
              label: '项目列表',
              children: (
                <DataTable<ProjectSummary>
                  data-testid="project-table"
                  data={query.data}
                  loading={query.isFetching}
                  failed={query.isError}
                  page={list.page}
                  pageSize={list.pageSize}
                  onPageChange={list.setPage}
                  onRow={(p) => ({ 'data-testid': `project-row-${p.id}` }) as React.HTMLAttributes<HTMLElement>}
                  columns={[
                    {
                      title: '项目名称',
                      dataIndex: 'name',
                      render: (name: string, p) => (
                        <Link to={`/projects/${p.id}`} data-testid="project-link">
                          {name}
                        </Link>
                      ),
                    },
                    { title: '企业', render: (_, p) => p.enterprise.name },
                    { title: '县区', dataIndex: 'divisionName', width: 100 },
                    { title: '主分类', render: (_, p) => p.categories.find((c) => c.primary)?.name ?? p.primaryCategoryCode },
                    { title: '阶段', dataIndex: 'stage', width: 80, render: (s: ProjectStage) => PROJECT_STAGE_LABELS[s] },
                    { title: '总投资', dataIndex: 'totalInvestment', align: 'right', render: (v: string) => wan(v) },
                    { title: '待对接需求', align: 'right', render: (_, p) => (p.openNeeds.count ? `${p.openNeeds.count} 笔 / ${wan(p.openNeeds.amount)}` : '—') },
                    { title: '状态', render: (_, p) => <ProjectStatusTag status={p.status} stage={p.reviewStage} /> },
                    { title: '登记时间', dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
                  ]}
                />
              ),
            },
            { key: 'stats', label: '统计', children: <StatsCharts stats={stats.data} /> },
          ]}
        />
        {user.role === Role.BANK ? <Typography.Text type="secondary">仅显示已入库项目；企业联系方式在承接融资需求后可见。</Typography.Text> : null}
      </Card>
    </PageContainer>
  );
}
