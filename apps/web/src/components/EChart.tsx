import { useEffect, useRef } from 'react';
import * as echarts from 'echarts';

/** One ECharts chart, resized with the window. */
export function EChart({ option, testId, height = 260 }: { option: echarts.EChartsOption; testId: string; height?: number }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current);
    chart.setOption(option);
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chart.dispose();
    };
  }, [option]);
  return <div ref={ref} style={{ height }} data-testid={testId} />;
}
