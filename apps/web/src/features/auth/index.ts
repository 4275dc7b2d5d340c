/** Public face of auth: what other modules may import from it. */
export { fetchMe } from './api/auth-api';
export { AuthLayout } from './components/AuthLayout';
export { AuthProvider } from './components/AuthProvider';
