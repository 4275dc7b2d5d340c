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
  projects: {
    all: ['projects'] as const,
    list: (params: QueryParams) => ['projects', 'list', params] as const,
    stats: (params: QueryParams) => ['projects', 'stats', params] as const,
    detail: (id: string) => ['projects', 'detail', id] as const,
    routes: ['projects', 'routes'] as const,
  },
  enterprises: {
    all: ['enterprises'] as const,
    list: (params: QueryParams) => ['enterprises', 'list', params] as const,
    detail: (id: string) => ['enterprises', 'detail', id] as const,
    grades: (id: string) => ['enterprises', 'grades', id] as const,
    identifications: (status: string) => ['enterprises', 'identifications', status] as const,
  },
  financingNeeds: {
    all: ['financing-needs'] as const,
    list: (params: QueryParams) => ['financing-needs', 'list', params] as const,
    detail: (id: string) => ['financing-needs', 'detail', id] as const,
  },
  libraryImport: {
    job: (id: string) => ['library-import', 'job', id] as const,
  },
  plan: {
    all: ['plan'] as const,
    dashboard: (year: number | null) => ['plan', 'dashboard', year] as const,
    tasks: (year: number | null) => ['plan', 'tasks', year] as const,
    years: ['plan', 'years'] as const,
    indicators: ['plan', 'indicators'] as const,
    indicator: (id: string) => ['plan', 'indicator', id] as const,
    indicatorRows: (id: string) => ['plan', 'indicator-rows', id] as const,
    periods: ['plan', 'periods'] as const,
    mine: (periodId: string) => ['plan', 'mine', periodId] as const,
    overview: (periodId: string) => ['plan', 'overview', periodId] as const,
    myReport: (periodId: string, taskId: string) => ['plan', 'my-report', periodId, taskId] as const,
    report: (id: string) => ['plan', 'report', id] as const,
  },
  events: {
    all: ['events'] as const,
    list: (params: QueryParams) => ['events', 'list', params] as const,
    detail: (id: string) => ['events', 'detail', id] as const,
    /** Everything of one event below its detail (registrations, requests, slots, schedule …). */
    of: (id: string) => ['events', 'of', id] as const,
    registrations: (id: string, params: QueryParams) => ['events', 'of', id, 'registrations', params] as const,
    meetingRequests: (id: string, direction: 'sent' | 'received') => ['events', 'of', id, 'meeting-requests', direction] as const,
    suggestions: (id: string) => ['events', 'of', id, 'meeting-suggestions'] as const,
    slots: (id: string) => ['events', 'of', id, 'slots'] as const,
    unavailability: (id: string) => ['events', 'of', id, 'unavailability'] as const,
    schedule: (id: string) => ['events', 'of', id, 'schedule'] as const,
    agenda: (id: string, organizationId: string | null) => ['events', 'of', id, 'agenda', organizationId] as const,
  },
  /** 对接会 on the day and after (features/events/day): one event's check-in, live view, outcomes, intents, report. */
  eventDay: {
    all: ['event-day'] as const,
    event: (eventId: string) => ['event-day', eventId] as const,
    registrations: (eventId: string) => ['event-day', eventId, 'registrations'] as const,
    live: (eventId: string) => ['event-day', eventId, 'live'] as const,
    schedule: (eventId: string) => ['event-day', eventId, 'schedule'] as const,
    agenda: (eventId: string) => ['event-day', eventId, 'agenda'] as const,
    intents: (eventId: string) => ['event-day', eventId, 'intents'] as const,
    report: (eventId: string) => ['event-day', eventId, 'report'] as const,
  },
  bankReports: {
    all: ['bank-reports'] as const,
    myProfile: ['bank-reports', 'my-profile'] as const,
    profiles: ['bank-reports', 'profiles'] as const,
    mine: ['bank-reports', 'mine'] as const,
    ratio: ['bank-reports', 'ratio'] as const,
    coverage: (month: string) => ['bank-reports', 'coverage', month] as const,
  },
  products: {
    all: ['products'] as const,
    catalogue: (params: QueryParams) => ['products', 'catalogue', params] as const,
    mine: (params: QueryParams) => ['products', 'mine', params] as const,
    detail: (id: string) => ['products', 'detail', id] as const,
  },
  matching: {
    all: ['matching'] as const,
    bank: (productId: string | null) => ['matching', 'bank', productId] as const,
    enterprise: ['matching', 'enterprise'] as const,
    need: (needId: string) => ['matching', 'need', needId] as const,
  },
  cases: {
    all: ['cases'] as const,
    list: (params: QueryParams) => ['cases', 'list', params] as const,
    detail: (id: string) => ['cases', 'detail', id] as const,
    referrals: (id: string) => ['cases', 'referrals', id] as const,
    statistics: (params: QueryParams) => ['cases', 'statistics', params] as const,
    pipeline: ['cases', 'pipeline'] as const,
    warnings: (params: QueryParams) => ['cases', 'warnings', params] as const,
  },
  /** The home page's work queue (工作台); fetched again whenever the home page opens. */
  workbench: {
    all: ['workbench'] as const,
  },
  notifications: {
    all: ['notifications'] as const,
    inbox: (params: QueryParams) => ['notifications', 'inbox', params] as const,
    unread: ['notifications', 'unread'] as const,
    preferences: ['notifications', 'preferences'] as const,
  },
  /** The bureau's 通知管理 (apart from `notifications`, which the live inbox stream refreshes). */
  notificationsAdmin: {
    all: ['notifications-admin'] as const,
    deadLetters: (params: QueryParams) => ['notifications-admin', 'dead-letters', params] as const,
    retried: (params: QueryParams) => ['notifications-admin', 'retried', params] as const,
    stats: ['notifications-admin', 'stats'] as const,
    templates: ['notifications-admin', 'templates'] as const,
    templatePreview: (params: QueryParams) => ['notifications-admin', 'templates', 'preview', params] as const,
    endpoints: (params: QueryParams) => ['notifications-admin', 'endpoints', params] as const,
  },
} as const;
