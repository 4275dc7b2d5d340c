import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuthUser, type Page, ROLES_BY_ORG_TYPE, UserStatus, UserSummary } from '@zj/shared';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit';
import type { Actor } from '../common/auth/actor';
import { AuthErrorCode } from '../common/auth/auth.errors';
import { SessionCache } from '../common/auth/session-cache';
import { AppException } from '../common/errors/app.exception';
import { paginate } from '../common/http/pagination';
import { PUBLISHED_PASSWORDS } from '../config';
import { accountCreatedNotice, passwordReminder, passwordReminderKey, NotificationsService } from '../notifications';
import { Organization } from '../organizations';
import { toAuthUser } from './auth-user';
import { ChangePasswordDto, CreateUserDto, ListUsersQuery, UpdateUserDto } from './dto/user.dto';
import { assertPasswordPolicy, hashPassword, verifyPassword } from './password-hasher';
import { SESSION_REVOKER, type SessionRevoker } from './session-revoker';
import { User } from './user.entity';
import { UserErrorCode } from './users.errors';

/** What an administrator sees of a user: never the hash. */
function publicUser(u: User): UserSummary {
  return {
    id: u.id,
    email: u.email,
    displayName: u.displayName,
    role: u.role,
    organizationId: u.organizationId,
    organizationName: u.organization?.name,
    status: u.status,
    locked: !!u.lockedUntil && u.lockedUntil > new Date(),
    lockedUntil: u.lockedUntil?.toISOString() ?? null,
    mustChangePassword: u.mustChangePassword,
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    createdAt: u.createdAt.toISOString(),
  };
}

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    @Inject(SESSION_REVOKER) private readonly tokens: SessionRevoker,
    private readonly notifications: NotificationsService,
    private readonly sessions: SessionCache,
  ) {}

  async list(query: ListUsersQuery): Promise<Page<UserSummary>> {
    const qb = this.dataSource.getRepository(User).createQueryBuilder('u').leftJoinAndSelect('u.organization', 'o');
    if (query.organizationId) qb.andWhere('u.organization_id = :org', { org: query.organizationId });
    if (query.role) qb.andWhere('u.role = :role', { role: query.role });
    if (query.q) qb.andWhere('(u.email ILIKE :q OR u.display_name ILIKE :q)', { q: `%${query.q.replace(/[%_\\]/g, '\\$&')}%` });
    const page = await paginate(qb, query, { email: 'u.email', createdAt: 'u.createdAt', displayName: 'u.displayName' }, 'email');
    return { ...page, items: page.items.map(publicUser) };
  }

  /** The bureau creates bank and government accounts; the user must change the password on first login. */
  async create(actor: Actor, dto: CreateUserDto) {
    assertPasswordPolicy(dto.password);
    const passwordHash = await hashPassword(dto.password);
    return this.dataSource.transaction(async (m) => {
      const org = await m.findOne(Organization, { where: { id: dto.organizationId } });
      if (!org) throw AppException.badRequest('机构不存在', UserErrorCode.ORGANIZATION_NOT_FOUND, [{ field: 'organizationId', messages: ['机构不存在'] }]);
      if (!ROLES_BY_ORG_TYPE[org.type].includes(dto.role)) {
        throw AppException.badRequest('该角色不适用于此类机构', UserErrorCode.ROLE_NOT_ALLOWED_FOR_ORGANIZATION, [{ field: 'role', messages: [`可选：${ROLES_BY_ORG_TYPE[org.type].join(', ')}`] }]);
      }
      if (await m.exists(User, { where: { email: dto.email } })) {
        throw AppException.conflict('该邮箱已被使用', UserErrorCode.EMAIL_TAKEN, [{ field: 'email', messages: ['该邮箱已被使用'] }]);
      }
      const user = await m.save(m.create(User, { email: dto.email, displayName: dto.displayName, role: dto.role, organizationId: org.id, passwordHash, mustChangePassword: true }));
      user.organization = org;
      await this.audit.record(m, actor, { action: 'user.create', entityType: 'user', entityId: user.id, after: { email: user.email, role: user.role, organizationId: org.id } });
      await this.notifications.notify(m, accountCreatedNotice(user, org.name, this.notifications.publicUrl));
      await this.notifications.scheduleReminder(m, passwordReminder(user, this.notifications.publicUrl));
      return publicUser(user);
    });
  }

  async update(actor: Actor, id: string, dto: UpdateUserDto) {
    const result = await this.dataSource.transaction(async (m) => {
      const user = await m.findOne(User, { where: { id }, relations: { organization: true }, lock: { mode: 'pessimistic_write', tables: ['users'] } });
      if (!user) throw AppException.notFound('用户', UserErrorCode.NOT_FOUND);
      const before = publicUser(user);
      if (dto.displayName !== undefined) user.displayName = dto.displayName;
      if (dto.status !== undefined && dto.status !== user.status) {
        user.status = dto.status;
        if (dto.status === UserStatus.DISABLED) {
          user.tokenVersion += 1;
          await this.tokens.revokeAllOfUser(m, user.id, 'disabled');
        }
      }
      await m.save(user);
      await this.audit.record(m, actor, { action: 'user.update', entityType: 'user', entityId: id, before, after: publicUser(user) });
      return publicUser(user);
    });
    // A disable ends the user’s sessions at once, here and in the other API processes.
    await this.sessions.forgetUser(id);
    return result;
  }

  async unlock(actor: Actor, id: string) {
    return this.dataSource.transaction(async (m) => {
      const user = await m.findOne(User, { where: { id }, relations: { organization: true } });
      if (!user) throw AppException.notFound('用户', UserErrorCode.NOT_FOUND);
      await m.update(User, { id }, { failedLoginCount: 0, lockedUntil: null });
      await this.audit.record(m, actor, { action: 'user.unlock', entityType: 'user', entityId: id });
      return publicUser({ ...user, failedLoginCount: 0, lockedUntil: null });
    });
  }

  async me(actor: Actor): Promise<AuthUser> {
    const user = await this.dataSource.getRepository(User).findOne({ where: { id: actor.userId }, relations: { organization: true } });
    if (!user) throw AppException.notFound('用户', UserErrorCode.NOT_FOUND);
    return toAuthUser(user, user.organization!);
  }

  async updateMe(actor: Actor, displayName: string): Promise<AuthUser> {
    await this.dataSource.transaction(async (m) => {
      const before = await m.findOneByOrFail(User, { id: actor.userId });
      await m.update(User, { id: actor.userId }, { displayName });
      await this.audit.record(m, actor, { action: 'user.update_profile', entityType: 'user', entityId: actor.userId, before: { displayName: before.displayName }, after: { displayName } });
    });
    return this.me(actor);
  }

  /** Changing the password ends every session of the user: refresh tokens are revoked, access tokens stop working. */
  async changePassword(actor: Actor, dto: ChangePasswordDto): Promise<void> {
    const user = await this.dataSource.getRepository(User).createQueryBuilder('u').addSelect('u.passwordHash').where('u.id = :id', { id: actor.userId }).getOne();
    if (!user || !(await verifyPassword(user.passwordHash, dto.currentPassword))) {
      throw new AppException(AuthErrorCode.WRONG_CURRENT_PASSWORD, '当前密码不正确', HttpStatus.BAD_REQUEST, [{ field: 'currentPassword', messages: ['当前密码不正确'] }]);
    }
    assertPasswordPolicy(dto.newPassword, 'newPassword');
    if (PUBLISHED_PASSWORDS.includes(dto.newPassword)) {
      const problem = '该密码已公开（示例或演示密码），不能使用，请另设密码';
      throw AppException.badRequest(problem, AuthErrorCode.PUBLISHED_PASSWORD, [{ field: 'newPassword', messages: [problem] }]);
    }
    if (await verifyPassword(user.passwordHash, dto.newPassword)) {
      throw AppException.badRequest('新密码不能与当前密码相同', AuthErrorCode.WEAK_PASSWORD, [{ field: 'newPassword', messages: ['新密码不能与当前密码相同'] }]);
    }
    const passwordHash = await hashPassword(dto.newPassword);
    await this.dataSource.transaction(async (m) => {
      await m.query(
        'UPDATE users SET password_hash = $2, token_version = token_version + 1, must_change_password = false, password_change_required = false, updated_at = now() WHERE id = $1',
        [user.id, passwordHash],
      );
      await this.tokens.revokeAllOfUser(m, user.id, 'password_change');
      await this.audit.record(m, actor, { action: 'user.change_password', entityType: 'user', entityId: user.id });
      await this.notifications.cancelReminder(m, passwordReminderKey(user.id));
    });
    await this.sessions.forgetUser(user.id);
  }
}
