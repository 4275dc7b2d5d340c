import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { getWorkbench } from '../api/workbench-api';

/**
 * The work queue of the home page. Asked again each time the home page opens (the work is done on
 * other pages), and its failure is shown on the page itself rather than as a toast.
 */
export const useWorkbench = () =>
  useQuery({
    queryKey: queryKeys.workbench.all,
    queryFn: ({ signal }) => getWorkbench(signal),
    staleTime: 0,
    refetchOnMount: 'always',
    meta: { silentError: true },
  });
