import type { HTMLAttributes } from 'react';
import { Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { formatDate } from '../../../lib/format';
import type { TaxonomySummary } from '@zj/shared';

interface TaxonomyListProps {
  items: TaxonomySummary[] | undefined;
  loading: boolean;
  failed: boolean;
  selected: string | undefined;
  onSelect: (version: string) => void;
}

const count = (t: TaxonomySummary, level: 1 | 2 | 3) => t.categoryCounts?.[level] ?? t.categoryCounts?.[String(level)] ?? 0;

const columns: ColumnsType<TaxonomySummary> = [
  { title: '版本', dataIndex: 'version', render: (v: string) => <span className="zj-mono">{v}</span> },
  { title: '名称', dataIndex: 'name' },
  { title: '施行日期', dataIndex: 'effectiveFrom', render: (v: string | null) => formatDate(v) },
  { title: '一级', key: 'l1', align: 'right', render: (_, t) => count(t, 1) },
  { title: '二级', key: 'l2', align: 'right', render: (_, t) => count(t, 2) },
  { title: '三级', key: 'l3', align: 'right', render: (_, t) => count(t, 3) },
];

/** The loaded catalogue versions; a click shows that version's tree. */
export function TaxonomyList({ items, loading, failed, selected, onSelect }: TaxonomyListProps) {
  return (
    <Table<TaxonomySummary>
      size="small"
      rowKey="version"
      columns={columns}
      dataSource={items ?? []}
      loading={loading}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: failed ? '数据加载失败，请稍后重试' : '暂无分类标准' }}
      rowClassName={(t) => (t.version === selected ? 'ant-table-row-selected' : '')}
      onRow={(t) => ({ onClick: () => onSelect(t.version), style: { cursor: 'pointer' }, 'data-testid': `taxonomy-row-${t.version}` }) as HTMLAttributes<HTMLElement>}
      data-testid="taxonomy-list"
    />
  );
}
