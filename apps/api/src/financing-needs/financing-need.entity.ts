import { CollateralKind, FinancingInstrument, NeedSharing, NeedStatus } from '@zj/shared';
import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { Organization } from '../organizations';
import { Project } from '../projects';

/** A financing need (融资需求) of an enterprise, for one project or for the enterprise as a whole. */
@Entity('financing_needs')
export class FinancingNeed {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  enterpriseOrgId: string;

  @ManyToOne(() => Organization)
  @JoinColumn({ name: 'enterprise_org_id' })
  enterprise?: Organization;

  /** Null for a need of the enterprise as a whole. */
  @Column({ type: 'uuid', nullable: true })
  projectId: string | null;

  @ManyToOne(() => Project)
  @JoinColumn({ name: 'project_id' })
  project?: Project | null;

  /** 万元; for insurance, the sum insured. */
  @Column({ type: 'numeric', precision: 14, scale: 2 })
  amount: string;

  @Column({ type: 'integer' })
  termMonths: number;

  @Column({ type: 'varchar', length: 20 })
  instrument: FinancingInstrument;

  @Column({ type: 'varchar', length: 500 })
  purpose: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  collateral: CollateralKind[];

  @Column({ type: 'varchar', length: 200, nullable: true })
  collateralNote: string | null;

  /** Highest acceptable annual rate, percent, e.g. '3.85'. */
  @Column({ type: 'numeric', precision: 5, scale: 2, nullable: true })
  maxRatePercent: string | null;

  @Column({ type: 'date', nullable: true })
  wantedBy: string | null;

  /** The enterprise's consent: with nobody yet, all banks, or the banks in financing_need_banks. */
  @Column({ type: 'varchar', length: 20 })
  sharing: NeedSharing;

  @Column({ type: 'timestamptz', nullable: true })
  sharingConsentedAt: Date | null;

  @Column({ type: 'varchar', length: 20, default: NeedStatus.OPEN })
  status: NeedStatus;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  statusChangedAt: Date;

  @Column({ type: 'uuid' })
  createdByOrgId: string;

  /** Set by bulk import so a re-import finds the same need. */
  @Column({ type: 'varchar', length: 64, nullable: true, select: false })
  importKey: string | null;

  @Column({ type: 'boolean', default: false })
  isDemo: boolean;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** The banks a SELECTED_BANKS need is shared with. */
@Entity('financing_need_banks')
export class FinancingNeedBank {
  @PrimaryColumn('uuid')
  needId: string;

  @PrimaryColumn('uuid')
  bankOrgId: string;
}
