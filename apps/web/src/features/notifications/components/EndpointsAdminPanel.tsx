import { useState } from 'react';
import { Alert, App, Button, Form, Input, Modal, Select, Space, Switch, Tag, Typography } from 'antd';
import {
  ENDPOINT_CHANNELS,
  NOTIFICATION_CHANNEL_LABELS,
  NOTIFICATION_TYPE_LABELS,
  NotificationChannel,
  type AdminEndpointView,
  type EndpointChannel,
  type NotificationType,
} from '@zj/shared';
import { DataTable } from '../../../components/DataTable';
import { useDebouncedValue } from '../../../lib/debounce';
import { notifyError } from '../../../lib/errors';
import { handleFormError, validated } from '../../../lib/form-errors';
import { formatDateTime } from '../../../lib/format';
import { testId } from '../../../lib/test-id';
import { OrganizationSelect } from '../../organizations';
import { useAdminEndpoints, useCreateEndpoint, useRemoveEndpoint, useTemplates, useUpdateEndpoint } from '../hooks/use-notifications-admin';

const PAGE_SIZE = 20;
const URL_MAX = 500;
const NAME_MAX = 100;

/** The types an endpoint may subscribe to (those also sent to organisations' systems), from the template registry. */
function useEndpointTypes(): NotificationType[] {
  const templates = useTemplates();
  return [...new Set((templates.data ?? []).filter((t) => t.toEndpoints).map((t) => t.type))];
}

/** A webhook's secret, shown once: the bureau passes it on to the organisation. */
function showSecret(modal: ReturnType<typeof App.useApp>['modal'], e: AdminEndpointView) {
  if (!e.secret) return;
  modal.info({
    title: '请把签名密钥交给该机构',
    width: 560,
    content: (
      <div>
        <p>
          {e.organizationName}的“{e.name}”用此密钥验证推送的签名（X-Zj-Signature）。密钥只显示这一次，关闭后无法再查看。
        </p>
        <Typography.Paragraph copyable code data-testid="endpoint-secret">
          {e.secret}
        </Typography.Paragraph>
      </div>
    ),
    okText: '已记下',
  });
}

