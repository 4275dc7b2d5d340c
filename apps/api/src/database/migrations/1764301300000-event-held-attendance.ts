import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How an event went (issue 14): marking an event held (已举办) records how many attended, with the
 * note (events.status_note) on how it went; both are asked for when the bureau marks it held. Events
 * held before this have no count (null).
 */
export class EventHeldAttendance1764301300000 implements MigrationInterface {
  name = 'EventHeldAttendance1764301300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE events ADD COLUMN attendance_count integer CHECK (attendance_count > 0)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE events DROP COLUMN attendance_count`);
  }
}
