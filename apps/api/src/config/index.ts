/** Public face of config: what other modules may import from it. */
export { AppConfig, ConfigError, loadConfig } from './app.config';
export { resolveJwtSecret } from './jwt-secret';
export { PUBLISHED_PASSWORDS, passwordMustBeReplaced } from './published-defaults';
