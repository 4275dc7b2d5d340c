import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from '../lib/api-client';
import { notifyError } from '../lib/errors';

declare module '@tanstack/react-query' {
  interface Register {
    queryMeta: {
      /** The component shows this query's error itself; no global message. */
      silentError?: boolean;
    };
    mutationMeta: {
      /** Show a message for any error of this mutation (forms usually handle errors themselves). */
      notifyError?: boolean;
    };
  }
}

/** Errors that a retry cannot cure: every 4xx answer. */
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        if (!query.meta?.silentError) notifyError(error, '数据加载失败，请稍后重试');
      },
    }),
    mutationCache: new MutationCache({
      onError: (error, _vars, _ctx, mutation) => {
        if (mutation.meta?.notifyError) notifyError(error);
      },
    }),
    defaultOptions: {
      queries: {
        retry: shouldRetry,
        staleTime: 30_000,
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
}
