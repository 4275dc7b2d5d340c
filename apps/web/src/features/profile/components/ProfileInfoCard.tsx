import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, Input } from 'antd';
import { ORG_TYPE_LABELS, ROLE_LABELS, TEXT_LIMITS, type UpdateProfileRequest } from '@zj/shared';
import { notifySuccess } from '../../../lib/errors';
import { handleFormError } from '../../../lib/form-errors';
import { counted, lengthRule } from '../../../lib/text-limits';
import { useCurrentUser } from '../../../lib/auth-context';
import { useUpdateProfile } from '../hooks/use-profile';

export function ProfileInfoCard() {
  const user = useCurrentUser();
  const [form] = Form.useForm<UpdateProfileRequest>();
  const update = useUpdateProfile();
  const [formError, setFormError] = useState<string | null>(null);

  const onFinish = (values: UpdateProfileRequest) => {
    setFormError(null);
    update.mutate(
      { displayName: values.displayName.trim() },
      {
        onSuccess: () => notifySuccess('个人资料已保存'),
        onError: (e) => setFormError(handleFormError(form, e)),
      },
    );
  };

  return (
    <Card title="基本信息" size="small">
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'email', label: '登录邮箱', children: <span data-testid="profile-email">{user.email}</span> },
          { key: 'org', label: '所属机构', children: <span data-testid="profile-org">{user.organization.name}</span> },
          { key: 'type', label: '机构类型', children: ORG_TYPE_LABELS[user.organization.type] },
          { key: 'role', label: '角色', children: <span data-testid="profile-role">{ROLE_LABELS[user.role]}</span> },
        ]}
      />
      {formError ? <Alert type="error" showIcon title={formError} className="zj-form-alert" /> : null}
      <Form<UpdateProfileRequest>
        form={form}
        layout="vertical"
        initialValues={{ displayName: user.displayName }}
        onFinish={onFinish}
        style={{ marginTop: 16, maxWidth: 420 }}
      >
        <Form.Item
          name="displayName"
          label="姓名"
          rules={[
            { required: true, whitespace: true, message: '请输入姓名' },
            lengthRule('姓名', TEXT_LIMITS.personName),
          ]}
        >
          <Input {...counted(TEXT_LIMITS.personName)} data-testid="profile-display-name" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={update.isPending} data-testid="profile-save">
          保存
        </Button>
      </Form>
    </Card>
  );
}
