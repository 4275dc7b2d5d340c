import { EventAgendaItem, EventStatus, EventType } from '@zj/shared';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A knowledge session, product showcase or matchmaking event the finance bureau runs (宣讲 / 推介 / 对接会). */
@Entity('events')
export class MatchmakingEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 20 })
  type: EventType;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'timestamptz' })
  startsAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  endsAt: Date | null;

  @Column({ type: 'varchar', length: 200 })
  venue: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  onlineLink: string | null;

  /** Organisations admitted (REGISTERED); further registrations wait on the list. Null: no limit. */
  @Column({ type: 'integer', nullable: true })
  capacity: number | null;

  @Column({ type: 'timestamptz', nullable: true })
  registrationDeadline: Date | null;

  @Column({ type: 'boolean', default: false })
  requiresApproval: boolean;

  /** Any enterprise or bank may register (true), or only invited organisations (false). */
  @Column({ type: 'boolean', default: true })
  isPublic: boolean;

  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  coOrganizerOrgIds: string[];

  @Column({ type: 'jsonb', default: () => "'[]'::jsonb" })
  agenda: EventAgendaItem[];

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  /** When the 1:1 schedule was last published to the participants. */
  @Column({ type: 'timestamptz', nullable: true })
  schedulePublishedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  /** As stored; readers show `effectiveStatus` (event-status.ts). */
  @Column({ type: 'varchar', length: 20, default: EventStatus.DRAFT })
  status: EventStatus;

  /** Why it was cancelled, or a note on how it went. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  statusNote: string | null;

  /** How many attended, recorded when it was marked held (null before, and for events held before the count was asked). */
  @Column({ type: 'integer', nullable: true })
  attendanceCount: number | null;

  @Column({ type: 'uuid' })
  organizerOrgId: string;

  @Column({ type: 'uuid', nullable: true })
  createdByUserId: string | null;

  @Column({ type: 'boolean', default: false })
  isDemo: boolean;

  /** Checked by hand against the client's version (409 when stale); bumped on every change. */
  @Column({ type: 'integer', default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
