import { useMutation } from '@tanstack/react-query';
import type { LoginRequest, RegisterEnterpriseRequest } from '@zj/shared';
import { login, registerEnterprise } from '../api/auth-api';
import { useAuth } from '../../../lib/auth-context';

export function useLogin() {
  const { signIn } = useAuth();
  return useMutation({
    mutationFn: (body: LoginRequest) => login(body),
    onSuccess: signIn,
  });
}

export function useRegisterEnterprise() {
  const { signIn } = useAuth();
  return useMutation({
    mutationFn: (body: RegisterEnterpriseRequest) => registerEnterprise(body),
    onSuccess: signIn,
  });
}
