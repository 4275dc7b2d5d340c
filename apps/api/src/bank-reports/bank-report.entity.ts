import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** Facts a bank declares about itself, read by the plan's indicators. Keyed by the bank's organisation. */
@Entity('bank_profiles')
export class BankProfile {
  @PrimaryColumn('uuid')
  organizationId: string;

  /** 配备绿色金融服务团队 */
  @Column({ type: 'boolean', default: false })
  hasGreenFinanceTeam: boolean;

  /** Since when (YYYY-MM-DD); required with a team. */
  @Column({ type: 'date', nullable: true })
  greenTeamSince: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  greenTeamNote: string | null;

  /** 法人农商行 (a locally incorporated rural commercial bank). */
  @Column({ type: 'boolean', default: false })
  isLocalRuralCommercialBank: boolean;

  /** 环境信息披露 */
  @Column({ type: 'boolean', default: false })
  disclosesEnvironmentalInfo: boolean;

  @Column({ type: 'varchar', length: 500, nullable: true })
  disclosureUrl: string | null;

  /** First year disclosed; required with a disclosure. */
  @Column({ type: 'smallint', nullable: true })
  disclosureYear: number | null;

  @Column({ type: 'uuid', nullable: true })
  updatedByUserId: string | null;

  @Column({ type: 'boolean', default: false })
  isDemo: boolean;

  @Column({ type: 'integer', default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** A bank's monthly green-loan report: balances at the end of the month, 万元. */
@Entity('bank_loan_reports')
export class BankLoanReport {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  bankOrgId: string;

  /** First day of the month reported (YYYY-MM-01). */
  @Column({ type: 'date' })
  month: string;

  @Column({ type: 'numeric', precision: 14, scale: 2 })
  greenLoanBalance: string;

  @Column({ type: 'numeric', precision: 14, scale: 2 })
  totalLoanBalance: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  @Column({ type: 'uuid', nullable: true })
  submittedByUserId: string | null;

  @Column({ type: 'boolean', default: false })
  isDemo: boolean;

  @Column({ type: 'integer', default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
