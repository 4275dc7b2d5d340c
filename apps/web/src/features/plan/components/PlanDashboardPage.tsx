import { App, Button, Card, Col, Empty, Flex, Row, Select, Space, Spin, Statistic, Table, Tooltip, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router-dom';
import { Role, WORK_ITEM_STATUS_COLORS, WORK_ITEM_STATUS_LABELS, WorkItemStatus, type UnitRankingRow } from '@zj/shared';
import { PageContainer } from '../../../components/PageContainer';
import { errorMessage } from '../../../lib/errors';
import { useAuth } from '../../../lib/auth-context';
import { GreenLoanRatioChart, IndicatorCards } from '../../indicators';
import { exportPlan } from '../api/plan-api';
import { useDashboard, usePlanTasks } from '../hooks/use-plan';

const CHINESE = '一二三四五六';

/** 方案看板: the 6 actions and 18 tasks in status colours, indicators against targets, units ranked by reports on time. */
export default function PlanDashboardPage() {
  const { user } = useAuth();
  const { message } = App.useApp();
  // The year is in the address (`/plan?year=2023`), so a link shows the same list; without it, the API's default year.
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year')) || undefined;
  const dashboard = useDashboard(year);
  const tasks = usePlanTasks(undefined);
  const years = [...new Set((tasks.data ?? []).flatMap((t) => t.keyWorks.flatMap((k) => k.workItems.map((i) => i.year))))].sort();
  const d = dashboard.data;
  const mayExport = user?.role === Role.BUREAU || user?.role === Role.REGULATOR;
  // The task pages are the bureau's and the regulators' (navigation: plan-tasks).
  const mayOpenTasks = mayExport;
  const drillParam = params.get('status');
  const drill = drillParam && (Object.values(WorkItemStatus) as string[]).includes(drillParam) ? (drillParam as WorkItemStatus) : null;
  const openDrill = (s: WorkItemStatus | null) => {
    const next = new URLSearchParams(params);
    if (s) next.set('status', s);
    else next.delete('status');
    setParams(next, { replace: true });
  };
  const drillRows = drill && d ? d.actions.flatMap((a) => a.tasks.filter((t) => t.status === drill).map((t) => ({ ...t, action: `${CHINESE[a.number - 1]}、${a.title}` }))) : [];

  return (
    <PageContainer
      title="方案看板"
      description="湛江市绿色金融重点任务：6大行动、18项重点任务的进展（按已通过的进展报告）、指标完成情况和各单位报送情况。"
      extra={
        <Space>
          <Select
            style={{ width: 140 }}
            value={d?.year}
            onChange={(y: number) => setParams({ year: String(y), ...(drill ? { status: drill } : {}) }, { replace: true })}
            options={years.map((y) => ({ value: y, label: `${y}年工作清单` }))}
            data-testid="plan-year"
          />
          {mayExport ? (
            <Button icon={<DownloadOutlined />} onClick={() => exportPlan(d?.year).catch((e) => message.error(errorMessage(e)))} data-testid="plan-export">
              导出 Excel
            </Button>
          ) : null}
        </Space>
      }
    >
      {!d ? (
        <Spin />
      ) : (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Row gutter={12}>
            {Object.values(WorkItemStatus).map((s) => (
              <Col key={s} xs={12} md={6}>
                {/* A total opens the tasks behind it (the list below, kept in the address). */}
                <Card
                  size="small"
                  hoverable
                  role="button"
                  tabIndex={0}
                  aria-pressed={drill === s}
                  aria-label={`${WORK_ITEM_STATUS_LABELS[s]} ${d.statusCounts[s] ?? 0} 项：查看这些任务`}
                  onClick={() => openDrill(drill === s ? null : s)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter' || e.key === ' ') {
                      e.preventDefault();
                      openDrill(drill === s ? null : s);
                    }
                  }}
                  style={drill === s ? { borderColor: WORK_ITEM_STATUS_COLORS[s] } : undefined}
                >
                  <Statistic title={WORK_ITEM_STATUS_LABELS[s]} value={d.statusCounts[s] ?? 0} suffix="项" valueStyle={{ color: WORK_ITEM_STATUS_COLORS[s] }} data-testid={`plan-count-${s}`} />
                </Card>
              </Col>
            ))}
          </Row>
          {drill ? (
            <Card
              size="small"
              title={`${WORK_ITEM_STATUS_LABELS[drill]}的重点任务（${drillRows.length} 项）`}
              extra={<Button size="small" onClick={() => openDrill(null)}>收起</Button>}
              data-testid="plan-drill"
            >
              <Table
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={drillRows}
                locale={{ emptyText: '没有此状态的任务' }}
                columns={[
                  { title: '行动', dataIndex: 'action', width: 220 },
                  {
                    title: '重点任务',
                    render: (_v, t) =>
                      mayOpenTasks ? (
                        <Link to={`/plan/tasks?year=${d.year}&task=${t.number}`}>
                          （{t.number}）{t.title}
                        </Link>
                      ) : (
                        `（${t.number}）${t.title}`
                      ),
                  },
                  { title: '状态', dataIndex: 'status', width: 100, render: (v: WorkItemStatus) => <Typography.Text style={{ color: WORK_ITEM_STATUS_COLORS[v] }}>{WORK_ITEM_STATUS_LABELS[v]}</Typography.Text> },
                ]}
              />
            </Card>
          ) : null}
          <Card size="small" title="6大行动 · 18项重点任务">
            <Row gutter={[12, 12]}>
              {d.actions.map((a) => (
                <Col xs={24} md={12} xl={8} key={a.number}>
                  <Card size="small" type="inner" title={`${CHINESE[a.number - 1]}、${a.title}`} data-testid={`plan-action-${a.number}`}>
                    <Flex vertical gap={6}>
                      {a.tasks.map((t) => (
                        <Tooltip key={t.id} title={WORK_ITEM_STATUS_LABELS[t.status]}>
                          <div
                            data-testid={`plan-task-${t.number}`}
                            data-status={t.status}
                            style={{ borderLeft: `6px solid ${WORK_ITEM_STATUS_COLORS[t.status]}`, padding: '4px 8px', background: '#fafafa', borderRadius: 4 }}
                          >
                            <Typography.Text strong>（{t.number}）</Typography.Text>
                            {mayOpenTasks ? <Link to={`/plan/tasks?year=${d.year}&task=${t.number}`}>{t.title}</Link> : t.title}
                            <Typography.Text style={{ float: 'right', color: WORK_ITEM_STATUS_COLORS[t.status] }}>{WORK_ITEM_STATUS_LABELS[t.status]}</Typography.Text>
                          </div>
                        </Tooltip>
                      ))}
                    </Flex>
                  </Card>
                </Col>
              ))}
            </Row>
          </Card>
          <Card size="small" title="绿色信贷占比（按月，目标线 10% / 15%）">
            {d.greenLoanRatio ? <GreenLoanRatioChart series={d.greenLoanRatio.series} lines={d.greenLoanRatio.lines} /> : <Empty />}
          </Card>
          <Card size="small" title="指标完成情况">
            {/* The bureau and the regulators open the rows behind each figure. */}
            <IndicatorCards indicators={d.indicators} mayDrill={mayExport} />
          </Card>
          <Card size="small" title="各单位按时报送排名（已到期的报送期）">
            <Table<UnitRankingRow>
              rowKey="organizationId"
              size="small"
              dataSource={d.ranking}
              pagination={{ pageSize: 10 }}
              data-testid="plan-ranking"
              columns={[
                { title: '排名', render: (_v, _r, i) => i + 1, width: 60 },
                { title: '单位', dataIndex: 'name' },
                { title: '应报', dataIndex: 'due', width: 80 },
                { title: '按时', dataIndex: 'onTime', width: 80 },
                { title: '迟报', dataIndex: 'late', width: 80 },
                { title: '未报', dataIndex: 'missing', width: 80 },
                { title: '按时率', dataIndex: 'onTimeRate', width: 100, render: (v: string) => `${v}%` },
              ]}
            />
          </Card>
        </Space>
      )}
      {dashboard.isError ? <Typography.Text type="danger">{errorMessage(dashboard.error)}</Typography.Text> : null}
    </PageContainer>
  );
}
