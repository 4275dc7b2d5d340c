import { Card, Col, Empty, Row, Statistic } from 'antd';
import type * as echarts from 'echarts';
import { EChart } from '../../../components/EChart';
import { PROJECT_STATUS_LABELS, type ProjectStats } from '@zj/shared';
import { wan } from '../../../components/project-labels';

/** Count and amount by county, category and status. */
export function StatsCharts({ stats }: { stats: ProjectStats | undefined }) {
  if (!stats) return <Empty description="加载中…" />;
  const bar = (labels: string[], counts: number[], amounts: number[]): echarts.EChartsOption => ({
    tooltip: { trigger: 'axis' },
    legend: { data: ['项目数', '总投资（万元）'] },
    grid: { left: 50, right: 60, bottom: 70 },
    xAxis: { type: 'category', data: labels, axisLabel: { rotate: 35 } },
    yAxis: [{ type: 'value', name: '个' }, { type: 'value', name: '万元' }],
    series: [
      { name: '项目数', type: 'bar', data: counts },
      { name: '总投资（万元）', type: 'line', yAxisIndex: 1, data: amounts },
    ],
  });
  return (
    <div data-testid="project-stats">
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col span={8}>
          <Statistic title="项目数" value={stats.totals.count} />
        </Col>
        <Col span={8}>
          <Statistic title="总投资" value={wan(stats.totals.totalInvestment)} />
        </Col>
        <Col span={8}>
          <Statistic title="待对接融资需求金额" value={wan(stats.totals.openNeedAmount)} />
        </Col>
      </Row>
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card size="small" title="按县（市、区）">
            <EChart height={280} testId="chart-division" title="按县（市、区）的项目数与总投资" option={bar(stats.byDivision.map((d) => d.divisionName), stats.byDivision.map((d) => d.count), stats.byDivision.map((d) => Number(d.totalInvestment)))} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title="按绿色产业分类">
            <EChart height={280} testId="chart-category" title="按绿色产业分类的项目数与总投资" option={bar(stats.byCategory.map((d) => `${d.categoryCode} ${d.categoryName}`), stats.byCategory.map((d) => d.count), stats.byCategory.map((d) => Number(d.totalInvestment)))} />
          </Card>
        </Col>
        <Col xs={24} lg={12} style={{ marginTop: 16 }}>
          <Card size="small" title="按状态">
            <EChart
              height={280}
              testId="chart-status"
              title="按状态的项目数"
              option={{
                tooltip: { trigger: 'item' },
                series: [{ name: '项目数', type: 'pie', radius: ['35%', '65%'], data: stats.byStatus.map((s) => ({ name: PROJECT_STATUS_LABELS[s.status], value: s.count })) }],
              }}
            />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
