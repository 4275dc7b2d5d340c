import { Descriptions, Table, Typography } from 'antd';
import { auditDiff, type AuditEntryView, type AuditFieldChange } from '@zj/shared';

/** The expanded row: what changed (field by field, with the form's labels), then the chain data. */
export function AuditEntryDetail({ entry }: { entry: AuditEntryView }) {
  const changes = auditDiff(entry.before, entry.after, entry.entityType);
  return (
    <div data-testid={`audit-detail-${entry.seq}`} className="zj-audit-detail">
      {changes.length ? (
        <Table<AuditFieldChange>
          size="small"
          rowKey="field"
          pagination={false}
          tableLayout="fixed"
          dataSource={changes}
          data-testid="audit-diff"
          columns={[
            { title: '字段', dataIndex: 'label', width: '22%', render: (label: string, c) => <span title={c.field}>{label}</span> },
            { title: '变更前', dataIndex: 'before', render: (v: string) => <span className="zj-wrap">{v}</span> },
            { title: '变更后', dataIndex: 'after', render: (v: string) => <span className="zj-wrap">{v}</span> },
          ]}
        />
      ) : (
        <Typography.Text type="secondary">没有记录字段变化。</Typography.Text>
      )}
      <Descriptions
        size="small"
        column={1}
        style={{ marginTop: 8 }}
        items={[
          { key: 'actor', label: '操作人', children: [entry.actorName, entry.actorEmail].filter(Boolean).join(' · ') || '系统' },
          { key: 'record', label: '对象编号', children: entry.entityId ? <span className="zj-mono zj-wrap">{entry.entityId}</span> : '—' },
          { key: 'action', label: '动作代码', children: <span className="zj-mono">{entry.action}</span> },
          { key: 'request', label: '请求编号', children: entry.requestId ? <span className="zj-mono zj-wrap">{entry.requestId}</span> : '—' },
          { key: 'prev', label: '上一条哈希', children: <span className="zj-mono zj-wrap">{entry.prevHash ?? '—'}</span> },
          { key: 'hash', label: '本条哈希', children: <span className="zj-mono zj-wrap">{entry.hash}</span> },
        ]}
      />
    </div>
  );
}
