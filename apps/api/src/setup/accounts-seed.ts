import { passwordPolicyProblem, Role } from '@zj/shared';
import { randomBytes } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { hashPassword, verifyPassword, User } from '../users';
import { passwordMustBeReplaced, ConfigError, type AppConfig } from '../config';
import { Organization } from '../organizations';

/**
 * The first administrator (a BUREAU user of 市金融工作局) from ADMIN_EMAIL / ADMIN_PASSWORD; a weak
 * password stops the start. Without them, and with no administrator yet, one is made with a random
 * password that is printed once and must be changed at first login.
 *
 * A password the platform did not get from its user must be changed before anything else works
 * (`passwordChangeRequired`): in production every administrator password from configuration (or
 * generated and printed), and everywhere the former published default. An administrator created
 * earlier who still has the configured password is held to the same at a production start.
 */
export async function ensureAdministrator(m: EntityManager, config: AppConfig): Promise<{ email: string; generatedPassword?: string } | null> {
  if (config.ADMIN_PASSWORD) {
    const problem = passwordPolicyProblem(config.ADMIN_PASSWORD);
    if (problem) throw new ConfigError(`Invalid configuration:\n  - ADMIN_PASSWORD: ${problem}`);
  }
  const production = config.NODE_ENV === 'production';
  const bureau = await m.findOneOrFail(Organization, { where: { unitCode: 'finance-bureau' } });
  const email = (config.ADMIN_EMAIL ?? 'admin@zhanjiang-green-finance.local').toLowerCase();
  if (await m.exists(User, { where: { email } })) {
    if (production && config.ADMIN_PASSWORD) await holdConfiguredPassword(m, email, config.ADMIN_PASSWORD);
    return null;
  }
  if (!config.ADMIN_EMAIL && (await m.exists(User, { where: { role: Role.BUREAU, organizationId: bureau.id } }))) return null;
  const generated = config.ADMIN_PASSWORD ? undefined : `Zj-${randomBytes(12).toString('base64url')}`;
  const required = production || passwordMustBeReplaced(config.ADMIN_PASSWORD ?? generated!, production);
  await m.insert(User, {
    email,
    displayName: '平台管理员',
    role: Role.BUREAU,
    organizationId: bureau.id,
    passwordHash: await hashPassword(config.ADMIN_PASSWORD ?? generated!),
    mustChangePassword: !!generated || required,
    passwordChangeRequired: required,
  });
  return { email, generatedPassword: generated };
}

/** The administrator still signs in with the password from configuration: it must be changed first. */
async function holdConfiguredPassword(m: EntityManager, email: string, configured: string): Promise<void> {
  const admin = await m.getRepository(User).createQueryBuilder('u').addSelect('u.passwordHash').where('u.email = :email', { email }).getOne();
  if (!admin || admin.passwordChangeRequired || !(await verifyPassword(admin.passwordHash, configured))) return;
  await m.update(User, { id: admin.id }, { passwordChangeRequired: true, mustChangePassword: true });
}
