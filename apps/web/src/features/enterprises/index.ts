/** Public face of enterprises: what other modules may import from it. */
export { useEnterprises } from './hooks/use-enterprises';
