/** Public face of cases: what other modules may import from it. */
export { CaseStateTag, Countdown } from './components/case-labels';
export { useApply, useCaseStatistics, useCases, useClaim, usePipeline, usePush, useReassign, useResolveWarning, useWarnings } from './hooks/use-cases';
