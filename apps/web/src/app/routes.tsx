import { lazy, type ReactNode } from 'react';
import type { Role } from '@zj/shared';
import type { NavKey } from './navigation';

// Pages are loaded on demand, one chunk per feature page.
const HomePage = lazy(() => import('../features/home/components/HomePage'));
const ProfilePage = lazy(() => import('../features/profile/components/ProfilePage'));
const OrganizationsPage = lazy(() => import('../features/organizations/components/OrganizationsPage'));
const UsersPage = lazy(() => import('../features/users/components/UsersPage'));
const TaxonomiesPage = lazy(() => import('../features/reference/components/TaxonomiesPage'));
const AuditLogPage = lazy(() => import('../features/audit-log/components/AuditLogPage'));

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
];
