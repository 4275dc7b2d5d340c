import { Col, Descriptions, Row, Typography } from 'antd';
import type { AuditEntry } from '../api/types';

function Json({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <Typography.Text type="secondary">（无）</Typography.Text>;
  return <pre className="zj-json">{JSON.stringify(value, null, 2)}</pre>;
}

/** The expanded row: before/after snapshots and the chain data. */
export function AuditEntryDetail({ entry }: { entry: AuditEntry }) {
  return (
    <div data-testid={`audit-detail-${entry.seq}`}>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Typography.Text strong>变更前</Typography.Text>
          <Json value={entry.before} />
        </Col>
        <Col xs={24} md={12}>
          <Typography.Text strong>变更后</Typography.Text>
          <Json value={entry.after} />
        </Col>
      </Row>
      <Descriptions
        size="small"
        column={1}
        style={{ marginTop: 8 }}
        items={[
          { key: 'actor', label: '操作人用户ID', children: entry.actorUserId ?? '—' },
          { key: 'org', label: '操作人机构ID', children: entry.actorOrgId ?? '—' },
          { key: 'prev', label: '上一条哈希', children: <span className="zj-mono">{entry.prevHash ?? '—'}</span> },
          { key: 'hash', label: '本条哈希', children: <span className="zj-mono">{entry.hash}</span> },
        ]}
      />
    </div>
  );
}
