import { Alert, Descriptions, Drawer, Empty, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { formatMeasure, formatMeasureNumber, type IndicatorRowsKind, type IndicatorRowView, type IndicatorView } from '@zj/shared';
import { errorMessage } from '../../../lib/errors';
import { useIndicatorRows } from '../hooks/use-indicators';

const TITLES: Record<IndicatorRowsKind, string> = {
  DISBURSED_CASES: '已放款的对接案例',
  LISTED_PROJECTS: '已入库的项目',
  HELD_EVENTS: '本年度已举办的活动',
  REPORTED_VALUES: '历次报送值（已采纳的报告与工作局登记）',
  NONE: '明细',
};

/** The columns a person reads for each kind of row; dates are Zhanjiang days (YYYY-MM-DD) as the API gives them. */
function columnsOf(kind: IndicatorRowsKind, unit: string): ColumnsType<IndicatorRowView> {
  const dash = (v: string | null | undefined) => v || '—';
  switch (kind) {
    case 'DISBURSED_CASES':
      return [
        { title: '项目 / 融资需求', dataIndex: 'label' },
        { title: '银行', dataIndex: 'bankName', render: dash },
        { title: '企业', dataIndex: 'enterpriseName', render: dash },
        { title: `放款金额（${unit}）`, dataIndex: 'amount', align: 'right', render: (v: string) => formatMeasureNumber(v, unit) },
        { title: '最近放款日期', dataIndex: 'date', width: 120, render: dash },
      ];
    case 'LISTED_PROJECTS':
      return [
        { title: '项目', dataIndex: 'label' },
        { title: '企业', dataIndex: 'enterpriseName', render: dash },
        { title: '入库日期', dataIndex: 'date', width: 120, render: dash },
      ];
    case 'HELD_EVENTS':
      return [
        { title: '活动', dataIndex: 'label' },
        { title: '主办单位', dataIndex: 'organizationName', render: dash },
        { title: '举办日期', dataIndex: 'date', width: 120, render: dash },
      ];
    case 'REPORTED_VALUES':
      return [
        { title: '截至日期', dataIndex: 'date', width: 110, render: dash },
        { title: `数值（${unit}）`, dataIndex: 'amount', align: 'right', render: (v: string) => formatMeasureNumber(v, unit) },
        { title: '报送单位', dataIndex: 'organizationName', render: dash },
        { title: '佐证', dataIndex: 'label', render: dash },
        { title: '来源', dataIndex: 'reportId', width: 110, render: (v: string | null) => (v ? '进展报告' : '工作局登记') },
      ];
    case 'NONE':
      return [];
  }
}

/**
 * The rows behind an indicator's figure (issue 15: the regulator drills from totals to rows): the
 * cases, projects or events it was computed from, with their sum next to the figure, or the values a
 * reported indicator was taken from.
 */
export function IndicatorRowsDrawer({ indicator, onClose }: { indicator: IndicatorView | null; onClose: () => void }) {
  const rows = useIndicatorRows(indicator?.id);
  const data = rows.data;
  const unit = indicator?.unit ?? '';
  return (
    <Drawer open={indicator !== null} onClose={onClose} width={880} title={indicator ? `${indicator.name}：明细` : '明细'} data-testid="indicator-rows-drawer">
      {rows.isError ? <Alert type="error" showIcon message={errorMessage(rows.error)} /> : null}
      {indicator && data ? (
        <>
          <Descriptions size="small" column={2} style={{ marginBottom: 12 }}>
            <Descriptions.Item label="指标值">
              <span data-testid="indicator-rows-value">{formatMeasure(data.value, unit)}</span>
              {data.asOf ? `（截至 ${data.asOf}）` : ''}
            </Descriptions.Item>
            {data.total !== null ? (
              <Descriptions.Item label="明细合计">
                <span data-testid="indicator-rows-total">{formatMeasure(data.total, unit)}</span>
                {`（${data.rows.length} 条）`}
              </Descriptions.Item>
            ) : null}
          </Descriptions>
          {data.kind === 'NONE' ? (
            <Empty description={data.note ?? '该指标没有可列出的明细'} />
          ) : (
            <>
              <Typography.Title level={5}>{TITLES[data.kind]}</Typography.Title>
              <Table<IndicatorRowView>
                rowKey="id"
                size="small"
                loading={rows.isLoading}
                dataSource={data.rows}
                columns={columnsOf(data.kind, unit)}
                pagination={{ pageSize: 20, hideOnSinglePage: true }}
                scroll={{ x: 'max-content' }}
                data-testid="indicator-rows"
              />
            </>
          )}
        </>
      ) : null}
    </Drawer>
  );
}
