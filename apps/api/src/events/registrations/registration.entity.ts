import { RegistrationOfficer, RegistrationStatus } from '@zj/shared';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** An organisation's registration for an event (one per organisation and event), with its check-in code. */
@Entity('event_registrations')
export class EventRegistration {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  eventId: string;

  @Column({ type: 'uuid' })
  organizationId: string;

  @Column({ type: 'varchar', length: 12 })
  status: RegistrationStatus;

  /** Banks: desks (credit officers) brought. */
  @Column({ type: 'smallint', nullable: true })
  desks: number | null;

  @Column({ type: 'jsonb', default: () => "'[]'::jsonb" })
  officers: RegistrationOfficer[];

  /** Enterprises: the financing needs they want to discuss. */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  needIds: string[];

  @Column({ type: 'varchar', length: 50, nullable: true })
  contactName: string | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  contactPhone: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  /** Random, unguessable (check-in-code.ts); shown to its organisation and the bureau only. */
  @Column({ type: 'varchar', length: 12 })
  checkInCode: string;

  @Column({ type: 'timestamptz', nullable: true })
  checkedInAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  checkedInByUserId: string | null;

  /** When it joined the waiting list: the list is promoted in this order. */
  @Column({ type: 'timestamptz', nullable: true })
  waitlistedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  registeredByUserId: string | null;

  @Column({ type: 'boolean', default: false })
  isDemo: boolean;

  @Column({ type: 'integer', default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
