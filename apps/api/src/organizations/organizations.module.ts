import { Module } from '@nestjs/common';
import { InjectDataSource, TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditModule } from '../audit/audit.module';
import { AuditNames, namesByQuery } from '../audit/audit-names';
import { Organization } from './organization.entity';
import { OrganizationsController } from './organizations.controller';
import { OrganizationsService } from './organizations.service';

@Module({
  imports: [TypeOrmModule.forFeature([Organization]), AuditModule],
  controllers: [OrganizationsController],
  providers: [OrganizationsService],
  exports: [OrganizationsService],
})
export class OrganizationsModule {
  /** The audit log names organisations (and enterprises, recorded by their organisation's id) by name. */
  constructor(names: AuditNames, @InjectDataSource() dataSource: DataSource) {
    const byName = namesByQuery(dataSource, 'SELECT id, name FROM organizations WHERE id = ANY($1::uuid[])');
    names.register('organization', byName);
    names.register('enterprise', byName);
    names.register('bank_profile', byName);
  }
}
