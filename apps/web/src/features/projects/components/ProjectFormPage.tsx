import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, DatePicker, Form, Input, InputNumber, Row, Select, Space, Spin } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate, useParams } from 'react-router-dom';
import { PROJECT_STAGE_LABELS, PROJECT_TAGS, type ProjectInput, ProjectStage, Role, TEXT_LIMITS } from '@zj/shared';
import { PageContainer } from '../../../components/PageContainer';
import { handleFormError } from '../../../lib/form-errors';
import { amountWan, numberRule, quantity, rangeHint } from '../../../lib/number-rules';
import { counted, lengthRule } from '../../../lib/text-limits';
import { useCurrentUser } from '../../../lib/auth-context';
import { useEnterprises } from '../../enterprises';
import { DivisionSelect, CategoryTreeSelect } from '../../reference';
import { useCreateProject, useProject, useUpdateProject } from '../hooks/use-projects';

const VERSION = 'GIC-2019';

interface FormValues {
  enterpriseOrgId?: string;
  name: string;
  divisionCode?: string;
  location?: string;
  description?: string;
  stage: ProjectStage;
  totalInvestment: string;
  period?: [Dayjs | null, Dayjs | null];
  co2AvoidedT?: string;
  coalSavedTce?: string;
  waterSavedT?: string;
  otherBenefits?: string;
  tags?: string[];
  greenBuildingStars?: number;
  categories: string[];
}

const INVESTMENT = amountWan('总投资（万元）', { required: true });
const CO2 = quantity('年减排二氧化碳（吨）', { unit: '吨' });
const COAL = quantity('年节约标准煤（吨）', { unit: '吨' });
const WATER = quantity('年节水（吨）', { unit: '吨' });

const dec = (v: unknown) => (v === undefined || v === null || v === '' ? null : String(v));

