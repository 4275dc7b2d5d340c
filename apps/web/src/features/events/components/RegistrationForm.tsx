import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Col, Flex, Form, Input, InputNumber, Row, Select, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { NeedStatus, type NeedRow, RegistrationStatus, Role, type EventDetailView, type RegistrationInput, type RegistrationOfficer, type RegistrationView } from '@zj/shared';
import { handleFormError } from '../../../lib/form-errors';
import { numberRule, wholeNumber } from '../../../lib/number-rules';
import { formatWanYuan } from '../../../lib/format';
import { queryKeys } from '../../../lib/query-keys';
import { useAuth } from '../../../lib/auth-context';
import { listNeeds } from '../../financing-needs';
import { useRegister, useUpdateRegistration } from '../hooks/use-participation';

interface Values {
  desks?: number;
  officers?: Partial<RegistrationOfficer>[];
  needIds?: string[];
  contactName?: string;
  contactPhone?: string;
  note?: string;
}

const PHONE = /^[0-9+\-() ]{5,30}$/;

/** What a registration answer means for the organisation. */
export function registrationOutcome(r: RegistrationView): string {
  switch (r.status) {
    case RegistrationStatus.REGISTERED:
      return '报名成功';
    case RegistrationStatus.WAITLISTED:
      return `名额已满，已进入候补${r.waitlistPosition ? `第 ${r.waitlistPosition} 位` : ''}：有机构取消时按顺序递补，并通知贵单位`;
    case RegistrationStatus.PENDING:
      return '报名已提交，待市金融工作局审核，审核结果会通知贵单位';
    default:
      return '已提交';
  }
}

export const needLabel = (n: NeedRow) => `${n.projectName ?? '企业整体融资'} · ${formatWanYuan(n.amount)} · ${n.termMonths}个月`;

/** The enterprise's needs it may bring to the event: open or in matchmaking. */
export function useMyOpenNeeds(enabled: boolean) {
  const params = { pageSize: 100 };
  const needs = useQuery({ queryKey: queryKeys.financingNeeds.list(params), queryFn: ({ signal }) => listNeeds(params, signal), enabled });
  const items = (needs.data?.items ?? []).filter((n) => n.status === NeedStatus.OPEN || n.status === NeedStatus.IN_MATCHMAKING);
  return { items, loading: needs.isLoading };
}

/**
 * 报名 / 修改报名 of the caller's organisation: a bank at a 对接会 states its desks and names its
 * credit officers (one per desk); an enterprise picks the financing needs it wants to discuss.
 */
