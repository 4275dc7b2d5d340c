import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { LoginResponse, OrgType, Role, UserStatus } from '@zj/shared';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit';
import type { Actor } from '../common/auth/actor';
import { AuthErrorCode } from '../common/auth/auth.errors';
import { SessionCache } from '../common/auth/session-cache';
import { AppException } from '../common/errors/app.exception';
import { AppConfig, passwordMustBeReplaced } from '../config';
import { accountLockedNotice, NotificationsService } from '../notifications';
import { Organization } from '../organizations';
import { toAuthUser, assertPasswordPolicy, dummyPasswordHash, hashPassword, verifyPassword, User } from '../users';
import { RegisterEnterpriseDto } from './dto/auth.dto';
import { LoginAddressThrottle } from './login-rate-limiter';
import { RefreshToken } from './refresh-token.entity';
import { sha256, TokenService } from './token.service';

export function actorOf(user: Pick<User, 'id' | 'email' | 'role' | 'organizationId'>, orgType: OrgType): Actor {
  return { userId: user.id, email: user.email, role: user.role, organizationId: user.organizationId, organizationType: orgType };
}

/** The one answer to a failed login: wrong password, unknown account and locked account alike, so none can be told apart. */
function invalidCredentials() {
  return new AppException(AuthErrorCode.INVALID_CREDENTIALS, '邮箱或密码不正确', HttpStatus.UNAUTHORIZED);
}

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tokens: TokenService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly notifications: NotificationsService,
    private readonly addressThrottle: LoginAddressThrottle,
    private readonly sessions: SessionCache,
  ) {}

  /**
   * Signs in. An unknown account, a wrong password and a locked account answer the same 401 (and
   * cost the same password check), so accounts cannot be enumerated; the owner of a locked account
   * is told by notification when it locks. Each of these counts against the client address `ip`.
   */
  async login(email: string, password: string, ip?: string): Promise<LoginResponse> {
    const user = await this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .leftJoinAndSelect('u.organization', 'o')
      .where('u.email = :email', { email: email.toLowerCase() })
      .getOne();
    const failed = async () => {
      await this.addressThrottle.recordFailure(ip);
      return invalidCredentials();
    };
    if (!user) {
      await verifyPassword(await dummyPasswordHash(), password);
      throw await failed();
    }
    const passwordOk = await verifyPassword(user.passwordHash, password);
    if (user.lockedUntil && user.lockedUntil > new Date()) throw await failed();
    if (!passwordOk) {
      await this.recordFailure(user);
      throw await failed();
    }
    if (user.status !== UserStatus.ACTIVE) {
      throw new AppException(AuthErrorCode.ACCOUNT_DISABLED, '账号已停用，请联系市金融工作局', HttpStatus.FORBIDDEN);
    }
    // A configured default or published password: nothing else works until it is changed.
    const holdForChange = !user.passwordChangeRequired && passwordMustBeReplaced(password, this.config.NODE_ENV === 'production');
    const response = await this.dataSource.transaction(async (m) => {
      await m.update(User, { id: user.id }, { failedLoginCount: 0, lockedUntil: null, lastLoginAt: new Date(), ...(holdForChange ? { passwordChangeRequired: true, mustChangePassword: true } : {}) });
      if (holdForChange) Object.assign(user, { passwordChangeRequired: true, mustChangePassword: true });
      await this.audit.record(m, actorOf(user, user.organization!.type), {
        action: 'auth.login',
        entityType: 'user',
        entityId: user.id,
        ...(holdForChange ? { after: { passwordChangeRequired: true, reason: 'published_or_configured_password' } } : {}),
      });
      return this.session(m, user, user.organization!);
    });
    // The user's other sessions are held to the change too.
    if (holdForChange) await this.sessions.forgetUser(user.id);
    return response;
  }

  async refresh(refreshToken: string): Promise<LoginResponse> {
    const outcome = await this.dataSource.transaction(async (m) => {
      const row = await m
        .getRepository(RefreshToken)
        .createQueryBuilder('t')
        .setLock('pessimistic_write')
        .where('t.tokenHash = :h', { h: sha256(refreshToken) })
        .getOne();
      if (!row) return { error: AuthErrorCode.INVALID_REFRESH_TOKEN } as const;
      // A token just rotated, presented again while its successor is still unused and within the
      // grace: two tabs refreshing at once. The late one gets a fresh pair of the same session.
      const inGrace = !row.revokedAt && !!row.usedAt && (await this.inReuseGrace(m, row));
      if ((row.usedAt || row.revokedAt) && !inGrace) {
        // A used token presented again: someone holds a copy. End the whole family.
        await this.tokens.revokeFamily(m, row.familyId, 'reuse');
        await this.audit.record(m, null, { action: 'auth.refresh_reuse', entityType: 'user', entityId: row.userId, after: { familyId: row.familyId } });
        return { error: AuthErrorCode.REFRESH_TOKEN_REUSED, familyId: row.familyId } as const;
      }
      if (row.expiresAt <= new Date()) return { error: AuthErrorCode.INVALID_REFRESH_TOKEN } as const;
      const user = await m.getRepository(User).findOne({ where: { id: row.userId }, relations: { organization: true } });
      if (!user || user.status !== UserStatus.ACTIVE) return { error: AuthErrorCode.INVALID_REFRESH_TOKEN } as const;
      if (!inGrace) await m.update(RefreshToken, { id: row.id }, { usedAt: new Date() });
      return { session: await this.session(m, user, user.organization!, row.familyId) } as const;
    });
    if ('error' in outcome) {
      if ('familyId' in outcome && outcome.familyId) await this.sessions.forgetSession(outcome.familyId);
      const message = outcome.error === AuthErrorCode.REFRESH_TOKEN_REUSED ? '登录凭证已被使用过，为安全起见已注销该会话，请重新登录' : '登录已过期，请重新登录';
      throw new AppException(outcome.error!, message, HttpStatus.UNAUTHORIZED);
    }
    return outcome.session;
  }

  /** Ends the session of this refresh token: its family is revoked, and the access tokens issued with it stop working. */
  async logout(refreshToken: string): Promise<void> {
    const familyId = await this.dataSource.transaction(async (m) => {
      const row = await m.findOne(RefreshToken, { where: { tokenHash: sha256(refreshToken) } });
      if (!row) return null;
      await this.tokens.revokeFamily(m, row.familyId, 'logout');
      await this.audit.record(m, null, { action: 'auth.logout', entityType: 'user', entityId: row.userId });
      return row.familyId;
    });
    if (familyId) await this.sessions.forgetSession(familyId);
  }

  /** An enterprise registers itself: its organisation and first user, then signs in. */
  async registerEnterprise(dto: RegisterEnterpriseDto): Promise<LoginResponse> {
    assertPasswordPolicy(dto.password);
    const passwordHash = await hashPassword(dto.password);
    return this.dataSource.transaction(async (m) => {
      if (await m.exists(User, { where: { email: dto.email } })) {
        throw AppException.conflict('该邮箱已注册', AuthErrorCode.EMAIL_TAKEN, [{ field: 'email', messages: ['该邮箱已注册'] }]);
      }
      if (await m.exists(Organization, { where: { creditCode: dto.creditCode } })) {
        throw AppException.conflict('该统一社会信用代码已注册，请联系本企业已有账号的同事', AuthErrorCode.CREDIT_CODE_TAKEN, [
          { field: 'creditCode', messages: ['该统一社会信用代码已注册'] },
        ]);
      }
      const org = await m.save(m.create(Organization, { type: OrgType.ENTERPRISE, name: dto.enterpriseName, creditCode: dto.creditCode, divisionCode: dto.divisionCode }));
      const user = await m.save(
        m.create(User, { email: dto.email, displayName: dto.displayName, role: Role.ENTERPRISE, organizationId: org.id, passwordHash }),
      );
      const actor = actorOf(user, org.type);
      await this.audit.record(m, actor, { action: 'organization.register', entityType: 'organization', entityId: org.id, after: org });
      await this.audit.record(m, actor, { action: 'user.create', entityType: 'user', entityId: user.id, after: { email: user.email, role: user.role, organizationId: org.id } });
      return this.session(m, user, org);
    });
  }

  /** A new pair: a refresh token in `familyId` (a new session when omitted) and an access token bound to that session. */
  private async session(m: EntityManager, user: User, org: Organization, familyId: string = randomUUID()): Promise<LoginResponse> {
    const [{ token_version }] = await m.query('SELECT token_version FROM users WHERE id = $1', [user.id]);
    return {
      accessToken: await this.tokens.signAccessToken(user.id, token_version, familyId),
      refreshToken: await this.tokens.issueRefreshToken(m, user.id, familyId),
      user: toAuthUser(user, org),
    };
  }

  /** Whether a used refresh token is still in its grace: used moments ago, and no token of its family used since. */
  private async inReuseGrace(m: EntityManager, row: RefreshToken): Promise<boolean> {
    const graceMs = this.config.REFRESH_REUSE_GRACE_SECONDS * 1000;
    if (!row.usedAt || graceMs <= 0 || Date.now() - row.usedAt.getTime() >= graceMs) return false;
    const [later] = await m.query(
      `SELECT 1 FROM refresh_tokens t WHERE t.family_id = $1 AND t.used_at > (SELECT used_at FROM refresh_tokens WHERE id = $2) LIMIT 1`,
      [row.familyId, row.id],
    );
    return !later;
  }

  private async recordFailure(user: User): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      // A lock that has run out starts the count again. (Right-hand sides read the old row.)
      const [rows] = await m.query(
        `UPDATE users SET
            failed_login_count = CASE WHEN locked_until <= now() THEN 1 ELSE failed_login_count + 1 END,
            locked_until = CASE WHEN (CASE WHEN locked_until <= now() THEN 1 ELSE failed_login_count + 1 END) >= $2
                                THEN now() + make_interval(mins => $3) ELSE NULL END
          WHERE id = $1 RETURNING failed_login_count, locked_until`,
        [user.id, this.config.LOGIN_MAX_FAILURES, this.config.LOGIN_LOCK_MINUTES],
      );
      const locked: Date | null = rows[0]?.locked_until ?? null;
      if (locked) {
        await this.audit.record(m, null, { action: 'user.locked', entityType: 'user', entityId: user.id, after: { lockedUntil: locked } });
        await this.notifications.notify(m, accountLockedNotice(user, new Date(locked)));
      }
    });
  }
}
