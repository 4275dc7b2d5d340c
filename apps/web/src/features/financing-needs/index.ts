/** Public face of financing-needs: what other modules may import from it. */
export { listNeeds } from './api/needs-api';
export { NeedFormModal } from './components/NeedFormModal';
export { useNeeds } from './hooks/use-needs';
