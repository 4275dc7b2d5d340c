import { lazy, type ReactNode } from 'react';
import { ALL_ROLES, Role } from '@zj/shared';
import { navItem, type NavKey } from './navigation';

// Pages are loaded on demand, one chunk per feature page.
const HomePage = lazy(() => import('../features/home/components/HomePage'));
const ProfilePage = lazy(() => import('../features/profile/components/ProfilePage'));
const NotificationsPage = lazy(() => import('../features/notifications/components/NotificationsPage'));
const NotificationsAdminPage = lazy(() => import('../features/notifications/components/NotificationsAdminPage'));
const OrganizationsPage = lazy(() => import('../features/organizations/components/OrganizationsPage'));
const UsersPage = lazy(() => import('../features/users/components/UsersPage'));
const TaxonomiesPage = lazy(() => import('../features/reference/components/TaxonomiesPage'));
const AuditLogPage = lazy(() => import('../features/audit-log/components/AuditLogPage'));
const ProjectsPage = lazy(() => import('../features/projects/components/ProjectsPage'));
const ProjectDetailPage = lazy(() => import('../features/projects/components/ProjectDetailPage'));
const ProjectFormPage = lazy(() => import('../features/projects/components/ProjectFormPage'));
const ReviewQueuePage = lazy(() => import('../features/projects/components/ReviewQueuePage'));
const NeedsPage = lazy(() => import('../features/financing-needs/components/NeedsPage'));
const EnterprisesPage = lazy(() => import('../features/enterprises/components/EnterprisesPage'));
const EnterpriseDetailPage = lazy(() => import('../features/enterprises/components/EnterpriseDetailPage'));
const ImportWizardPage = lazy(() => import('../features/library-import/components/ImportWizardPage'));
const PlanDashboardPage = lazy(() => import('../features/plan/components/PlanDashboardPage'));
const PlanReportsPage = lazy(() => import('../features/plan/components/PlanReportsPage'));
const PlanReviewPage = lazy(() => import('../features/plan/components/PlanReviewPage'));
const PlanTasksPage = lazy(() => import('../features/plan/components/PlanTasksPage'));
const EventsPage = lazy(() => import('../features/events/components/EventsPage'));
const EventDetailPage = lazy(() => import('../features/events/components/EventDetailPage'));
const EventCheckInPage = lazy(() => import('../features/events/components/EventCheckInPage'));
const BankReportsPage = lazy(() => import('../features/bank-reports/components/BankReportsPage'));

const ProductCataloguePage = lazy(() => import('../features/products/components/ProductCataloguePage'));
const ProductDetailPage = lazy(() => import('../features/products/components/ProductDetailPage'));
const MyProductsPage = lazy(() => import('../features/products/components/MyProductsPage'));
const EnterpriseMatchesPage = lazy(() => import('../features/matching/components/EnterpriseMatchesPage'));
const BankWorkbenchPage = lazy(() => import('../features/matching/components/BankWorkbenchPage'));
const CasesPage = lazy(() => import('../features/cases/components/CasesPage'));
const CaseDetailPage = lazy(() => import('../features/cases/components/CaseDetailPage'));
const PipelinePage = lazy(() => import('../features/pipeline/components/PipelinePage'));

const LIBRARY_REGISTRARS = [Role.ENTERPRISE, Role.COUNTY, Role.DEPARTMENT, Role.BUREAU] as const;
const LIBRARY_READERS = [...LIBRARY_REGISTRARS, Role.BANK] as const;

/**
 * The signed-in pages. A row either names a NAV_ITEMS entry (and takes its path and roles), or,
 * for a page without a menu entry (a detail page), gives its own path and roles.
 */
export type PageRoute =
  | { nav: NavKey; element: ReactNode }
  | { path: string; roles: readonly Role[]; element: ReactNode };

export const PAGE_ROUTES: PageRoute[] = [
  { nav: 'home', element: <HomePage /> },
  { nav: 'organizations', element: <OrganizationsPage /> },
  { nav: 'users', element: <UsersPage /> },
  { nav: 'taxonomies', element: <TaxonomiesPage /> },
  { nav: 'audit-log', element: <AuditLogPage /> },
  { nav: 'profile', element: <ProfilePage /> },
  { nav: 'notifications', element: <NotificationsPage /> },
  { nav: 'notifications-admin', element: <NotificationsAdminPage /> },
  { nav: 'projects', element: <ProjectsPage /> },
  { path: '/projects/new', roles: LIBRARY_REGISTRARS, element: <ProjectFormPage /> },
  { path: '/projects/:id', roles: LIBRARY_READERS, element: <ProjectDetailPage /> },
  { path: '/projects/:id/edit', roles: LIBRARY_REGISTRARS, element: <ProjectFormPage /> },
  { nav: 'project-review', element: <ReviewQueuePage /> },
  { nav: 'financing-needs', element: <NeedsPage /> },
  { nav: 'my-products', element: <MyProductsPage /> },
  { nav: 'enterprise-matches', element: <EnterpriseMatchesPage /> },
  { nav: 'bank-workbench', element: <BankWorkbenchPage /> },
  { nav: 'cases', element: <CasesPage /> },
  { path: '/cases/:id', roles: [Role.ENTERPRISE, Role.BANK, Role.BUREAU], element: <CaseDetailPage /> },
  { nav: 'matchmaking-pipeline', element: <PipelinePage /> },
  { nav: 'enterprises', element: <EnterprisesPage /> },
  { path: '/enterprises/:id', roles: [Role.COUNTY, Role.DEPARTMENT, Role.BUREAU, Role.BANK], element: <EnterpriseDetailPage /> },
  { nav: 'my-enterprise', element: <EnterpriseDetailPage self /> },
  { nav: 'library-import', element: <ImportWizardPage /> },
  { nav: 'plan-dashboard', element: <PlanDashboardPage /> },
  { nav: 'plan-reports', element: <PlanReportsPage /> },
  { nav: 'plan-review', element: <PlanReviewPage /> },
  { nav: 'plan-tasks', element: <PlanTasksPage /> },
  { nav: 'events', element: <EventsPage /> },
  { path: '/events/:id', roles: ALL_ROLES, element: <EventDetailPage /> },
  { path: '/events/:id/check-in', roles: [Role.BUREAU], element: <EventCheckInPage /> },
  // The agenda notice's link: the participant's own agenda tab.
  { path: '/events/:id/agenda', roles: ALL_ROLES, element: <EventDetailPage initialTab="agenda" /> },
  { nav: 'bank-reports', element: <BankReportsPage /> },
];

/**
 * Pages anyone may open, signed in or not (the API answers them publicly): the signed-in frame for a
 * signed-in user, the public one otherwise (router.tsx). The catalogue keeps its menu entry.
 */
export const PUBLIC_PAGE_ROUTES: { path: string; element: ReactNode }[] = [
  { path: navItem('product-catalogue').path, element: <ProductCataloguePage /> },
  { path: '/products/:id', element: <ProductDetailPage /> },
];
