/** Public face of organizations: what other modules may import from it. */
export { Organization } from './organization.entity';
export { OrganizationsModule } from './organizations.module';
