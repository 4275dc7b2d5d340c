import { useEffect, useState } from 'react';
import { App, Button, Card, Checkbox, Col, DatePicker, Form, Input, InputNumber, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { type BankLoanReportView, type BankProfileRow, Role, TEXT_LIMITS } from '@zj/shared';
import { PageContainer } from '../../../components/PageContainer';
import { errorMessage } from '../../../lib/errors';
import { numberRule, rangeHint, yearNumber } from '../../../lib/number-rules';
import { testId } from '../../../lib/test-id';
import { counted, lengthRule } from '../../../lib/text-limits';
import { useAuth } from '../../../lib/auth-context';
import { GreenLoanRatioChart } from '../../indicators';
import { useCoverage, useMyLoanReports, useMyProfile, useProfiles, usePutLoanReport, usePutProfile, useRatio } from '../hooks/use-bank-reports';

const DISCLOSURE_YEAR = yearNumber('首次披露年度');

/** 绿色信贷: banks report monthly balances and their profile facts; the bureau and regulators see the city's ratio. */
export default function BankReportsPage() {
  const { user } = useAuth();
  return (
    <PageContainer title="绿色信贷报送" description="各银行机构按月报送月末绿色贷款余额和各项贷款余额（万元）；全市绿色信贷占比 = Σ绿色贷款余额 ÷ Σ各项贷款余额。">
      {user?.role === Role.BANK ? <BankView /> : <CityView />}
    </PageContainer>
  );
}

function BankView() {
  const { message } = App.useApp();
  const profile = useMyProfile(true);
  const reports = useMyLoanReports(true);
  const putProfile = usePutProfile();
  const putReport = usePutLoanReport();
  const [pform] = Form.useForm();
  const [rform] = Form.useForm();
  const [month, setMonth] = useState(dayjs().subtract(1, 'month'));
  useEffect(() => {
    if (profile.data) pform.setFieldsValue({ ...profile.data, greenTeamSince: profile.data.greenTeamSince ? dayjs(profile.data.greenTeamSince) : undefined });
  }, [profile.data, pform]);
  const existing = reports.data?.items.find((r) => r.month === month.format('YYYY-MM'));

  return (
    <Row gutter={12}>
      <Col xs={24} lg={12}>
        <Card size="small" title="月度报送">
          <Form form={rform} layout="vertical" onFinish={(v) =>
            putReport
              .mutateAsync({ month: month.format('YYYY-MM'), body: { greenLoanBalance: String(v.greenLoanBalance), totalLoanBalance: String(v.totalLoanBalance), note: v.note || undefined, version: existing?.version } })
              .then(() => message.success(existing ? '已更正' : '已报送'))
              .catch((e) => message.error(errorMessage(e)))
          }>
            <Form.Item label="月份">
              <DatePicker picker="month" value={month} onChange={(d) => d && setMonth(d)} disabledDate={(d) => d.isAfter(dayjs(), 'month')} data-testid="loan-month" />
              {existing ? <Tag style={{ marginLeft: 8 }}>已报送，可更正</Tag> : null}
            </Form.Item>
            <Form.Item name="greenLoanBalance" label="月末绿色贷款余额（万元）" rules={[{ required: true, message: '请填写月末绿色贷款余额' }, { pattern: /^\d+(\.\d{1,2})?$/, message: '月末绿色贷款余额应为不小于0的数字（万元），最多两位小数' }]}>
              <Input suffix="万元" data-testid="loan-green" />
            </Form.Item>
            <Form.Item name="totalLoanBalance" label="月末各项贷款余额（万元）" rules={[{ required: true, message: '请填写月末各项贷款余额' }, { pattern: /^\d+(\.\d{1,2})?$/, message: '月末各项贷款余额应为大于0的数字（万元），最多两位小数' }]}>
              <Input suffix="万元" data-testid="loan-total" />
            </Form.Item>
            <Form.Item name="note" label="说明" rules={[lengthRule('说明', TEXT_LIMITS.loanReportNote)]}>
              <Input {...counted(TEXT_LIMITS.loanReportNote)} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={putReport.isPending} data-testid="loan-submit">
              报送
            </Button>
          </Form>
          <Table<BankLoanReportView>
            style={{ marginTop: 12 }}
            rowKey="id"
            size="small"
            dataSource={reports.data?.items ?? []}
            pagination={{ pageSize: 12 }}
            columns={[
              { title: '月份', dataIndex: 'month' },
              { title: '绿色贷款（万元）', dataIndex: 'greenLoanBalance' },
              { title: '各项贷款（万元）', dataIndex: 'totalLoanBalance' },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card size="small" title="本行绿色金融资料">
          <Form
            form={pform}
            layout="vertical"
            onFinish={(v) =>
              putProfile
                .mutateAsync({
                  version: profile.data?.version || undefined,
                  hasGreenFinanceTeam: !!v.hasGreenFinanceTeam,
                  greenTeamSince: v.hasGreenFinanceTeam && v.greenTeamSince ? (v.greenTeamSince as dayjs.Dayjs).format('YYYY-MM-DD') : undefined,
                  greenTeamNote: v.greenTeamNote || undefined,
                  isLocalRuralCommercialBank: !!v.isLocalRuralCommercialBank,
                  disclosesEnvironmentalInfo: !!v.disclosesEnvironmentalInfo,
                  disclosureYear: v.disclosesEnvironmentalInfo ? v.disclosureYear : undefined,
                  disclosureUrl: v.disclosesEnvironmentalInfo ? v.disclosureUrl || undefined : undefined,
                })
                .then(() => message.success('已保存'))
                .catch((e) => message.error(errorMessage(e)))
            }
          >
            <Form.Item name="hasGreenFinanceTeam" valuePropName="checked">
              <Checkbox data-testid="profile-team">已组建绿色金融服务团队</Checkbox>
            </Form.Item>
            <Form.Item name="greenTeamSince" label="组建日期">
              <DatePicker />
            </Form.Item>
            <Form.Item name="greenTeamNote" label="团队说明" rules={[lengthRule('团队说明', TEXT_LIMITS.greenTeamNote)]}>
              <Input {...counted(TEXT_LIMITS.greenTeamNote)} />
            </Form.Item>
            <Form.Item name="isLocalRuralCommercialBank" valuePropName="checked">
              <Checkbox>本行为法人农商行</Checkbox>
            </Form.Item>
            <Form.Item name="disclosesEnvironmentalInfo" valuePropName="checked">
              <Checkbox>已开展环境信息披露</Checkbox>
            </Form.Item>
            <Space wrap>
              <Form.Item name="disclosureYear" label="首次披露年度" rules={[numberRule(DISCLOSURE_YEAR)]}>
                <InputNumber placeholder={rangeHint(DISCLOSURE_YEAR)} style={{ width: 200 }} />
              </Form.Item>
              <Form.Item name="disclosureUrl" label="披露报告链接" rules={[lengthRule('披露报告链接', TEXT_LIMITS.disclosureUrl, '个字符')]}>
                <Input style={{ width: 280, maxWidth: '100%' }} {...counted(TEXT_LIMITS.disclosureUrl)} />
              </Form.Item>
            </Space>
            <Button type="primary" htmlType="submit" loading={putProfile.isPending} {...testId('profile-save')}>
              保存
            </Button>
          </Form>
        </Card>
      </Col>
    </Row>
  );
}

function CityView() {
  const ratio = useRatio(true);
  const profiles = useProfiles(true);
  const lastMonth = dayjs().subtract(1, 'month').format('YYYY-MM');
  const coverage = useCoverage(lastMonth, true);
  const r = ratio.data;
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Row gutter={12}>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={`全市绿色信贷占比（${r?.latest?.month ?? '—'}）`} value={r?.latest?.ratio ?? '—'} suffix="%" data-testid="ratio-latest" />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title="较上月" value={r?.trend ?? '—'} suffix={r?.trend ? '个百分点' : undefined} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={`${lastMonth} 已报送银行`} value={coverage.data?.reported.length ?? 0} suffix={`/ ${(coverage.data?.reported.length ?? 0) + (coverage.data?.missing.length ?? 0)}`} />
          </Card>
        </Col>
      </Row>
      {coverage.data?.missing.length ? <Typography.Text type="warning">{lastMonth} 未报送：{coverage.data.missing.map((b) => b.name).join('、')}</Typography.Text> : null}
      <Card size="small" title="绿色信贷占比走势（目标线 10% / 15%）">
        <GreenLoanRatioChart series={(r?.series ?? []).map((p) => ({ asOf: p.month, value: p.ratio }))} lines={r?.targets ?? []} />
      </Card>
      <Card size="small" title="金融机构资料">
        <Table<BankProfileRow>
          rowKey="organizationId"
          size="small"
          dataSource={profiles.data?.items ?? []}
          pagination={{ pageSize: 20 }}
          columns={[
            { title: '机构', dataIndex: 'name' },
            { title: '绿色金融团队', render: (_v, p) => (p.hasGreenFinanceTeam ? `有（${p.greenTeamSince ?? ''}起）` : '—') },
            { title: '法人农商行', render: (_v, p) => (p.isLocalRuralCommercialBank ? '是' : '—') },
            { title: '环境信息披露', render: (_v, p) => (p.disclosesEnvironmentalInfo ? `已披露（${p.disclosureYear}）` : '—') },
            { title: '资料', render: (_v, p) => (p.declared ? '已填写' : <Tag>未填写</Tag>) },
          ]}
        />
      </Card>
    </Space>
  );
}
