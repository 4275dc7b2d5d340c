import { useEffect, useState } from 'react';
import { App, Button, Card, Select, Space, Table, Tabs, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { OrgType, REVIEW_STAGE_LABELS, type ProjectBulkReviewInput, type ProjectSummary, ReviewAction, ReviewStage, Role } from '@zj/shared';
import { DataTable } from '../../../components/DataTable';
import { PageContainer } from '../../../components/PageContainer';
import { formatDateTime } from '../../../lib/format';
import { testId } from '../../../lib/test-id';
import { useListParams } from '../../../lib/use-list-params';
import { useCurrentUser } from '../../../lib/auth-context';
import { OrganizationSelect } from '../../organizations';
import { useBulkReview, useProjects, usePutRoutes, useRoutes } from '../hooks/use-projects';
import { ProjectStatusTag, wan } from '../../../components/project-labels';

function RoutesEditor() {
  const { message } = App.useApp();
  const routes = useRoutes(true);
  const put = usePutRoutes();
  const [rows, setRows] = useState<{ prefix: string; departmentOrgId: string; categoryName: string | null }[]>([]);
  useEffect(() => {
    if (routes.data) setRows(routes.data.routes.map((r) => ({ prefix: r.prefix, departmentOrgId: r.departmentOrgId, categoryName: r.categoryName })));
  }, [routes.data]);
  return (
    <div data-testid="routes-editor">
      <Typography.Paragraph type="secondary">
        项目按主分类的最长匹配前缀路由到行业主管部门审核；无匹配时由{routes.data?.fallback?.departmentName ?? '市金融工作局'}审核。修改只影响此后提交的项目。
      </Typography.Paragraph>
      <Table
        size="small"
        rowKey="prefix"
        loading={routes.isLoading}
        pagination={false}
        dataSource={rows}
        columns={[
          { title: '分类前缀', dataIndex: 'prefix', width: 100 },
          { title: '分类名称', dataIndex: 'categoryName' },
          {
            title: '审核部门',
            render: (_, r, i) => (
              <OrganizationSelect
                type={OrgType.GOVERNMENT_UNIT}
                value={r.departmentOrgId}
                style={{ width: 260 }}
                onChange={(v) => v && setRows((prev) => prev.map((x, j) => (j === i ? { ...x, departmentOrgId: v } : x)))}
              />
            ),
          },
        ]}
      />
      <Button
        type="primary"
        style={{ marginTop: 12 }}
        loading={put.isPending}
        onClick={() => put.mutate(rows.map(({ prefix, departmentOrgId }) => ({ prefix, departmentOrgId })), { onSuccess: () => message.success('审核路由已保存') })}
        data-testid="routes-save"
      >
        保存
      </Button>
    </div>
  );
}

const BULK_DONE: Partial<Record<ReviewAction, string>> = { [ReviewAction.START_REVIEW]: '已受理', [ReviewAction.PASS]: '已初审通过', [ReviewAction.LIST]: '已审核入库' };

/** 审核待办: the projects whose review is the caller's turn, with bulk actions; the bureau also edits routing. */
export default function ReviewQueuePage() {
  const { message, modal } = App.useApp();
  const user = useCurrentUser();
  const list = useListParams(['reviewStage', 'tab'] as const);
  const { tab = 'queue', reviewStage } = list.filters;
  // The stage filter comes from the address bar; the API checks it.
  const query = useProjects({ queue: 'mine', reviewStage: reviewStage as ReviewStage | undefined, page: list.page, pageSize: list.pageSize });
  const bulk = useBulkReview();
  const [selected, setSelected] = useState<ProjectSummary[]>([]);
  const run = (action: ProjectBulkReviewInput['action']) =>
    bulk.mutate(
      { action, items: selected.map((p) => ({ id: p.id, version: p.version })) },
      {
        onSuccess: (r) => {
          const next = action === ReviewAction.PASS ? '，已报送行业主管部门审核，各部门已收到待审核通知' : action === ReviewAction.LIST ? '，已列入绿色项目库，企业已收到入库通知' : '，请逐个审核后提交审核决定';
          message.success(`${BULK_DONE[action]} ${r.succeeded} 个${r.succeeded ? next : ''}${r.failed ? `；失败 ${r.failed} 个（已被他人处理或状态不符）` : ''}`);
          setSelected([]);
        },
      },
    );
  // Passing on and listing are decisions: confirmed with what happens and who is told. 受理 only takes the projects up.
  const act = (action: ProjectBulkReviewInput['action']) => {
    if (action === ReviewAction.START_REVIEW) return run(action);
    modal.confirm({
      title: action === ReviewAction.PASS ? `初审通过 ${selected.length} 个项目，报送行业主管部门？` : `审核通过 ${selected.length} 个项目，列入绿色项目库？`,
      content:
        action === ReviewAction.PASS
          ? '各项目按主分类报送对应的行业主管部门审核，这些部门将收到待审核通知；企业可在项目页看到进度。'
          : '这些项目将列入湛江市绿色项目库，所属企业（及报送单位）将收到入库通知；项目已共享的融资需求随即对匹配的金融机构可见。',
      okText: action === ReviewAction.PASS ? '确认报送' : '确认入库',
      cancelText: '返回',
      okButtonProps: testId('bulk-confirm'),
      onOk: () => run(action),
    });
  };
  const queue = (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        {user.role === Role.BUREAU ? (
          <Select
            allowClear
            placeholder="审核环节"
            value={reviewStage}
            style={{ width: 160 }}
            onChange={(v) => list.setFilters({ reviewStage: v })}
            options={Object.values(ReviewStage).map((s) => ({ value: s, label: REVIEW_STAGE_LABELS[s] }))}
          />
        ) : null}
        <Typography.Text type="secondary">已选 {selected.length} 个</Typography.Text>
        <Button disabled={!selected.length} onClick={() => act(ReviewAction.START_REVIEW)} data-testid="bulk-start">
          批量受理
        </Button>
        {user.role === Role.COUNTY || user.role === Role.BUREAU ? (
          <Button disabled={!selected.length} onClick={() => act(ReviewAction.PASS)} data-testid="bulk-pass">
            批量初审通过
          </Button>
        ) : null}
        {user.role !== Role.COUNTY ? (
          <Button type="primary" disabled={!selected.length} onClick={() => act(ReviewAction.LIST)} data-testid="bulk-list">
            批量入库
          </Button>
        ) : null}
      </Space>
      <DataTable<ProjectSummary>
        data-testid="review-queue"
        data={query.data}
        loading={query.isFetching}
        failed={query.isError}
        page={list.page}
        pageSize={list.pageSize}
        onPageChange={list.setPage}
        rowSelection={{ selectedRowKeys: selected.map((p) => p.id), onChange: (_, rows) => setSelected(rows) }}
        onRow={(p) => ({ 'data-testid': `queue-row-${p.id}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: '项目名称', dataIndex: 'name', render: (n: string, p) => <Link to={`/projects/${p.id}`} data-testid="queue-link">{n}</Link> },
          { title: '企业', render: (_, p) => p.enterprise.name },
          { title: '县区', dataIndex: 'divisionName' },
          { title: '主分类', render: (_, p) => p.categories.find((c) => c.primary)?.name ?? p.primaryCategoryCode },
          { title: '总投资', dataIndex: 'totalInvestment', render: (v: string) => wan(v) },
          { title: '状态', render: (_, p) => <ProjectStatusTag status={p.status} stage={p.reviewStage} /> },
          { title: '提交时间', dataIndex: 'submittedAt', render: (v: string) => formatDateTime(v) },
        ]}
      />
    </>
  );
  return (
    <PageContainer title="项目审核" description="县区先初审本县区企业提交和本县区报送的项目，再由行业主管部门按分类审核入库；项目进入您的审核队列时会收到通知。两人同时处理同一项目时，后处理者会收到提示。">
      <Card size="small">
        {user.role === Role.BUREAU ? (
          <Tabs
            activeKey={tab}
            onChange={(k) => list.setFilters({ tab: k === 'queue' ? undefined : k })}
            items={[
              { key: 'queue', label: '待审核', children: queue },
              { key: 'routes', label: '审核路由', children: <RoutesEditor /> },
            ]}
          />
        ) : (
          queue
        )}
      </Card>
    </PageContainer>
  );
}
