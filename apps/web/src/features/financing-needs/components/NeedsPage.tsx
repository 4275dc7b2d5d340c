import { useState } from 'react';
import { App, Button, Card, Descriptions, Drawer, Form, Input, Select, Space, Tag } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { COLLATERAL_KIND_LABELS, FINANCING_INSTRUMENT_LABELS, FinancingInstrument, NEED_SHARING_LABELS, NEED_STATUS_LABELS, type NeedRow, NeedStatus, Role } from '@zj/shared';
import { DataTable } from '../../../components/DataTable';
import { FilterBar } from '../../../components/FilterBar';
import { PageContainer } from '../../../components/PageContainer';
import { formatDate } from '../../../lib/format';
import { useListParams } from '../../../lib/use-list-params';
import { useCurrentUser } from '../../../lib/auth-context';
import { wan } from '../../../components/project-labels';
import { DivisionSelect } from '../../reference';
import { useNeed, useNeeds, useWithdrawNeed } from '../hooks/use-needs';
import { NeedFormModal } from './NeedFormModal';

const FILTERS = ['q', 'status', 'instrument', 'divisionCode', 'minAmount', 'maxAmount'] as const;

function NeedDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { message } = App.useApp();
  const user = useCurrentUser();
  const need = useNeed(id);
  const withdraw = useWithdrawNeed();
  const [editing, setEditing] = useState(false);
  const n = need.data;
  const mine = n && (n.enterpriseOrgId === user.organization.id || user.role === Role.BUREAU);
  return (
    <Drawer open={!!id} onClose={onClose} title="融资需求" size={560} data-testid="need-drawer">
      {n ? (
        <>
          <Descriptions
            size="small"
            column={1}
            items={[
              { key: 'e', label: '企业', children: n.enterpriseName },
              { key: 'p', label: '项目', children: n.projectId ? <Link to={`/projects/${n.projectId}`}>{n.projectName}</Link> : '企业整体融资需求' },
              { key: 'a', label: '金额', children: wan(n.amount) },
              { key: 't', label: '期限', children: `${n.termMonths} 个月` },
              { key: 'i', label: '融资方式', children: FINANCING_INSTRUMENT_LABELS[n.instrument] },
              { key: 'u', label: '资金用途', children: n.purpose },
              { key: 'c', label: '担保方式', children: n.collateral.map((c) => <Tag key={c}>{COLLATERAL_KIND_LABELS[c]}</Tag>) },
              { key: 'r', label: '最高年利率', children: n.maxRatePercent ? `${n.maxRatePercent}%` : '—' },
              { key: 'w', label: '希望到位日期', children: n.wantedBy ? formatDate(n.wantedBy) : '—' },
              { key: 's', label: '共享范围', children: `${NEED_SHARING_LABELS[n.sharing]}${n.sharedWithBanks.length ? `：${n.sharedWithBanks.map((b) => b.name).join('、')}` : ''}` },
              { key: 'st', label: '状态', children: NEED_STATUS_LABELS[n.status] },
              {
                key: 'ct',
                label: '联系人',
                children: (
                  <span data-testid="need-contact">
                    {[n.contact.contactName, n.contact.contactPhone, n.contact.contactEmail].filter(Boolean).join(' / ') || '—'}
                    {!n.contactRevealed ? '（承接需求后可见）' : ''}
                  </span>
                ),
              },
            ]}
          />
          {mine && n.status === NeedStatus.OPEN ? (
            <Space style={{ marginTop: 12 }}>
              <Button onClick={() => setEditing(true)}>修改</Button>
              <Button danger onClick={() => withdraw.mutate({ id: n.id, version: n.version }, { onSuccess: () => message.success('已撤回') })} data-testid="need-withdraw">
                撤回
              </Button>
            </Space>
          ) : null}
          <NeedFormModal open={editing} onClose={() => setEditing(false)} need={n} />
        </>
      ) : null}
    </Drawer>
  );
}

