import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Col, Form, Input, Modal, Row, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { NOTIFICATION_TYPE_LABELS, type NotificationLocale, type NotificationTemplateView, type NotificationType } from '@zj/shared';
import { ApiError } from '../../../lib/api-client';
import { useDebouncedValue } from '../../../lib/debounce';
import { errorMessage, notifyError } from '../../../lib/errors';
import { applyFieldErrors, validated } from '../../../lib/form-errors';
import { formatDateTime } from '../../../lib/format';
import { testId } from '../../../lib/test-id';
import { useResetTemplate, useSaveTemplate, useTemplatePreview, useTemplates } from '../hooks/use-notifications-admin';

const LOCALE_LABELS: Record<NotificationLocale, string> = { 'zh-CN': '中文', en: 'English' };
const SUBJECT_MAX = 300;
const BODY_MAX = 5000;

/** Every type's template per language: edit (with a live preview), reset to the built-in one. */
export function TemplatesPanel() {
  const templates = useTemplates();
  const reset = useResetTemplate();
  const { modal, message } = App.useApp();
  const [type, setType] = useState<NotificationType | undefined>();
  const [locale, setLocale] = useState<NotificationLocale | 'all'>('zh-CN');
  const [editing, setEditing] = useState<NotificationTemplateView | null>(null);
  const rows = (templates.data ?? []).filter((t) => (!type || t.type === type) && (locale === 'all' || t.locale === locale));
  const label = (t: NotificationTemplateView) => `“${NOTIFICATION_TYPE_LABELS[t.type] ?? t.type}”的${LOCALE_LABELS[t.locale]}模板`;

  const confirmReset = (t: NotificationTemplateView) =>
    modal.confirm({
      title: '恢复默认模板？',
      content: `${label(t)}将恢复为平台内置的文字，您修改的内容不再保留；此后发出的通知使用默认模板。`,
      okText: '恢复默认',
      cancelText: '取消',
      onOk: async () => {
        try {
          await reset.mutateAsync({ type: t.type, locale: t.locale });
          message.success(`${label(t)}已恢复默认`);
        } catch (e) {
          notifyError(e);
        }
      },
    });

  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="全部通知类型"
          aria-label="通知类型"
          style={{ width: 240 }}
          value={type}
          onChange={setType}
          options={[...new Set((templates.data ?? []).map((t) => t.type))].map((t) => ({ value: t, label: NOTIFICATION_TYPE_LABELS[t] ?? t }))}
        />
        <Segmented<NotificationLocale | 'all'>
          value={locale}
          onChange={setLocale}
          options={[
            { value: 'zh-CN', label: '中文' },
            { value: 'en', label: 'English' },
            { value: 'all', label: '全部语言' },
          ]}
        />
      </Space>
      <Table<NotificationTemplateView>
        rowKey={(t) => `${t.type}/${t.locale}`}
        size="small"
        loading={templates.isLoading}
        dataSource={rows}
        data-testid="templates"
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: '通知类型', dataIndex: 'type', render: (t: NotificationType) => NOTIFICATION_TYPE_LABELS[t] ?? t },
          { title: '语言', dataIndex: 'locale', render: (l: NotificationLocale) => LOCALE_LABELS[l] },
          { title: '标题', dataIndex: 'subject', render: (s: string) => <Typography.Text style={{ maxWidth: 360 }} ellipsis={{ tooltip: s }}>{s}</Typography.Text> },
          { title: '来源', dataIndex: 'custom', render: (c: boolean, t) => (c ? <Tag color="gold">已修改 {formatDateTime(t.updatedAt)}</Tag> : <Tag>默认</Tag>) },
          {
            title: '操作',
            key: 'actions',
            render: (_: unknown, t) => (
              <Space>
                <Button size="small" onClick={() => setEditing(t)} aria-label={`编辑${label(t)}`}>
                  编辑
                </Button>
                {t.custom ? (
                  <Button size="small" onClick={() => confirmReset(t)} aria-label={`恢复${label(t)}为默认`}>
                    恢复默认
                  </Button>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      {editing ? <TemplateEditor template={editing} onClose={() => setEditing(null)} /> : null}
    </>
  );
}

interface TemplateValues {
  subject: string;
  body: string;
}

/** The editor: title and body on the left, the notice as it would read (sample data) on the right. */
function TemplateEditor({ template, onClose }: { template: NotificationTemplateView; onClose: () => void }) {
  const [form] = Form.useForm<TemplateValues>();
  const save = useSaveTemplate();
  const { message } = App.useApp();
  const [formError, setFormError] = useState<string | null>(null);
  const subject = Form.useWatch('subject', form) ?? template.subject;
  const body = Form.useWatch('body', form) ?? template.body;
  const draft = useDebouncedValue(useMemo(() => ({ subject, body }), [subject, body]), 400);
  const preview = useTemplatePreview(template.type, template.locale, draft);
  const typeLabel = NOTIFICATION_TYPE_LABELS[template.type] ?? template.type;

  const submit = async () => {
    setFormError(null);
    const values = await validated(form);
    if (!values) return;
    try {
      await save.mutateAsync({ type: template.type, locale: template.locale, text: values });
      message.success(`“${typeLabel}”的${LOCALE_LABELS[template.locale]}模板已保存，此后发出的通知使用新模板`);
      onClose();
    } catch (e) {
      applyFieldErrors(form, e);
      setFormError(e instanceof ApiError ? e.message : errorMessage(e));
    }
  };

  const problems = preview.data?.problems ?? [];
  return (
    <Modal
      open
      title={`编辑模板：${typeLabel}（${LOCALE_LABELS[template.locale]}）`}
      width={1000}
      onCancel={onClose}
      onOk={() => void submit()}
      okText="保存模板"
      cancelText="取消"
      confirmLoading={save.isPending}
      okButtonProps={testId('template-save')}
      destroyOnHidden
    >
      <Row gutter={24}>
        <Col xs={24} md={12}>
          {formError ? <Alert type="error" showIcon title={formError} style={{ marginBottom: 12 }} data-testid="template-error" /> : null}
          <Form form={form} layout="vertical" initialValues={{ subject: template.subject, body: template.body }}>
            <Form.Item name="subject" label="标题" rules={[{ required: true, whitespace: true, message: '请填写标题' }, { max: SUBJECT_MAX, message: `标题最多${SUBJECT_MAX}个字` }]}>
              <Input showCount maxLength={SUBJECT_MAX} />
            </Form.Item>
            <Form.Item name="body" label="正文" rules={[{ required: true, whitespace: true, message: '请填写正文' }, { max: BODY_MAX, message: `正文最多${BODY_MAX}个字` }]}>
              <Input.TextArea rows={8} showCount maxLength={BODY_MAX} />
            </Form.Item>
          </Form>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            可用变量（写作 {'{{变量名}}'}）：
            {template.variables.map((v) => (
              <Tag key={v} style={{ marginTop: 4 }}>{`{{${v}}}`}</Tag>
            ))}
          </Typography.Paragraph>
        </Col>
        <Col xs={24} md={12}>
          <Card size="small" title="预览（示例数据）" loading={!preview.data && preview.isFetching} data-testid="template-preview">
            {problems.length ? (
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 12 }}
                title="保存时将被拒绝"
                description={problems.map((p) => (
                  <div key={p.field}>
                    {p.field === 'subject' ? '标题' : '正文'}：{p.messages.join('；')}
                  </div>
                ))}
              />
            ) : null}
            {preview.isError ? <Alert type="error" showIcon title={errorMessage(preview.error)} /> : null}
            {preview.data ? (
              <>
                <Typography.Title level={5} style={{ marginTop: 0 }} data-testid="template-preview-subject">
                  {preview.data.subject}
                </Typography.Title>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }} data-testid="template-preview-body">
                  {preview.data.text}
                </Typography.Paragraph>
              </>
            ) : null}
          </Card>
        </Col>
      </Row>
    </Modal>
  );
}
