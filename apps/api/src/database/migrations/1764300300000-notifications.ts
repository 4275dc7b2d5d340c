import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications: the transactional outbox (intents written in the caller's transaction), the
 * in-app inbox, per-channel deliveries (unique per intent, channel and recipient: the proof that
 * nothing is sent twice), preferences, organisation endpoints, templates, reminders and batches.
 */
export class Notifications1764300300000 implements MigrationInterface {
  name = 'Notifications1764300300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification_outbox (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind varchar(12) NOT NULL CHECK (kind IN ('NOTIFY','REMINDER','BATCH','REDELIVER')),
        type varchar(60),
        payload jsonb NOT NULL DEFAULT '{}'::jsonb,
        status varchar(10) NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING','RELAYED')),
        relay_attempts integer NOT NULL DEFAULT 0,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        relayed_at timestamptz,
        dispatched_at timestamptz
      )`);
    await q.query(`CREATE INDEX notification_outbox_pending_idx ON notification_outbox (created_at) WHERE status = 'PENDING'`);
    await q.query(`CREATE INDEX notification_outbox_undispatched_idx ON notification_outbox (relayed_at) WHERE kind = 'NOTIFY' AND dispatched_at IS NULL`);

    await q.query(`
      CREATE TABLE notification_inbox (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        intent_id uuid NOT NULL REFERENCES notification_outbox(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        type varchar(60) NOT NULL,
        title varchar(300) NOT NULL,
        body text NOT NULL,
        link varchar(500),
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz,
        CONSTRAINT notification_inbox_once UNIQUE (intent_id, user_id)
      )`);
    await q.query(`CREATE INDEX notification_inbox_user_idx ON notification_inbox (user_id, created_at DESC)`);
    await q.query(`CREATE INDEX notification_inbox_unread_idx ON notification_inbox (user_id) WHERE read_at IS NULL`);

    await q.query(`
      CREATE TABLE notification_endpoints (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        channel varchar(10) NOT NULL CHECK (channel IN ('WECOM','WEBHOOK')),
        name varchar(100) NOT NULL,
        url varchar(500) NOT NULL,
        secret varchar(200),
        types text[],
        enabled boolean NOT NULL DEFAULT true,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX notification_endpoints_org_idx ON notification_endpoints (organization_id)`);

    await q.query(`
      CREATE TABLE notification_deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        intent_id uuid NOT NULL REFERENCES notification_outbox(id) ON DELETE CASCADE,
        type varchar(60) NOT NULL,
        channel varchar(10) NOT NULL CHECK (channel IN ('EMAIL','SMS','WECOM','WEBHOOK')),
        recipient_key varchar(80) NOT NULL,
        user_id uuid REFERENCES users(id) ON DELETE CASCADE,
        endpoint_id uuid REFERENCES notification_endpoints(id) ON DELETE CASCADE,
        address varchar(500) NOT NULL,
        locale varchar(5) NOT NULL DEFAULT 'zh-CN',
        status varchar(10) NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING','SENDING','SENT','DEAD','DIGEST','DIGESTED')),
        attempts integer NOT NULL DEFAULT 0,
        retries integer NOT NULL DEFAULT 0,
        last_error text,
        digest_intent_id uuid,
        sent_at timestamptz,
        dead_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT notification_deliveries_once UNIQUE (intent_id, channel, recipient_key)
      )`);
    await q.query(`CREATE INDEX notification_deliveries_open_idx ON notification_deliveries (updated_at) WHERE status IN ('PENDING','SENDING')`);
    await q.query(`CREATE INDEX notification_deliveries_dead_idx ON notification_deliveries (dead_at DESC) WHERE status = 'DEAD'`);
    await q.query(`CREATE INDEX notification_deliveries_digest_idx ON notification_deliveries (user_id) WHERE status = 'DIGEST'`);

    await q.query(`
      CREATE TABLE notification_preferences (
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        type varchar(60) NOT NULL,
        channels text[] NOT NULL,
        digest boolean NOT NULL DEFAULT false,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, type)
      )`);
    await q.query(`
      CREATE TABLE notification_user_settings (
        user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
        locale varchar(5) NOT NULL DEFAULT 'zh-CN' CHECK (locale IN ('zh-CN','en')),
        mobile varchar(20),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE notification_templates (
        type varchar(60) NOT NULL,
        locale varchar(5) NOT NULL CHECK (locale IN ('zh-CN','en')),
        subject varchar(300) NOT NULL,
        body text NOT NULL,
        version integer NOT NULL DEFAULT 1,
        updated_by uuid,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (type, locale)
      )`);
    await q.query(`
      CREATE TABLE notification_reminders (
        key varchar(200) PRIMARY KEY,
        type varchar(60) NOT NULL,
        at timestamptz NOT NULL,
        status varchar(10) NOT NULL CHECK (status IN ('SCHEDULED','CANCELLED','FIRED','SKIPPED')),
        version integer NOT NULL DEFAULT 1,
        subject_type varchar(60),
        subject_id varchar(64),
        recipients jsonb NOT NULL,
        vars jsonb NOT NULL DEFAULT '{}'::jsonb,
        link varchar(500),
        fired_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX notification_reminders_scheduled_idx ON notification_reminders (at) WHERE status = 'SCHEDULED'`);
    await q.query(`
      CREATE TABLE notification_batch_items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        batch_key varchar(200) NOT NULL,
        type varchar(60) NOT NULL,
        recipients jsonb NOT NULL,
        item jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        flushed_at timestamptz,
        intent_id uuid
      )`);
    await q.query(`CREATE INDEX notification_batch_open_idx ON notification_batch_items (batch_key, created_at) WHERE flushed_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'notification_batch_items',
      'notification_reminders',
      'notification_templates',
      'notification_user_settings',
      'notification_preferences',
      'notification_deliveries',
      'notification_endpoints',
      'notification_inbox',
      'notification_outbox',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
  }
}
