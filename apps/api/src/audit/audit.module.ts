import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditController } from './audit.controller';
import { AuditEntry } from './audit-entry.entity';
import { AuditNames } from './audit-names';
import { AuditService } from './audit.service';

/** Global: every module that changes state writes to the audit log. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([AuditEntry])],
  controllers: [AuditController],
  providers: [AuditService, AuditNames],
  exports: [AuditService, AuditNames],
})
export class AuditModule {}