/** Every organisation's 企业微信 robots and webhooks: the bureau sees and manages them. */
export function EndpointsAdminPanel() {
  const [organizationId, setOrganizationId] = useState<string | undefined>();
  const [channel, setChannel] = useState<EndpointChannel | undefined>();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim());
  const [page, setPage] = useState(1);
  const list = useAdminEndpoints({ organizationId, channel, q: q || undefined, page, pageSize: PAGE_SIZE });
  const update = useUpdateEndpoint();
  const remove = useRemoveEndpoint();
  const { modal, message } = App.useApp();
  const [editing, setEditing] = useState<AdminEndpointView | null | undefined>(undefined);

  const setEnabled = async (e: AdminEndpointView, enabled: boolean) => {
    try {
      await update.mutateAsync({ id: e.id, body: { version: e.version, enabled } });
      message.success(enabled ? `已启用，${e.organizationName}的“${e.name}”将收到推送` : `已停用，${e.organizationName}的“${e.name}”不再收到推送`);
    } catch (err) {
      notifyError(err);
    }
  };

  const confirmRotate = (e: AdminEndpointView) =>
    modal.confirm({
      title: '更换签名密钥？',
      content: `${e.organizationName}的“${e.name}”的旧密钥立即失效，该机构系统须改用新密钥验签，否则会拒收推送。新密钥只显示一次。`,
      okText: '更换密钥',
      cancelText: '取消',
      onOk: async () => {
        try {
          showSecret(modal, await update.mutateAsync({ id: e.id, body: { version: e.version, rotateSecret: true } }));
        } catch (err) {
          notifyError(err);
        }
      },
    });

  const confirmRemove = (e: AdminEndpointView) =>
    modal.confirm({
      title: '删除推送地址？',
      content: `${e.organizationName}的“${e.name}”（${NOTIFICATION_CHANNEL_LABELS[e.channel]}）将不再收到任何推送；已发出的记录保留。`,
      okText: '删除',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        try {
          await remove.mutateAsync(e.id);
          message.success(`已删除${e.organizationName}的“${e.name}”`);
        } catch (err) {
          notifyError(err);
        }
      },
    });

  return (
    <>
      <Space wrap style={{ marginBottom: 12, width: '100%', justifyContent: 'space-between' }}>
        <Space wrap>
          <OrganizationSelect allowClear aria-label="机构" style={{ width: 260 }} placeholder="全部机构" value={organizationId} onChange={(id) => { setOrganizationId(id); setPage(1); }} />
          <Select
            allowClear
            aria-label="类型"
            placeholder="全部类型"
            style={{ width: 200 }}
            value={channel}
            onChange={(v) => { setChannel(v); setPage(1); }}
            options={ENDPOINT_CHANNELS.map((c) => ({ value: c, label: NOTIFICATION_CHANNEL_LABELS[c] }))}
          />
          <Input.Search allowClear aria-label="查找推送地址" placeholder="名称、地址或机构" style={{ width: 220 }} onChange={(e) => { setSearch(e.target.value); setPage(1); }} />
        </Space>
        <Button type="primary" onClick={() => setEditing(null)}>
          新增推送地址
        </Button>
      </Space>
      <DataTable<AdminEndpointView>
        data={list.data}
        loading={list.isLoading}
        page={page}
        pageSize={PAGE_SIZE}
        onPageChange={setPage}
        sizeChanger={false}
        unit="个"
        data-testid="admin-endpoints"
        locale={{ emptyText: '暂无推送地址' }}
        columns={[
          { title: '机构', dataIndex: 'organizationName' },
          { title: '类型', dataIndex: 'channel', render: (c: EndpointChannel) => NOTIFICATION_CHANNEL_LABELS[c] },
          { title: '名称', dataIndex: 'name' },
          { title: '地址', dataIndex: 'url', render: (u: string) => <Typography.Text style={{ maxWidth: 280 }} ellipsis={{ tooltip: u }}>{u}</Typography.Text> },
          {
            title: '推送的通知',
            dataIndex: 'types',
            render: (types: NotificationType[] | null) => (types?.length ? types.map((t) => <Tag key={t}>{NOTIFICATION_TYPE_LABELS[t] ?? t}</Tag>) : '全部'),
          },
          {
            title: '启用',
            dataIndex: 'enabled',
            render: (v: boolean, e) => <Switch size="small" checked={v} aria-label={`启用${e.organizationName}的“${e.name}”`} onChange={(on) => void setEnabled(e, on)} />,
          },
          { title: '创建时间', dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
          {
            title: '操作',
            key: 'actions',
            render: (_: unknown, e) => (
              <Space>
                <Button size="small" onClick={() => setEditing(e)}>
                  修改
                </Button>
                {e.channel === NotificationChannel.WEBHOOK ? (
                  <Button size="small" onClick={() => confirmRotate(e)}>
                    更换密钥
                  </Button>
                ) : null}
                <Button size="small" danger onClick={() => confirmRemove(e)}>
                  删除
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {editing !== undefined ? <EndpointFormModal endpoint={editing} onClose={() => setEditing(undefined)} onCreated={(e) => showSecret(modal, e)} /> : null}
    </>
  );
}

interface EndpointValues {
  organizationId: string;
  channel: EndpointChannel;
  name: string;
  url: string;
  types: NotificationType[];
}

/** Adds an endpoint for an organisation, or changes one (name, address, types). */
function EndpointFormModal({ endpoint, onClose, onCreated }: { endpoint: AdminEndpointView | null; onClose: () => void; onCreated: (e: AdminEndpointView) => void }) {
  const [form] = Form.useForm<EndpointValues>();
  const create = useCreateEndpoint();
  const update = useUpdateEndpoint();
  const types = useEndpointTypes();
  const { message } = App.useApp();
  const [formError, setFormError] = useState<string | null>(null);
  const channel = Form.useWatch('channel', form);

  const submit = async () => {
    setFormError(null);
    const v = await validated(form);
    if (!v) return;
    try {
      if (endpoint) {
        await update.mutateAsync({ id: endpoint.id, body: { version: endpoint.version, name: v.name, url: v.url, types: v.types?.length ? v.types : null } });
        message.success(`已保存${endpoint.organizationName}的“${v.name}”`);
      } else {
        const created = await create.mutateAsync({ organizationId: v.organizationId, body: { channel: v.channel, name: v.name, url: v.url, types: v.types?.length ? v.types : null } });
        message.success(`已为${created.organizationName}新增“${created.name}”，此后该机构的通知也推送到此地址`);
        onCreated(created);
      }
      onClose();
    } catch (e) {
      setFormError(handleFormError(form, e));
    }
  };

  return (
    <Modal
      open
      title={endpoint ? `修改推送地址：${endpoint.organizationName}` : '新增推送地址'}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={endpoint ? '保存' : '新增'}
      cancelText="取消"
      confirmLoading={create.isPending || update.isPending}
      okButtonProps={testId('endpoint-save')}
      destroyOnHidden
    >
      {formError ? <Alert type="error" showIcon title={formError} style={{ marginBottom: 12 }} /> : null}
      <Form
        form={form}
        layout="vertical"
        initialValues={endpoint ? { name: endpoint.name, url: endpoint.url, types: endpoint.types ?? [], channel: endpoint.channel } : { channel: NotificationChannel.WECOM, types: [] }}
      >
        {endpoint ? null : (
          <Form.Item name="organizationId" label="机构" rules={[{ required: true, message: '请选择机构' }]}>
            <OrganizationSelect />
          </Form.Item>
        )}
        <Form.Item name="channel" label="类型" rules={[{ required: true, message: '请选择类型' }]}>
          <Select disabled={!!endpoint} options={ENDPOINT_CHANNELS.map((c) => ({ value: c, label: NOTIFICATION_CHANNEL_LABELS[c] }))} />
        </Form.Item>
        <Form.Item name="name" label="名称" rules={[{ required: true, whitespace: true, message: '请填写名称' }, { max: NAME_MAX, message: `名称应为1至${NAME_MAX}个字` }]}>
          <Input showCount maxLength={NAME_MAX} placeholder="如：信贷部工作群" />
        </Form.Item>
        <Form.Item
          name="url"
          label="地址"
          extra={channel === NotificationChannel.WECOM ? '企业微信群机器人的 Webhook 地址（https://qyapi.weixin.qq.com/…）' : '该机构系统接收推送的 http(s) 地址；不能是本机、内网或保留地址'}
          rules={[{ required: true, message: '请输入 http(s) 地址' }, { type: 'url', message: '请输入 http(s) 地址' }, { max: URL_MAX, message: `地址应为1至${URL_MAX}个字符` }]}
        >
          <Input maxLength={URL_MAX} />
        </Form.Item>
        <Form.Item name="types" label="推送的通知类型" extra="不选为该机构收到的全部通知">
          <Select mode="multiple" allowClear options={types.map((t) => ({ value: t, label: NOTIFICATION_TYPE_LABELS[t] ?? t }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
