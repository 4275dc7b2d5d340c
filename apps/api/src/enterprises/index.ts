/** Public face of enterprises: what other modules may import from it. */
export { EnterpriseProfile } from './enterprise-profile.entity';
export { EnterprisesModule } from './enterprises.module';
export { EnterprisesService } from './enterprises.service';
export { computeAndStoreGrade } from './grading';
export { GreenIdentification } from './green-identification.entity';
