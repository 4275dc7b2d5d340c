import { Module } from '@nestjs/common';
import { AuditModule } from '../audit';
import { ProjectsModule } from '../projects';
import { ExportService } from './export.service';
import { ImportService } from './import.service';
import { ImportWriter } from './import-writer';
import { LibraryIoController } from './library-io.controller';

@Module({
  imports: [AuditModule, ProjectsModule],
  controllers: [LibraryIoController],
  providers: [ImportService, ImportWriter, ExportService],
})
export class LibraryIoModule {}
