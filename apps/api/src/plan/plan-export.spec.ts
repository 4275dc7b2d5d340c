import { IndicatorComparison, IndicatorComputation, IndicatorSource, TargetStatus, type IndicatorView } from '@zj/shared';
import { indicatorLine } from './plan-export';

const indicator = (o: Partial<IndicatorView>): IndicatorView => ({
  id: 'i',
  code: 'c',
  taskId: 't',
  taskNumber: 1,
  name: '已组建绿色金融服务团队的银行',
  unit: '家',
  source: IndicatorSource.COMPUTED,
  computation: IndicatorComputation.BANKS_WITH_GREEN_TEAM,
  current: { value: '4.00', asOf: '2026-12-07' },
  targets: [],
  series: [],
  version: 1,
  archivedAt: null,
  ...o,
});

describe('the export’s indicator line', () => {
  it('writes counts without decimals and says which value each target was judged on', () => {
    const line = indicatorLine(
      indicator({
        targets: [
          { id: 'a', comparison: IndicatorComparison.AT_LEAST, value: '5.00', deadline: '2023-12-31', note: null, valueAtDeadline: '3.00', basis: 'DEADLINE', valueAsOf: '2023-12-31', status: TargetStatus.MISSED },
          { id: 'b', comparison: IndicatorComparison.AT_LEAST, value: '8.00', deadline: '2030-12-31', note: null, valueAtDeadline: '4.00', basis: 'LATEST', valueAsOf: '2026-12-07', status: TargetStatus.PENDING },
        ],
      }),
    );
    expect(line).toBe(
      '已组建绿色金融服务团队的银行：4 家（截至2026-12-07）；2023年目标≥5 家：未达标（按截止日的数值3 家，截至2023-12-31）；2030年目标≥8 家：推进中（最新值4 家，截至2026-12-07）',
    );
    expect(line).not.toMatch(/\d\.00\s?家/);
  });

  it('says when no value was known by the deadline, and keeps two decimals for shares and money', () => {
    const ratio = indicatorLine(
      indicator({
        name: '绿色贷款占比',
        unit: '%',
        current: { value: '10.19', asOf: '2026-12-07' },
        targets: [{ id: 'a', comparison: IndicatorComparison.AT_LEAST, value: '10.00', deadline: '2023-12-31', note: null, valueAtDeadline: null, basis: 'DEADLINE', valueAsOf: null, status: TargetStatus.NO_DATA }],
      }),
    );
    expect(ratio).toBe('绿色贷款占比：10.19%（截至2026-12-07）；2023年目标≥10.00%：暂无数据（截止日前无数值）');
    expect(indicatorLine(indicator({ name: '放款', unit: '万元', current: { value: '3500', asOf: '2026-12-07' } }))).toBe('放款：3,500.00 万元（截至2026-12-07）');
  });
});
