import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Button, Col, Divider, Form, Input, Row } from 'antd';
import { CREDIT_CODE_PROBLEM_MESSAGES, PASSWORD_POLICY_TEXT, creditCodeProblem, passwordPolicyProblem, type RegisterEnterpriseRequest, TEXT_LIMITS } from '@zj/shared';
import { handleFormError } from '../../../lib/form-errors';
import { counted, lengthRule } from '../../../lib/text-limits';
import { DivisionSelect } from '../../reference';
import { useRegisterEnterprise } from '../hooks/use-auth-mutations';
import { AuthLayout } from './AuthLayout';

type RegisterForm = RegisterEnterpriseRequest & { confirmPassword: string };

/** 企业注册: an enterprise registers itself and its first user; the answer signs it in. */
export default function RegisterEnterprisePage() {
  const [form] = Form.useForm<RegisterForm>();
  const register = useRegisterEnterprise();
  const [formError, setFormError] = useState<string | null>(null);

  useEffect(() => {
    document.title = '企业注册 - 湛江绿色金融对接平台';
  }, []);

  const onFinish = ({ confirmPassword: _confirm, ...values }: RegisterForm) => {
    setFormError(null);
    register.mutate(
      {
        ...values,
        email: values.email.trim(),
        displayName: values.displayName.trim(),
        enterpriseName: values.enterpriseName.trim(),
        creditCode: values.creditCode.trim().toUpperCase(),
      },
      { onError: (e) => setFormError(handleFormError(form, e)) },
    );
  };

  return (
    <AuthLayout title="企业注册" width={640}>
      {formError ? <Alert type="error" showIcon title={formError} className="zj-form-alert" data-testid="register-error" /> : null}
      <Form<RegisterForm> form={form} layout="vertical" onFinish={onFinish} scrollToFirstError>
        <Divider titlePlacement="start" plain>
          企业信息
        </Divider>
        <Row gutter={16}>
          <Col xs={24} md={24}>
            <Form.Item name="enterpriseName" label="企业名称" rules={[{ required: true, whitespace: true, message: '请输入企业名称' }, lengthRule('企业名称', TEXT_LIMITS.organizationName)]}>
              <Input placeholder="与营业执照一致" {...counted(TEXT_LIMITS.organizationName)} data-testid="register-enterprise-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="creditCode"
              label="统一社会信用代码"
              validateFirst
              rules={[
                { required: true, message: '请输入统一社会信用代码' },
                {
                  validator: (_, value: string) => {
                    const problem = creditCodeProblem(value ?? '');
                    return problem ? Promise.reject(new Error(CREDIT_CODE_PROBLEM_MESSAGES[problem])) : Promise.resolve();
                  },
                },
              ]}
            >
              <Input placeholder="18位代码" maxLength={20} data-testid="register-credit-code" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="divisionCode" label="所在区县" rules={[{ required: true, message: '请选择所在区县' }]}>
              <DivisionSelect data-testid="register-division" />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start" plain>
          账号信息
        </Divider>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="displayName" label="联系人姓名" rules={[{ required: true, whitespace: true, message: '请输入联系人姓名' }, lengthRule('联系人姓名', TEXT_LIMITS.personName)]}>
              <Input {...counted(TEXT_LIMITS.personName)} data-testid="register-display-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="email"
              label="登录邮箱"
              rules={[
                { required: true, message: '请输入邮箱' },
                { type: 'email', message: '邮箱格式不正确' },
              ]}
            >
              <Input autoComplete="username" data-testid="register-email" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="password"
              label="密码"
              tooltip={PASSWORD_POLICY_TEXT}
              rules={[
                { required: true, message: '请设置密码' },
                {
                  validator: (_, value: string) => {
                    const problem = value ? passwordPolicyProblem(value) : null;
                    return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
                  },
                },
              ]}
            >
              <Input.Password autoComplete="new-password" data-testid="register-password" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="confirmPassword"
              label="确认密码"
              dependencies={['password']}
              rules={[
                { required: true, message: '请再次输入密码' },
                ({ getFieldValue }) => ({
                  validator: (_, value: string) =>
                    !value || value === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error('两次输入的密码不一致')),
                }),
              ]}
            >
              <Input.Password autoComplete="new-password" data-testid="register-password-confirm" />
            </Form.Item>
          </Col>
        </Row>
        <Button type="primary" htmlType="submit" block loading={register.isPending} data-testid="register-submit">
          注册并登录
        </Button>
      </Form>
      <div className="zj-auth-links">
        已有账号？<Link to="/login" data-testid="link-login">返回登录</Link>
      </div>
    </AuthLayout>
  );
}
