import type { EntityManager } from 'typeorm';

/**
 * Ends every session of a user (its refresh tokens), inside the caller's transaction, when the user
 * is disabled or changes the password. Sessions belong to the auth module, which depends on users:
 * it provides this under SESSION_REVOKER (its TokenService), so users does not import auth.
 */
export interface SessionRevoker {
  revokeAllOfUser(m: EntityManager, userId: string, reason: string): Promise<unknown>;
}

/** The injection token of the SessionRevoker (provided by the global AuthModule). */
export const SESSION_REVOKER = Symbol('SessionRevoker');