/** 融资需求: the enterprise's own, a county's or sector's, or those shared with a bank. */
export default function NeedsPage() {
  const user = useCurrentUser();
  const list = useListParams(FILTERS);
  const query = useNeeds(list.params);
  const [search, setSearch] = useSearchParams();
  const openId = search.get('open');
  const [creating, setCreating] = useState(false);
  const setOpen = (id: string | null) =>
    setSearch((prev) => {
      const sp = new URLSearchParams(prev);
      if (id) sp.set('open', id);
      else sp.delete('open');
      return sp;
    });
  return (
    <PageContainer
      title={user.role === Role.BANK ? '可对接的融资需求' : '融资需求'}
      extra={
        user.role === Role.ENTERPRISE ? (
          <Button type="primary" onClick={() => setCreating(true)} data-testid="need-create-general">
            登记企业整体融资需求
          </Button>
        ) : null
      }
    >
      <Card size="small">
        <FilterBar<Record<string, string>> values={list.filters} onSearch={list.setFilters} onReset={list.reset}>
          <Form.Item name="q" label="关键词">
            <Input allowClear placeholder="用途、项目或企业" style={{ width: 180 }} />
          </Form.Item>
          {user.role !== Role.BANK ? (
            <Form.Item name="status" label="状态">
              <Select allowClear style={{ width: 110 }} options={Object.values(NeedStatus).map((s) => ({ value: s, label: NEED_STATUS_LABELS[s] }))} />
            </Form.Item>
          ) : null}
          <Form.Item name="instrument" label="方式">
            <Select allowClear style={{ width: 120 }} options={Object.values(FinancingInstrument).map((s) => ({ value: s, label: FINANCING_INSTRUMENT_LABELS[s] }))} />
          </Form.Item>
          {user.role !== Role.ENTERPRISE ? (
            <Form.Item name="divisionCode" label="县区">
              <DivisionSelect allowClear placeholder="全部" style={{ width: 160 }} />
            </Form.Item>
          ) : null}
          <Form.Item name="minAmount" label="金额（万元）">
            <Input allowClear placeholder="不低于" style={{ width: 90 }} />
          </Form.Item>
          <Form.Item name="maxAmount">
            <Input allowClear placeholder="不高于" style={{ width: 90 }} />
          </Form.Item>
        </FilterBar>
        <DataTable<NeedRow>
          data-testid="need-table"
          data={query.data}
          loading={query.isFetching}
          failed={query.isError}
          page={list.page}
          pageSize={list.pageSize}
          onPageChange={list.setPage}
          // A row opens the need: by click, or by Enter / Space once the row has the keyboard's focus.
          onRow={(n) => ({ onClick: () => setOpen(n.id), onKeyDown: (e: React.KeyboardEvent) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), setOpen(n.id)), tabIndex: 0, 'aria-label': `查看融资需求：${n.enterpriseName}`, style: { cursor: 'pointer' }, 'data-testid': `need-row-${n.id}` }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: '企业', dataIndex: 'enterpriseName' },
            { title: '项目', dataIndex: 'projectName', render: (v: string | null) => v ?? '企业整体' },
            { title: '金额', dataIndex: 'amount', align: 'right', render: (v: string) => wan(v) },
            { title: '期限', dataIndex: 'termMonths', render: (v: number) => `${v} 个月` },
            { title: '方式', dataIndex: 'instrument', render: (v: FinancingInstrument) => FINANCING_INSTRUMENT_LABELS[v] },
            { title: '用途', dataIndex: 'purpose', ellipsis: true },
            { title: '状态', dataIndex: 'status', render: (v: NeedStatus) => NEED_STATUS_LABELS[v] },
          ]}
        />
      </Card>
      <NeedDrawer id={openId} onClose={() => setOpen(null)} />
      <NeedFormModal open={creating} onClose={() => setCreating(false)} enterpriseOrgId={user.organization.id} />
    </PageContainer>
  );
}
