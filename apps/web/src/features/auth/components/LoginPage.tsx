import { useEffect } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Button, Flex, Form, Input } from 'antd';
import { LockOutlined, MailOutlined } from '@ant-design/icons';
import { errorMessage } from '../../../lib/errors';
import { applyFieldErrors } from '../../../lib/form-errors';
import type { LoginRequest } from '@zj/shared';
import { useAuth } from '../../../lib/auth-context';
import { useLogin } from '../hooks/use-auth-mutations';
import { AuthLayout } from './AuthLayout';

/** 登录. After success the public-only guard sends the user on to where they wanted to go. */
export default function LoginPage() {
  const { notice } = useAuth();
  const [form] = Form.useForm<LoginRequest>();
  const loginMutation = useLogin();

  useEffect(() => {
    document.title = '登录 - 湛江绿色金融对接平台';
  }, []);

  const onFinish = (values: LoginRequest) => {
    loginMutation.mutate(
      { email: values.email.trim(), password: values.password },
      { onError: (e) => applyFieldErrors(form, e) },
    );
  };

  return (
    <AuthLayout title="用户登录">
      {notice && !loginMutation.isError ? (
        <Alert type={notice.type} showIcon title={notice.text} className="zj-form-alert" data-testid="login-notice" />
      ) : null}
      {loginMutation.isError ? (
        <Alert
          type="error"
          showIcon
          title={errorMessage(loginMutation.error, '登录失败，请稍后重试')}
          className="zj-form-alert"
          data-testid="login-error"
        />
      ) : null}
      <Form<LoginRequest> form={form} layout="vertical" requiredMark={false} onFinish={onFinish} autoComplete="on">
        <Form.Item
          name="email"
          label="邮箱"
          rules={[
            { required: true, message: '请输入邮箱' },
            { type: 'email', message: '邮箱格式不正确' },
          ]}
        >
          <Input prefix={<MailOutlined />} placeholder="name@example.com" autoComplete="username" data-testid="login-email" />
        </Form.Item>
        <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
          <Input.Password prefix={<LockOutlined />} placeholder="请输入密码" autoComplete="current-password" data-testid="login-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={loginMutation.isPending} data-testid="login-submit">
          登录
        </Button>
      </Form>
      <Flex justify="space-between" className="zj-auth-links">
        <span>
          还没有账号？<Link to="/register" data-testid="link-register">企业注册</Link>
        </span>
        <span className="zj-muted">忘记密码请联系市金融工作局</span>
      </Flex>
    </AuthLayout>
  );
}
