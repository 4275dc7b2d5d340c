import { lazy, Suspense } from 'react';
import { createBrowserRouter, Outlet, type RouteObject } from 'react-router-dom';
import { FullPageSpin } from '../components/FullPageSpin';
import { PublicOnly, RequireAuth, RequireRole } from './guards';
import { AppLayout } from './layout/AppLayout';
import { PublicOrAppLayout } from './layout/PublicLayout';
import { navItem } from './navigation';
import { NotFoundPage } from './pages/NotFoundPage';
import { PAGE_ROUTES, PUBLIC_PAGE_ROUTES, type PageRoute } from './routes';

const LoginPage = lazy(() => import('../features/auth/components/LoginPage'));
const RegisterEnterprisePage = lazy(() => import('../features/auth/components/RegisterEnterprisePage'));

function toRoute(route: PageRoute): RouteObject {
  const { path, roles } = 'nav' in route ? navItem(route.nav) : route;
  return { path, element: <RequireRole roles={roles}>{route.element}</RequireRole> };
}

export const routes: RouteObject[] = [
  {
    element: (
      <Suspense fallback={<FullPageSpin />}>
        <Outlet />
      </Suspense>
    ),
    children: [
      {
        element: <PublicOnly />,
        children: [
          { path: '/login', element: <LoginPage /> },
          { path: '/register', element: <RegisterEnterprisePage /> },
        ],
      },
      // Public pages (the product supermarket): no login needed; signed in, they show in the usual frame.
      { element: <PublicOrAppLayout />, children: PUBLIC_PAGE_ROUTES },
      {
        element: <RequireAuth />,
        children: [
          {
            element: <AppLayout />,
            children: [...PAGE_ROUTES.map(toRoute), { path: '*', element: <NotFoundPage /> }],
          },
        ],
      },
    ],
  },
];

export function createRouter() {
  return createBrowserRouter(routes);
}
