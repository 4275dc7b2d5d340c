import { OrgType, Role } from '@zj/shared';

/** Who is calling: read from a verified access token, passed to services that scope data. */
export interface Actor {
  userId: string;
  email: string;
  role: Role;
  organizationId: string;
  organizationType: OrgType;
}

/** The system itself (start-up seeding, scheduled jobs), for audit rows. */
export const SYSTEM_ACTOR: Actor = {
  userId: '00000000-0000-0000-0000-000000000000',
  email: 'system',
  role: Role.BUREAU,
  organizationId: '00000000-0000-0000-0000-000000000000',
  organizationType: OrgType.GOVERNMENT_UNIT,
};

export function isSystemActor(actor: Actor): boolean {
  return actor.userId === SYSTEM_ACTOR.userId;
}
