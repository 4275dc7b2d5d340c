import type { QueryParams } from './api-client';

/**
 * THE query-key table of the whole app. Every server-state query uses a key from here, so that
 * invalidation is predictable: `queryClient.invalidateQueries({ queryKey: queryKeys.users.all })`
 * refreshes every users list, whatever its filters.
 *
 * A later feature adds its own block, e.g.
 *   projects: { all: ['projects'] as const, list: (p: QueryParams) => ['projects', 'list', p] as const },
 */
export const queryKeys = {
  auth: {
    me: ['auth', 'me'] as const,
  },
  organizations: {
    all: ['organizations'] as const,
    list: (params: QueryParams) => ['organizations', 'list', params] as const,
    detail: (id: string) => ['organizations', 'detail', id] as const,
  },
  users: {
    all: ['users'] as const,
    list: (params: QueryParams) => ['users', 'list', params] as const,
  },
  auditLog: {
    all: ['audit-log'] as const,
    list: (params: QueryParams) => ['audit-log', 'list', params] as const,
    verify: ['audit-log', 'verify'] as const,
  },
  reference: {
    divisions: ['reference', 'divisions'] as const,
    taxonomies: {
      all: ['reference', 'taxonomies'] as const,
      tree: (version: string) => ['reference', 'taxonomies', version, 'tree'] as const,
    },
  },
} as const;
