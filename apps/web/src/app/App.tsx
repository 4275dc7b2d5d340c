import { useMemo, useState } from 'react';
import { RouterProvider } from 'react-router-dom';
import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { AuthProvider } from '../features/auth';
import { PasswordChangeRequired } from '../features/profile';
import { useReducedMotion } from '../lib/use-reduced-motion';
import { MessageBridge } from './MessageBridge';
import { createQueryClient } from './query-client';
import { createRouter } from './router';
import { theme } from './theme';

dayjs.locale('zh-cn');

/** Providers: antd (zh-CN, theme; no animations for users who ask for less motion), messages, TanStack Query, the session, the router. */
export function App() {
  const [queryClient] = useState(createQueryClient);
  const [router] = useState(createRouter);
  const reducedMotion = useReducedMotion();
  const themeConfig = useMemo(() => (reducedMotion ? { ...theme, token: { ...theme.token, motion: false } } : theme), [reducedMotion]);

  return (
    <ConfigProvider locale={zhCN} theme={themeConfig} form={{ scrollToFirstError: { block: 'center', focus: true } }}>
      <AntApp>
        <MessageBridge />
        <QueryClientProvider client={queryClient}>
          <AuthProvider passwordChangeScreen={<PasswordChangeRequired />}>
            <RouterProvider router={router} />
          </AuthProvider>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
