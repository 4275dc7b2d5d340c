import { Card, Empty, Select, Space, Table, Tag, Typography } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { type PlanMyTaskRow, UNIT_ROLE_LABELS, UnitRole } from '@zj/shared';
import { PageContainer } from '../../../components/PageContainer';
import { formatDateTime } from '../../../lib/format';
import { useMyTasks, usePeriods } from '../hooks/use-plan';
import { ReportStatusTag } from './labels';
import { ReportEditor } from './ReportEditor';

/** 进展报送: the tasks the caller's unit reports on in a period, and the report of the task chosen. */
export default function PlanReportsPage() {
  const [params, setParams] = useSearchParams();
  const periods = usePeriods();
  const periodId = params.get('period') ?? periods.data?.items[0]?.id;
  const taskId = params.get('task') ?? undefined;
  const mine = useMyTasks(periodId);
  const period = periods.data?.items.find((p) => p.id === periodId) ?? mine.data?.period;

  return (
    <PageContainer title="进展报送" description="本单位负责的重点任务：配合单位报牵头单位，牵头单位汇总后与按职责分工负责的单位一并报市金融工作局。">
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        <Card size="small">
          <Space wrap>
            报送期
            <Select
              style={{ width: 220 }}
              value={periodId}
              onChange={(v) => setParams({ period: v })}
              options={(periods.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
              data-testid="plan-period-select"
            />
            {period ? <Typography.Text type="secondary">截止 {formatDateTime(period.dueAt)}（{period.workYear}年工作清单）</Typography.Text> : null}
          </Space>
        </Card>
        {!periodId ? (
          <Empty description="市金融工作局尚未设置报送期" />
        ) : (
          <Table<PlanMyTaskRow>
            rowKey="taskId"
            size="small"
            loading={mine.isFetching}
            dataSource={mine.data?.items ?? []}
            pagination={false}
            onRow={(r) => ({ 'data-testid': `plan-my-task-${r.taskNumber}` }) as never}
            columns={[
              { title: '任务', render: (_v, r) => `（${r.taskNumber}）${r.taskTitle}` },
              { title: '职责', width: 120, render: (_v, r) => <Tag>{UNIT_ROLE_LABELS[r.role]}</Tag> },
              {
                title: '状态',
                width: 180,
                render: (_v, r) => <ReportStatusTag status={r.status} overdue={r.overdue} testId={`plan-my-task-${r.taskNumber}-status`} />,
              },
              {
                title: '配合单位报送',
                width: 120,
                render: (_v, r) => (r.role === UnitRole.LEAD ? `${r.contributionsReceived ?? 0} / ${r.cooperatingUnits ?? 0}` : '—'),
              },
              {
                title: '',
                width: 90,
                render: (_v, r) => (
                  <Typography.Link onClick={() => setParams({ period: periodId, task: r.taskId })} data-testid={`plan-open-report-${r.taskNumber}`}>
                    填报
                  </Typography.Link>
                ),
              },
            ]}
          />
        )}
        {periodId && taskId ? <ReportEditor key={`${periodId}:${taskId}`} periodId={periodId} taskId={taskId} /> : null}
      </Space>
    </PageContainer>
  );
}
