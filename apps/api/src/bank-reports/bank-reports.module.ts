import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BankLoanReport, BankProfile } from './bank-report.entity';
import { BankReportsController } from './bank-reports.controller';
import { BankReportsService } from './bank-reports.service';

@Module({
  imports: [TypeOrmModule.forFeature([BankProfile, BankLoanReport])],
  controllers: [BankReportsController],
  providers: [BankReportsService],
  exports: [BankReportsService],
})
export class BankReportsModule {}
