import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A letter of intent (签约意向) with its amount, from a 1:1 meeting or the signing ceremony; it opened `caseId`. */
@Entity('event_intents')
export class EventIntent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  eventId: string;

  /** At most one intent per meeting (retries answer the same one). */
  @Column({ type: 'uuid', nullable: true })
  meetingId: string | null;

  @Column({ type: 'uuid' })
  enterpriseOrgId: string;

  @Column({ type: 'uuid' })
  bankOrgId: string;

  @Column({ type: 'uuid' })
  needId: string;

  /** 万元. */
  @Column({ type: 'numeric', precision: 14, scale: 2 })
  amount: string;

  @Column({ type: 'boolean', default: false })
  ceremony: boolean;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  /** The matchmaking case it opened (cases module). */
  @Column({ type: 'uuid' })
  caseId: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  signedAt: Date;

  @Column({ type: 'uuid', nullable: true })
  createdByUserId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
