/** Public face of profile: what other modules may import from it. */
export { PasswordChangeRequired } from './components/PasswordChangeRequired';
