/** Public face of indicators: what other modules may import from it. */
export { GreenLoanRatioChart } from './components/GreenLoanRatioChart';
export { IndicatorCards } from './components/IndicatorCards';
export { TaskIndicators } from './components/TaskIndicators';
export { useIndicators } from './hooks/use-indicators';
