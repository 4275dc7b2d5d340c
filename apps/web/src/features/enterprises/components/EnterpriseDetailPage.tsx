import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, DatePicker, Descriptions, Form, Input, InputNumber, Modal, Result, Row, Select, Space, Spin, Switch, Table, Tag, Typography } from 'antd';
import { useParams } from 'react-router-dom';
import dayjs, { type Dayjs } from 'dayjs';
import {
  CERTIFICATION_KIND_LABELS,
  CertificationKind,
  ENTERPRISE_SIZE_LABELS,
  EnterpriseSize,
  ENV_CREDIT_RATING_LABELS,
  EnvCreditRating,
  GREEN_IDENTIFICATION_STATUS_LABELS,
  GreenIdentificationStatus,
  INDUSTRY_SECTIONS,
  PROJECT_STATUS_LABELS,
  Role,
  TEXT_LIMITS,
  type EnterpriseDetail,
  type EnterpriseProfileInput,
  type GradeBreakdownLine,
  type GreenIdentificationView,
} from '@zj/shared';
import { PageContainer } from '../../../components/PageContainer';
import { errorMessage } from '../../../lib/errors';
import { handleFormError, validated } from '../../../lib/form-errors';
import { formatDateTime } from '../../../lib/format';
import { amountWan, numberRule, rangeHint, yearNumber, type NumberSpec } from '../../../lib/number-rules';
import { counted, lengthRule } from '../../../lib/text-limits';
import { useCurrentUser } from '../../../lib/auth-context';
import { wan } from '../../../components/project-labels';
import { useDivisionName } from '../../reference';
import { useApplyIdentification, useComputeGrade, useDecideIdentification, useEnterprise, useGrades, useSaveProfile } from '../hooks/use-enterprises';

// Bounds as the API checks them (numeric(14,2) and numeric(14,4) columns, not negative).
const CAPITAL = amountWan('注册资本（万元）', { min: 0 });
const EMISSIONS: NumberSpec = { label: '年碳排放量（tCO2e）', min: 0, max: '999999999999.99', decimals: 2 };
const INTENSITY: NumberSpec = { label: '碳排放强度', min: 0, max: '9999999999.9999', decimals: 4 };
const CARBON_YEAR = yearNumber('碳数据年份');

