import { useEffect, useMemo, useRef, useState } from 'react';
import { Button, Table } from 'antd';
import * as echarts from 'echarts';

type Cell = number | string | null;
export interface ChartFigures {
  /** The header of each column of figures (a series' name). */
  columns: string[];
  /** One row per category (a bar, a point, a slice): its label and a figure per column. */
  rows: { label: string; values: Cell[] }[];
}

const asArray = <T,>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const valueOf = (d: unknown): Cell => {
  const v = d !== null && typeof d === 'object' && !Array.isArray(d) ? (d as { value?: unknown }).value : d;
  if (Array.isArray(v)) return (v[v.length - 1] as Cell) ?? null;
  return typeof v === 'number' || typeof v === 'string' ? v : null;
};

/**
 * The figures a chart draws, read from its option: a pie's or funnel's slices, or the categories of
 * a category axis with one column per series. The same figures as the picture, for the table and
 * for the screen reader's summary.
 */
export function chartFigures(option: echarts.EChartsOption): ChartFigures {
  type S = { type?: string; name?: string; data?: unknown[] };
  const series = asArray(option.series as S | S[] | undefined);
  const sliced = series.find((s) => s.type === 'pie' || s.type === 'funnel');
  if (sliced) {
    return { columns: [sliced.name ?? '数值'], rows: (sliced.data ?? []).map((d) => ({ label: String((d as { name?: unknown }).name ?? ''), values: [valueOf(d)] })) };
  }
  type Axis = { type?: string; data?: unknown[] };
  const axis = [...asArray(option.xAxis as Axis | Axis[] | undefined), ...asArray(option.yAxis as Axis | Axis[] | undefined)].find((a) => a.type === 'category' && a.data);
  const labels = (axis?.data ?? []).map((c) => String(c !== null && typeof c === 'object' ? ((c as { value?: unknown }).value ?? '') : c));
  return {
    columns: series.map((s, i) => s.name ?? (series.length > 1 ? `数值${i + 1}` : '数值')),
    rows: labels.map((label, i) => ({ label, values: series.map((s) => valueOf(s.data?.[i])) })),
  };
}

const cellText = (v: Cell) => (v === null || v === '' ? '—' : String(v));

/** What a screen reader says for the chart: its title and its figures (the first few, and how many more). */
export function chartSummary(title: string, { columns, rows }: ChartFigures, shown = 6): string {
  if (!rows.length) return `${title}：暂无数据`;
  const row = (r: ChartFigures['rows'][number]) => (columns.length === 1 ? `${r.label} ${cellText(r.values[0])}` : `${r.label}（${columns.map((c, i) => `${c} ${cellText(r.values[i])}`).join('，')}）`);
  const more = rows.length > shown ? `；另有${rows.length - shown}项，可以表格查看` : '';
  return `${title}，共${rows.length}项：${rows.slice(0, shown).map(row).join('；')}${more}`;
}

/**
 * One ECharts chart, resized with the window, with a text alternative: the container states the
 * figures (role img, aria-label), and "以表格查看" shows them as a table instead of the picture.
 */
export function EChart({ option, testId, title, height = 260 }: { option: echarts.EChartsOption; testId: string; /** What the chart shows, as its card titles it. */ title: string; height?: number }) {
  const ref = useRef<HTMLDivElement>(null);
  const [asTable, setAsTable] = useState(false);
  const figures = useMemo(() => chartFigures(option), [option]);
  useEffect(() => {
    if (asTable || !ref.current) return;
    const chart = echarts.init(ref.current);
    chart.setOption(option);
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chart.dispose();
    };
  }, [option, asTable]);
  return (
    <div className="zj-chart">
      <div style={{ textAlign: 'right' }}>
        <Button type="link" size="small" aria-pressed={asTable} onClick={() => setAsTable((t) => !t)} data-testid={`${testId}-toggle`}>
          {asTable ? '以图表查看' : '以表格查看'}
        </Button>
      </div>
      {asTable ? (
        <Table<ChartFigures['rows'][number]>
          size="small"
          rowKey={(r) => figures.rows.indexOf(r)}
          pagination={false}
          scroll={{ x: 'max-content', y: height }}
          dataSource={figures.rows}
          aria-label={title}
          data-testid={`${testId}-table`}
          columns={[{ title: '项目', dataIndex: 'label', key: 'label' }, ...figures.columns.map((c, i) => ({ title: c, key: `v${i}`, align: 'right' as const, render: (_: unknown, r: ChartFigures['rows'][number]) => cellText(r.values[i]) }))]}
        />
      ) : (
        <div ref={ref} style={{ height }} role="img" aria-label={chartSummary(title, figures)} data-testid={testId} />
      )}
    </div>
  );
}
