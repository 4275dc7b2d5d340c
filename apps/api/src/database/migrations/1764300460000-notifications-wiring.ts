import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications, second step:
 * - every outbox row, reminder and batch item names the queue namespace (QUEUE_PREFIX) whose relay
 *   and workers handle it, so platforms that share a database but not a queue (staging beside
 *   production, parallel test runs) never take each other's work;
 * - a delivery is claimed for sending with an attempt token and a lease (claim_token, claimed_until):
 *   only the attempt holding a live claim sends, so a re-enqueued or stalled job cannot send again
 *   what another attempt sent or is sending;
 * - events have invited organisations (their users get the invitation and the reminders).
 */
export class NotificationsWiring1764300460000 implements MigrationInterface {
  name = 'NotificationsWiring1764300460000';

  async up(q: QueryRunner): Promise<void> {
    for (const t of ['notification_outbox', 'notification_reminders', 'notification_batch_items']) {
      await q.query(`ALTER TABLE ${t} ADD COLUMN queue_ns varchar(31) NOT NULL DEFAULT 'zj'`);
    }
    await q.query(`DROP INDEX notification_outbox_pending_idx`);
    await q.query(`CREATE INDEX notification_outbox_pending_idx ON notification_outbox (queue_ns, created_at) WHERE status = 'PENDING'`);
    await q.query(`ALTER TABLE notification_deliveries ADD COLUMN claim_token uuid, ADD COLUMN claimed_until timestamptz`);

    await q.query(`
      CREATE TABLE event_invitations (
        event_id uuid NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        organization_id uuid NOT NULL REFERENCES organizations(id),
        invited_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (event_id, organization_id)
      )`);
    await q.query(`CREATE INDEX event_invitations_org_idx ON event_invitations (organization_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE event_invitations`);
    await q.query(`ALTER TABLE notification_deliveries DROP COLUMN claim_token, DROP COLUMN claimed_until`);
    await q.query(`DROP INDEX notification_outbox_pending_idx`);
    await q.query(`CREATE INDEX notification_outbox_pending_idx ON notification_outbox (created_at) WHERE status = 'PENDING'`);
    for (const t of ['notification_outbox', 'notification_reminders', 'notification_batch_items']) {
      await q.query(`ALTER TABLE ${t} DROP COLUMN queue_ns`);
    }
  }
}
