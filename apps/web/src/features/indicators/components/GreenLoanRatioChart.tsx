import { useMemo } from 'react';
import { Empty } from 'antd';
import type * as echarts from 'echarts';
import { EChart } from '../../../components/EChart';

/** The city's green loan ratio by month against the plan's 10% and 15% lines. */
export function GreenLoanRatioChart({ series, lines, testId = 'green-loan-ratio-chart' }: { series: { asOf: string; value: string }[]; lines: { value: string; label: string }[]; testId?: string }) {
  const option = useMemo<echarts.EChartsOption>(
    () => ({
      tooltip: { trigger: 'axis', valueFormatter: (v) => `${v}%` },
      grid: { left: 48, right: 56, top: 30, bottom: 40 },
      xAxis: { type: 'category', data: series.map((p) => p.asOf) },
      yAxis: { type: 'value', name: '%', min: 0, max: (v: { max: number }) => Math.max(16, Math.ceil(v.max + 1)) },
      series: [
        {
          name: '绿色信贷占比',
          type: 'line',
          smooth: true,
          data: series.map((p) => Number(p.value)),
          itemStyle: { color: '#2e7d32' },
          markLine: {
            symbol: 'none',
            label: { formatter: '{b}' },
            data: lines.map((l) => ({ name: `目标 ${l.label}`, yAxis: Number(l.value), lineStyle: { type: 'dashed', color: l.value === '10.00' ? '#fa8c16' : '#1677ff' } })),
          },
        },
      ],
    }),
    [series, lines],
  );
  if (!series.length) return <Empty description="暂无银行月报数据" />;
  return <EChart option={option} testId={testId} title={`全市绿色信贷占比（%，目标 ${lines.map((l) => l.label).join("、")}）`} />;
}