export function RegistrationForm({ event: e, current, onDone, onCancel }: { event: EventDetailView; current?: RegistrationView | null; onDone: () => void; onCancel?: () => void }) {
  const { user } = useAuth();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const bank = user?.role === Role.BANK;
  const enterprise = user?.role === Role.ENTERPRISE;
  const needs = useMyOpenNeeds(enterprise);
  const create = useRegister(e.id);
  const update = useUpdateRegistration(e.id);
  const editing = Boolean(current && current.status !== RegistrationStatus.CANCELLED && current.status !== RegistrationStatus.REJECTED);
  const desks = Form.useWatch('desks', form) ?? 1;

  useEffect(() => {
    if (!current) return;
    form.setFieldsValue({
      desks: current.desks ?? undefined,
      officers: current.officers.map((o) => ({ name: o.name, title: o.title ?? undefined, phone: o.phone ?? undefined })),
      needIds: current.needIds,
      contactName: current.contactName ?? undefined,
      contactPhone: current.contactPhone ?? undefined,
      note: current.note ?? undefined,
    });
  }, [current, form]);

  const submit = async (v: Values) => {
    setError(null);
    const body: RegistrationInput = {
      contactName: v.contactName?.trim() || undefined,
      contactPhone: v.contactPhone?.trim() || undefined,
      note: v.note?.trim() || undefined,
    };
    if (bank) {
      body.desks = v.desks ?? 1;
      body.officers = (v.officers ?? [])
        .filter((o) => o.name?.trim())
        .map((o) => ({ name: o.name!.trim(), ...(o.title?.trim() ? { title: o.title.trim() } : {}), ...(o.phone?.trim() ? { phone: o.phone.trim() } : {}) }));
    }
    if (enterprise) body.needIds = v.needIds ?? [];
    try {
      if (editing && current) {
        await update.mutateAsync({ regId: current.id, version: current.version, ...body, contactName: body.contactName ?? null, contactPhone: body.contactPhone ?? null, note: body.note ?? null });
        message.success('报名信息已保存');
      } else {
        const r = await create.mutateAsync(body);
        message.success(registrationOutcome(r));
      }
      onDone();
    } catch (err) {
      setError(handleFormError(form, err));
    }
  };

  return (
    <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={{ desks: 1, officers: [{}], needIds: [] }} data-testid="registration-form">
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12, whiteSpace: 'pre-line' }} data-testid="registration-error" /> : null}
      {bank ? (
        <>
          <Form.Item
            name="desks"
            label="桌位数（到场的信贷人员人数）"
            extra="每位信贷人员一个桌位，1至20个；桌位越多，可安排的一对一会谈越多"
            rules={[numberRule(wholeNumber('桌位数（到场的信贷人员人数）', 1, 20, { unit: '个', required: true }))]}
          >
            <InputNumber style={{ width: 160 }} data-testid="reg-desks" />
          </Form.Item>
          <Typography.Text strong>信贷人员</Typography.Text>
          <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
            按桌位顺序填写（第1位在1号桌），不超过桌位数
          </Typography.Text>
          <Form.List
            name="officers"
            rules={[
              {
                validator: async (_r, rows: Values['officers']) => {
                  const named = (rows ?? []).filter((o) => o?.name?.trim()).length;
                  if (named > (form.getFieldValue('desks') ?? 1)) throw new Error('信贷人员不能多于桌位数');
                },
              },
            ]}
          >
            {(fields, { add, remove }, { errors }) => (
              <div style={{ marginTop: 8 }} data-testid="reg-officers">
                {fields.map((f, i) => (
                  <Flex key={f.key} gap={8} align="start">
                    <Typography.Text type="secondary" style={{ width: 48, paddingTop: 5 }}>
                      {i + 1}号桌
                    </Typography.Text>
                    <Form.Item name={[f.name, 'name']} rules={[{ max: 50, message: '信贷人员姓名应为1至50字' }]} style={{ flex: 1, marginBottom: 8 }}>
                      <Input maxLength={50} placeholder="信贷人员姓名" data-testid={`reg-officer-name-${i}`} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'title']} rules={[{ max: 50, message: '职务不能超过50字' }]} style={{ flex: 1, marginBottom: 8 }}>
                      <Input maxLength={50} placeholder="职务（选填）" />
                    </Form.Item>
                    <Form.Item name={[f.name, 'phone']} rules={[{ pattern: PHONE, message: '信贷人员电话格式不正确' }]} style={{ flex: 1, marginBottom: 8 }}>
                      <Input maxLength={30} placeholder="电话（选填）" />
                    </Form.Item>
                    <Button type="text" icon={<DeleteOutlined />} aria-label={`删除${i + 1}号桌的信贷人员`} onClick={() => remove(f.name)} />
                  </Flex>
                ))}
                <Form.ErrorList errors={errors} />
                <Button type="dashed" icon={<PlusOutlined />} disabled={fields.length >= desks} onClick={() => add({})} data-testid="reg-officer-add" style={{ marginBottom: 16 }}>
                  添加信贷人员
                </Button>
              </div>
            )}
          </Form.List>
        </>
      ) : null}
      {enterprise ? (
        <Form.Item name="needIds" label="想洽谈的融资需求" extra={needs.items.length ? '选填，最多10项；金融机构据此准备，平台据此推荐洽谈对象' : '贵单位暂无待对接的融资需求，可先在「融资需求」中登记'}>
          <Select
            mode="multiple"
            maxCount={10}
            allowClear
            loading={needs.loading}
            placeholder="选择贵单位的融资需求"
            options={needs.items.map((n) => ({ value: n.id, label: needLabel(n) }))}
            data-testid="reg-needs"
          />
        </Form.Item>
      ) : null}
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Form.Item name="contactName" label="联系人" extra="到场的联系人" rules={[{ max: 50, message: '联系人应为1至50字' }]}>
            <Input maxLength={50} placeholder="选填，不超过50字" data-testid="reg-contact-name" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="contactPhone" label="联系电话" rules={[{ pattern: PHONE, message: '联系电话格式不正确' }]}>
            <Input maxLength={30} placeholder="选填，5至30位数字" data-testid="reg-contact-phone" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="note" label="备注" rules={[{ max: 500, message: '备注不能超过500字' }]}>
        <Input.TextArea rows={2} maxLength={500} showCount placeholder="选填，不超过500字" />
      </Form.Item>
      <Space>
        <Button type="primary" htmlType="submit" loading={create.isPending || update.isPending} data-testid="reg-submit">
          {editing ? '保存报名信息' : '提交报名'}
        </Button>
        {onCancel ? <Button onClick={onCancel}>返回</Button> : null}
      </Space>
    </Form>
  );
}
