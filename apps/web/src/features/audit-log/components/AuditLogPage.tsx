import { Card, Form, Select } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { auditSentence, type AuditEntryView } from '@zj/shared';
import { DataTable } from '../../../components/DataTable';
import { FilterBar } from '../../../components/FilterBar';
import { PageContainer } from '../../../components/PageContainer';
import { formatDateTime } from '../../../lib/format';
import { useListParams } from '../../../lib/use-list-params';
import { useAuditLog } from '../hooks/use-audit-log';
import { AUDIT_ACTION_LABELS, AUDIT_ENTITY_LABELS, auditLabel, auditOptions } from './action-labels';
import { AuditEntryDetail } from './AuditEntryDetail';
import { AuditVerifyButton, AuditVerifyResult } from './AuditVerifyButton';

const FILTERS = ['entityType', 'action'] as const;
const ENTITY_OPTIONS = auditOptions(AUDIT_ENTITY_LABELS);
const ACTION_OPTIONS = auditOptions(AUDIT_ACTION_LABELS);

const columns: ColumnsType<AuditEntryView> = [
  { title: '时间', dataIndex: 'at', width: 168, render: (v: string) => formatDateTime(v, true) },
  {
    title: '操作',
    key: 'sentence',
    render: (_, e) => (
      <span className="zj-wrap" title={e.action} data-testid="audit-sentence">
        {auditSentence(e)}
      </span>
    ),
  },
  { title: '对象类型', dataIndex: 'entityType', width: 120, render: (v: string) => auditLabel(AUDIT_ENTITY_LABELS, v) },
  { title: '序号', dataIndex: 'seq', width: 80 },
];

/** 审计日志 (BUREAU): who changed what, with a check of the hash chain. */
export default function AuditLogPage() {
  const list = useListParams(FILTERS);
  const query = useAuditLog(list.params);

  return (
    <PageContainer title="审计日志" extra={<AuditVerifyButton />} description="记录平台上的所有重要操作：谁在何时对哪条记录做了什么；展开一行可看变更前后的字段。各条记录以哈希链相连，可校验是否被篡改。">
      <AuditVerifyResult />
      <Card size="small">
        <FilterBar values={list.filters} onSearch={list.setFilters} onReset={list.reset}>
          <Form.Item name="entityType" label="对象类型">
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              options={ENTITY_OPTIONS}
              placeholder="全部"
              style={{ width: 200 }}
              data-testid="audit-filter-entity-type"
            />
          </Form.Item>
          <Form.Item name="action" label="动作">
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              options={ACTION_OPTIONS}
              placeholder="全部"
              style={{ width: 260 }}
              data-testid="audit-filter-action"
            />
          </Form.Item>
        </FilterBar>
        <DataTable<AuditEntryView>
          columns={columns}
          data={query.data}
          loading={query.isFetching}
          failed={query.isError}
          page={list.page}
          pageSize={list.pageSize}
          onPageChange={list.setPage}
          rowKey="seq"
          expandable={{ expandedRowRender: (entry) => <AuditEntryDetail entry={entry} /> }}
          // Fixed layout at the page's width: an expanded row's diff wraps instead of widening the table.
          tableLayout="fixed"
          scroll={undefined}
          data-testid="audit-table"
        />
      </Card>
    </PageContainer>
  );
}
