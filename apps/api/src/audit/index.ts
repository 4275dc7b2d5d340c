/** Public face of audit: what other modules may import from it. */
export { AuditNames, namesByQuery } from './audit-names';
export { AuditModule } from './audit.module';
export { AuditService } from './audit.service';
