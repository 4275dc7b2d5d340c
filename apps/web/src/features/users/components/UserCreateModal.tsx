import { useEffect, useState } from 'react';
import { Alert, Button, Form, Input, Modal, Select, Space } from 'antd';
import { PASSWORD_POLICY_TEXT, ROLE_LABELS, ROLES_BY_ORG_TYPE, passwordPolicyProblem, type OrganizationView, type Role, TEXT_LIMITS, type UserInput } from '@zj/shared';
import { notifySuccess } from '../../../lib/errors';
import { handleFormError } from '../../../lib/form-errors';
import { counted, lengthRule } from '../../../lib/text-limits';
import { testId } from '../../../lib/test-id';
import { OrganizationSelect } from '../../organizations';
import { useCreateUser } from '../hooks/use-users';
import { generatePassword } from './generate-password';

interface UserCreateModalProps {
  open: boolean;
  onClose: () => void;
}

/** 新建用户: the role offered follows the organisation's type (ROLES_BY_ORG_TYPE). */
export function UserCreateModal({ open, onClose }: UserCreateModalProps) {
  const [form] = Form.useForm<UserInput>();
  const create = useCreateUser();
  const [organization, setOrganization] = useState<OrganizationView | undefined>();
  const [formError, setFormError] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setOrganization(undefined);
    setFormError(null);
  }, [open, form]);

  const roles: readonly Role[] = organization ? ROLES_BY_ORG_TYPE[organization.type] : [];

  const onOrganization = (_id: string | undefined, org: OrganizationView | undefined) => {
    setOrganization(org);
    const allowed = org ? ROLES_BY_ORG_TYPE[org.type] : [];
    form.setFieldValue('role', allowed.length === 1 ? allowed[0] : undefined);
  };

  const onFinish = (values: UserInput) => {
    setFormError(null);
    create.mutate(
      { ...values, email: values.email.trim(), displayName: values.displayName.trim() },
      {
        onSuccess: () => {
          notifySuccess('用户已创建，请将初始密码告知本人');
          onClose();
        },
        onError: (e) => setFormError(handleFormError(form, e)),
      },
    );
  };

  return (
    <Modal
      open={open}
      title="新建用户"
      okText="创建"
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
      mask={{ closable: false }}
      forceRender
      okButtonProps={testId('user-form-submit')}
    >
      {formError ? <Alert type="error" showIcon title={formError} className="zj-form-alert" /> : null}
      <Form<UserInput> form={form} layout="vertical" onFinish={onFinish} data-testid="user-form">
        <Form.Item name="organizationId" label="所属机构" rules={[{ required: true, message: '请选择所属机构' }]}>
          <OrganizationSelect onChange={onOrganization} data-testid="user-form-organization" />
        </Form.Item>
        <Form.Item name="role" label="角色" rules={[{ required: true, message: '请选择角色' }]}>
          <Select
            options={roles.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
            placeholder={organization ? '请选择角色' : '请先选择所属机构'}
            disabled={!organization}
            data-testid="user-form-role"
          />
        </Form.Item>
        <Form.Item
          name="displayName"
          label="姓名"
          rules={[
            { required: true, whitespace: true, message: '请输入姓名' },
            lengthRule('姓名', TEXT_LIMITS.personName),
          ]}
        >
          <Input {...counted(TEXT_LIMITS.personName)} data-testid="user-form-display-name" />
        </Form.Item>
        <Form.Item
          name="email"
          label="登录邮箱"
          rules={[
            { required: true, message: '请输入邮箱' },
            { type: 'email', message: '邮箱格式不正确' },
          ]}
        >
          <Input autoComplete="off" data-testid="user-form-email" />
        </Form.Item>
        <Form.Item label="初始密码" required tooltip={PASSWORD_POLICY_TEXT}>
          <Space.Compact style={{ width: '100%' }}>
            <Form.Item
              name="password"
              noStyle
              rules={[
                { required: true, message: '请设置初始密码' },
                {
                  validator: (_, value: string) => {
                    const problem = value ? passwordPolicyProblem(value) : null;
                    return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
                  },
                },
              ]}
            >
              <Input autoComplete="new-password" className="zj-mono" data-testid="user-form-password" />
            </Form.Item>
            <Button onClick={() => form.setFieldValue('password', generatePassword())} data-testid="user-form-generate-password">
              随机生成
            </Button>
          </Space.Compact>
        </Form.Item>
      </Form>
    </Modal>
  );
}
