import { Inject, Module } from '@nestjs/common';
import { InjectDataSource, TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditModule, AuditNames, namesByQuery } from '../audit';
import { NotificationDirectory } from '../notifications';
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
  /**
   * The audit log names organisations (and enterprises, recorded by their organisation's id) by
   * name; notifications asks organisations' names (endpoints, delivery lists) of this module.
   */
  constructor(names: AuditNames, @InjectDataSource() dataSource: DataSource, @Inject(NotificationDirectory) directory: NotificationDirectory) {
    directory.useOrganizations({
      names: async (m, ids) => {
        const rows: { id: string; name: string }[] = await m.query(`SELECT id, name FROM organizations WHERE id = ANY($1::uuid[]) ORDER BY name, id`, [ids]);
        return new Map(rows.map((r) => [r.id, r.name]));
      },
      namedLike: async (m, pattern) => {
        const rows: { id: string }[] = await m.query(`SELECT id FROM organizations WHERE name ILIKE $1`, [pattern]);
        return rows.map((r) => r.id);
      },
    });
    const byName = namesByQuery(dataSource, 'SELECT id, name FROM organizations WHERE id = ANY($1::uuid[])');
    names.register('organization', byName);
    names.register('enterprise', byName);
    names.register('bank_profile', byName);
  }
}
