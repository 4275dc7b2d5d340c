/** Public face of workbench: what other modules may import from it. */
export { WorkbenchModule } from './workbench.module';
