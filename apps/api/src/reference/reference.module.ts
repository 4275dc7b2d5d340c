import { Module } from '@nestjs/common';
import { InjectDataSource, TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditNames, namesByQuery } from '../audit';
import { ReferenceController } from './reference.controller';
import { ReferenceService } from './reference.service';
import { DivisionRecord, TaxonomyCategory, TaxonomyVersion } from './taxonomy.entity';

@Module({
  imports: [TypeOrmModule.forFeature([DivisionRecord, TaxonomyVersion, TaxonomyCategory])],
  controllers: [ReferenceController],
  providers: [ReferenceService],
  exports: [ReferenceService],
})
export class ReferenceModule {
  /** The audit log names catalogue versions (recorded by their key) by name. */
  constructor(names: AuditNames, @InjectDataSource() dataSource: DataSource) {
    names.register('taxonomy_version', namesByQuery(dataSource, 'SELECT version AS id, name FROM taxonomy_versions WHERE version = ANY($1::text[])', { uuid: false }));
  }
}
