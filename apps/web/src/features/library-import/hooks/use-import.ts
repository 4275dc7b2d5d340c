import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ImportJobStatus, type ImportMode } from '@zj/shared';
import { queryKeys } from '../../../lib/query-keys';
import { getImportJob, startImport } from '../api/import-api';

export function useStartImport() {
  return useMutation({ mutationFn: ({ file, mode }: { file: File; mode: ImportMode }) => startImport(file, mode) });
}

/** Polls a running job every half second until it finishes; then refreshes the library lists. */
export function useImportJob(id: string | null) {
  const qc = useQueryClient();
  return useQuery({
    queryKey: queryKeys.libraryImport.job(id ?? ''),
    queryFn: async ({ signal }) => {
      const answer = await getImportJob(id!, signal);
      if (answer.job.status !== ImportJobStatus.RUNNING) {
        void qc.invalidateQueries({ queryKey: queryKeys.projects.all });
        void qc.invalidateQueries({ queryKey: queryKeys.enterprises.all });
        void qc.invalidateQueries({ queryKey: queryKeys.financingNeeds.all });
      }
      return answer;
    },
    enabled: !!id,
    refetchInterval: (q) => (q.state.data?.job.status === ImportJobStatus.RUNNING || !q.state.data ? 500 : false),
  });
}
