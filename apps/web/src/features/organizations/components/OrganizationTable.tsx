import { Link } from 'react-router-dom';
import { Button, Space, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { INSTITUTION_KIND_LABELS, ORG_TYPE_LABELS, OrgType, type FormerName, type OrganizationView, type Page } from '@zj/shared';
import { DataTable } from '../../../components/DataTable';
import { formatDate, formatDateTime } from '../../../lib/format';
import { useDivisionName } from '../../reference';

function formerNameText(f: FormerName): string {
  return f.until ? `${f.name}（至${formatDate(f.until)}）` : f.name;
}

const TYPE_COLORS: Record<OrgType, string> = {
  [OrgType.ENTERPRISE]: 'green',
  [OrgType.FINANCIAL_INSTITUTION]: 'blue',
  [OrgType.GOVERNMENT_UNIT]: 'gold',
  [OrgType.COUNTY]: 'cyan',
};

interface OrganizationTableProps {
  data: Page<OrganizationView> | undefined;
  loading: boolean;
  failed: boolean;
  page: number;
  pageSize: number;
  onPageChange: (page: number, pageSize: number) => void;
  onEdit: (organization: OrganizationView) => void;
}

export function OrganizationTable({ onEdit, ...table }: OrganizationTableProps) {
  const divisionName = useDivisionName();

  const columns: ColumnsType<OrganizationView> = [
    {
      title: '机构名称',
      dataIndex: 'name',
      render: (_, o) => (
        <div>
          <span data-testid="org-name">{o.name}</span>
          {o.formerNames?.length ? (
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="org-former-names">
                曾用名：{o.formerNames.map(formerNameText).join('、')}
              </Typography.Text>
            </div>
          ) : null}
        </div>
      ),
    },
    {
      title: '类型',
      dataIndex: 'type',
      width: 150,
      render: (t: OrgType) => <Tag color={TYPE_COLORS[t]}>{ORG_TYPE_LABELS[t] ?? t}</Tag>,
    },
    {
      title: '统一社会信用代码',
      dataIndex: 'creditCode',
      render: (v: string | null) => (v ? <span className="zj-mono">{v}</span> : '—'),
    },
    { title: '所在区划', dataIndex: 'divisionCode', render: (v: string | null) => divisionName(v) },
    {
      title: '机构类别 / 分支机构',
      key: 'institution',
      render: (_, o) =>
        o.type === OrgType.FINANCIAL_INSTITUTION
          ? [o.institutionKind ? INSTITUTION_KIND_LABELS[o.institutionKind] : null, o.branchName].filter(Boolean).join(' / ') || '—'
          : '—',
    },
    { title: '创建时间', dataIndex: 'createdAt', width: 150, render: (v?: string) => formatDateTime(v) },
    {
      title: '操作',
      key: 'actions',
      fixed: 'right',
      width: 140,
      render: (_, o) => (
        <Space size={4}>
          <Button type="link" size="small" onClick={() => onEdit(o)} data-testid={`org-edit-${o.id}`}>
            编辑
          </Button>
          <Tooltip title="查看该机构的用户">
            <Link to={`/users?${new URLSearchParams({ organizationId: o.id })}`} data-testid={`org-users-${o.id}`}>
              用户
            </Link>
          </Tooltip>
        </Space>
      ),
    },
  ];

  return <DataTable<OrganizationView> columns={columns} data-testid="org-table" {...table} />;
}
