import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** What notifications asks the organizations module (which sits above it) about organisations. */
export interface OrganizationFacts {
  /** Names of these organisations, in the order of their names (then ids); ids not found are left out. Read with `m`. */
  names(m: EntityManager, ids: string[]): Promise<Map<string, string>>;
  /** Ids of the organisations whose name matches an ILIKE pattern (with `\` escaping). */
  namedLike(m: EntityManager, pattern: string): Promise<string[]>;
}

/** A user as a notice's recipient is shown (the bureau's delivery lists). */
export interface UserCard {
  displayName: string;
  organizationId: string;
}

/** A user's session facts: whether a signed dashboard ticket still speaks for them. */
export interface UserSession {
  role: string;
  status: string;
  tokenVersion: number;
}

/** Who a notice names (see Recipients in notification-types.ts): users, organisations' users, roles' users. */
export interface RecipientQuery {
  users: string[];
  organizations: string[];
  roles: string[];
}

/** What notifications asks the users module (which sits above it) about users. */
export interface UserFacts {
  /** The active users a notice names (listed, of the organisations, of the roles), by id; read with `m`. */
  recipients(m: EntityManager, to: RecipientQuery): Promise<{ id: string; email: string }[]>;
  /** Display names and organisations of these users; ids not found are left out. Read with `m`. */
  cards(m: EntityManager, ids: string[]): Promise<Map<string, UserCard>>;
  /** The user's role, status and token version, or null when there is no such user. */
  session(m: EntityManager, userId: string): Promise<UserSession | null>;
}

/**
 * Facts about organisations and users that notifications shows or checks but does not own (issue
 * 12: each module owns its tables). The organizations and users modules import notifications, so
 * they answer through this registry: each registers its facts from its module class at start
 * (OrganizationsModule with the API; UsersModule with the API and UsersWorkerModule with the
 * worker, which resolves recipients).
 */
@Injectable()
export class NotificationDirectory {
  private orgs: OrganizationFacts | null = null;
  private people: UserFacts | null = null;

  useOrganizations(facts: OrganizationFacts) {
    this.orgs = facts;
  }

  useUsers(facts: UserFacts) {
    this.people = facts;
  }

  get organizations(): OrganizationFacts {
    if (!this.orgs) throw new Error('no module answers for organisations (is OrganizationsModule loaded?)');
    return this.orgs;
  }

  get users(): UserFacts {
    if (!this.people) throw new Error('no module answers for users (is UsersModule loaded?)');
    return this.people;
  }
}
