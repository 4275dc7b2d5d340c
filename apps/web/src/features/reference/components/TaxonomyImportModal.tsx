import { useEffect, useState } from 'react';
import { Alert, Button, DatePicker, Form, Input, Modal, Table, Upload, type UploadFile } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { ApiError } from '../../../lib/api-client';
import { notifySuccess } from '../../../lib/errors';
import { handleFormError } from '../../../lib/form-errors';
import { testId } from '../../../lib/test-id';
import type { ImportLineError, TaxonomySummary } from '@zj/shared';
import { useImportTaxonomy } from '../hooks/use-taxonomies';

interface ImportFormValues {
  version: string;
  name: string;
  effectiveFrom?: Dayjs | null;
  file: UploadFile[];
}

interface TaxonomyImportModalProps {
  open: boolean;
  onClose: () => void;
  onImported: (taxonomy: TaxonomySummary | undefined, version: string) => void;
}

const CSV_HEADER = 'level1_code,level1_name,level2_code,level2_name,level3_code,level3_name,description,standards';

/** 导入分类标准 (BUREAU): a CSV of a new catalogue version; rejected lines are listed. */
export function TaxonomyImportModal({ open, onClose, onImported }: TaxonomyImportModalProps) {
  const [form] = Form.useForm<ImportFormValues>();
  const importMutation = useImportTaxonomy();
  const [lineErrors, setLineErrors] = useState<ImportLineError[]>([]);
  const [formError, setFormError] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setLineErrors([]);
    setFormError(null);
  }, [open, form]);

  const onFinish = (values: ImportFormValues) => {
    const file = values.file?.[0]?.originFileObj;
    if (!file) return;
    setLineErrors([]);
    setFormError(null);
    const version = values.version.trim().toUpperCase();
    importMutation.mutate(
      { version, name: values.name.trim(), effectiveFrom: values.effectiveFrom?.format('YYYY-MM-DD'), file },
      {
        onSuccess: (taxonomy) => {
          notifySuccess('分类标准已导入');
          onImported(taxonomy, version);
          onClose();
        },
        onError: (e) => {
          const lines = e instanceof ApiError ? e.lineErrors : [];
          setLineErrors(lines);
          const message = handleFormError(form, e);
          setFormError(lines.length ? `文件中有 ${lines.length} 处问题，未导入任何数据，请修改后重新上传。` : message);
        },
      },
    );
  };

  return (
    <Modal
      open={open}
      title="导入分类标准"
      okText="导入"
      width={640}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={importMutation.isPending}
      mask={{ closable: false }}
      forceRender
      okButtonProps={testId('taxonomy-import-submit')}
    >
      <Alert
        type="info"
        showIcon
        className="zj-form-alert"
        title="CSV 文件（UTF-8 编码），首行为表头："
        description={<code style={{ wordBreak: 'break-all' }}>{CSV_HEADER}</code>}
      />
      {formError ? <Alert type="error" showIcon title={formError} className="zj-form-alert" data-testid="taxonomy-import-error" /> : null}
      {lineErrors.length ? (
        <Table<ImportLineError>
          size="small"
          rowKey={(r) => `${r.line}:${r.message}`}
          dataSource={lineErrors}
          pagination={lineErrors.length > 10 ? { pageSize: 10, size: 'small' } : false}
          columns={[
            { title: '行号', dataIndex: 'line', width: 80 },
            { title: '问题', dataIndex: 'message' },
          ]}
          style={{ marginBottom: 16 }}
          data-testid="taxonomy-import-errors"
        />
      ) : null}
      <Form<ImportFormValues> form={form} layout="vertical" onFinish={onFinish} data-testid="taxonomy-import-form">
        <Form.Item
          name="version"
          label="版本代码"
          rules={[
            { required: true, whitespace: true, message: '请输入版本代码' },
            { pattern: /^[A-Za-z0-9][A-Za-z0-9-]{1,39}$/, message: '版本代码只能包含字母、数字和连字符（2至40位）' },
          ]}
          extra="如 GFC-2025；保存为大写，导入后不可修改"
        >
          <Input data-testid="taxonomy-import-version" />
        </Form.Item>
        <Form.Item
          name="name"
          label="名称"
          rules={[
            { required: true, whitespace: true, message: '请输入名称' },
            { min: 2, max: 200, message: '名称应为2至200字' },
          ]}
        >
          <Input placeholder="如：绿色金融支持项目目录（2025年版）" data-testid="taxonomy-import-name" />
        </Form.Item>
        <Form.Item name="effectiveFrom" label="施行日期">
          <DatePicker style={{ width: '100%' }} data-testid="taxonomy-import-effective-from" />
        </Form.Item>
        <Form.Item
          name="file"
          label="CSV 文件"
          valuePropName="fileList"
          getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList.slice(-1)}
          rules={[{ required: true, message: '请选择要导入的 CSV 文件' }]}
        >
          <Upload accept=".csv,text/csv" maxCount={1} beforeUpload={() => false} data-testid="taxonomy-import-file">
            <Button icon={<UploadOutlined />}>选择文件</Button>
          </Upload>
        </Form.Item>
      </Form>
    </Modal>
  );
}
