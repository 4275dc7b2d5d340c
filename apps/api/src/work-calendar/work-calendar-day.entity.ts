import { CalendarDayKind } from '@zj/shared';
import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A day that differs from the Monday–Friday rule: a public holiday, or an adjusted working weekend day. */
@Entity('work_calendar_days')
export class WorkCalendarDay {
  @PrimaryColumn({ type: 'date' })
  date: string;

  @Column({ type: 'varchar', length: 10 })
  kind: CalendarDayKind;

  @Column({ type: 'varchar', length: 50 })
  name: string;

  @Column({ type: 'uuid', nullable: true })
  updatedByUserId: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
