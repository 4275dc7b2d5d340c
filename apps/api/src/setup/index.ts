/** Public face of setup: what other modules may import from it. */
export { DEMO_PASSWORD } from './demo-seed';
export { SetupModule } from './setup.module';
export { SetupService } from './setup.service';
export type { SetupReport } from './setup.service';
