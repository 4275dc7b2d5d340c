import { useMutation } from '@tanstack/react-query';
import { login, registerEnterprise, type LoginRequest, type RegisterEnterpriseRequest } from '../api/auth-api';
import { useAuth } from './auth-context';

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
