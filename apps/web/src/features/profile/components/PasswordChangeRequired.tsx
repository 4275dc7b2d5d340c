import { useEffect } from 'react';
import { Alert, Button, Flex } from 'antd';
import { ChangePasswordCard } from './ChangePasswordCard';
import { useAuth } from '../../../lib/auth-context';
import { AuthLayout } from '../../auth';

/**
 * Shown instead of the app while the signed-in user must change the password (one from the platform's
 * configuration or a published one): the server refuses everything else until then. After the change
 * the session ends and the login page asks for the new password.
 */
export function PasswordChangeRequired() {
  const { user, signOut } = useAuth();

  useEffect(() => {
    document.title = '修改初始密码 - 湛江绿色金融对接平台';
  }, []);

  return (
    <AuthLayout title="请先修改密码" width={520}>
      <Alert
        type="warning"
        showIcon
        className="zj-form-alert"
        data-testid="password-change-required"
        title={`${user?.email ?? '该账号'} 正在使用配置文件中设定的或已公开的密码，为保障平台安全，修改密码后才能使用其他功能。`}
      />
      <ChangePasswordCard />
      <Flex justify="flex-end" className="zj-auth-links">
        <Button type="link" onClick={() => void signOut()} data-testid="password-change-logout">
          退出登录
        </Button>
      </Flex>
    </AuthLayout>
  );
}
