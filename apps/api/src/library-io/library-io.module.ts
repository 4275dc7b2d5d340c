import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ProjectsModule } from '../projects/projects.module';
import { ExportService } from './export.service';
import { ImportService } from './import.service';
import { LibraryIoController } from './library-io.controller';

@Module({
  imports: [AuditModule, ProjectsModule],
  controllers: [LibraryIoController],
  providers: [ImportService, ExportService],
})
export class LibraryIoModule {}
