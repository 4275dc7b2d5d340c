import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { fetchMe } from '../../auth';
import { useAuth } from '../../../lib/auth-context';
import type { ChangePasswordRequest, UpdateProfileRequest } from '@zj/shared';
import { changePassword, updateProfile } from '../api/profile-api';

/** GET /me, fetched afresh when the profile page opens (the header reads the same cache entry). */
export function useFreshMe() {
  return useQuery({ queryKey: queryKeys.auth.me, queryFn: ({ signal }) => fetchMe(signal), staleTime: 0, refetchOnMount: 'always' });
}

export function useUpdateProfile() {
  const { setUser } = useAuth();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateProfileRequest) => updateProfile(body),
    onSuccess: (user) => {
      if (user && typeof user === 'object' && 'id' in user) setUser(user);
      else void queryClient.invalidateQueries({ queryKey: queryKeys.auth.me });
    },
  });
}

/** After the change the server ends the sessions: the client forgets its tokens and shows the login page. */
export function useChangePassword() {
  const { signOut } = useAuth();
  return useMutation({
    mutationFn: (body: ChangePasswordRequest) => changePassword(body),
    onSuccess: () => signOut({ type: 'success', text: '密码已修改，请使用新密码重新登录' }),
  });
}
