/** Public face of bank-reports: what other modules may import from it. */
export { BankReportsModule } from './bank-reports.module';
export { BankReportsService } from './bank-reports.service';
