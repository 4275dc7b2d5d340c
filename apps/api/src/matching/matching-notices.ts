import { NotificationType } from '@zj/shared';
import { EntityManager, In } from 'typeorm';
import { needVisibleToBankSql } from '../financing-needs';
import type { NotificationsService } from '../notifications';
import { Product } from '../products';
import { NEED_MATCH_COLUMNS, NEED_MATCH_JOINS, NeedRow, productCandidatesSql, toMatchNeed } from './candidates';
import { explainMatch, formatWan, MatchContext } from './scoring';

export const matchingBatchKey = (bankOrgId: string) => `matching.bank.${bankOrgId}`;

/**
 * "New financing needs fit your products" (MATCHING_NEEDS), batched per bank: a need that banks can
 * now see (created shared, shared later, or its project listed) adds one line to the batch of every
 * bank with a published product it fits (eligible by the same scoring as the workbench) and which
 * may see it. Items of one window go out as ONE notice listing them. A bank is told about a need
 * once. Runs inside the caller's transaction, with its EntityManager only. Answers the banks told.
 * Financing needs call it through their NeedVisibility, where MatchingModule registers it at start.
 */
export async function noticeFittingBanks(m: EntityManager, notifications: NotificationsService, needId: string, ctx: MatchContext): Promise<string[]> {
  const [row]: NeedRow[] = await m.query(`SELECT ${NEED_MATCH_COLUMNS} FROM financing_needs n ${NEED_MATCH_JOINS} WHERE n.id = $1 AND n.status IN ('OPEN','IN_MATCHMAKING') AND n.sharing <> 'NOT_SHARED'`, [needId]);
  if (!row) return [];
  const need = toMatchNeed(row);
  const { sql, params } = productCandidatesSql(need, { maxFails: 0 });
  const ids: { id: string }[] = await m.query(sql, params);
  if (!ids.length) return [];
  const products = await m.find(Product, { where: { id: In(ids.map((r) => r.id)) } });
  const banks = [...new Set(products.filter((p) => explainMatch(need, p, ctx).eligible).map((p) => p.bankOrgId))];
  if (!banks.length) return [];
  // Banks that may see the need and have not been told about it yet.
  const told = new Set<string>(
    (await m.query(`SELECT DISTINCT batch_key FROM notification_batch_items WHERE type = $1 AND item->'ref'->>'id' = $2`, [NotificationType.MATCHING_NEEDS, needId])).map(
      (r: { batch_key: string }) => r.batch_key,
    ),
  );
  const visible: { bank: string }[] = await m.query(
    `SELECT b.bank FROM unnest($2::uuid[]) AS b(bank) WHERE EXISTS (SELECT 1 FROM financing_needs n WHERE n.id = $1 AND ${needVisibleToBankSql('n', 'b.bank')})`,
    [needId, banks],
  );
  const title = row.projectName ?? row.purpose.slice(0, 40);
  const out: string[] = [];
  for (const { bank } of visible) {
    if (told.has(matchingBatchKey(bank))) continue;
    await notifications.addToBatch(m, {
      batchKey: matchingBatchKey(bank),
      type: NotificationType.MATCHING_NEEDS,
      to: { organizations: [bank] },
      line: `${title}（${row.enterpriseName}）· ${formatWan(row.amount)} 万元 · ${row.termMonths} 个月`,
      ref: { type: 'financing_need', id: needId },
    });
    out.push(bank);
  }
  return out;
}
