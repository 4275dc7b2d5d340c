import { EventStatus, EventType } from '@zj/shared';
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

  @Column({ type: 'varchar', length: 200 })
  venue: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'varchar', length: 10, default: EventStatus.PLANNED })
  status: EventStatus;

  /** Why it was cancelled, or a note on how it went. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  statusNote: string | null;

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
