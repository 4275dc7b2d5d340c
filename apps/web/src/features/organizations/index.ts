/** Public face of organizations: what other modules may import from it. */
export { OrganizationSelect } from './components/OrganizationSelect';
export { useOrganizations } from './hooks/use-organizations';
