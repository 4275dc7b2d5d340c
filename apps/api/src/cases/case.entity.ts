import { CaseOrigin, CaseParty, CaseState, DeclineReason, FundUseResult, GreenwashingStatus } from '@zj/shared';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/** A matchmaking case (对接): one financing need taken up by one bank. */
@Entity('matchmaking_cases')
export class MatchmakingCase {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  needId: string;

  @Column({ type: 'uuid' })
  bankOrgId: string;

  @Column({ type: 'uuid' })
  enterpriseOrgId: string;

  @Column({ type: 'uuid', nullable: true })
  productId: string | null;

  @Column({ type: 'varchar', length: 20 })
  origin: CaseOrigin;

  @Column({ type: 'varchar', length: 20, default: CaseState.PENDING })
  state: CaseState;

  @Column({ type: 'varchar', length: 20, nullable: true })
  declineReason: DeclineReason | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  reasonText: string | null;

  @Column({ type: 'numeric', precision: 14, scale: 2, nullable: true })
  approvedAmount: string | null;

  @Column({ type: 'numeric', precision: 5, scale: 2, nullable: true })
  approvedRatePercent: string | null;

  @Column({ type: 'integer', nullable: true })
  approvedTermMonths: number | null;

  @Column({ type: 'numeric', precision: 14, scale: 2, default: '0' })
  disbursedTotal: string;

  @Column({ type: 'smallint', nullable: true })
  score: number | null;

  @Column({ type: 'timestamptz', nullable: true })
  chosenAt: Date | null;

  /** The working-day deadline now running (answer, or first contact), the date in Zhanjiang. */
  @Column({ type: 'date', nullable: true })
  dueOn: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  overdueFlaggedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  answeredAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  reassignedFromCaseId: string | null;

  /** Origin REFERRAL: the declined case this one was referred from (转介). */
  @Column({ type: 'uuid', nullable: true })
  referredFromCaseId: string | null;

  /** Origin EVENT: the 对接会 whose letter of intent opened it, and the intent (events module's ids). */
  @Column({ type: 'uuid', nullable: true })
  sourceEventId: string | null;

  @Column({ type: 'uuid', nullable: true })
  sourceRef: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdByUserId: string | null;

  @Column({ type: 'boolean', default: false })
  isDemo: boolean;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  stateChangedAt: Date;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** One step of a case's timeline. */
@Entity('case_events')
export class CaseEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  caseId: string;

  @Column({ type: 'varchar', length: 20, nullable: true })
  fromState: CaseState | null;

  @Column({ type: 'varchar', length: 20 })
  toState: CaseState;

  @Column({ type: 'varchar', length: 12, nullable: true })
  party: CaseParty | null;

  @Column({ type: 'uuid', nullable: true })
  actorUserId: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  actorName: string | null;

  @Column({ type: 'uuid', nullable: true })
  actorOrgId: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  actorOrgName: string | null;

  @Column({ type: 'text', nullable: true })
  comment: string | null;

  /** The other case of a referral (the new one on the declined case's entry, and back). */
  @Column({ type: 'uuid', nullable: true })
  linkedCaseId: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;
}

/** One disbursement (放款) of an approved case. */
@Entity('case_tranches')
export class CaseTranche {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  caseId: string;

  @Column({ type: 'numeric', precision: 14, scale: 2 })
  amount: string;

  @Column({ type: 'date' })
  disbursedOn: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdByUserId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** A periodic check of how disbursed money is used. */
@Entity('fund_use_checks')
export class FundUseCheck {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  caseId: string;

  @Column({ type: 'date' })
  checkedOn: string;

  @Column({ type: 'varchar', length: 12 })
  result: FundUseResult;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  detail: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdByUserId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** A greenwashing (洗绿) warning for the bureau, raised by a fund-use deviation. */
@Entity('greenwashing_warnings')
export class GreenwashingWarning {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  caseId: string;

  @Column({ type: 'uuid' })
  checkId: string;

  @Column({ type: 'varchar', length: 1000 })
  detail: string;

  @Column({ type: 'varchar', length: 10, default: GreenwashingStatus.OPEN })
  status: GreenwashingStatus;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  resolutionNote: string | null;

  @Column({ type: 'uuid', nullable: true })
  resolvedByUserId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
