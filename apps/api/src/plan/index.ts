/** Public face of plan: what other modules may import from it. */
export { DashboardService } from './dashboard.service';
export { IndicatorsService } from './indicators.service';
export { seedPlanDemo } from './plan-demo';
export { PlanModule, PlanWorkerModule } from './plan.module';
export { PlanService } from './plan.service';
export { ReportsService } from './reports.service';
