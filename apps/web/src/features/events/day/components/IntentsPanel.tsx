import { useMemo, useState, type HTMLAttributes } from 'react';
import { Alert, App, Button, Card, Col, Empty, Flex, Form, Input, Modal, Row, Select, Statistic, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { CASE_STATE_LABELS, CaseState, EventStatus, NEED_STATUS_LABELS, NeedStatus, OrgType, RegistrationStatus, Role, sumDecimal, type CeremonyIntentRequest, type EventDetailView, type IntentView } from '@zj/shared';
import { errorMessage } from '../../../../lib/errors';
import { handleFormError, validated } from '../../../../lib/form-errors';
import { formatDateTime } from '../../../../lib/format';
import { testId } from '../../../../lib/test-id';
import { useCurrentUser } from '../../../../lib/auth-context';
import { CaseStateTag } from '../../../cases';
import { wanText } from '../../../../lib/product-format';
import { useCreateIntent, useEnterpriseNeeds, useIntents, useRegistrations, useSchedule } from '../hooks/use-event-day';
import { AMOUNT_LIMITS, intentAmountRule, NOTE_MAX, wan2 } from './day-format';

/** Roles that may open a case page. */
const CASE_READERS: readonly Role[] = [Role.ENTERPRISE, Role.BANK, Role.BUREAU];
const LIVE_NEEDS: readonly NeedStatus[] = [NeedStatus.OPEN, NeedStatus.IN_MATCHMAKING];

type Values = CeremonyIntentRequest;

/** 登记签约意向 (bureau, at the signing ceremony): who signs, on which need, how much. */
function CeremonyIntentModal({ event, open, onClose }: { event: EventDetailView; open: boolean; onClose: () => void }) {
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const create = useCreateIntent(event.id);
  const registrations = useRegistrations(event.id, open);
  const schedule = useSchedule(event.id, open);
  const enterpriseId = Form.useWatch('enterpriseOrganizationId', form);
  const bankId = Form.useWatch('bankOrganizationId', form);
  const needs = useEnterpriseNeeds(open ? enterpriseId : undefined);

  const registered = (registrations.data ?? []).filter((r) => r.status === RegistrationStatus.REGISTERED);
  const orgOptions = (type: OrgType) => registered.filter((r) => r.organization.type === type).map((r) => ({ value: r.organization.id, label: r.organization.name }));
  const needOptions = (needs.data?.items ?? [])
    .filter((n) => LIVE_NEEDS.includes(n.status))
    .map((n) => ({ value: n.id, label: `${n.projectName ?? '企业整体融资'} · ${wanText(n.amount)} · ${n.termMonths}个月（${NEED_STATUS_LABELS[n.status]}）` }));
  const meetingOptions = (schedule.data?.meetings ?? [])
    .filter((m) => m.enterpriseOrganizationId === enterpriseId && m.bankOrganizationId === bankId)
    .map((m) => ({ value: m.id, label: `第 ${m.slotIndex} 场 · ${m.desk} 号桌${m.outcome?.result ? `（${m.outcome.result === 'INTENT' ? '已达成意向' : '已登记结果'}）` : ''}` }));
  const nameOf = (id: string) => registered.find((r) => r.organization.id === id)?.organization.name ?? '';

  const close = () => {
    form.resetFields();
    setError(null);
    onClose();
  };

  const save = async (v: Values) => {
    setError(null);
    try {
      await create.mutateAsync({
        enterpriseOrganizationId: v.enterpriseOrganizationId,
        bankOrganizationId: v.bankOrganizationId,
        needId: v.needId,
        amount: v.amount.trim(),
        ...(v.meetingId ? { meetingId: v.meetingId } : {}),
        ...(v.note?.trim() ? { note: v.note.trim() } : {}),
      });
      message.success(`已登记签约意向，${nameOf(v.bankOrganizationId)}的“对接跟踪”中已有这条对接`);
      close();
    } catch (e) {
      setError(handleFormError(form, e));
    }
  };

  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    modal.confirm({
      title: '登记签约意向？',
      content: `${nameOf(v.enterpriseOrganizationId)}与${nameOf(v.bankOrganizationId)}签约意向 ${wan2(v.amount)}。登记后，将在${nameOf(v.bankOrganizationId)}的“对接跟踪”中新建一条已受理的对接（来源：对接会），该机构可查看企业联系方式并继续授信、放款；本次活动报告随之跟踪授信和放款进度。`,
      okText: '登记签约意向',
      cancelText: '返回修改',
      okButtonProps: testId('intent-create-confirm'),
      onOk: () => save(v),
    });
  };

  return (
    <Modal open={open} title="登记签约意向（签约仪式）" onCancel={close} onOk={submit} okText="登记" confirmLoading={create.isPending} okButtonProps={testId('intent-create-submit')} destroyOnHidden width={620}>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form<Values> form={form} layout="vertical" preserve={false}>
        <Form.Item name="enterpriseOrganizationId" label="企业" rules={[{ required: true, message: '请选择企业' }]} extra="本次对接会已报名的企业">
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={registrations.isLoading}
            options={orgOptions(OrgType.ENTERPRISE)}
            onChange={() => form.setFieldsValue({ needId: undefined, meetingId: undefined })}
            data-testid="intent-enterprise"
          />
        </Form.Item>
        <Form.Item name="bankOrganizationId" label="金融机构" rules={[{ required: true, message: '请选择金融机构' }]} extra="本次对接会已报名的金融机构">
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={registrations.isLoading}
            options={orgOptions(OrgType.FINANCIAL_INSTITUTION)}
            onChange={() => form.setFieldsValue({ meetingId: undefined })}
            data-testid="intent-bank"
          />
        </Form.Item>
        <Form.Item name="needId" label="融资需求" rules={[{ required: true, message: '请选择融资需求' }]} extra="对接将建在该需求上（须为待对接或对接中）">
          <Select
            disabled={!enterpriseId}
            loading={needs.isLoading}
            options={needOptions}
            placeholder={enterpriseId ? '选择企业的融资需求' : '请先选择企业'}
            notFoundContent="该企业没有待对接或对接中的融资需求"
            data-testid="intent-need"
          />
        </Form.Item>
        <Form.Item name="amount" label="意向金额（万元）" extra={AMOUNT_LIMITS} required rules={[intentAmountRule]}>
            <Input inputMode="decimal" suffix="万元" maxLength={11} placeholder="如 500.00" data-testid="intent-amount" />
          </Form.Item>
        <Form.Item name="meetingId" label="对应的一对一会谈" extra="选填：签约意向来自本次活动的一场会谈时选择">
          <Select allowClear disabled={!enterpriseId || !bankId} options={meetingOptions} notFoundContent="双方在本次活动没有会谈" data-testid="intent-meeting" />
        </Form.Item>
        <Form.Item name="note" label="备注" extra={`选填，最多 ${NOTE_MAX} 字`}>
          <Input.TextArea rows={2} maxLength={NOTE_MAX} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * 签约意向: every letter of intent signed at the event (from a 1:1 meeting or on stage), each followed
 * through its case: state, credit approved, disbursed so far. The bureau adds the signing ceremony's.
 */
export default function IntentsPanel({ event }: { event: EventDetailView }) {
  const user = useCurrentUser();
  const intents = useIntents(event.id);
  const [adding, setAdding] = useState(false);
  const bureau = user.role === Role.BUREAU;
  const mayAdd = bureau && (event.status === EventStatus.IN_PROGRESS || event.status === EventStatus.HELD);
  const rows = useMemo(() => intents.data ?? [], [intents.data]);
  const totals = useMemo(
    () => ({ amount: sumDecimal(rows.map((i) => i.amount)), approved: sumDecimal(rows.map((i) => i.approvedAmount)), disbursed: sumDecimal(rows.map((i) => i.disbursedAmount)) }),
    [rows],
  );

  return (
    <Flex vertical gap={12} data-testid="intents-panel">
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title="签约意向" value={rows.length} suffix="项" loading={intents.isLoading} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title="意向金额（万元）" value={totals.amount} precision={2} loading={intents.isLoading} data-testid="intents-amount" />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title="已授信（万元）" value={totals.approved} precision={2} loading={intents.isLoading} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title="已放款（万元）" value={totals.disbursed} precision={2} loading={intents.isLoading} />
          </Card>
        </Col>
      </Row>
      {bureau ? (
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Typography.Text type="secondary">每项签约意向都在对应金融机构的“对接跟踪”中有一条对接，授信和放款进度实时汇总到这里。</Typography.Text>
          {mayAdd ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="intent-create">
              登记签约意向
            </Button>
          ) : (
            <Typography.Text type="secondary">活动开始后可登记签约仪式的意向</Typography.Text>
          )}
        </Flex>
      ) : null}
      {intents.isError ? <Alert type="error" showIcon title={errorMessage(intents.error)} /> : null}
      {rows.length || intents.isLoading ? (
        <Table<IntentView>
          rowKey="id"
          size="small"
          loading={intents.isLoading}
          dataSource={rows}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          data-testid="intents-table"
          onRow={(i) => ({ 'data-testid': `intent-row-${i.id}` }) as HTMLAttributes<HTMLElement>}
          scroll={{ x: 1350 }}
          columns={[
            { title: '签约时间', width: 150, render: (_v, i) => formatDateTime(i.signedAt) },
            { title: '企业', width: 200, render: (_v, i) => i.enterprise.name },
            { title: '金融机构', width: 200, render: (_v, i) => i.bank.name },
            { title: '融资需求', width: 180, render: (_v, i) => i.needTitle ?? '—' },
            { title: '意向金额', width: 140, align: 'right', render: (_v, i) => <span data-testid="intent-amount-cell">{wan2(i.amount)}</span> },
            { title: '来源', width: 100, render: (_v, i) => (i.ceremony ? <Tag color="gold">签约仪式</Tag> : <Tag>一对一会谈</Tag>) },
            {
              title: '对接状态',
              width: 130,
              render: (_v, i) => (Object.values(CaseState).includes(i.caseState as CaseState) ? <CaseStateTag state={i.caseState as CaseState} /> : <Tag>{CASE_STATE_LABELS[i.caseState as CaseState] ?? i.caseState}</Tag>),
            },
            { title: '已授信', width: 130, align: 'right', render: (_v, i) => wan2(i.approvedAmount) },
            { title: '已放款', width: 130, align: 'right', render: (_v, i) => <span data-testid="intent-disbursed-cell">{wan2(i.disbursedAmount)}</span> },
            ...(CASE_READERS.includes(user.role)
              ? [
                  {
                    title: '',
                    key: 'case',
                    width: 90,
                    render: (_v: unknown, i: IntentView) => (
                      <Link to={`/cases/${i.caseId}`} data-testid={`intent-case-${i.id}`}>
                        查看对接
                      </Link>
                    ),
                  },
                ]
              : []),
          ]}
        />
      ) : (
        <Empty description="本次活动尚无签约意向" />
      )}
      {bureau ? <CeremonyIntentModal event={event} open={adding} onClose={() => setAdding(false)} /> : null}
    </Flex>
  );
}
