import { useEffect, useState } from 'react';
import { Alert, App, Button, Col, DatePicker, Flex, Form, Input, InputNumber, Modal, Radio, Row, Select, Switch, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { EVENT_TYPE_LABELS, EventStatus, EventType, MAX_EVENT_CAPACITY, OrgType, TEXT_LIMITS, type EventAgendaItem, type EventDetailView, type EventInput, type EventUpdateInput } from '@zj/shared';
import { handleFormError, validated } from '../../../lib/form-errors';
import { numberRule, rangeHint, wholeNumber } from '../../../lib/number-rules';
import { testId } from '../../../lib/test-id';
import { counted, lengthRule } from '../../../lib/text-limits';
import { useCreateEvent, useUpdateEvent } from '../hooks/use-events';
import { InviteeSelect } from './InviteeSelect';

interface AgendaRow {
  time?: [Dayjs | null, Dayjs | null] | null;
  title?: string;
  speaker?: string;
}

interface Values {
  type: EventType;
  title: string;
  startsAt: Dayjs;
  endsAt?: Dayjs | null;
  venue?: string;
  onlineLink?: string;
  description?: string;
  capacity?: number | null;
  registrationDeadline?: Dayjs | null;
  requiresApproval: boolean;
  isPublic: boolean;
  coOrganizerOrgIds?: string[];
  agenda?: AgendaRow[];
  invitedOrganizationIds?: string[];
}

const sameIds = (a: string[], b: string[]) => a.length === b.length && a.every((id) => b.includes(id));
const FORMAT = 'YYYY-MM-DD HH:mm';
const CAPACITY = wholeNumber('名额', 1, MAX_EVENT_CAPACITY, { unit: '家' });
const URL_RE = /^https?:\/\/[^\s/]+\.\S*$/i;

function agendaItems(rows: AgendaRow[] | undefined): EventAgendaItem[] {
  return (rows ?? [])
    .filter((r) => r.time?.[0] && r.time?.[1] && r.title?.trim())
    .map((r) => ({ startsAt: r.time![0]!.toISOString(), endsAt: r.time![1]!.toISOString(), title: r.title!.trim(), speaker: r.speaker?.trim() || null }));
}

/** 新建 / 修改活动 (the bureau): when and where, who organises, who may register, the agenda, and the invited organisations. */
export function EventFormModal({ open, onClose, event }: { open: boolean; onClose: () => void; event?: EventDetailView }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const create = useCreateEvent();
  const update = useUpdateEvent();

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setError(null);
    if (event) {
      form.setFieldsValue({
        type: event.type,
        title: event.title,
        startsAt: dayjs(event.startsAt),
        endsAt: event.endsAt ? dayjs(event.endsAt) : null,
        venue: event.venue || undefined,
        onlineLink: event.onlineLink ?? undefined,
        description: event.description ?? undefined,
        capacity: event.capacity,
        registrationDeadline: event.registrationDeadline ? dayjs(event.registrationDeadline) : null,
        requiresApproval: event.requiresApproval,
        isPublic: event.isPublic,
        coOrganizerOrgIds: event.coOrganizers.map((o) => o.id),
        agenda: event.agenda.map((a) => ({ time: [dayjs(a.startsAt), dayjs(a.endsAt)], title: a.title, speaker: a.speaker ?? undefined })),
        invitedOrganizationIds: event.invitedOrganizationIds,
      });
    }
  }, [open, event, form]);

  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    setError(null);
    const invited = v.invitedOrganizationIds ?? [];
    const fields: Omit<EventUpdateInput, 'version'> = {
      type: v.type,
      title: v.title.trim(),
      startsAt: v.startsAt.toISOString(),
      endsAt: v.endsAt ? v.endsAt.toISOString() : null,
      venue: v.venue?.trim(),
      onlineLink: v.onlineLink?.trim() || null,
      description: v.description?.trim() || null,
      capacity: v.capacity ?? null,
      registrationDeadline: v.registrationDeadline ? v.registrationDeadline.toISOString() : null,
      requiresApproval: v.requiresApproval,
      isPublic: v.isPublic,
      coOrganizerOrgIds: v.coOrganizerOrgIds ?? [],
      agenda: agendaItems(v.agenda),
    };
    const done = {
      onSuccess: () => {
        message.success(event ? '已保存' : '已新建草稿：发布后开放报名');
        onClose();
      },
      // Agenda rows are named as the form shows them (议程第 n 项).
      onError: (e: unknown) => setError(handleFormError(form, e)?.replace(/agenda\[(\d+)\]\.\w+/g, (_m, i: string) => `议程第${Number(i) + 1}项`) ?? null),
    };
    if (event) {
      // Invitees are sent only when changed: an unchanged list neither re-invites nor moves reminders.
      update.mutate({ id: event.id, version: event.version, ...fields, ...(sameIds(invited, event.invitedOrganizationIds) ? {} : { invitedOrganizationIds: invited }) }, done);
    } else {
      // A new event leaves out what is empty (the server's defaults apply).
      const fresh = Object.fromEntries(Object.entries(fields).filter(([, x]) => x !== null && !(Array.isArray(x) && x.length === 0))) as unknown as EventInput;
      create.mutate({ ...fresh, invitedOrganizationIds: invited.length ? invited : undefined }, done);
    }
  };

  const published = event && event.status !== EventStatus.DRAFT;

  return (
    <Modal
      title={event ? '修改活动' : '新建活动'}
      open={open}
      onCancel={onClose}
      onOk={submit}
      okText={event ? '保存' : '保存为草稿'}
      okButtonProps={testId('event-create-ok')}
      confirmLoading={create.isPending || update.isPending}
      destroyOnHidden
      width={820}
    >
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 16, whiteSpace: 'pre-line' }} /> : null}
      {published ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          message="活动已发布：修改时间或地点后，受邀机构的提醒随之改期；新增的受邀机构收到邀请。"
        />
      ) : null}
      <Form form={form} layout="vertical" initialValues={{ requiresApproval: false, isPublic: true, agenda: [] }}>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="type" label="类型" rules={[{ required: true, message: '请选择类型' }]}>
              <Select options={Object.values(EventType).map((t) => ({ value: t, label: EVENT_TYPE_LABELS[t] }))} data-testid="event-type" />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name="title" label="标题" rules={[{ required: true, whitespace: true, message: '请填写标题' }, lengthRule('标题', TEXT_LIMITS.eventTitle, '字')]}>
              <Input {...counted(TEXT_LIMITS.eventTitle)} placeholder={`${TEXT_LIMITS.eventTitle.min}至${TEXT_LIMITS.eventTitle.max}字`} data-testid="event-title" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="startsAt" label="开始时间" rules={[{ required: true, message: '请选择开始时间' }]}>
              <DatePicker showTime={{ format: 'HH:mm' }} format={FORMAT} style={{ width: '100%' }} data-testid="event-starts-at" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="endsAt"
              label="结束时间"
              dependencies={['startsAt']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_r, value: Dayjs | null | undefined) => {
                    const start: Dayjs | undefined = getFieldValue('startsAt');
                    return !value || !start || value.isAfter(start) ? Promise.resolve() : Promise.reject(new Error('结束时间应晚于开始时间'));
                  },
                }),
              ]}
            >
              <DatePicker showTime={{ format: 'HH:mm' }} format={FORMAT} style={{ width: '100%' }} placeholder="选填" data-testid="event-ends-at" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="venue"
              label="地点"
              extra="只在线上举行的，填「线上」并填写线上参会链接"
              rules={[{ required: true, whitespace: true, message: '请填写地点' }, lengthRule('地点', TEXT_LIMITS.eventVenue, '字')]}
            >
              <Input {...counted(TEXT_LIMITS.eventVenue)} placeholder="如 湛江市民大厦三楼会议室" data-testid="event-venue" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="onlineLink" label="线上参会链接" rules={[{ pattern: URL_RE, message: '线上参会链接应为 http(s) 网址' }, lengthRule('线上参会链接', TEXT_LIMITS.eventOnlineLink, '字符')]}>
              <Input {...counted(TEXT_LIMITS.eventOnlineLink)} placeholder="选填，https://…" data-testid="event-online-link" />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="coOrganizerOrgIds" label="联合主办单位">
              <InviteeSelect
                known={event?.coOrganizers}
                fixedType={OrgType.GOVERNMENT_UNIT}
                testIdBase="event-co-organizers"
                placeholder="输入名称搜索政府部门，如 人民银行湛江市分行"
                hint={(n) => `已选 ${n} 个单位；与市金融工作局共同主办，显示在活动页上。`}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="capacity" label="名额" rules={[numberRule(CAPACITY)]} extra={`${rangeHint(CAPACITY)}机构，不填为不限；额满后报名进入候补，有机构取消时按顺序递补`}>
              <InputNumber placeholder={rangeHint(CAPACITY)} suffix="家" style={{ width: '100%' }} data-testid="event-capacity" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="registrationDeadline"
              label="报名截止时间"
              dependencies={['startsAt']}
              extra="不填为活动开始前均可报名"
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_r, value: Dayjs | null | undefined) => {
                    const start: Dayjs | undefined = getFieldValue('startsAt');
                    return !value || !start || !value.isAfter(start) ? Promise.resolve() : Promise.reject(new Error('报名截止时间不能晚于活动开始时间'));
                  },
                }),
              ]}
            >
              <DatePicker showTime={{ format: 'HH:mm' }} format={FORMAT} style={{ width: '100%' }} placeholder="选填" data-testid="event-registration-deadline" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="requiresApproval" label="是否审核" valuePropName="checked" extra="开启后报名须经市金融工作局审核通过">
              <Switch checkedChildren="需审核" unCheckedChildren="不需审核" data-testid="event-requires-approval" />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="isPublic" label="是否公开报名">
              <Radio.Group data-testid="event-is-public">
                <Radio value={true}>公开：所有企业和金融机构均可报名</Radio>
                <Radio value={false}>仅限受邀机构报名</Radio>
              </Radio.Group>
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="description" label="说明" rules={[lengthRule('说明', TEXT_LIMITS.eventDescription, '字')]}>
              <Input.TextArea rows={3} {...counted(TEXT_LIMITS.eventDescription)} placeholder="选填" />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Text strong>议程</Typography.Text>
        <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
          如 政策宣讲、产品推介、一对一对接、签约仪式；最多30项，每项填写时间和议程名称，主讲人选填
        </Typography.Text>
        <Form.List name="agenda">
          {(fields, { add, remove }) => (
            <div data-testid="event-agenda-editor" style={{ marginTop: 8 }}>
              {fields.map((f, i) => (
                <Flex key={f.key} gap={8} align="start" data-testid={`event-agenda-row-${i}`}>
                  <Form.Item name={[f.name, 'time']} rules={[{ required: true, message: '请选择议程的开始和结束时间' }]} style={{ flex: '0 0 300px', marginBottom: 8 }}>
                    <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="MM-DD HH:mm" placeholder={['开始', '结束']} style={{ width: '100%' }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'title']} rules={[{ required: true, whitespace: true, message: '请填写议程名称' }, lengthRule('议程名称', TEXT_LIMITS.agendaTitle, '字')]} style={{ flex: 1, marginBottom: 8 }}>
                    <Input {...counted(TEXT_LIMITS.agendaTitle)} placeholder="议程名称" aria-label="议程名称" data-testid={`event-agenda-title-${i}`} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'speaker']} rules={[lengthRule('主讲人', TEXT_LIMITS.agendaSpeaker, '字')]} style={{ flex: '0 0 200px', marginBottom: 8 }}>
                    <Input {...counted(TEXT_LIMITS.agendaSpeaker)} placeholder="主讲人及单位（选填）" aria-label="主讲人及单位" />
                  </Form.Item>
                  <Button type="text" icon={<DeleteOutlined />} aria-label="删除这一项议程" onClick={() => remove(f.name)} />
                </Flex>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                disabled={fields.length >= 30}
                onClick={() => {
                  const start: Dayjs | undefined = form.getFieldValue('startsAt');
                  const rows: AgendaRow[] = form.getFieldValue('agenda') ?? [];
                  const from = rows.at(-1)?.time?.[1] ?? start ?? null;
                  add({ time: from ? [from, from.add(30, 'minute')] : null });
                }}
                data-testid="event-agenda-add"
                style={{ marginBottom: 16 }}
              >
                添加议程
              </Button>
            </div>
          )}
        </Form.List>
        <Form.Item name="invitedOrganizationIds" label="受邀机构" extra="也可在活动的「邀请」页按企业库条件（区县、行业分类、绿色等级、融资需求）批量邀请">
          <InviteeSelect known={event?.invitees} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
