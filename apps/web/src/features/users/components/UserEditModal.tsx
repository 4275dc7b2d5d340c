import { useEffect, useState } from 'react';
import { Alert, Form, Input, Modal } from 'antd';
import { TEXT_LIMITS, type UserSummary } from '@zj/shared';
import { notifySuccess } from '../../../lib/errors';
import { handleFormError } from '../../../lib/form-errors';
import { counted, lengthRule } from '../../../lib/text-limits';
import { testId } from '../../../lib/test-id';
import { useUpdateUser } from '../hooks/use-users';

interface UserEditModalProps {
  user: UserSummary | null;
  onClose: () => void;
}

/** 编辑用户: the name (status has its own buttons in the table). */
export function UserEditModal({ user, onClose }: UserEditModalProps) {
  const [form] = Form.useForm<{ displayName: string }>();
  const update = useUpdateUser();
  const [formError, setFormError] = useState<string | null>(null);

  useEffect(() => {
    if (!user) return;
    setFormError(null);
    form.setFieldsValue({ displayName: user.displayName });
  }, [user, form]);

  const onFinish = ({ displayName }: { displayName: string }) => {
    if (!user) return;
    update.mutate(
      { id: user.id, body: { displayName: displayName.trim() } },
      {
        onSuccess: () => {
          notifySuccess('用户信息已保存');
          onClose();
        },
        onError: (e) => setFormError(handleFormError(form, e)),
      },
    );
  };

  return (
    <Modal
      open={user !== null}
      title={`编辑用户：${user?.email ?? ''}`}
      okText="保存"
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={update.isPending}
      mask={{ closable: false }}
      forceRender
      okButtonProps={testId('user-edit-submit')}
    >
      {formError ? <Alert type="error" showIcon title={formError} className="zj-form-alert" /> : null}
      <Form form={form} layout="vertical" onFinish={onFinish}>
        <Form.Item
          name="displayName"
          label="姓名"
          rules={[
            { required: true, whitespace: true, message: '请输入姓名' },
            lengthRule('姓名', TEXT_LIMITS.personName),
          ]}
        >
          <Input {...counted(TEXT_LIMITS.personName)} data-testid="user-edit-display-name" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
