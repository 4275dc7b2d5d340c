import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** Told of a need banks may now see, inside the transaction that made it so (with its EntityManager only). */
export type NeedVisibleListener = (m: EntityManager, needId: string) => Promise<unknown>;

/**
 * Needs that banks may now see: a need created shared or shared later, the needs of a project just
 * listed, an enterprise's own needs once it is identified green. The matching module (which depends
 * on this one) listens from its start and tells each bank whose published products a need fits
 * (matching/matching-notices.ts), so financing needs never import matching.
 */
@Injectable()
export class NeedVisibility {
  private readonly listeners: NeedVisibleListener[] = [];

  onNeedVisible(listener: NeedVisibleListener) {
    this.listeners.push(listener);
  }

  /** A need banks may now see. Inside the caller's transaction. */
  async needVisible(m: EntityManager, needId: string): Promise<void> {
    for (const listener of this.listeners) await listener(m, needId);
  }

  /**
   * Needs banks may have just become able to see — those of a project that was listed, or an
   * enterprise's own needs once it has a listed project or a valid green identification: each open,
   * shared one, oldest first. Inside the caller's transaction.
   */
  async needsNowVisible(m: EntityManager, where: { projectId?: string; enterpriseOrgId: string }): Promise<void> {
    const rows: { id: string }[] = await m.query(
      `SELECT id FROM financing_needs WHERE status = 'OPEN' AND sharing <> 'NOT_SHARED'
          AND (project_id = $1 OR (project_id IS NULL AND enterprise_org_id = $2)) ORDER BY created_at, id`,
      [where.projectId ?? null, where.enterpriseOrgId],
    );
    for (const r of rows) await this.needVisible(m, r.id);
  }
}
