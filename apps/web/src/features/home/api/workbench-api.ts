import type { Workbench } from '@zj/shared';
import { api } from '../../../lib/api-client';

/** The signed-in user's work queue (GET /workbench). */
export const getWorkbench = (signal?: AbortSignal) => api.get<Workbench>('/workbench', undefined, signal);
