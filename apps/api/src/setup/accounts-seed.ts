import { passwordPolicyProblem, Role } from '@zj/shared';
import { randomBytes } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { hashPassword } from '../auth/password-hasher';
import { ConfigError, type AppConfig } from '../config/app.config';
import { Organization } from '../organizations/organization.entity';
import { User } from '../users/user.entity';

/**
 * The first administrator (a BUREAU user of 市金融工作局) from ADMIN_EMAIL / ADMIN_PASSWORD; a weak
 * password stops the start. Without them, and with no administrator yet, one is made with a random
 * password that is printed once and must be changed at first login.
 */
export async function ensureAdministrator(m: EntityManager, config: AppConfig): Promise<{ email: string; generatedPassword?: string } | null> {
  if (config.ADMIN_PASSWORD) {
    const problem = passwordPolicyProblem(config.ADMIN_PASSWORD);
    if (problem) throw new ConfigError(`Invalid configuration:\n  - ADMIN_PASSWORD: ${problem}`);
  }
  const bureau = await m.findOneOrFail(Organization, { where: { unitCode: 'finance-bureau' } });
  const email = (config.ADMIN_EMAIL ?? 'admin@zhanjiang-green-finance.local').toLowerCase();
  if (await m.exists(User, { where: { email } })) return null;
  if (!config.ADMIN_EMAIL && (await m.exists(User, { where: { role: Role.BUREAU, organizationId: bureau.id } }))) return null;
  const generated = config.ADMIN_PASSWORD ? undefined : `Zj-${randomBytes(12).toString('base64url')}`;
  await m.insert(User, {
    email,
    displayName: '平台管理员',
    role: Role.BUREAU,
    organizationId: bureau.id,
    passwordHash: await hashPassword(config.ADMIN_PASSWORD ?? generated!),
    mustChangePassword: !!generated,
  });
  return { email, generatedPassword: generated };
}
