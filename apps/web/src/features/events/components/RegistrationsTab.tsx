import { useState, type HTMLAttributes } from 'react';
import { Alert, App, Button, Card, Descriptions, Empty, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import { UserAddOutlined } from '@ant-design/icons';
import {
  EventStatus,
  EventType,
  LIVE_EVENT_STATUSES,
  OrgType,
  REGISTRATION_STATUS_LABELS,
  RegistrationStatus,
  Role,
  type EventDetailView,
  type OrganizationView,
  type RegistrationView,
} from '@zj/shared';
import { errorMessage } from '../../../lib/errors';
import { handleFormError, validated } from '../../../lib/form-errors';
import { numberRule, wholeNumber } from '../../../lib/number-rules';
import { formatDateTime } from '../../../lib/format';
import { testId } from '../../../lib/test-id';
import { useAuth } from '../../../lib/auth-context';
import { OrganizationSelect } from '../../organizations';
import { useRegister, useRegistrationAction, useRegistrations } from '../hooks/use-participation';
import { RegistrationStatusTag } from './event-labels';
import { useMyRegistration } from './OverviewTab';
import { RegistrationForm, registrationOutcome } from './RegistrationForm';

/** 报名: the participant's own registration (form, change, cancel, waiting list); the bureau's list with approval. */
export function RegistrationsTab({ event }: { event: EventDetailView }) {
  const { user } = useAuth();
  return user?.role === Role.BUREAU ? <BureauRegistrations event={event} /> : <OwnRegistration event={event} />;
}

const ACTIVE: readonly RegistrationStatus[] = [RegistrationStatus.PENDING, RegistrationStatus.REGISTERED, RegistrationStatus.WAITLISTED];

function OwnRegistration({ event: e }: { event: EventDetailView }) {
  const { message } = App.useApp();
  const { registration: r, loading } = useMyRegistration(e);
  const act = useRegistrationAction(e.id);
  const [editing, setEditing] = useState(false);
  const open = e.status === EventStatus.PUBLISHED;
  const mayRegister = e.isPublic || e.invitedMe;

  if (e.myRegistration && loading) return <Spin />;
  const active = r && ACTIVE.includes(r.status);

  if (!active || editing) {
    if (!editing && !open) {
      return <Alert type="info" showIcon message={e.status === EventStatus.DRAFT ? '活动尚未发布' : '报名已截止'} data-testid="registration-closed" />;
    }
    if (!editing && !mayRegister) return <Alert type="info" showIcon message="本活动仅限受邀机构报名" data-testid="registration-invited-only" />;
    return (
      <Card size="small" title={editing ? '修改报名信息' : '报名参加'}>
        {r && !active ? (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            message={`贵单位此前的报名${REGISTRATION_STATUS_LABELS[r.status]}，可以重新报名。`}
          />
        ) : null}
        {!editing && e.capacity && e.registeredCount >= e.capacity ? (
          <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={`名额（${e.capacity} 家）已满：现在报名将进入候补，有机构取消时按顺序递补。`} />
        ) : null}
        <RegistrationForm event={e} current={editing ? r : null} onDone={() => setEditing(false)} onCancel={editing ? () => setEditing(false) : undefined} />
      </Card>
    );
  }

  const cancel = () =>
    act
      .mutateAsync({ regId: r.id, action: 'cancel' })
      .then(() => message.success('已取消报名'))
      .catch((err) => message.error(errorMessage(err)));

  const mm = e.type === EventType.MATCHMAKING;
  return (
    <Card
      size="small"
      title="贵单位的报名"
      extra={
        LIVE_EVENT_STATUSES.includes(e.status) && e.status !== EventStatus.IN_PROGRESS ? (
          <Space>
            <Button onClick={() => setEditing(true)} data-testid="reg-edit">
              修改报名信息
            </Button>
            <Popconfirm
              title="取消报名？"
              description={
                <div style={{ maxWidth: 320 }}>
                  取消后贵单位不再参加本活动{mm ? '，贵单位发出的会谈邀约随之撤回、已排的会谈随之取消' : ''}
                  {e.capacity ? '；空出的名额按顺序递补给候补机构，并通知对方' : ''}。
                </div>
              }
              okText="取消报名"
              cancelText="返回"
              okButtonProps={{ danger: true, ...testId('reg-cancel-confirm') }}
              onConfirm={cancel}
            >
              <Button danger loading={act.isPending} data-testid="reg-cancel">
                取消报名
              </Button>
            </Popconfirm>
          </Space>
        ) : null
      }
    >
      <Descriptions column={{ xs: 1, md: 2 }} size="small">
        <Descriptions.Item label="状态">
          <RegistrationStatusTag status={r.status} testId="reg-status" />
        </Descriptions.Item>
        <Descriptions.Item label="报名时间">{formatDateTime(r.registeredAt)}</Descriptions.Item>
        {r.status === RegistrationStatus.WAITLISTED ? (
          <Descriptions.Item label="候补位次" span={2}>
            <span data-testid="reg-waitlist-position">第 {r.waitlistPosition ?? '—'} 位</span>
            <Typography.Text type="secondary">（有机构取消时按顺序递补，并通知贵单位）</Typography.Text>
          </Descriptions.Item>
        ) : null}
        {r.status === RegistrationStatus.PENDING ? (
          <Descriptions.Item label="审核" span={2}>
            待市金融工作局审核，结果会通知贵单位
          </Descriptions.Item>
        ) : null}
        {r.desks ? (
          <Descriptions.Item label="桌位" span={2}>
            <span data-testid="reg-desks-view">{r.desks} 个</span>
            {r.officers.length ? `：${r.officers.map((o, i) => `${i + 1}号桌 ${o.name}${o.title ? `（${o.title}）` : ''}`).join('，')}` : ''}
          </Descriptions.Item>
        ) : null}
        {r.needIds.length ? <Descriptions.Item label="洽谈的融资需求">{r.needIds.length} 项</Descriptions.Item> : null}
        <Descriptions.Item label="参会联系人">{[r.contactName, r.contactPhone].filter(Boolean).join(' ') || '—'}</Descriptions.Item>
        {r.note ? <Descriptions.Item label="备注">{r.note}</Descriptions.Item> : null}
      </Descriptions>
      {r.status === RegistrationStatus.REGISTERED ? (
        <Typography.Text type="secondary">签到码和二维码见「概况」。</Typography.Text>
      ) : null}
    </Card>
  );
}

const TYPE_OPTIONS = [
  { value: 'ENTERPRISE', label: '企业' },
  { value: 'BANK', label: '金融机构' },
];

function BureauRegistrations({ event: e }: { event: EventDetailView }) {
  const { message } = App.useApp();
  const [filters, setFilters] = useState<{ status?: RegistrationStatus; type?: string }>({});
  const list = useRegistrations(e.id, filters);
  const act = useRegistrationAction(e.id);
  const [onBehalf, setOnBehalf] = useState(false);
  const live = LIVE_EVENT_STATUSES.includes(e.status);

  const [rejecting, setRejecting] = useState<RegistrationView | null>(null);
  const run = (r: RegistrationView, action: 'approve' | 'reject' | 'cancel', done: string, reason?: string) =>
    act
      .mutateAsync({ regId: r.id, action, reason })
      .then(() => message.success(done))
      .catch((err) => message.error(errorMessage(err)));

  return (
    <Card
      size="small"
      title={
        <span data-testid="registrations-summary">
          已报名 {e.registeredCount}
          {e.capacity ? ` / 名额 ${e.capacity}` : ''} 家{e.waitlistCount ? `，候补 ${e.waitlistCount} 家` : ''}
        </span>
      }
      extra={
        live ? (
          <Button icon={<UserAddOutlined />} onClick={() => setOnBehalf(true)} data-testid="reg-on-behalf">
            代机构报名
          </Button>
        ) : null
      }
    >
      <Space style={{ marginBottom: 12 }} wrap>
        <Select
          allowClear
          placeholder="全部状态"
          style={{ width: 130 }}
          options={Object.values(RegistrationStatus).map((s) => ({ value: s, label: REGISTRATION_STATUS_LABELS[s] }))}
          onChange={(status) => setFilters((f) => ({ ...f, status }))}
          data-testid="reg-filter-status"
        />
        <Select allowClear placeholder="企业和金融机构" style={{ width: 150 }} options={TYPE_OPTIONS} onChange={(type) => setFilters((f) => ({ ...f, type }))} data-testid="reg-filter-type" />
      </Space>
      <Table<RegistrationView>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        data-testid="registrations-table"
        locale={{ emptyText: <Empty description="暂无报名" image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
        onRow={(r) => ({ 'data-testid': `reg-row-${r.organization.id}` }) as HTMLAttributes<HTMLElement>}
        columns={[
          { title: '机构', render: (_v, r) => r.organization.name },
          { title: '类型', width: 90, render: (_v, r) => (r.organization.type === OrgType.FINANCIAL_INSTITUTION ? '金融机构' : r.organization.type === OrgType.ENTERPRISE ? '企业' : '其他') },
          {
            title: '状态',
            width: 120,
            render: (_v, r) => (
              <Space size={2}>
                <RegistrationStatusTag status={r.status} testId={`reg-status-${r.organization.id}`} />
                {r.status === RegistrationStatus.WAITLISTED && r.waitlistPosition ? <Typography.Text type="secondary">第{r.waitlistPosition}位</Typography.Text> : null}
              </Space>
            ),
          },
          {
            title: '桌位 / 需求',
            render: (_v, r) =>
              r.desks ? `${r.desks} 个桌位${r.officers.length ? `（${r.officers.map((o) => o.name).join('、')}）` : ''}` : r.needIds.length ? `${r.needIds.length} 项需求` : '—',
          },
          { title: '联系人', render: (_v, r) => [r.contactName, r.contactPhone].filter(Boolean).join(' ') || '—' },
          { title: '报名时间', width: 140, render: (_v, r) => formatDateTime(r.registeredAt) },
          { title: '签到', width: 100, render: (_v, r) => (r.checkedInAt ? <Tag color="success">{formatDateTime(r.checkedInAt).slice(11)} 已签到</Tag> : r.noShow ? <Tag color="red">未到场</Tag> : '—') },
          {
            title: '操作',
            render: (_v, r) => (
              <Space size={0}>
                {r.status === RegistrationStatus.PENDING ? (
                  <>
                    <Popconfirm
                      title="通过报名？"
                      description={`${r.organization.name}将收到报名结果通知${e.capacity ? '；名额已满时进入候补' : ''}。`}
                      okText="通过"
                      cancelText="返回"
                      okButtonProps={testId('reg-approve-confirm')}
                      onConfirm={() => run(r, 'approve', '已通过')}
                    >
                      <Button type="link" size="small" data-testid={`reg-approve-${r.organization.id}`}>
                        通过
                      </Button>
                    </Popconfirm>
                    <Button type="link" size="small" danger onClick={() => setRejecting(r)} data-testid={`reg-reject-${r.organization.id}`}>
                      不通过
                    </Button>
                  </>
                ) : null}
                {live && ACTIVE.includes(r.status) ? (
                  <Popconfirm
                    title="取消该机构的报名？"
                    description={`${r.organization.name}将收到取消通知${r.status === RegistrationStatus.REGISTERED && e.waitlistCount ? '；候补第1位的机构递补并收到通知' : ''}。`}
                    okText="取消报名"
                    cancelText="返回"
                    okButtonProps={{ danger: true, ...testId('reg-cancel-confirm') }}
                    onConfirm={() => run(r, 'cancel', '已取消该机构的报名')}
                  >
                    <Button type="link" size="small" danger data-testid={`reg-cancel-${r.organization.id}`}>
                      取消报名
                    </Button>
                  </Popconfirm>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      {onBehalf ? <OnBehalfModal event={e} onClose={() => setOnBehalf(false)} /> : null}
      {rejecting ? <RejectModal registration={rejecting} onClose={() => setRejecting(null)} onReject={(reason) => run(rejecting, 'reject', '已标记为未通过', reason).then(() => setRejecting(null))} /> : null}
    </Card>
  );
}

/** The bureau registers an enterprise or a bank (e.g. one that answered by phone). */
function OnBehalfModal({ event: e, onClose }: { event: EventDetailView; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ organizationId: string; desks?: number }>();
  const [org, setOrg] = useState<OrganizationView | undefined>();
  const [error, setError] = useState<string | null>(null);
  const register = useRegister(e.id);
  const bank = org?.type === OrgType.FINANCIAL_INSTITUTION;

  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    setError(null);
    try {
      const r = await register.mutateAsync({ organizationId: v.organizationId, ...(bank ? { desks: v.desks ?? 1 } : {}) });
      message.success(`${org?.name ?? ''}：${registrationOutcome(r)}`);
      onClose();
    } catch (err) {
      setError(handleFormError(form, err));
    }
  };

  return (
    <Modal open title="代机构报名" okText="报名" cancelText="返回" onOk={submit} onCancel={onClose} confirmLoading={register.isPending} okButtonProps={testId('reg-on-behalf-ok')} destroyOnHidden>
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12, whiteSpace: 'pre-line' }} /> : null}
      <Form form={form} layout="vertical" initialValues={{ desks: 1 }}>
        <Form.Item name="organizationId" label="机构" rules={[{ required: true, message: '请选择机构' }]} extra="企业或金融机构；该机构的用户将收到报名结果通知">
          <OrganizationSelect onChange={(id, o) => { form.setFieldValue('organizationId', id); setOrg(o); }} data-testid="reg-on-behalf-org" />
        </Form.Item>
        {bank ? (
          <Form.Item name="desks" label="桌位数" extra="1至20个；信贷人员由该机构在报名信息中填写" rules={[numberRule(wholeNumber('桌位数', 1, 20, { unit: '个', required: true }))]}>
            <InputNumber data-testid="reg-on-behalf-desks" />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}

/** 不通过: the reason is told to the organisation with the result. */
function RejectModal({ registration: r, onClose, onReject }: { registration: RegistrationView; onClose: () => void; onReject: (reason?: string) => Promise<unknown> }) {
  const [form] = Form.useForm<{ reason?: string }>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    setBusy(true);
    await onReject(v.reason?.trim() || undefined).finally(() => setBusy(false));
  };
  return (
    <Modal open title={`不通过${r.organization.name}的报名？`} okText="不通过" cancelText="返回" onOk={submit} onCancel={onClose} confirmLoading={busy} okButtonProps={{ danger: true, ...testId('reg-reject-confirm') }} destroyOnHidden>
      <Typography.Paragraph>{r.organization.name}的用户将收到「未通过」的通知，附下面的原因。</Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label="原因" rules={[{ max: 500, message: '原因不能超过500字' }]}>
          <Input.TextArea rows={3} maxLength={500} showCount placeholder="选填，不超过500字" data-testid="reg-reject-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
