import { Injectable } from '@nestjs/common';
import type { NotificationType } from '@zj/shared';
import type { EntityManager } from 'typeorm';
import { type ReminderSubject, typeDef } from './notification-types';

/** Whether a reminder's subject still needs it, asked with the transaction that fires the reminder. */
export type ReminderCheck = (m: EntityManager, r: ReminderSubject) => Promise<boolean>;

/**
 * The checks of reminder types whose subject another module owns (issue 12: each module owns its
 * tables). The type says so in the registry (`checkedBy`); the owning module registers its check at
 * start, from its worker module (reminders fire in the worker), e.g.
 * `checks.register(NotificationType.NEED_EXPIRING, needStillOpen)`. Notifications thus never reads
 * cases', events', needs' or plan tables, nor imports those modules (they sit above it).
 */
@Injectable()
export class ReminderChecks {
  private readonly checks = new Map<NotificationType, ReminderCheck>();

  register(type: NotificationType, check: ReminderCheck) {
    if (!typeDef(type).checkedBy) throw new Error(`notification ${type} does not expect a reminder check from its owning module`);
    if (this.checks.has(type)) throw new Error(`the reminder check of ${type} is registered twice`);
    this.checks.set(type, check);
  }

  /** Whether the owning module registered the check of this type in this process. */
  has(type: NotificationType): boolean {
    return this.checks.has(type);
  }

  /**
   * Whether the reminder still holds: the type's own check, else the check its owning module
   * registered; types without either always hold. A type that expects its owner's check and has
   * none (its module not loaded in this process) fails the job rather than guess.
   */
  async stillHolds(m: EntityManager, type: NotificationType, r: ReminderSubject): Promise<boolean> {
    const def = typeDef(type);
    if (def.stillHolds) return def.stillHolds(m, r);
    if (!def.checkedBy) return true;
    const check = this.checks.get(type);
    if (!check) throw new Error(`reminders of ${type} are checked by the ${def.checkedBy} module, which registered no check in this process (is its worker module loaded?)`);
    return check(m, r);
  }
}
