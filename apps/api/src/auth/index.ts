/** Public face of auth: what other modules may import from it. */
export { AuthModule } from './auth.module';
