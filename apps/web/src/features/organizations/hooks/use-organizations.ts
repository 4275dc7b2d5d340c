import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { createOrganization, getOrganization, listOrganizations, updateOrganization } from '../api/organizations-api';
import type { OrganizationInput, OrganizationListParams, OrganizationUpdateInput } from '@zj/shared';

export function useOrganizations(params: OrganizationListParams, enabled = true) {
  return useQuery({
    queryKey: queryKeys.organizations.list({ ...params }),
    queryFn: ({ signal }) => listOrganizations(params, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useOrganization(id: string | undefined, enabled = true) {
  return useQuery({
    queryKey: queryKeys.organizations.detail(id ?? ''),
    queryFn: ({ signal }) => getOrganization(id ?? '', signal),
    enabled: enabled && Boolean(id),
    staleTime: 5 * 60_000,
  });
}

export function useCreateOrganization() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: OrganizationInput) => createOrganization(body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.organizations.all }),
  });
}

export function useUpdateOrganization() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: OrganizationUpdateInput }) => updateOrganization(id, body),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.organizations.all }),
        // A renamed organisation shows under its new name in user lists and in the header.
        queryClient.invalidateQueries({ queryKey: queryKeys.users.all }),
        queryClient.invalidateQueries({ queryKey: queryKeys.auth.me }),
      ]),
  });
}
