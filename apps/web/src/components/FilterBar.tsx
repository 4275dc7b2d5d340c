import { useEffect, type ReactNode } from 'react';
import { Button, Form, Space } from 'antd';
import { SearchOutlined } from '@ant-design/icons';

interface FilterBarProps<V extends object> {
  /** The filters currently applied (usually from the URL); the form follows them. */
  values: V;
  onSearch: (values: V) => void;
  onReset: () => void;
  children: ReactNode;
}

/** The filter row above a table: inline fields, 查询 and 重置. */
export function FilterBar<V extends object>({ values, onSearch, onReset, children }: FilterBarProps<V>) {
  const [form] = Form.useForm<V>();
  const signature = JSON.stringify(values);

  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(JSON.parse(signature) as Parameters<typeof form.setFieldsValue>[0]);
  }, [form, signature]);

  return (
    <Form<V> form={form} layout="inline" className="zj-filter-bar" onFinish={onSearch}>
      {children}
      <Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="filter-submit">
            查询
          </Button>
          <Button onClick={onReset} data-testid="filter-reset">
            重置
          </Button>
        </Space>
      </Form.Item>
    </Form>
  );
}
