/**
 * The web app's pages the workbench links to (apps/web/src/app/navigation.ts and routes.tsx): each
 * item leads to the page where its work is done. Record pages (/cases/:id, /projects/:id,
 * /events/:id) are built beside the items.
 */
export const WORKBENCH_PATHS = {
  cases: '/cases',
  /** The case list filtered to one state (CasesPage reads its filters from the address). */
  casesInState: (state: string) => `/cases?state=${state}`,
  projects: '/projects',
  reviewQueue: '/project-review',
  needs: '/financing-needs',
  myProducts: '/my-products',
  bankReports: '/bank-reports',
  pipeline: '/pipeline',
  /** The bureau's pipeline tab with only the overdue cases (where they can be reassigned). */
  pipelineOverdue: '/pipeline?tab=pipeline&overdue=true',
  /** The greenwashing warnings tab of the pipeline page. */
  warnings: '/pipeline?tab=warnings',
  events: '/events',
  planReports: '/plan/reports',
  planReview: '/plan/review',
  planTasks: '/plan/tasks',
  /** The bureau's notifications administration (dead letters, templates, endpoints). */
  deadLetters: '/notifications/admin',
} as const;
