import type { AuthUser } from '@zj/shared';
import type { Organization } from '../organizations';
import type { User } from './user.entity';

/** The signed-in user as the web app sees it (sign-in answers, `GET /me`). */
export function toAuthUser(user: User, org: Organization): AuthUser {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    organization: { id: org.id, name: org.name, type: org.type },
    mustChangePassword: user.mustChangePassword,
    passwordChangeRequired: user.passwordChangeRequired,
  };
}
