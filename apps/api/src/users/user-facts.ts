import type { EntityManager } from 'typeorm';
import type { ReminderSubject, UserFacts } from '../notifications';

/**
 * What notifications asks about users (it sits below this module and never reads the users table):
 * registered in its NotificationDirectory by UsersModule (API) and UsersWorkerModule (worker).
 */
export const userFacts: UserFacts = {
  recipients: (m, to) =>
    m.query(
      `SELECT id, email FROM users
        WHERE status = 'ACTIVE' AND (id = ANY($1::uuid[]) OR organization_id = ANY($2::uuid[]) OR role = ANY($3::text[]))
        ORDER BY id`,
      [to.users, to.organizations, to.roles],
    ),
  cards: async (m, ids) => {
    const rows: { id: string; display_name: string; organization_id: string }[] = await m.query(`SELECT id, display_name, organization_id FROM users WHERE id = ANY($1::uuid[])`, [ids]);
    return new Map(rows.map((r) => [r.id, { displayName: r.display_name, organizationId: r.organization_id }]));
  },
  session: async (m, userId) => {
    const [u] = await m.query(`SELECT role, status, token_version FROM users WHERE id = $1`, [userId]);
    return u ? { role: u.role, status: u.status, tokenVersion: u.token_version } : null;
  },
};

/**
 * PASSWORD_CHANGE_REMINDER's check when the reminder fires (registered in ReminderChecks by
 * UsersWorkerModule): holds while the user is active and still has to change the password.
 */
export async function passwordReminderStillHolds(m: EntityManager, r: ReminderSubject): Promise<boolean> {
  if (r.subjectType !== 'user' || !r.subjectId) return false;
  const [u] = await m.query(`SELECT must_change_password, status FROM users WHERE id = $1`, [r.subjectId]);
  return !!u && u.must_change_password === true && u.status === 'ACTIVE';
}
