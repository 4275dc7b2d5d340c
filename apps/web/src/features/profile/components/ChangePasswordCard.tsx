import { useState } from 'react';
import { Alert, Button, Card, Form, Input } from 'antd';
import { type ChangePasswordRequest, PASSWORD_POLICY_TEXT, passwordPolicyProblem } from '@zj/shared';
import { handleFormError } from '../../../lib/form-errors';
import { useChangePassword } from '../hooks/use-profile';

type ChangePasswordForm = ChangePasswordRequest & { confirmPassword: string };

/** 修改密码: on success the session ends and the login page asks for the new password. */
export function ChangePasswordCard() {
  const [form] = Form.useForm<ChangePasswordForm>();
  const change = useChangePassword();
  const [formError, setFormError] = useState<string | null>(null);

  const onFinish = ({ currentPassword, newPassword }: ChangePasswordForm) => {
    setFormError(null);
    change.mutate({ currentPassword, newPassword }, { onError: (e) => setFormError(handleFormError(form, e)) });
  };

  return (
    <Card title="修改密码" size="small">
      <Alert type="info" showIcon title={`${PASSWORD_POLICY_TEXT}。修改成功后需重新登录。`} className="zj-form-alert" />
      {formError ? <Alert type="error" showIcon title={formError} className="zj-form-alert" data-testid="password-error" /> : null}
      <Form<ChangePasswordForm> form={form} layout="vertical" onFinish={onFinish} style={{ maxWidth: 420 }}>
        <Form.Item name="currentPassword" label="当前密码" rules={[{ required: true, message: '请输入当前密码' }]}>
          <Input.Password autoComplete="current-password" data-testid="password-current" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label="新密码"
          dependencies={['currentPassword']}
          rules={[
            { required: true, message: '请输入新密码' },
            ({ getFieldValue }) => ({
              validator: (_, value: string) => {
                if (!value) return Promise.resolve();
                const problem = passwordPolicyProblem(value);
                if (problem) return Promise.reject(new Error(problem));
                if (value === getFieldValue('currentPassword')) return Promise.reject(new Error('新密码不能与当前密码相同'));
                return Promise.resolve();
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="password-new" />
        </Form.Item>
        <Form.Item
          name="confirmPassword"
          label="确认新密码"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: '请再次输入新密码' },
            ({ getFieldValue }) => ({
              validator: (_, value: string) =>
                !value || value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error('两次输入的密码不一致')),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="password-confirm" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={change.isPending} data-testid="password-submit">
          修改密码
        </Button>
      </Form>
    </Card>
  );
}
