import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit';
import { FinancingNeedsModule } from '../financing-needs';
import { EnterpriseProfile } from './enterprise-profile.entity';
import { EnterprisesController } from './enterprises.controller';
import { EnterprisesService } from './enterprises.service';
import { GreenIdentification } from './green-identification.entity';
import { GreenGrade, Scorecard } from './scorecard.entity';

@Module({
  imports: [TypeOrmModule.forFeature([EnterpriseProfile, GreenIdentification, Scorecard, GreenGrade]), AuditModule, FinancingNeedsModule],
  controllers: [EnterprisesController],
  providers: [EnterprisesService],
  exports: [EnterprisesService],
})
export class EnterprisesModule {}
