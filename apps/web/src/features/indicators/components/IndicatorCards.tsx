import { useMemo, useState } from 'react';
import { Button, Card, Col, Empty, Row, Space, Statistic, Tag, Tooltip, Typography } from 'antd';
import type * as echarts from 'echarts';
import {
  EVENT_TYPE_LABELS,
  formatMeasureNumber,
  INDICATOR_COMPARISON_LABELS,
  INDICATOR_SOURCE_LABELS,
  TARGET_STATUS_LABELS,
  TargetStatus,
  targetValueText,
  type EventType,
  type IndicatorView,
} from '@zj/shared';
import { EChart } from '../../../components/EChart';
import { withUnit } from './decimal';
import { IndicatorRowsDrawer } from './IndicatorRowsDrawer';

export const TARGET_COLORS: Record<TargetStatus, string> = {
  [TargetStatus.MET]: 'success',
  [TargetStatus.PENDING]: 'processing',
  [TargetStatus.MISSED]: 'error',
  [TargetStatus.NO_DATA]: 'default',
};

function Trend({ indicator }: { indicator: IndicatorView }) {
  const option = useMemo<echarts.EChartsOption>(() => {
    const target = indicator.targets[indicator.targets.length - 1];
    return {
      grid: { left: 36, right: 12, top: 10, bottom: 24 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: indicator.series.map((p) => p.asOf), axisLabel: { fontSize: 10 } },
      yAxis: { type: 'value', axisLabel: { fontSize: 10 } },
      series: [
        {
          name: indicator.unit ? `数值（${indicator.unit}）` : '数值',
          type: 'line',
          data: indicator.series.map((p) => Number(p.value)),
          markLine: target ? { symbol: 'none', data: [{ yAxis: Number(target.value), lineStyle: { type: 'dashed', color: '#fa8c16' } }], label: { formatter: `目标 ${withUnit(target.value, indicator.unit)}` } } : undefined,
        },
      ],
    };
  }, [indicator]);
  if (indicator.series.length < 2) return null;
  return <EChart option={option} testId={`indicator-trend-${indicator.code}`} title={`${indicator.name}的变化${indicator.unit ? `（${indicator.unit}）` : ''}`} height={120} />;
}

/**
 * Indicators against their targets: current value, each target's status, and the trend. With
 * `mayDrill` (the bureau and the regulators), each figure opens the rows behind it.
 */
export function IndicatorCards({ indicators, mayDrill = false }: { indicators: IndicatorView[]; mayDrill?: boolean }) {
  const [drilled, setDrilled] = useState<IndicatorView | null>(null);
  if (!indicators.length) return <Empty description="暂无指标" />;
  return (
    <>
      <Row gutter={[12, 12]}>
        {indicators.map((i) => (
          <Col xs={24} md={12} xl={8} key={i.id}>
            <Card size="small" data-testid={`indicator-${i.code}`} title={<Tooltip title={`任务（${i.taskNumber}）`}>{i.name}</Tooltip>} extra={<Tag>{INDICATOR_SOURCE_LABELS[i.source]}</Tag>}>
              <Statistic
                value={formatMeasureNumber(i.current.value, i.unit)}
                suffix={i.current.value !== null ? i.unit : undefined}
                data-testid={`indicator-${i.code}-value`}
                valueRender={(node) =>
                  mayDrill ? (
                    <Tooltip title="查看这个数值背后的明细">
                      <Button type="link" aria-label={`查看明细：${i.name}`} data-testid={`indicator-${i.code}-drill`} onClick={() => setDrilled(i)} style={{ padding: 0, height: 'auto', fontSize: 'inherit' }}>
                        {node}
                      </Button>
                    </Tooltip>
                  ) : (
                    node
                  )
                }
              />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {i.current.asOf ? `截至 ${i.current.asOf}` : '暂无数据'}
                {i.current.breakdown && i.code === 'events-held'
                  ? `（${Object.entries(i.current.breakdown).map(([t, n]) => `${EVENT_TYPE_LABELS[t as EventType] ?? t} ${n}`).join('，')}）`
                  : ''}
              </Typography.Text>
              <Space wrap size={4} style={{ display: 'flex', marginTop: 8 }}>
                {i.targets.map((t) => {
                  // Which value the target was judged on: the one at its deadline, or (deadline ahead) the latest.
                  const used = targetValueText(t, i.unit);
                  return (
                    <Tooltip key={t.id} title={used ? `判断依据：${used}` : '截止日未到，暂无数值'}>
                      <Tag color={TARGET_COLORS[t.status]} data-testid={`indicator-${i.code}-target-${t.deadline}`} data-status={t.status} data-basis={t.basis}>
                        {t.deadline.slice(0, 4)}年 {INDICATOR_COMPARISON_LABELS[t.comparison]}
                        {withUnit(t.value, i.unit)}：{TARGET_STATUS_LABELS[t.status]}
                        {used ? `（${used}）` : ''}
                      </Tag>
                    </Tooltip>
                  );
                })}
              </Space>
              <Trend indicator={i} />
            </Card>
          </Col>
        ))}
      </Row>
      {mayDrill ? <IndicatorRowsDrawer indicator={drilled} onClose={() => setDrilled(null)} /> : null}
    </>
  );
}
