import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AppConfig } from '../config';
import type { AccessTokenClaims } from '../common/auth/access-token-verifier';
import type { SessionRevoker } from '../users';
import { RefreshToken } from './refresh-token.entity';

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Issues short-lived access tokens and single-use refresh tokens grouped in rotation families. */
@Injectable()
export class TokenService implements SessionRevoker {
  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  /** `sessionId`: the refresh-token family, so that revoking it (logout) ends the access token too. */
  signAccessToken(userId: string, tokenVersion: number, sessionId: string): Promise<string> {
    const claims: AccessTokenClaims = { sub: userId, tv: tokenVersion, sid: sessionId };
    return this.jwt.signAsync(claims, { expiresIn: this.config.ACCESS_TOKEN_TTL_SECONDS, algorithm: 'HS256' });
  }

  /** Stores a new refresh token (its hash) in `familyId` (a new family when omitted); returns the token. */
  async issueRefreshToken(manager: EntityManager, userId: string, familyId: string = randomUUID()): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await manager.insert(RefreshToken, {
      tokenHash: sha256(token),
      familyId,
      userId,
      expiresAt: new Date(Date.now() + this.config.REFRESH_TOKEN_TTL_SECONDS * 1000),
    });
    return token;
  }

  revokeFamily(manager: EntityManager, familyId: string, reason: string) {
    return manager.query(`UPDATE refresh_tokens SET revoked_at = now(), revoked_reason = $2 WHERE family_id = $1 AND revoked_at IS NULL`, [familyId, reason]);
  }

  revokeAllOfUser(manager: EntityManager, userId: string, reason: string) {
    return manager.query(`UPDATE refresh_tokens SET revoked_at = now(), revoked_reason = $2 WHERE user_id = $1 AND revoked_at IS NULL`, [userId, reason]);
  }
}
