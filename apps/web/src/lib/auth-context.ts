import { createContext, useContext } from 'react';
import type { AuthUser, LoginResponse } from '@zj/shared';

export type AuthStatus = 'loading' | 'authenticated' | 'anonymous' | 'error';

/** A line for the login page: why the user is there (session expired, password changed …). */
export interface AuthNotice {
  type: 'info' | 'success' | 'warning';
  text: string;
  /** After signing in again, go back to the page the user was on (true when the session expired). */
  returnToPage?: boolean;
}

export interface AuthContextValue {
  status: AuthStatus;
  user: AuthUser | null;
  notice: AuthNotice | null;
  /** Stores the tokens of a login/registration answer and enters the app. */
  signIn: (response: LoginResponse) => void;
  /** Revokes the refresh token on the server (best effort) and forgets the session. */
  signOut: (notice?: AuthNotice) => Promise<void>;
  /** Replaces the cached current user (after PATCH /me). */
  setUser: (user: AuthUser) => void;
  retry: () => void;
}

export const AuthContext = createContext<AuthContextValue | null>(null);

export function useAuth(): AuthContextValue {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth must be used inside <AuthProvider>');
  return ctx;
}

/** The signed-in user; only for components rendered behind <RequireAuth>. */
export function useCurrentUser(): AuthUser {
  const { user } = useAuth();
  if (!user) throw new Error('useCurrentUser used outside an authenticated route');
  return user;
}
