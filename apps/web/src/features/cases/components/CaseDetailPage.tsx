import { useState } from 'react';
import { App, Button, Card, Col, Descriptions, Form, Input, Row, Select, Space, Spin, Table, Tag, Timeline } from 'antd';
import { addDecimal, CASE_ACTION_LABELS, CASE_ORIGIN_LABELS, CASE_PARTY_LABELS, CASE_STATE_LABELS, CaseState, DECLINE_REASON_LABELS, FINANCING_INSTRUMENT_LABELS, formatDecimal, FUND_USE_CHECK_INTERVAL_DAYS, FUND_USE_RESULT_LABELS, FundUseResult, Role, type CaseDetail } from '@zj/shared';
import { Link, useParams } from 'react-router-dom';
import { LinkOr } from '../../../components/LinkOr';
import { PageContainer } from '../../../components/PageContainer';
import { notifyError } from '../../../lib/errors';
import { handleFormError } from '../../../lib/form-errors';
import { formatDateTime } from '../../../lib/format';
import { amountWan, numberRule, rangeHint } from '../../../lib/number-rules';
import { testId } from '../../../lib/test-id';
import { useCurrentUser } from '../../../lib/auth-context';
import { wanText } from '../../../lib/product-format';
import { useAddTranche, useCase, useChoose, useFundUseCheck } from '../hooks/use-cases';
import { CaseStateTag, Countdown } from './case-labels';
import { caseLinks } from './case-links';
import { ReferralPanel } from './ReferralPanel';
import { TrancheDateField } from './TrancheDateField';
import { TransitionModal } from './TransitionModal';

const TRANCHE = amountWan('放款金额（万元）', { required: true });

/**
 * After the first tranche the bank records further tranches (追加放款) and fund-use checks (资金用途检查).
 * Each asks first, saying what will be recorded and who will learn of it, as the API does it
 * (cases.service.ts disburse / addFundUseCheck): a tranche and an as-agreed check go onto the case's
 * timeline without a notice; a deviation raises a 洗绿预警 of which the bureau is notified.
 */
function BankAfterDisbursement({ c }: { c: CaseDetail }) {
  const tranche = useAddTranche();
  const check = useFundUseCheck();
  const { message, modal } = App.useApp();
  const [tForm] = Form.useForm();
  const [cForm] = Form.useForm();

  const confirmTranche = (v: { amount: string; disbursedOn?: string }) => {
    const amount = formatDecimal(v.amount);
    const total = addDecimal(c.disbursedTotal, amount);
    modal.confirm({
      title: `登记追加放款 ${amount} 万元？`,
      content: (
        <div data-testid="tranche-consequence">
          <p>
            {v.disbursedOn ?? '今天'}向{c.enterpriseName}追加放款 {amount} 万元，累计放款将为 {total} 万元（授信 {c.approvedAmount ?? '—'} 万元，累计不能超过授信金额）。
          </p>
          <p>放款记入本对接的放款记录和进度，{c.enterpriseName}和市金融工作局在对接详情中可以看到，不另发通知；登记后不能撤销。</p>
        </div>
      ),
      okText: '确认登记',
      cancelText: '返回',
      okButtonProps: testId('tranche-confirm'),
      onOk: async () => {
        try {
          const after = await tranche.mutateAsync({ id: c.id, body: v });
          message.success(`已登记追加放款 ${amount} 万元，累计放款 ${after.disbursedTotal} 万元`);
          tForm.resetFields();
        } catch (e) {
          handleFormError(tForm, e, true);
        }
      },
    });
  };

  const confirmCheck = (v: { checkedOn: string; result: FundUseResult; detail?: string }) => {
    const deviation = v.result === FundUseResult.DEVIATION;
    modal.confirm({
      title: deviation ? '登记用途偏离并提交洗绿预警？' : '登记资金用途检查？',
      content: (
        <div data-testid="fund-use-consequence">
          <p>
            {v.checkedOn} 的检查结果：{FUND_USE_RESULT_LABELS[v.result]}
            {deviation && v.detail ? `（${v.detail}）` : ''}。记入本对接的资金用途检查和进度，{c.enterpriseName}在对接详情中可以看到。
          </p>
          <p>
            {deviation
              ? '同时生成洗绿预警，市金融工作局将收到通知并跟进处理；登记后不能撤销。'
              : `不另发通知；下次检查在 ${FUND_USE_CHECK_INTERVAL_DAYS} 天后到期，到期前会出现在您的工作台。`}
          </p>
        </div>
      ),
      okText: deviation ? '确认登记并预警' : '确认登记',
      cancelText: '返回',
      okButtonProps: { danger: deviation, ...testId('fund-use-confirm') },
      onOk: async () => {
        try {
          await check.mutateAsync({ id: c.id, body: v });
          message.success(deviation ? '已登记，洗绿预警已提交市金融工作局' : `已登记资金用途检查；请在 ${FUND_USE_CHECK_INTERVAL_DAYS} 天内再次检查`);
          cForm.resetFields();
        } catch (e) {
          handleFormError(cForm, e, true);
        }
      },
    });
  };

  return (
    <Row gutter={16} style={{ marginTop: 16 }}>
      {c.state === CaseState.DISBURSED ? (
        <Col xs={24} lg={12}>
          <Card size="small" title="追加放款">
            <Form form={tForm} layout="vertical" onFinish={confirmTranche}>
              <Form.Item name="amount" label="放款金额（万元）" rules={[numberRule(TRANCHE)]} extra={rangeHint(TRANCHE)}>
                <Input placeholder="如 100.00" data-testid="tranche-amount" />
              </Form.Item>
              <TrancheDateField c={c} />
              <Button htmlType="submit" loading={tranche.isPending} data-testid="tranche-submit">登记放款</Button>
            </Form>
          </Card>
        </Col>
      ) : null}
      <Col xs={24} lg={12}>
        <Card size="small" title="资金用途检查">
          <Form form={cForm} layout="vertical" onFinish={confirmCheck}>
            <Form.Item name="checkedOn" label="检查日期" rules={[{ required: true, message: '请填写检查日期' }, { pattern: /^\d{4}-\d{2}-\d{2}$/, message: '检查日期格式应为 YYYY-MM-DD' }]}>
              <Input placeholder="2026-06-30" data-testid="fund-use-date" />
            </Form.Item>
            <Form.Item name="result" label="检查结果" rules={[{ required: true, message: '请选择检查结果' }]}>
              <Select data-testid="fund-use-result" options={Object.values(FundUseResult).map((r) => ({ value: r, label: FUND_USE_RESULT_LABELS[r] }))} />
            </Form.Item>
            <Form.Item noStyle dependencies={['result']}>
              {({ getFieldValue }) => (
                <Form.Item
                  name="detail"
                  label="偏离情况"
                  rules={[{ required: getFieldValue('result') === FundUseResult.DEVIATION, whitespace: true, message: '用途偏离时请填写偏离情况' }]}
                  extra="用途偏离时必填，将随洗绿预警提交市金融工作局"
                >
                  <Input.TextArea rows={2} maxLength={1000} showCount />
                </Form.Item>
              )}
            </Form.Item>
            <Button htmlType="submit" loading={check.isPending} data-testid="fund-use-submit">登记检查</Button>
          </Form>
        </Card>
      </Col>
    </Row>
  );
}