/** 登记 / 修改项目: field-level messages come from the server, in Chinese. */
export default function ProjectFormPage() {
  const { id } = useParams<{ id: string }>();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const [form] = Form.useForm<FormValues>();
  const [formError, setFormError] = useState<string | null>(null);
  const existing = useProject(id);
  const create = useCreateProject();
  const update = useUpdateProject(id ?? '');
  const [entQ, setEntQ] = useState('');
  const enterprises = useEnterprises({ q: entQ || undefined, pageSize: 20, page: 1 });
  const categories = Form.useWatch('categories', form) ?? [];
  const isBuilding = categories.some((c) => c.startsWith('5.1.'));

  useEffect(() => {
    const p = existing.data;
    if (!p) return;
    form.setFieldsValue({
      name: p.name,
      divisionCode: p.divisionCode,
      location: p.location ?? undefined,
      description: p.description ?? undefined,
      stage: p.stage,
      totalInvestment: p.totalInvestment,
      period: [p.constructionStart ? dayjs(p.constructionStart) : null, p.constructionEnd ? dayjs(p.constructionEnd) : null],
      co2AvoidedT: p.co2AvoidedT ?? undefined,
      coalSavedTce: p.coalSavedTce ?? undefined,
      waterSavedT: p.waterSavedT ?? undefined,
      otherBenefits: p.otherBenefits ?? undefined,
      tags: p.tags,
      greenBuildingStars: p.greenBuildingStars ?? undefined,
      categories: [...p.categories].sort((a, b) => Number(!!b.primary) - Number(!!a.primary)).map((c) => c.code),
    });
  }, [existing.data, form]);

  const onFinish = (v: FormValues) => {
    setFormError(null);
    const body: ProjectInput = {
      ...(id ? {} : { enterpriseOrgId: v.enterpriseOrgId }),
      name: v.name,
      divisionCode: v.divisionCode,
      location: v.location || null,
      description: v.description || null,
      stage: v.stage,
      totalInvestment: String(v.totalInvestment),
      constructionStart: v.period?.[0]?.format('YYYY-MM-DD') ?? null,
      constructionEnd: v.period?.[1]?.format('YYYY-MM-DD') ?? null,
      co2AvoidedT: dec(v.co2AvoidedT),
      coalSavedTce: dec(v.coalSavedTce),
      waterSavedT: dec(v.waterSavedT),
      otherBenefits: v.otherBenefits || null,
      tags: v.tags ?? [],
      greenBuildingStars: isBuilding ? (v.greenBuildingStars ?? null) : null,
      categories: v.categories.map((code, i) => ({ version: VERSION, code, primary: i === 0 })),
    };
    const done = (p: { id: string }) => {
      message.success(id ? '已保存' : '已登记，请提交审核');
      navigate(`/projects/${p.id}`);
    };
    const fail = (e: unknown) => setFormError(handleFormError(form, e));
    if (id) update.mutate({ ...body, version: existing.data!.version }, { onSuccess: done, onError: fail });
    else create.mutate(body, { onSuccess: done, onError: fail });
  };

  if (id && existing.isLoading) return <Spin />;
  const needsEnterprise = !id && user.role !== Role.ENTERPRISE;

  return (
    <PageContainer title={id ? '修改项目' : '登记项目'}>
      <Card size="small">
        {formError ? <Alert type="error" showIcon title={formError} style={{ marginBottom: 12 }} data-testid="project-form-error" /> : null}
        <Form<FormValues> form={form} layout="vertical" onFinish={onFinish} initialValues={{ stage: ProjectStage.PLANNED, categories: [] }} data-testid="project-form">
          <Row gutter={16}>
            {needsEnterprise ? (
              <Col span={24}>
                <Form.Item name="enterpriseOrgId" label="所属企业" rules={[{ required: true, message: '请选择所属企业' }]}>
                  <Select
                    showSearch={{ filterOption: false, onSearch: setEntQ }}
                    placeholder="输入企业名称或信用代码搜索"
                    options={(enterprises.data?.items ?? []).map((e) => ({ value: e.id, label: `${e.name}（${e.creditCode}）` }))}
                    data-testid="project-form-enterprise"
                  />
                </Form.Item>
              </Col>
            ) : null}
            <Col xs={24} md={16}>
              <Form.Item name="name" label="项目名称" rules={[{ required: true, whitespace: true, message: '请填写项目名称' }, lengthRule('项目名称', TEXT_LIMITS.projectName)]}>
                <Input {...counted(TEXT_LIMITS.projectName)} data-testid="project-form-name" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="divisionCode" label="所在县（市、区）" tooltip="不填为企业所在地">
                <DivisionSelect allowClear data-testid="project-form-division" />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item name="categories" label="绿色产业分类（三级，第一个为主分类）" rules={[{ required: true, message: '请至少选择一个绿色产业分类' }]}>
                <CategoryTreeSelect pick="leaf" version={VERSION} data-testid="project-form-categories" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="stage" label="项目阶段" rules={[{ required: true, message: '请选择项目阶段' }]}>
                <Select options={Object.values(ProjectStage).map((s) => ({ value: s, label: PROJECT_STAGE_LABELS[s] }))} data-testid="project-form-stage" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="totalInvestment" label={INVESTMENT.label} rules={[numberRule(INVESTMENT)]} extra={rangeHint(INVESTMENT)}>
                <InputNumber<string> stringMode style={{ width: '100%' }} suffix={INVESTMENT.unit} data-testid="project-form-investment" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="period" label="建设期">
                <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="location" label="项目地点" rules={[lengthRule('项目地点', TEXT_LIMITS.projectLocation)]}>
                <Input {...counted(TEXT_LIMITS.projectLocation)} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="tags" label="标签">
                <Select mode="tags" options={PROJECT_TAGS.map((t) => ({ value: t, label: t }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="co2AvoidedT" label={CO2.label} rules={[numberRule(CO2)]}>
                <InputNumber<string> stringMode placeholder={rangeHint(CO2)} suffix={CO2.unit} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="coalSavedTce" label={COAL.label} rules={[numberRule(COAL)]}>
                <InputNumber<string> stringMode placeholder={rangeHint(COAL)} suffix={COAL.unit} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="waterSavedT" label={WATER.label} rules={[numberRule(WATER)]}>
                <InputNumber<string> stringMode placeholder={rangeHint(WATER)} suffix={WATER.unit} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            {isBuilding ? (
              <Col xs={24} md={8}>
                <Form.Item name="greenBuildingStars" label="绿色建筑星级">
                  <Select allowClear options={[1, 2, 3].map((n) => ({ value: n, label: ['一星级', '二星级', '三星级'][n - 1] }))} />
                </Form.Item>
              </Col>
            ) : null}
            <Col xs={24}>
              <Form.Item name="otherBenefits" label="其他环境效益" rules={[lengthRule('其他环境效益', TEXT_LIMITS.projectOtherBenefits)]}>
                <Input {...counted(TEXT_LIMITS.projectOtherBenefits)} />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item name="description" label="项目简介" rules={[lengthRule('项目简介', TEXT_LIMITS.projectDescription)]}>
                <Input.TextArea rows={4} {...counted(TEXT_LIMITS.projectDescription)} />
              </Form.Item>
            </Col>
          </Row>
          <Space>
            <Button type="primary" htmlType="submit" loading={create.isPending || update.isPending} data-testid="project-form-submit">
              保存
            </Button>
            <Button onClick={() => navigate(-1)}>取消</Button>
          </Space>
        </Form>
      </Card>
    </PageContainer>
  );
}
