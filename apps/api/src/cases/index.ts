/** Public face of cases: what other modules may import from it. */
export { CasesModule, CasesWorkerModule } from './cases.module';
export { CasesService } from './cases.service';
export { seedDemoEventCase, seedMatchmakingDemo } from './demo-matchmaking';
export type { DemoEventCase } from './demo-matchmaking';
