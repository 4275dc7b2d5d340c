/**
 * The web app's pages the workbench links to (apps/web/src/app/navigation.ts and routes.tsx): each
 * item leads to the page where its work is done. Record pages (/cases/:id, /projects/:id,
 * /events/:id) are built beside the items.
 */
export const WORKBENCH_PATHS = {
  cases: '/cases',
  projects: '/projects',
  reviewQueue: '/project-review',
  needs: '/financing-needs',
  myProducts: '/my-products',
  bankReports: '/bank-reports',
  pipeline: '/pipeline',
  events: '/events',
  planReports: '/plan/reports',
  planReview: '/plan/review',
  planTasks: '/plan/tasks',
  /** The bureau's notifications administration (dead letters, templates, endpoints). */
  deadLetters: '/notifications/admin',
} as const;
