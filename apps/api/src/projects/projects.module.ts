import { Module } from '@nestjs/common';
import { InjectDataSource, TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditModule } from '../audit/audit.module';
import { AuditNames, namesByQuery } from '../audit/audit-names';
import { ReferenceModule } from '../reference/reference.module';
import { Project, ProjectAttachment, ProjectCategory, ProjectReviewEvent, ReviewRoute } from './project.entity';
import { ProjectsController } from './projects.controller';
import { ProjectsService } from './projects.service';

@Module({
  imports: [TypeOrmModule.forFeature([Project, ProjectCategory, ProjectReviewEvent, ProjectAttachment, ReviewRoute]), AuditModule, ReferenceModule],
  controllers: [ProjectsController],
  providers: [ProjectsService],
  exports: [ProjectsService],
})
export class ProjectsModule {
  /** The audit log names projects by name. */
  constructor(names: AuditNames, @InjectDataSource() dataSource: DataSource) {
    names.register('project', namesByQuery(dataSource, 'SELECT id, name FROM projects WHERE id = ANY($1::uuid[])'));
  }
}
