import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuthUser, LoginResponse, OrgType, Role, UserStatus } from '@zj/shared';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../common/auth/actor';
import { AppException } from '../common/errors/app.exception';
import { AppConfig } from '../config/app.config';
import { accountLockedNotice } from '../notifications/notices';
import { NotificationsService } from '../notifications/notifications.service';
import { Organization } from '../organizations/organization.entity';
import { User } from '../users/user.entity';
import { AuthErrorCode } from './auth.errors';
import { RegisterEnterpriseDto } from './dto/auth.dto';
import { assertPasswordPolicy, dummyPasswordHash, hashPassword, verifyPassword } from './password-hasher';
import { RefreshToken } from './refresh-token.entity';
import { sha256, TokenService } from './token.service';

export function actorOf(user: Pick<User, 'id' | 'email' | 'role' | 'organizationId'>, orgType: OrgType): Actor {
  return { userId: user.id, email: user.email, role: user.role, organizationId: user.organizationId, organizationType: orgType };
}

export function toAuthUser(user: User, org: Organization): AuthUser {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    organization: { id: org.id, name: org.name, type: org.type },
    mustChangePassword: user.mustChangePassword,
  };
}

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tokens: TokenService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly notifications: NotificationsService,
  ) {}

  async login(email: string, password: string): Promise<LoginResponse> {
    const user = await this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .leftJoinAndSelect('u.organization', 'o')
      .where('u.email = :email', { email: email.toLowerCase() })
      .getOne();
    if (!user) {
      await verifyPassword(await dummyPasswordHash(), password);
      throw new AppException(AuthErrorCode.INVALID_CREDENTIALS, '邮箱或密码不正确', HttpStatus.UNAUTHORIZED);
    }
    if (user.lockedUntil && user.lockedUntil > new Date()) throw this.lockedError(user.lockedUntil);
    if (!(await verifyPassword(user.passwordHash, password))) {
      await this.recordFailure(user);
      throw new AppException(AuthErrorCode.INVALID_CREDENTIALS, '邮箱或密码不正确', HttpStatus.UNAUTHORIZED);
    }
    if (user.status !== UserStatus.ACTIVE) {
      throw new AppException(AuthErrorCode.ACCOUNT_DISABLED, '账号已停用，请联系市金融工作局', HttpStatus.FORBIDDEN);
    }
    return this.dataSource.transaction(async (m) => {
      await m.update(User, { id: user.id }, { failedLoginCount: 0, lockedUntil: null, lastLoginAt: new Date() });
      await this.audit.record(m, actorOf(user, user.organization!.type), { action: 'auth.login', entityType: 'user', entityId: user.id });
      return this.session(m, user, user.organization!);
    });
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
      if (row.usedAt || row.revokedAt) {
        // A used token presented again: someone holds a copy. End the whole family.
        await this.tokens.revokeFamily(m, row.familyId, 'reuse');
        await this.audit.record(m, null, { action: 'auth.refresh_reuse', entityType: 'user', entityId: row.userId, after: { familyId: row.familyId } });
        return { error: AuthErrorCode.REFRESH_TOKEN_REUSED } as const;
      }
      if (row.expiresAt <= new Date()) return { error: AuthErrorCode.INVALID_REFRESH_TOKEN } as const;
      const user = await m.getRepository(User).findOne({ where: { id: row.userId }, relations: { organization: true } });
      if (!user || user.status !== UserStatus.ACTIVE) return { error: AuthErrorCode.INVALID_REFRESH_TOKEN } as const;
      await m.update(RefreshToken, { id: row.id }, { usedAt: new Date() });
      return { session: await this.session(m, user, user.organization!, row.familyId) } as const;
    });
    if ('error' in outcome) {
      const message = outcome.error === AuthErrorCode.REFRESH_TOKEN_REUSED ? '登录凭证已被使用过，为安全起见已注销该会话，请重新登录' : '登录已过期，请重新登录';
      throw new AppException(outcome.error!, message, HttpStatus.UNAUTHORIZED);
    }
    return outcome.session;
  }

  async logout(refreshToken: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const row = await m.findOne(RefreshToken, { where: { tokenHash: sha256(refreshToken) } });
      if (!row) return;
      await this.tokens.revokeFamily(m, row.familyId, 'logout');
      await this.audit.record(m, null, { action: 'auth.logout', entityType: 'user', entityId: row.userId });
    });
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

  private async session(m: EntityManager, user: User, org: Organization, familyId?: string): Promise<LoginResponse> {
    const [{ token_version }] = await m.query('SELECT token_version FROM users WHERE id = $1', [user.id]);
    return {
      accessToken: await this.tokens.signAccessToken(user.id, token_version),
      refreshToken: await this.tokens.issueRefreshToken(m, user.id, familyId),
      user: toAuthUser(user, org),
    };
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

  private lockedError(until: Date) {
    return new AppException(AuthErrorCode.ACCOUNT_LOCKED, '登录失败次数过多，账号已临时锁定，请稍后再试', HttpStatus.LOCKED, { lockedUntil: until.toISOString() });
  }
}