function ProfileForm({ detail, onDone }: { detail: EnterpriseDetail; onDone: () => void }) {
  const [form] = Form.useForm();
  const save = useSaveProfile(detail.organization.id);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (detail.profile) form.setFieldsValue({ ...detail.profile, certifications: detail.profile.certifications.map((c) => c.kind) });
  }, [detail.profile, form]);
  const onFinish = (v: Record<string, unknown>) => {
    setError(null);
    const body: EnterpriseProfileInput = {
      ...v,
      registeredCapital: v.registeredCapital ? String(v.registeredCapital) : null,
      carbonEmissionsT: v.carbonEmissionsT ? String(v.carbonEmissionsT) : null,
      carbonIntensity: v.carbonIntensity ? String(v.carbonIntensity) : null,
      certifications: ((v.certifications as CertificationKind[] | undefined) ?? []).map((kind) => detail.profile?.certifications.find((c) => c.kind === kind) ?? { kind }),
      version: detail.profile?.version,
    } as EnterpriseProfileInput;
    for (const k of Object.keys(body) as (keyof EnterpriseProfileInput)[]) if (body[k] === undefined || body[k] === '') delete body[k];
    save.mutate(body, { onSuccess: onDone, onError: (e) => setError(handleFormError(form, e)) });
  };
  return (
    <Form form={form} layout="vertical" onFinish={onFinish} data-testid="profile-form">
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item name="industrySection" label="行业门类">
            <Select allowClear options={Object.entries(INDUSTRY_SECTIONS).map(([k, v]) => ({ value: k, label: `${k} ${v}` }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="industryDivision" label="行业大类（两位数字）">
            <Input maxLength={2} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="industryName" label="行业名称" rules={[lengthRule('行业名称', TEXT_LIMITS.industryName)]}>
            <Input {...counted(TEXT_LIMITS.industryName)} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="size" label="企业规模">
            <Select allowClear options={Object.values(EnterpriseSize).map((s) => ({ value: s, label: ENTERPRISE_SIZE_LABELS[s] }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="registeredCapital" label="注册资本（万元）" rules={[numberRule(CAPITAL)]}>
            <InputNumber<string> stringMode placeholder={rangeHint(CAPITAL)} suffix={CAPITAL.unit} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="legalRepresentative" label="法定代表人" rules={[lengthRule('法定代表人', TEXT_LIMITS.enterpriseLegalRepresentative)]}>
            <Input {...counted(TEXT_LIMITS.enterpriseLegalRepresentative)} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="contactName" label="联系人" rules={[lengthRule('联系人', TEXT_LIMITS.enterpriseContactName)]}>
            <Input {...counted(TEXT_LIMITS.enterpriseContactName)} data-testid="profile-contact-name" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="contactPhone" label="联系电话">
            <Input data-testid="profile-contact-phone" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="contactEmail" label="电子邮箱">
            <Input />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="envCreditRating" label="环境信用评价">
            <Select allowClear options={Object.values(EnvCreditRating).map((s) => ({ value: s, label: ENV_CREDIT_RATING_LABELS[s] }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={16}>
          <Form.Item name="certifications" label="绿色认证">
            <Select mode="multiple" options={Object.values(CertificationKind).map((c) => ({ value: c, label: CERTIFICATION_KIND_LABELS[c] }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={6}>
          <Form.Item name="carbonEmissionsT" label="年碳排放量（tCO2e）" rules={[numberRule(EMISSIONS)]}>
            <InputNumber<string> stringMode placeholder={rangeHint(EMISSIONS)} suffix="tCO2e" style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={6}>
          <Form.Item name="carbonIntensity" label="碳排放强度" rules={[numberRule(INTENSITY)]}>
            <InputNumber<string> stringMode placeholder={rangeHint(INTENSITY)} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={6}>
          <Form.Item name="carbonIntensityUnit" label="强度单位" rules={[lengthRule('强度单位', TEXT_LIMITS.carbonIntensityUnit, '个字符')]}>
            <Input placeholder="tCO2e/万元产值" {...counted(TEXT_LIMITS.carbonIntensityUnit)} />
          </Form.Item>
        </Col>
        <Col xs={24} md={6}>
          <Form.Item name="carbonYear" label="碳数据年份" rules={[numberRule(CARBON_YEAR)]}>
            <InputNumber placeholder={rangeHint(CARBON_YEAR)} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={6}>
          <Form.Item name="envDisclosure" label="已披露环境信息" valuePropName="checked">
            <Switch />
          </Form.Item>
        </Col>
        <Col xs={24} md={18}>
          <Form.Item name="envDisclosureUrl" label="披露网址" rules={[lengthRule('披露网址', TEXT_LIMITS.disclosureUrl, '个字符')]}>
            <Input placeholder="https://" {...counted(TEXT_LIMITS.disclosureUrl)} />
          </Form.Item>
        </Col>
      </Row>
      <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="profile-save">
        保存企业资料
      </Button>
    </Form>
  );
}

function DecideModal({ identification, onClose }: { identification: GreenIdentificationView | null; onClose: () => void }) {
  const { message } = App.useApp();
  const decide = useDecideIdentification();
  const [form] = Form.useForm<{ decision: 'APPROVE' | 'REJECT'; range?: [Dayjs, Dayjs]; note?: string }>();
  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    decide.mutate(
      { id: identification!.id, body: { decision: v.decision, validFrom: v.range?.[0].format('YYYY-MM-DD'), validUntil: v.range?.[1].format('YYYY-MM-DD'), note: v.note } },
      { onSuccess: () => (message.success('已处理'), onClose()), onError: (e) => message.error(handleFormError(form, e) ?? '请检查填写内容') },
    );
  };
  return (
    <Modal title="绿色企业认定" open={!!identification} onCancel={onClose} onOk={submit} confirmLoading={decide.isPending} destroyOnHidden>
      <Typography.Paragraph>{identification?.statement}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ decision: 'APPROVE', range: [dayjs(), dayjs().add(3, 'year').subtract(1, 'day')] }}>
        <Form.Item name="decision" label="决定">
          <Select options={[{ value: 'APPROVE', label: '认定' }, { value: 'REJECT', label: '不予认定' }]} />
        </Form.Item>
        <Form.Item name="range" label="有效期（最长三年）">
          <DatePicker.RangePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="note" label="意见">
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function GradeCard({ detail }: { detail: EnterpriseDetail }) {
  const user = useCurrentUser();
  const compute = useComputeGrade(detail.organization.id);
  const grades = useGrades(detail.organization.id);
  const g = detail.grade;
  return (
    <Card
      size="small"
      title="绿色等级（评分卡）"
      style={{ marginBottom: 16 }}
      extra={
        user.role !== Role.BANK ? (
          <Button size="small" onClick={() => compute.mutate()} loading={compute.isPending} data-testid="grade-compute">
            重新评分
          </Button>
        ) : null
      }
    >
      {g ? (
        <>
          <Typography.Title level={4} data-testid="grade-value">
            {g.grade} · {g.gradeLabel}（{g.score} 分，评分卡第 {g.scorecardVersion} 版，{formatDateTime(g.computedAt)}）
          </Typography.Title>
          <Table<GradeBreakdownLine>
            size="small"
            rowKey="key"
            pagination={false}
            dataSource={g.breakdown}
            columns={[
              { title: '指标', dataIndex: 'label' },
              { title: '权重', dataIndex: 'weight', render: (v: number) => `${v}%` },
              { title: '得分', dataIndex: 'points' },
              { title: '加权得分', dataIndex: 'weighted' },
              { title: '依据', dataIndex: 'explanation' },
            ]}
          />
          {grades.data && grades.data.length > 1 ? (
            <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
              历史：{grades.data.slice(1, 6).map((h) => `${formatDateTime(h.computedAt)} ${h.grade}（${h.score}分，第${h.scorecardVersion}版）`).join('；')}
            </Typography.Paragraph>
          ) : null}
        </>
      ) : (
        <Typography.Text type="secondary">尚未评分</Typography.Text>
      )}
    </Card>
  );
}

/** 企业详情 / 企业资料: profile (editable by the enterprise), identification, grade, project counts. */
export default function EnterpriseDetailPage({ self = false }: { self?: boolean }) {
  const params = useParams<{ id: string }>();
  const user = useCurrentUser();
  const { message } = App.useApp();
  const id = self ? user.organization.id : params.id;
  const query = useEnterprise(id);
  const apply = useApplyIdentification(id ?? '');
  const divisionName = useDivisionName();
  const [editing, setEditing] = useState(false);
  const [statement, setStatement] = useState('');
  const [deciding, setDeciding] = useState<GreenIdentificationView | null>(null);
  if (query.isLoading) return <Spin />;
  if (query.isError || !query.data) return <Result status="404" title="企业不存在或无权查看" />;
  const d = query.data;
  const p = d.profile;
  const canEdit = self || user.role === Role.BUREAU || user.role === Role.COUNTY;
  const pending = d.identifications.find((i) => i.status === GreenIdentificationStatus.PENDING);
  return (
    <PageContainer
      title={d.organization.name}
      extra={
        canEdit ? (
          <Button onClick={() => setEditing((e) => !e)} data-testid="profile-edit">
            {editing ? '取消修改' : p ? '修改企业资料' : '填写企业资料'}
          </Button>
        ) : null
      }
    >
      <Card size="small" style={{ marginBottom: 16 }}>
        {editing ? (
          <ProfileForm
            detail={d}
            onDone={() => {
              message.success('企业资料已保存');
              setEditing(false);
            }}
          />
        ) : (
          <Descriptions
            size="small"
            column={{ xs: 1, md: 2, xl: 3 }}
            items={[
              { key: 'code', label: '统一社会信用代码', children: d.organization.creditCode },
              { key: 'div', label: '所在县区', children: divisionName(d.organization.divisionCode) },
              { key: 'ind', label: '行业', children: p?.industryName ?? (p?.industrySection ? INDUSTRY_SECTIONS[p.industrySection] : '—') },
              { key: 'size', label: '规模', children: p?.size ? ENTERPRISE_SIZE_LABELS[p.size] : '—' },
              { key: 'cap', label: '注册资本', children: wan(p?.registeredCapital) },
              { key: 'env', label: '环境信用评价', children: p?.envCreditRating ? ENV_CREDIT_RATING_LABELS[p.envCreditRating] : '—' },
              { key: 'cert', label: '绿色认证', children: p?.certifications.length ? p.certifications.map((c) => <Tag key={c.kind}>{CERTIFICATION_KIND_LABELS[c.kind]}</Tag>) : '—' },
              { key: 'carbon', label: '碳账户', children: p?.carbonYear ? `${p.carbonYear}年：${p.carbonEmissionsT ?? '—'} tCO2e，强度 ${p.carbonIntensity ?? '—'} ${p.carbonIntensityUnit ?? ''}` : '—' },
              { key: 'disc', label: '环境信息披露', children: p?.envDisclosure ? '已披露' : '未披露' },
              {
                key: 'contact',
                label: '联系人',
                children: (
                  <span data-testid="enterprise-contact">
                    {[p?.contactName, p?.contactPhone, p?.contactEmail].filter(Boolean).join(' / ') || '—'}
                    {!d.contactRevealed ? '（承接融资需求后可见）' : ''}
                  </span>
                ),
              },
              { key: 'projects', label: '项目', children: d.projectCounts.map((c) => `${PROJECT_STATUS_LABELS[c.status]} ${c.count}`).join('，') || '—' },
            ]}
          />
        )}
      </Card>
      <GradeCard detail={d} />
      <Card size="small" title="绿色企业认定" style={{ marginBottom: 16 }}>
        {d.identifications.length ? (
          <Table<GreenIdentificationView>
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={d.identifications}
            columns={[
              { title: '申请时间', dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
              { title: '状态', dataIndex: 'status', render: (s: GreenIdentificationStatus) => GREEN_IDENTIFICATION_STATUS_LABELS[s] },
              { title: '有效期', render: (_, i) => (i.validFrom ? `${i.validFrom} 至 ${i.validUntil}` : '—') },
              { title: '意见', dataIndex: 'decisionNote', render: (v: string | null) => v ?? '—' },
              {
                title: '',
                render: (_, i) =>
                  i.status === GreenIdentificationStatus.PENDING && (user.role === Role.BUREAU || user.role === Role.DEPARTMENT) ? (
                    <Button size="small" onClick={() => setDeciding(i)} data-testid="identification-decide">
                      审核
                    </Button>
                  ) : null,
              },
            ]}
          />
        ) : (
          <Typography.Text type="secondary">暂无认定记录</Typography.Text>
        )}
        {self && !pending ? (
          <Space.Compact style={{ width: '100%', marginTop: 12 }}>
            <Input placeholder="申请说明：主营业务、绿色属性及依据（至少10字）" value={statement} onChange={(e) => setStatement(e.target.value)} data-testid="identification-statement" />
            <Button
              type="primary"
              loading={apply.isPending}
              onClick={() => apply.mutate(statement, { onSuccess: () => (message.success('已提交认定申请'), setStatement('')), onError: (e) => message.error(errorMessage(e)) })}
              data-testid="identification-apply"
            >
              申请绿色企业认定
            </Button>
          </Space.Compact>
        ) : null}
      </Card>
      <DecideModal identification={deciding} onClose={() => setDeciding(null)} />
    </PageContainer>
  );
}
