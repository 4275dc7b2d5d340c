import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { AuthUser, LoginResponse } from '@zj/shared';
import { onPasswordChangeRequired, onSessionExpired } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';
import { tokenStore } from '../../../lib/token-store';
import { fetchMe, logout } from '../api/auth-api';
import { AuthContext, type AuthContextValue, type AuthNotice, type AuthStatus } from '../../../lib/auth-context';

const EXPIRED: AuthNotice = { type: 'warning', text: '登录已过期，请重新登录', returnToPage: true };

/**
 * Holds the session: tokens in the token store, the current user in the query cache (GET /me).
 * While the signed-in user must change the password, `passwordChangeScreen` (the profile feature's
 * form, composed by the app) is shown instead of the app.
 */
export function AuthProvider({ children, passwordChangeScreen }: { children: ReactNode; passwordChangeScreen: ReactNode }) {
  const queryClient = useQueryClient();
  const [hasSession, setHasSession] = useState(() => tokenStore.hasSession());
  const [notice, setNotice] = useState<AuthNotice | null>(null);

  const me = useQuery({
    queryKey: queryKeys.auth.me,
    queryFn: ({ signal }) => fetchMe(signal),
    enabled: hasSession,
    staleTime: 5 * 60_000,
    retry: false,
    meta: { silentError: true },
  });

  useEffect(
    () =>
      onSessionExpired(() => {
        queryClient.clear();
        setHasSession(false);
        setNotice(EXPIRED);
      }),
    [queryClient],
  );

  // The server says the password must be changed first (e.g. set so at a later start): ask who we are again.
  useEffect(() => onPasswordChangeRequired(() => void queryClient.invalidateQueries({ queryKey: queryKeys.auth.me })), [queryClient]);

  const signIn = useCallback(
    (response: LoginResponse) => {
      tokenStore.setTokens(response);
      queryClient.setQueryData(queryKeys.auth.me, response.user);
      setNotice(null);
      setHasSession(true);
    },
    [queryClient],
  );

  const signOut = useCallback(
    async (next?: AuthNotice) => {
      const refreshToken = tokenStore.getRefreshToken();
      if (refreshToken) await logout(refreshToken).catch(() => undefined);
      tokenStore.clear();
      queryClient.clear();
      setNotice(next ?? null);
      setHasSession(false);
    },
    [queryClient],
  );

  const setUser = useCallback((user: AuthUser) => queryClient.setQueryData(queryKeys.auth.me, user), [queryClient]);
  const { refetch } = me;
  const retry = useCallback(() => void refetch(), [refetch]);

  const status: AuthStatus = !hasSession ? 'anonymous' : me.data ? 'authenticated' : me.isError ? 'error' : 'loading';

  const value = useMemo<AuthContextValue>(
    () => ({ status, user: hasSession ? (me.data ?? null) : null, notice, signIn, signOut, setUser, retry }),
    [status, hasSession, me.data, notice, signIn, signOut, setUser, retry],
  );

  // Until a configured or published password is changed, nothing else of the app is shown (the API refuses it anyway).
  const holdForPasswordChange = status === 'authenticated' && me.data?.passwordChangeRequired === true;
  return <AuthContext.Provider value={value}>{holdForPasswordChange ? passwordChangeScreen : children}</AuthContext.Provider>;
}
