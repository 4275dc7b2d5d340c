import { MeetingPriority, MeetingRequestStatus, MeetingResult, MeetingStatus, NotPlacedReason, ScheduleObjective, ScheduleRunStatus } from '@zj/shared';
import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A time slot of the 1:1 round, defined by the bureau. */
@Entity('event_slots')
export class EventSlot {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  eventId: string;

  @Column({ type: 'timestamptz' })
  startsAt: Date;

  @Column({ type: 'timestamptz' })
  endsAt: Date;
}

/** A slot an organisation cannot attend. */
@Entity('event_unavailability')
export class EventUnavailability {
  @PrimaryColumn({ type: 'uuid' })
  eventId: string;

  @PrimaryColumn({ type: 'uuid' })
  organizationId: string;

  @PrimaryColumn({ type: 'uuid' })
  slotId: string;
}

/** One side asks the other for a 1:1 meeting (企业→金融机构 or 金融机构→企业). */
@Entity('event_meeting_requests')
export class MeetingRequest {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  eventId: string;

  @Column({ type: 'uuid' })
  requesterOrgId: string;

  @Column({ type: 'uuid' })
  targetOrgId: string;

  @Column({ type: 'uuid' })
  enterpriseOrgId: string;

  @Column({ type: 'uuid' })
  bankOrgId: string;

  @Column({ type: 'varchar', length: 4 })
  priority: MeetingPriority;

  @Column({ type: 'varchar', length: 10, default: MeetingRequestStatus.PENDING })
  status: MeetingRequestStatus;

  @Column({ type: 'uuid', nullable: true })
  needId: string | null;

  /** Matching score (0–100) when the request was made. */
  @Column({ type: 'smallint', nullable: true })
  score: number | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  message: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdByUserId: string | null;

  @Column({ type: 'uuid', nullable: true })
  respondedByUserId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  respondedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** A solve of the schedule (queued, running, done or failed) and its figures. */
@Entity('event_schedule_runs')
export class ScheduleRun {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  eventId: string;

  @Column({ type: 'varchar', length: 10 })
  status: Exclude<ScheduleRunStatus, ScheduleRunStatus.NONE>;

  @Column({ type: 'integer' })
  timeLimitSeconds: number;

  @Column({ type: 'varchar', length: 10, nullable: true })
  method: 'MIP' | 'GREEDY' | null;

  @Column({ type: 'jsonb', nullable: true })
  objective: ScheduleObjective | null;

  @Column({ type: 'jsonb', nullable: true })
  bound: ScheduleObjective | null;

  @Column({ type: 'numeric', precision: 7, scale: 6, nullable: true })
  quality: string | null;

  @Column({ type: 'boolean', default: false })
  optimal: boolean;

  @Column({ type: 'integer', nullable: true })
  solveMs: number | null;

  @Column({ type: 'jsonb', default: () => "'[]'::jsonb" })
  notPlaced: { requestId: string; reason: NotPlacedReason }[];

  @Column({ type: 'varchar', length: 1000, nullable: true })
  error: string | null;

  @Column({ type: 'uuid', nullable: true })
  requestedByUserId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}

/** A 1:1 meeting: a bank desk and an enterprise in one slot; afterwards, its outcome. */
@Entity('event_meetings')
export class EventMeeting {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  eventId: string;

  /** The request it answers; null for a walk-in added on the day. */
  @Column({ type: 'uuid', nullable: true })
  requestId: string | null;

  @Column({ type: 'uuid' })
  enterpriseOrgId: string;

  @Column({ type: 'uuid' })
  bankOrgId: string;

  @Column({ type: 'uuid' })
  slotId: string;

  @Column({ type: 'smallint' })
  desk: number;

  @Column({ type: 'varchar', length: 10, default: MeetingStatus.SCHEDULED })
  status: MeetingStatus;

  /** Locked by the bureau: a re-solve keeps it where it is. */
  @Column({ type: 'boolean', default: false })
  locked: boolean;

  @Column({ type: 'boolean', default: false })
  walkIn: boolean;

  @Column({ type: 'uuid', nullable: true })
  needId: string | null;

  /** .ics SEQUENCE: raised by every change once the meeting has been published. */
  @Column({ type: 'integer', default: 0 })
  sequence: number;

  /** The sequence participants were last sent; null when never published. */
  @Column({ type: 'integer', nullable: true })
  publishedSequence: number | null;

  @Column({ type: 'boolean', nullable: true })
  held: boolean | null;

  @Column({ type: 'varchar', length: 12, nullable: true })
  result: MeetingResult | null;

  @Column({ type: 'numeric', precision: 14, scale: 2, nullable: true })
  amount: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  outcomeNote: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  outcomeAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  outcomeByUserId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  enterpriseConfirmedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  enterpriseConfirmedByUserId: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdByUserId: string | null;

  @Column({ type: 'integer', default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
