import { Select, Space, Switch, Table } from 'antd';
import { CASE_ORIGIN_LABELS, CASE_STATE_LABELS, CaseState, Role, type CaseView } from '@zj/shared';
import { Link } from 'react-router-dom';
import { PageContainer } from '../../../components/PageContainer';
import { formatDateTime } from '../../../lib/format';
import { useListParams } from '../../../lib/use-list-params';
import { useCurrentUser } from '../../../lib/auth-context';
import { wanText } from '../../../lib/product-format';
import { useCases } from '../hooks/use-cases';
import { CaseStateTag, Countdown } from './case-labels';

const FILTERS = ['state', 'overdue'] as const;
const STATES = new Set<string>(Object.values(CaseState));

/**
 * The case inbox (bank), my applications (enterprise), all cases (bureau) — overdue first. Its
 * filters are in the address (`/cases?state=IN_CONTACT`, `?overdue=true`): the workbench links to them.
 */
export default function CasesPage() {
  const user = useCurrentUser();
  const list = useListParams(FILTERS, 20);
  // a state the API does not know (an old or mistyped link) is left out rather than refused
  const state = list.filters.state && STATES.has(list.filters.state) ? (list.filters.state as CaseState) : undefined;
  const overdue = list.filters.overdue === 'true';
  const cases = useCases({ state, overdue: overdue || undefined, page: list.page, pageSize: list.pageSize });
  const title = user.role === Role.BANK ? '对接任务' : user.role === Role.ENTERPRISE ? '我的对接' : '对接管道';
  return (
    <PageContainer title={title} description="受理须在 3 个工作日内、首次联系须在受理后 7 个工作日内完成（按法定节假日与调休计算），超时的排在最前。">
      <Space style={{ marginBottom: 12 }}>
        <Select allowClear placeholder="状态" aria-label="状态" style={{ width: 160 }} value={state} onChange={(v?: CaseState) => list.setFilters({ state: v })} options={Object.values(CaseState).map((s) => ({ value: s, label: CASE_STATE_LABELS[s] }))} data-testid="cases-state" />
        <Space>
          仅看超时 <Switch checked={overdue} onChange={(v) => list.setFilters({ overdue: v ? 'true' : undefined })} data-testid="cases-overdue-only" aria-label="仅看超时" />
        </Space>
      </Space>
      <Table<CaseView>
        rowKey="id"
        data-testid="cases-table"
        loading={cases.isLoading}
        dataSource={cases.data?.items}
        pagination={{ current: list.page, pageSize: list.pageSize, total: cases.data?.total, onChange: list.setPage }}
        columns={[
          { title: '企业', dataIndex: 'enterpriseName', render: (v: string, c) => <Link to={`/cases/${c.id}`} data-testid={`case-link-${c.id}`}>{v}</Link> },
          { title: '金融机构', dataIndex: 'bankName' },
          { title: '需求', render: (_, c) => `${wanText(c.needAmount)} · ${c.needTermMonths}个月` },
          { title: '来源', dataIndex: 'origin', render: (o: CaseView['origin']) => CASE_ORIGIN_LABELS[o] },
          { title: '状态', dataIndex: 'state', render: (s: CaseState) => <CaseStateTag state={s} /> },
          { title: '时限', render: (_, c) => <Countdown c={c} /> },
          { title: '更新', dataIndex: 'stateChangedAt', render: (v: string) => formatDateTime(v) },
        ]}
      />
    </PageContainer>
  );
}
