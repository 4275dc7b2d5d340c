import { useEffect, useState } from 'react';
import { Alert, App, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { EVENT_TYPE_LABELS, EventType } from '@zj/shared';
import { handleFormError } from '../../../lib/form-errors';
import { testId } from '../../../lib/test-id';
import type { EventDetail } from '../api/events-api';
import { useCreateEvent, useUpdateEvent } from '../hooks/use-events';
import { InviteeSelect } from './InviteeSelect';

interface Values {
  type: EventType;
  title: string;
  startsAt: Dayjs;
  venue: string;
  description?: string;
  invitedOrganizationIds?: string[];
}

const sameIds = (a: string[], b: string[]) => a.length === b.length && a.every((id) => b.includes(id));

/** 新建 / 修改活动 (the bureau), with the organisations invited to it. */
export function EventFormModal({ open, onClose, event }: { open: boolean; onClose: () => void; event?: EventDetail }) {
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
        venue: event.venue,
        description: event.description ?? undefined,
        invitedOrganizationIds: event.invitedOrganizationIds,
      });
    }
  }, [open, event, form]);

  const submit = async () => {
    const v = await form.validateFields();
    setError(null);
    const invited = v.invitedOrganizationIds ?? [];
    const fields = { type: v.type, title: v.title, venue: v.venue, startsAt: v.startsAt.toISOString() };
    const done = {
      onSuccess: () => {
        message.success(event ? '已保存' : '已新建');
        onClose();
      },
      onError: (e: unknown) => setError(handleFormError(form, e)),
    };
    if (event) {
      // Invitees are sent only when changed: an unchanged list neither re-invites nor moves reminders.
      update.mutate({ id: event.id, version: event.version, ...fields, description: v.description || null, ...(sameIds(invited, event.invitedOrganizationIds) ? {} : { invitedOrganizationIds: invited }) }, done);
    } else {
      create.mutate({ ...fields, description: v.description || undefined, invitedOrganizationIds: invited.length ? invited : undefined }, done);
    }
  };

  return (
    <Modal
      title={event ? '修改活动' : '新建活动'}
      open={open}
      onCancel={onClose}
      onOk={submit}
      okButtonProps={testId('event-create-ok')}
      confirmLoading={create.isPending || update.isPending}
      destroyOnHidden
      width={680}
    >
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 16, whiteSpace: 'pre-line' }} /> : null}
      <Form form={form} layout="vertical">
        <Form.Item name="type" label="类型" rules={[{ required: true, message: '请选择类型' }]}>
          <Select options={Object.values(EventType).map((t) => ({ value: t, label: EVENT_TYPE_LABELS[t] }))} data-testid="event-type" />
        </Form.Item>
        <Form.Item name="title" label="活动名称" rules={[{ required: true, min: 2, message: '请填写活动名称' }]}>
          <Input data-testid="event-title" />
        </Form.Item>
        <Form.Item name="startsAt" label="时间" rules={[{ required: true, message: '请选择时间' }]}>
          <DatePicker showTime format="YYYY-MM-DD HH:mm" data-testid="event-starts-at" />
        </Form.Item>
        <Form.Item name="venue" label="地点" rules={[{ required: true, min: 2, message: '请填写地点' }]}>
          <Input data-testid="event-venue" />
        </Form.Item>
        <Form.Item name="description" label="说明">
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item name="invitedOrganizationIds" label="受邀机构">
          <InviteeSelect known={event?.invitees} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
