import { Table, type TableProps } from 'antd';
import type { Page } from '@zj/shared';

interface DataTableProps<T> extends Omit<TableProps<T>, 'dataSource' | 'pagination' | 'loading'> {
  /** One page of the server's answer. */
  data: Page<T> | undefined;
  loading: boolean;
  /** Set when the last load failed (the error itself is shown as a message). */
  failed?: boolean;
  page: number;
  pageSize: number;
  onPageChange: (page: number, pageSize: number) => void;
  /** Whether the reader may change the page size (10 to 100); off where the list's size is fixed. */
  sizeChanger?: boolean;
  /** The measure word of the total under the table (共 N 条). */
  unit?: string;
  /** Put on a wrapper holding the table AND its pagination. */
  'data-testid'?: string;
}

/** A compact table over a server-side paged list (`Page<T>`), with Chinese loading/empty states. */
export function DataTable<T extends object>({
  data,
  loading,
  failed,
  page,
  pageSize,
  onPageChange,
  sizeChanger = true,
  unit = '条',
  rowKey = 'id' as TableProps<T>['rowKey'],
  locale,
  'data-testid': testId,
  ...rest
}: DataTableProps<T>) {
  return (
    <div data-testid={testId}>
    <Table<T>
      size="small"
      rowKey={rowKey}
      dataSource={data?.items ?? []}
      loading={loading}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: failed ? '数据加载失败，请稍后重试' : loading ? '加载中…' : '暂无数据', ...locale }}
      pagination={{
        current: data?.page ?? page,
        pageSize: data?.pageSize ?? pageSize,
        total: data?.total ?? 0,
        showSizeChanger: sizeChanger,
        pageSizeOptions: sizeChanger ? [10, 20, 50, 100] : undefined,
        showTotal: (total) => `共 ${total} ${unit}`,
        onChange: onPageChange,
        size: 'small',
      }}
      {...rest}
    />
    </div>
  );
}
