/** Public face of financing-needs: what other modules may import from it. */
export { ContactRevealRegistry } from './contact-reveal';
export { FinancingNeed } from './financing-need.entity';
export { FinancingNeedsModule, FinancingNeedsWorkerModule } from './financing-needs.module';
export { FinancingNeedsService } from './financing-needs.service';
export { NEED_STATUSES_WITHIN_INVESTMENT, investmentProblem, maskContact, needAmountProblem, needListedSql, needVisibleToBankSql } from './need-rules';
export { NeedVisibility } from './need-visibility';
