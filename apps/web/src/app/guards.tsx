import type { ReactNode } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { Button, Result } from 'antd';
import type { Role } from '@zj/shared';
import { FullPageSpin } from '../components/FullPageSpin';
import { useAuth } from '../lib/auth-context';
import { navItemForPath } from './navigation';
import { ForbiddenPage } from './pages/ForbiddenPage';

interface FromState {
  from?: string;
}

/** Signed-in only: others go to /login and come back after. */
export function RequireAuth() {
  const { status, retry, notice } = useAuth();
  const location = useLocation();
  if (status === 'loading') return <FullPageSpin />;
  if (status === 'error')
    return (
      <Result
        status="warning"
        title="无法连接服务器"
        subTitle="请检查网络连接后重试。"
        extra={
          <Button type="primary" onClick={retry}>
            重试
          </Button>
        }
      />
    );
  if (status === 'anonymous') {
    // After a deliberate logout the next user starts at the home page; otherwise come back here.
    const from = notice && !notice.returnToPage ? undefined : `${location.pathname}${location.search}`;
    return <Navigate to="/login" replace state={{ from } satisfies FromState} />;
  }
  return <Outlet />;
}

/** Login and registration: a signed-in user is sent on (back to where they were going). */
export function PublicOnly() {
  const { status, user } = useAuth();
  const location = useLocation();
  if (status === 'authenticated' && user) {
    const from = (location.state as FromState | null)?.from;
    const target = from && from.startsWith('/') ? from : '/';
    // Someone else may be signing in on this browser: only go back to a page of their role.
    const allowed = navItemForPath(target.split('?')[0])?.roles.includes(user.role) ?? true;
    return <Navigate to={allowed ? target : '/'} replace />;
  }
  if (status === 'loading') return <FullPageSpin />;
  return <Outlet />;
}

/** A page of some roles only: others see 403. */
export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const { user } = useAuth();
  if (!user || !roles.includes(user.role)) return <ForbiddenPage />;
  return <>{children}</>;
}
