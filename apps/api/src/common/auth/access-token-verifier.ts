import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { OrgType, Role } from '@zj/shared';
import { DataSource } from 'typeorm';
import { AppException } from '../errors/app.exception';
import type { Actor } from './actor';
import { SessionCache, SessionState } from './session-cache';

export interface AccessTokenClaims {
  sub: string;
  /** Token version: bumped by a password change or a disable, which ends every session at once. */
  tv: number;
  /** Session: the refresh-token family the token was issued with; a logout revokes it, and the token with it. */
  sid: string;
}

export interface VerifiedCaller {
  actor: Actor;
  /** The user must change the password before anything else works. */
  passwordChangeRequired: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Verifies a bearer token and checks its user and session: a disabled user, a changed password or a
 * logged-out session count at once in this process, and within AUTH_SESSION_CACHE_MS in others
 * (one query per user and session per interval, see SessionCache).
 */
@Injectable()
export class AccessTokenVerifier {
  constructor(
    private readonly jwt: JwtService,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cache: SessionCache,
  ) {}

  async verify(token: string): Promise<VerifiedCaller> {
    let claims: AccessTokenClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessTokenClaims>(token, { algorithms: ['HS256'] });
    } catch {
      throw AppException.unauthenticated('登录已过期，请重新登录', 'AUTH_INVALID_ACCESS_TOKEN');
    }
    if (typeof claims.sub !== 'string' || !UUID.test(claims.sub) || typeof claims.sid !== 'string' || !UUID.test(claims.sid)) {
      throw AppException.unauthenticated('登录已失效，请重新登录', 'AUTH_INVALID_ACCESS_TOKEN');
    }
    const state = this.cache.get(claims.sub, claims.sid) ?? (await this.load(claims.sub, claims.sid));
    if (!state || !state.active || state.tokenVersion !== claims.tv || !state.sessionLive) {
      throw AppException.unauthenticated('登录已失效，请重新登录', 'AUTH_INVALID_ACCESS_TOKEN');
    }
    return { actor: state.actor, passwordChangeRequired: state.passwordChangeRequired };
  }

  /** One query: the user, the organisation type and whether the session is still open. */
  private async load(userId: string, sessionId: string): Promise<SessionState | null> {
    const epoch = this.cache.begin();
    const [row] = await this.dataSource.query(
      `SELECT u.id, u.email, u.role, u.status, u.token_version, u.organization_id, u.password_change_required, o.type AS org_type,
              EXISTS (SELECT 1 FROM refresh_tokens t WHERE t.family_id = $2 AND t.user_id = u.id AND t.revoked_at IS NULL) AS session_live
         FROM users u JOIN organizations o ON o.id = u.organization_id WHERE u.id = $1`,
      [userId, sessionId],
    );
    if (!row) return null;
    const state: SessionState = {
      actor: {
        userId: row.id,
        email: row.email,
        role: row.role as Role,
        organizationId: row.organization_id,
        organizationType: row.org_type as OrgType,
      },
      active: row.status === 'ACTIVE',
      tokenVersion: row.token_version,
      sessionLive: row.session_live === true,
      passwordChangeRequired: row.password_change_required === true,
    };
    this.cache.set(userId, sessionId, state, epoch);
    return state;
  }
}
