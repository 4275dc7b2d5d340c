import { useMemo, useState } from 'react';
import { App, Button, Card, Col, Form, Input, Modal, Row, Space, Statistic, Switch, Table, Tabs, Tag, Typography } from 'antd';
import { CASE_STATE_LABELS, CaseState, GREENWASHING_STATUS_LABELS, OrgType, Role, type BankStatistics, type CaseView, type GreenwashingWarningView } from '@zj/shared';
import type * as echarts from 'echarts';
import { Link, useSearchParams } from 'react-router-dom';
import { PageContainer } from '../../../components/PageContainer';
import { notifyError } from '../../../lib/errors';
import { validated } from '../../../lib/form-errors';
import { formatDateTime } from '../../../lib/format';
import { testId } from '../../../lib/test-id';
import { useListParams } from '../../../lib/use-list-params';
import { useCurrentUser } from '../../../lib/auth-context';
import { CaseStateTag, Countdown, useCases, useCaseStatistics, usePipeline, usePush, useReassign, useResolveWarning, useWarnings } from '../../cases';
import { EChart } from '../../../components/EChart';
import { OrganizationSelect } from '../../organizations';
import { wanText } from '../../../lib/product-format';

function StatisticsTab() {
  const stats = useCaseStatistics({});
  const s = stats.data;
  // Whose figures these are: a bank sees only its own (本机构), the bureau and regulators the city's (全市).
  const scopeName = !s ? '' : s.scope.kind === 'BANK' ? '本机构' : '全市';
  const overTime = useMemo<echarts.EChartsOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { data: ['当月放款（万元）', '累计（万元）'] },
      xAxis: { type: 'category', data: s?.overTime.map((m) => m.month) ?? [] },
      yAxis: { type: 'value' },
      series: [
        { name: '当月放款（万元）', type: 'bar', data: s?.overTime.map((m) => Number(m.disbursed)) ?? [] },
        { name: '累计（万元）', type: 'line', data: s?.overTime.map((m) => Number(m.cumulative)) ?? [] },
      ],
    }),
    [s],
  );
  const byCounty = useMemo<echarts.EChartsOption>(
    () => ({ tooltip: {}, xAxis: { type: 'category', data: s?.byCounty.map((c) => c.label) ?? [] }, yAxis: { type: 'value' }, series: [{ type: 'bar', name: '放款（万元）', data: s?.byCounty.map((c) => Number(c.disbursedAmount)) ?? [] }] }),
    [s],
  );
  const byCategory = useMemo<echarts.EChartsOption>(
    () => ({ tooltip: {}, series: [{ name: '放款（万元；未放款的类别为对接数）', type: 'pie', radius: '65%', data: s?.byCategory.map((c) => ({ name: c.label, value: Number(c.disbursedAmount) || c.cases })) ?? [] }] }),
    [s],
  );
  return (
    <>
      <Row gutter={16}>
        <Col span={6}><Card size="small"><Statistic title="对接总数" value={s?.totals.cases ?? 0} /></Card></Col>
        <Col span={6}><Card size="small"><Statistic title="授信金额（万元）" value={s?.totals.approvedAmount ?? '0'} /></Card></Col>
        <Col span={6}>
          <Card size="small">
            <span data-testid="stat-disbursed"><Statistic title={`${scopeName}通过平台实现融资（万元）`} value={s?.totals.disbursedAmount ?? '0'} /></span>
            {/* Financing disbursed counts the tranches disbursed on or before this day (the plan dashboard's indicator says the same). */}
            <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="stat-as-of">{s ? `截至 ${s.asOf}` : ''}</Typography.Text>
          </Card>
        </Col>
        <Col span={6}><Card size="small"><Statistic title="超时未办理 / 洗绿预警" value={`${s?.totals.overdue ?? 0} / ${s?.totals.openWarnings ?? 0}`} /></Card></Col>
      </Row>
      <Card size="small" title="婉拒后转介" style={{ marginTop: 16 }} data-testid="stat-referrals">
        <Row gutter={16}>
          <Col span={6}><Statistic title="转介次数" value={s?.referrals.made ?? 0} suffix="次" /></Col>
          <Col span={6}><Statistic title="其中获得授信" value={s?.referrals.reachedApproval ?? 0} suffix="次" /></Col>
          <Col span={6}><Statistic title="其中已放款" value={s?.referrals.disbursed ?? 0} suffix="次" /></Col>
          <Col span={6}><Statistic title="转介后放款（万元）" value={s?.referrals.disbursedAmount ?? '0'} /></Col>
        </Row>
      </Card>
      <Row gutter={16} style={{ marginTop: 16 }}>
        <Col xs={24} lg={12}><Card size="small" title={`${scopeName}通过平台实现的融资（按月）`} data-testid="stat-over-time-title"><EChart option={overTime} testId="chart-over-time" title={`${scopeName}通过平台实现的融资（按月）`} /></Card></Col>
        <Col xs={24} lg={6}><Card size="small" title="按县区"><EChart option={byCounty} testId="chart-by-county" title="按县区的放款（万元）" /></Card></Col>
        <Col xs={24} lg={6}><Card size="small" title="按绿色类别"><EChart option={byCategory} testId="chart-by-category" title="按绿色类别的放款" /></Card></Col>
      </Row>
      <Card size="small" title="金融机构办理情况" style={{ marginTop: 16 }}>
        <Table<BankStatistics>
          size="small"
          rowKey="bankOrgId"
          pagination={false}
          dataSource={s?.byBank}
          data-testid="stats-by-bank"
          columns={[
            { title: '金融机构', dataIndex: 'bankName' },
            { title: '对接数', dataIndex: 'cases' },
            { title: '受理率', dataIndex: 'acceptanceRate', render: (v: number | null) => (v === null ? '—' : `${Math.round(v * 100)}%`) },
            { title: '响应时间中位数', dataIndex: 'medianResponseHours', render: (v: number | null) => (v === null ? '—' : `${v} 小时`) },
            { title: '授信（万元）', dataIndex: 'approvedAmount' },
            { title: '放款（万元）', dataIndex: 'disbursedAmount' },
            { title: '超时', dataIndex: 'overdue', render: (v: number) => (v ? <Tag color="red">{v}</Tag> : 0) },
          ]}
        />
      </Card>
    </>
  );
}

