/** Public face of notifications: what other modules may import from it. */
export { NotificationBell } from './components/NotificationBell';
