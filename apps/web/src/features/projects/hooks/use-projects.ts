import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ProjectInput, ProjectListFilters, ProjectReviewInput } from '@zj/shared';
import { queryKeys } from '../../../lib/query-keys';
import {
  archiveProject,
  bulkReview,
  createProject,
  getProject,
  listProjects,
  listRoutes,
  projectStats,
  putRoutes,
  reviewProject,
  submitProject,
  updateProject,
  uploadAttachment,
  withdrawProject,
} from '../api/projects-api';

export function useProjects(params: ProjectListFilters & { page: number; pageSize: number }) {
  return useQuery({ queryKey: queryKeys.projects.list({ ...params }), queryFn: ({ signal }) => listProjects(params, signal), placeholderData: keepPreviousData });
}

export function useProjectStats(params: ProjectListFilters, enabled = true) {
  return useQuery({ queryKey: queryKeys.projects.stats({ ...params }), queryFn: ({ signal }) => projectStats(params, signal), enabled });
}

export function useProject(id: string | undefined) {
  return useQuery({ queryKey: queryKeys.projects.detail(id ?? ''), queryFn: ({ signal }) => getProject(id!, signal), enabled: !!id });
}

function useInvalidate() {
  const qc = useQueryClient();
  return () => Promise.all([qc.invalidateQueries({ queryKey: queryKeys.projects.all }), qc.invalidateQueries({ queryKey: queryKeys.financingNeeds.all }), qc.invalidateQueries({ queryKey: queryKeys.enterprises.all })]);
}

export function useCreateProject() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (body: ProjectInput) => createProject(body), onSuccess: invalidate });
}

export function useUpdateProject(id: string) {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (body: Partial<ProjectInput> & { version: number }) => updateProject(id, body), onSuccess: invalidate });
}

export function useProjectAction(id: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ action, version }: { action: 'submit' | 'withdraw' | 'archive'; version: number }) =>
      action === 'submit' ? submitProject(id, version) : action === 'withdraw' ? withdrawProject(id, version) : archiveProject(id, version),
    onSuccess: invalidate,
    meta: { notifyError: true },
  });
}

export function useReview(id: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: ProjectReviewInput) => reviewProject(id, body),
    onSuccess: invalidate,
  });
}

export function useBulkReview() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: bulkReview, onSuccess: invalidate, meta: { notifyError: true } });
}

export function useUploadAttachment(id: string) {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: ({ kind, file }: { kind: string; file: File }) => uploadAttachment(id, kind, file), onSuccess: invalidate, meta: { notifyError: true } });
}

export function useRoutes(enabled: boolean) {
  return useQuery({ queryKey: queryKeys.projects.routes, queryFn: listRoutes, enabled });
}

export function usePutRoutes() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: putRoutes, onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.projects.routes }), meta: { notifyError: true } });
}
