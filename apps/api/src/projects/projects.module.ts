import { Module } from '@nestjs/common';
import { InjectDataSource, TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditModule, AuditNames, namesByQuery } from '../audit';
import { ReferenceModule } from '../reference';
import { Project, ProjectAttachment, ProjectCategory, ProjectReviewEvent, ReviewRoute } from './project.entity';
import { ProjectNeedsRegistry } from './project-needs';
import { ProjectsController } from './projects.controller';
import { ProjectsService } from './projects.service';

@Module({
  imports: [TypeOrmModule.forFeature([Project, ProjectCategory, ProjectReviewEvent, ProjectAttachment, ReviewRoute]), AuditModule, ReferenceModule],
  controllers: [ProjectsController],
  providers: [ProjectsService, ProjectNeedsRegistry],
  // ProjectNeedsRegistry: the financing-needs module registers its answers there (project-needs.ts).
  exports: [ProjectsService, ProjectNeedsRegistry],
})
export class ProjectsModule {
  /** The audit log names projects by name. */
  constructor(names: AuditNames, @InjectDataSource() dataSource: DataSource) {
    names.register('project', namesByQuery(dataSource, 'SELECT id, name FROM projects WHERE id = ANY($1::uuid[])'));
  }
}
