/** Public face of projects: what other modules may import from it. */
export { useBulkReview } from './hooks/use-projects';