/** One case: terms, contact (masked until the bank accepts), actions, timeline, tranches, fund-use checks. */
export default function CaseDetailPage() {
  const { id } = useParams();
  const user = useCurrentUser();
  const data = useCase(id);
  const choose = useChoose();
  const { message, modal } = App.useApp();
  const [to, setTo] = useState<CaseState | null>(null);
  const c = data.data;
  if (!c) return <Spin spinning={data.isLoading} />;
  const contact = [c.contact.contactName, c.contact.contactPhone, c.contact.contactEmail].filter(Boolean).join(' / ') || '—';
  const links = caseLinks(c, user.role);
  return (
    <PageContainer
      title={`对接详情 · ${c.enterpriseName}`}
      extra={
        <Space wrap>
          {c.allowedTransitions.map((s) => (
            <Button key={s} type={s === CaseState.DECLINED || s === CaseState.REJECTED || s === CaseState.WITHDRAWN || s === CaseState.CLOSED ? 'default' : 'primary'} danger={s === CaseState.DECLINED || s === CaseState.REJECTED} onClick={() => setTo(s)} data-testid={`transition-${s}`}>
              {CASE_ACTION_LABELS[s]}
            </Button>
          ))}
          {user.role === Role.ENTERPRISE && c.state === CaseState.APPROVED && !c.chosenAt ? (
            <Button type="primary" data-testid="case-choose" loading={choose.isPending} onClick={() =>
              modal.confirm({
                title: `选择${c.bankName}的授信方案？`,
                content: `该融资需求在其他机构的对接随之结束，这些机构将收到通知；放款由${c.bankName}办理并在平台登记。`,
                okText: '确认选择',
                cancelText: '返回',
                onOk: async () => {
                  try {
                    await choose.mutateAsync(c.id);
                    message.success(`已选择${c.bankName}的授信方案，其他机构的对接已结束；放款后本页会显示放款记录`);
                  } catch (e) {
                    notifyError(e);
                  }
                },
              })
            }>
              选择此方案
            </Button>
          ) : null}
        </Space>
      }
    >
      <Card size="small">
        <Descriptions
          size="small"
          column={2}
          items={[
            { key: 's', label: '状态', children: <Space><CaseStateTag state={c.state} /><Countdown c={c} /></Space> },
            {
              key: 'o',
              label: '来源',
              children: c.sourceEventId ? (
                <Link to={`/events/${c.sourceEventId}`} data-testid="case-source-event">
                  {CASE_ORIGIN_LABELS[c.origin]}（查看对接会）
                </Link>
              ) : c.referredFrom ? (
                <Link to={`/cases/${c.referredFrom.fromCaseId}`} data-testid="case-referred-from">
                  {CASE_ORIGIN_LABELS[c.origin]}（原对接：{c.referredFrom.fromBankName}）
                </Link>
              ) : (
                CASE_ORIGIN_LABELS[c.origin]
              ),
            },
            {
              key: 'e',
              label: '企业',
              children: <LinkOr to={links.enterprise} text={c.enterpriseName} data-testid="case-enterprise-link" />,
            },
            { key: 'b', label: '金融机构', children: c.bankName },
            {
              key: 'p',
              label: '产品',
              children: <LinkOr to={links.product} text={c.productName} data-testid="case-product-link" />,
            },
            {
              key: 'pr',
              label: '项目',
              children: <LinkOr to={links.project} text={c.projectName} fallback="企业整体融资" data-testid="case-project-link" />,
            },
            {
              key: 'n',
              label: '融资需求',
              children: (
                <Link to={links.need} data-testid="case-need-link">
                  {`${wanText(c.needAmount)} · ${c.needTermMonths}个月 · ${FINANCING_INSTRUMENT_LABELS[c.needInstrument]}`}
                </Link>
              ),
            },
            { key: 'u', label: '资金用途', children: c.needPurpose },
            { key: 'c', label: '企业联系方式', children: <span data-testid="case-contact">{contact}{c.contact.revealed ? '' : '（受理后可见）'}</span> },
            { key: 'sc', label: '匹配度', children: c.score ?? '—' },
            ...(c.approvedAmount ? [{ key: 'a', label: '授信', children: <span data-testid="case-approval">{wanText(c.approvedAmount)} · 年利率 {c.approvedRatePercent}% · {c.approvedTermMonths}个月</span> }] : []),
            { key: 'd', label: '已放款', children: <span data-testid="case-disbursed">{wanText(c.disbursedTotal)}</span> },
            ...(c.declineReason || c.reasonText ? [{ key: 'r', label: '原因', children: `${c.declineReason ? DECLINE_REASON_LABELS[c.declineReason] : ''} ${c.reasonText ?? ''}` }] : []),
          ]}
        />
      </Card>
      <Row gutter={16} style={{ marginTop: 16 }}>
        <Col xs={24} lg={12}>
          <Card size="small" title="办理时间线">
            <Timeline
              data-testid="case-timeline"
              items={c.timeline.map((t) => ({
                children: (
                  <div>
                    <b>{CASE_STATE_LABELS[t.toState]}</b> · {t.party ? CASE_PARTY_LABELS[t.party] : '系统'} {t.actorName ?? ''}（{t.actorOrgName ?? ''}）
                    <div style={{ color: '#888' }}>{formatDateTime(t.at)}</div>
                    {t.comment ? <div>{t.comment}</div> : null}
                    {t.linkedCaseId ? (
                      <Link to={`/cases/${t.linkedCaseId}`} data-testid={`timeline-link-${t.linkedCaseId}`}>
                        {t.fromState === null ? '查看原对接' : '查看转介后的对接'}
                      </Link>
                    ) : null}
                  </div>
                ),
              }))}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title="放款记录">
            <Table size="small" rowKey="id" pagination={false} dataSource={c.tranches} columns={[{ title: '日期', dataIndex: 'disbursedOn' }, { title: '金额', dataIndex: 'amount', render: (v: string) => wanText(v) }, { title: '备注', dataIndex: 'note' }]} />
          </Card>
          <Card size="small" title="资金用途检查" style={{ marginTop: 16 }}>
            <Table size="small" rowKey="id" pagination={false} dataSource={c.fundUseChecks} columns={[{ title: '日期', dataIndex: 'checkedOn' }, { title: '结果', dataIndex: 'result', render: (r: FundUseResult) => <Tag color={r === FundUseResult.DEVIATION ? 'red' : 'green'}>{FUND_USE_RESULT_LABELS[r]}</Tag> }, { title: '说明', dataIndex: 'detail' }]} />
          </Card>
        </Col>
      </Row>
      {user.role === Role.BANK && (c.state === CaseState.DISBURSED || (c.state === CaseState.CLOSED && Number(c.disbursedTotal) > 0)) ? <BankAfterDisbursement c={c} /> : null}
      {(user.role === Role.ENTERPRISE || user.role === Role.BUREAU) && (c.state === CaseState.DECLINED || c.state === CaseState.REJECTED || c.referrals.length > 0) ? <ReferralPanel c={c} /> : null}
      <TransitionModal c={c} to={to} onClose={() => setTo(null)} />
    </PageContainer>
  );
}