/** The list's filter and page are in the address (`/pipeline?tab=pipeline&overdue=true`), as the workbench links to it. */
const PIPELINE_FILTERS = ['overdue'] as const;

function PipelineTab() {
  const params = useListParams(PIPELINE_FILTERS, 20);
  const overdueOnly = params.filters.overdue === 'true';
  const list = useCases({ page: params.page, pageSize: params.pageSize, overdue: overdueOnly || undefined });
  const pipeline = usePipeline();
  const reassign = useReassign();
  const { message } = App.useApp();
  const [target, setTarget] = useState<CaseView | null>(null);
  const [form] = Form.useForm();
  return (
    <>
      <Row gutter={8} style={{ marginBottom: 12 }}>
        {Object.values(CaseState).map((s) => {
          const r = pipeline.data?.byState.find((x) => x.state === s);
          return (
            <Col key={s}>
              <Tag color={r?.overdue ? 'red' : undefined}>{CASE_STATE_LABELS[s]} {r?.total ?? 0}{r?.overdue ? `（超时 ${r.overdue}）` : ''}</Tag>
            </Col>
          );
        })}
      </Row>
      <Space style={{ marginBottom: 12 }}>
        仅看超时 <Switch checked={overdueOnly} onChange={(v) => params.setFilters({ overdue: v ? 'true' : undefined })} data-testid="pipeline-overdue-only" aria-label="仅看超时" />
      </Space>
      <Table<CaseView>
        rowKey="id"
        size="small"
        data-testid="pipeline-table"
        loading={list.isLoading}
        dataSource={list.data?.items}
        pagination={{ current: params.page, pageSize: params.pageSize, total: list.data?.total, onChange: params.setPage }}
        columns={[
          { title: '企业', dataIndex: 'enterpriseName', render: (v: string, c) => <Link to={`/cases/${c.id}`}>{v}</Link> },
          { title: '金融机构', dataIndex: 'bankName' },
          { title: '金额', dataIndex: 'needAmount', render: (v: string) => wanText(v) },
          { title: '状态', dataIndex: 'state', render: (s: CaseState) => <CaseStateTag state={s} /> },
          { title: '时限', render: (_, c) => <Countdown c={c} /> },
          { title: '操作', render: (_, c) => (c.state === CaseState.PENDING || c.state === CaseState.ACCEPTED || c.state === CaseState.IN_CONTACT ? <Button size="small" onClick={() => setTarget(c)} data-testid={`reassign-${c.id}`}>改派</Button> : null) },
        ]}
      />
      <Modal open={!!target} title="改派给其他金融机构" onCancel={() => setTarget(null)} destroyOnHidden okButtonProps={testId('reassign-confirm')} onOk={async () => {
        const v = await validated(form);
        if (!v) return;
        try {
          await reassign.mutateAsync({ id: target!.id, body: v });
          message.success('已改派');
          setTarget(null);
        } catch (e) {
          notifyError(e);
        }
      }}>
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item name="bankOrgId" label="金融机构" rules={[{ required: true }]}>
            <OrganizationSelect type={OrgType.FINANCIAL_INSTITUTION} />
          </Form.Item>
          <Form.Item name="comment" label="说明"><Input.TextArea rows={2} /></Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function WarningsTab() {
  const list = useWarnings({ pageSize: 50 });
  const resolve = useResolveWarning();
  const { message } = App.useApp();
  const user = useCurrentUser();
  return (
    <Table<GreenwashingWarningView>
      rowKey="id"
      size="small"
      data-testid="warnings-table"
      dataSource={list.data?.items}
      pagination={false}
      columns={[
        { title: '发现时间', dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
        { title: '金融机构', dataIndex: 'bankName' },
        { title: '企业', dataIndex: 'enterpriseName', render: (v: string, w) => <Link to={`/cases/${w.caseId}`}>{v}</Link> },
        { title: '用途偏离情况', dataIndex: 'detail' },
        { title: '状态', dataIndex: 'status', render: (s: GreenwashingWarningView['status']) => <Tag color={s === 'OPEN' ? 'red' : 'green'}>{GREENWASHING_STATUS_LABELS[s]}</Tag> },
        {
          title: '操作',
          render: (_, w) =>
            w.status === 'OPEN' && user.role === Role.BUREAU ? (
              <Button size="small" onClick={async () => {
                try {
                  await resolve.mutateAsync({ id: w.id, note: '已核实处理' });
                  message.success('已处理');
                } catch (e) {
                  notifyError(e);
                }
              }}>标记已处理</Button>
            ) : null,
        },
      ]}
    />
  );
}

function PushButton() {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const push = usePush();
  const { message } = App.useApp();
  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)} data-testid="push-open">推送需求</Button>
      <Modal open={open} title="向金融机构推送融资需求" onCancel={() => setOpen(false)} destroyOnHidden onOk={async () => {
        const v = await validated(form);
        if (!v) return;
        try {
          const r = await push.mutateAsync({ needId: v.needId, bankOrgIds: [v.bankOrgId], comment: v.comment });
          message.success(`已推送给 ${r.created.length} 家机构`);
          setOpen(false);
        } catch (e) {
          notifyError(e);
        }
      }}>
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item name="needId" label="融资需求编号" rules={[{ required: true }]} extra="在“融资需求”页面复制需求编号"><Input /></Form.Item>
          <Form.Item name="bankOrgId" label="金融机构" rules={[{ required: true }]}>
            <OrganizationSelect type={OrgType.FINANCIAL_INSTITUTION} />
          </Form.Item>
          <Form.Item name="comment" label="说明"><Input.TextArea rows={2} /></Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/**
 * The bureau's view of matchmaking: pipeline (overdue first), statistics, greenwashing warnings.
 * The open tab is in the address (`?tab=pipeline`, `?tab=warnings`), so the workbench's figures lead
 * straight to it; a tab the user may not see falls back to the statistics.
 */
export default function PipelinePage() {
  const user = useCurrentUser();
  const [search, setSearch] = useSearchParams();
  const tabs = [
    { key: 'stats', label: '统计', children: <StatisticsTab /> },
    ...(user.role === Role.BUREAU ? [{ key: 'pipeline', label: '对接管道', children: <PipelineTab /> }] : []),
    // the regulators of plan task （十七） read the warnings too (the API scopes them: warning-access.ts)
    ...(user.role === Role.BUREAU || user.role === Role.REGULATOR ? [{ key: 'warnings', label: '洗绿预警', children: <WarningsTab /> }] : []),
  ];
  const asked = search.get('tab');
  const active = tabs.some((t) => t.key === asked) ? asked! : 'stats';
  // another tab starts from its own first page, without the previous tab's filters
  const open = (key: string) => setSearch(key === 'stats' ? new URLSearchParams() : new URLSearchParams({ tab: key }));
  return (
    <PageContainer title="对接统计与监测" extra={user.role === Role.BUREAU ? <PushButton /> : null}>
      <Tabs items={tabs} activeKey={active} onChange={open} />
    </PageContainer>
  );
}
