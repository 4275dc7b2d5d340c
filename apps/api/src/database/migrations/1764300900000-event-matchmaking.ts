import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 对接会 run on the platform (issues 10 and 11): the event's lifecycle (草稿 → 报名中 → 报名截止 →
 * 进行中 → 已结束, or 已取消) with capacity, deadline, agenda and co-organisers; registrations with
 * a waiting list and check-in codes; 1:1 meeting requests, the bureau's slots, unavailability, the
 * schedule and its solver runs; meetings' outcomes and the letters of intent, each opening a case of
 * the matchmaking pipeline (origin EVENT, linked back to the event and the meeting).
 *
 * Existing events keep their meaning: PLANNED (announced, invitees told) becomes PUBLISHED.
 */
export class EventMatchmaking1764300900000 implements MigrationInterface {
  name = 'EventMatchmaking1764300900000';

  async up(q: QueryRunner): Promise<void> {
    // ---------------------------------------------------------------- the event
    await q.query(`ALTER TABLE events DROP CONSTRAINT events_status_check`);
    await q.query(`ALTER TABLE events ALTER COLUMN status TYPE varchar(20)`);
    await q.query(`UPDATE events SET status = 'PUBLISHED' WHERE status = 'PLANNED'`);
    await q.query(`ALTER TABLE events ALTER COLUMN status SET DEFAULT 'DRAFT'`);
    await q.query(`ALTER TABLE events ADD CONSTRAINT events_status_check CHECK (status IN ('DRAFT','PUBLISHED','REGISTRATION_CLOSED','IN_PROGRESS','HELD','CANCELLED'))`);
    await q.query(`
      ALTER TABLE events
        ADD COLUMN ends_at timestamptz,
        ADD COLUMN online_link varchar(500),
        ADD COLUMN capacity integer CHECK (capacity BETWEEN 1 AND 5000),
        ADD COLUMN registration_deadline timestamptz,
        ADD COLUMN requires_approval boolean NOT NULL DEFAULT false,
        ADD COLUMN is_public boolean NOT NULL DEFAULT true,
        ADD COLUMN co_organizer_org_ids uuid[] NOT NULL DEFAULT '{}',
        ADD COLUMN agenda jsonb NOT NULL DEFAULT '[]'::jsonb,
        ADD COLUMN published_at timestamptz,
        ADD COLUMN schedule_published_at timestamptz,
        ADD CONSTRAINT events_ends_after_start CHECK (ends_at IS NULL OR ends_at > starts_at)`);

    // ---------------------------------------------------------------- registrations
    await q.query(`
      CREATE TABLE event_registrations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event_id uuid NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        organization_id uuid NOT NULL REFERENCES organizations(id),
        status varchar(12) NOT NULL CHECK (status IN ('PENDING','REGISTERED','WAITLISTED','REJECTED','CANCELLED')),
        desks smallint CHECK (desks BETWEEN 1 AND 20),
        officers jsonb NOT NULL DEFAULT '[]'::jsonb,
        need_ids uuid[] NOT NULL DEFAULT '{}',
        contact_name varchar(50),
        contact_phone varchar(30),
        note varchar(500),
        check_in_code varchar(12) NOT NULL,
        checked_in_at timestamptz,
        checked_in_by_user_id uuid,
        waitlisted_at timestamptz,
        registered_by_user_id uuid,
        is_demo boolean NOT NULL DEFAULT false,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (event_id, organization_id),
        UNIQUE (event_id, check_in_code)
      )`);
    await q.query(`CREATE INDEX event_registrations_org_idx ON event_registrations (organization_id)`);
    await q.query(`CREATE INDEX event_registrations_status_idx ON event_registrations (event_id, status, waitlisted_at)`);

    // ---------------------------------------------------------------- slots and unavailability
    await q.query(`
      CREATE TABLE event_slots (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event_id uuid NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        CHECK (ends_at > starts_at),
        UNIQUE (event_id, starts_at)
      )`);
    await q.query(`
      CREATE TABLE event_unavailability (
        event_id uuid NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        organization_id uuid NOT NULL REFERENCES organizations(id),
        slot_id uuid NOT NULL REFERENCES event_slots(id) ON DELETE CASCADE,
        PRIMARY KEY (event_id, organization_id, slot_id)
      )`);

    // ---------------------------------------------------------------- meeting requests
    await q.query(`
      CREATE TABLE event_meeting_requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event_id uuid NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        requester_org_id uuid NOT NULL REFERENCES organizations(id),
        target_org_id uuid NOT NULL REFERENCES organizations(id),
        enterprise_org_id uuid NOT NULL REFERENCES organizations(id),
        bank_org_id uuid NOT NULL REFERENCES organizations(id),
        priority varchar(4) NOT NULL CHECK (priority IN ('MUST','NICE')),
        status varchar(10) NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING','ACCEPTED','DECLINED','WITHDRAWN')),
        need_id uuid,
        score smallint,
        message varchar(500),
        created_by_user_id uuid,
        responded_by_user_id uuid,
        responded_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (requester_org_id <> target_org_id),
        UNIQUE (event_id, requester_org_id, target_org_id)
      )`);
    await q.query(`CREATE INDEX event_meeting_requests_pair_idx ON event_meeting_requests (event_id, enterprise_org_id, bank_org_id)`);
    await q.query(`CREATE INDEX event_meeting_requests_target_idx ON event_meeting_requests (target_org_id, status)`);

    // ---------------------------------------------------------------- solver runs
    await q.query(`
      CREATE TABLE event_schedule_runs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event_id uuid NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        status varchar(10) NOT NULL CHECK (status IN ('QUEUED','RUNNING','DONE','FAILED')),
        time_limit_seconds integer NOT NULL CHECK (time_limit_seconds BETWEEN 1 AND 120),
        method varchar(10),
        objective jsonb,
        bound jsonb,
        quality numeric(7,6),
        optimal boolean NOT NULL DEFAULT false,
        solve_ms integer,
        not_placed jsonb NOT NULL DEFAULT '[]'::jsonb,
        error varchar(1000),
        requested_by_user_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz
      )`);
    await q.query(`CREATE INDEX event_schedule_runs_event_idx ON event_schedule_runs (event_id, created_at DESC)`);

    // ---------------------------------------------------------------- meetings and their outcomes
    await q.query(`
      CREATE TABLE event_meetings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event_id uuid NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        request_id uuid REFERENCES event_meeting_requests(id),
        enterprise_org_id uuid NOT NULL REFERENCES organizations(id),
        bank_org_id uuid NOT NULL REFERENCES organizations(id),
        slot_id uuid NOT NULL REFERENCES event_slots(id),
        desk smallint NOT NULL CHECK (desk BETWEEN 1 AND 20),
        status varchar(10) NOT NULL DEFAULT 'SCHEDULED' CHECK (status IN ('SCHEDULED','CANCELLED')),
        locked boolean NOT NULL DEFAULT false,
        walk_in boolean NOT NULL DEFAULT false,
        need_id uuid,
        sequence integer NOT NULL DEFAULT 0,
        published_sequence integer,
        held boolean,
        result varchar(12) CHECK (result IN ('NO_INTEREST','FOLLOW_UP','INTENT')),
        amount numeric(14,2) CHECK (amount > 0),
        outcome_note varchar(500),
        outcome_at timestamptz,
        outcome_by_user_id uuid,
        enterprise_confirmed_at timestamptz,
        enterprise_confirmed_by_user_id uuid,
        created_by_user_id uuid,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (result IS NULL OR held),
        CHECK ((result = 'INTENT') = (amount IS NOT NULL))
      )`);
    // The hard rules, held by the database whatever path writes: nobody twice in one slot, one meeting per desk.
    await q.query(`CREATE UNIQUE INDEX event_meetings_desk_uq ON event_meetings (slot_id, bank_org_id, desk) WHERE status = 'SCHEDULED'`);
    await q.query(`CREATE UNIQUE INDEX event_meetings_enterprise_uq ON event_meetings (slot_id, enterprise_org_id) WHERE status = 'SCHEDULED'`);
    await q.query(`CREATE UNIQUE INDEX event_meetings_request_uq ON event_meetings (request_id) WHERE status = 'SCHEDULED' AND request_id IS NOT NULL`);
    await q.query(`CREATE INDEX event_meetings_event_idx ON event_meetings (event_id, status)`);

    // ---------------------------------------------------------------- letters of intent (签约意向)
    await q.query(`
      CREATE TABLE event_intents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event_id uuid NOT NULL REFERENCES events(id),
        meeting_id uuid UNIQUE REFERENCES event_meetings(id),
        enterprise_org_id uuid NOT NULL REFERENCES organizations(id),
        bank_org_id uuid NOT NULL REFERENCES organizations(id),
        need_id uuid NOT NULL,
        amount numeric(14,2) NOT NULL CHECK (amount > 0),
        ceremony boolean NOT NULL DEFAULT false,
        note varchar(500),
        case_id uuid NOT NULL,
        signed_at timestamptz NOT NULL DEFAULT now(),
        created_by_user_id uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX event_intents_event_idx ON event_intents (event_id)`);

    // ---------------------------------------------------------------- the pipeline knows where a case came from
    await q.query(`ALTER TABLE matchmaking_cases DROP CONSTRAINT matchmaking_cases_origin_check`);
    await q.query(`ALTER TABLE matchmaking_cases ADD CONSTRAINT matchmaking_cases_origin_check CHECK (origin IN ('APPLICATION','CLAIM','PUSH','REASSIGNMENT','EVENT'))`);
    await q.query(`ALTER TABLE matchmaking_cases ADD COLUMN source_event_id uuid, ADD COLUMN source_ref uuid`);
    await q.query(`CREATE INDEX matchmaking_cases_source_event_idx ON matchmaking_cases (source_event_id) WHERE source_event_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX matchmaking_cases_source_event_idx`);
    await q.query(`ALTER TABLE matchmaking_cases DROP COLUMN source_event_id, DROP COLUMN source_ref`);
    await q.query(`ALTER TABLE matchmaking_cases DROP CONSTRAINT matchmaking_cases_origin_check`);
    await q.query(`ALTER TABLE matchmaking_cases ADD CONSTRAINT matchmaking_cases_origin_check CHECK (origin IN ('APPLICATION','CLAIM','PUSH','REASSIGNMENT'))`);
    for (const t of ['event_intents', 'event_meetings', 'event_schedule_runs', 'event_meeting_requests', 'event_unavailability', 'event_slots', 'event_registrations']) await q.query(`DROP TABLE ${t}`);
    await q.query(`ALTER TABLE events DROP CONSTRAINT events_ends_after_start`);
    await q.query(
      `ALTER TABLE events DROP COLUMN ends_at, DROP COLUMN online_link, DROP COLUMN capacity, DROP COLUMN registration_deadline, DROP COLUMN requires_approval, DROP COLUMN is_public, DROP COLUMN co_organizer_org_ids, DROP COLUMN agenda, DROP COLUMN published_at, DROP COLUMN schedule_published_at`,
    );
    await q.query(`ALTER TABLE events DROP CONSTRAINT events_status_check`);
    await q.query(`UPDATE events SET status = 'PLANNED' WHERE status NOT IN ('HELD','CANCELLED')`);
    await q.query(`ALTER TABLE events ALTER COLUMN status SET DEFAULT 'PLANNED'`);
    await q.query(`ALTER TABLE events ADD CONSTRAINT events_status_check CHECK (status IN ('PLANNED','HELD','CANCELLED'))`);
  }
}
