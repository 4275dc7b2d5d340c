import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type EnterpriseNeedMatches, NeedMatch, NeedMatches, NeedSummary, ProductMatch, Role } from '@zj/shared';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { AppException } from '../common/errors/app.exception';
import { AppConfig } from '../config';
import { FinancingNeedsService } from '../financing-needs';
import { Product, productView, ProductErrorCode } from '../products';
import { bankScanSql, NEED_MATCH_COLUMNS, NEED_MATCH_JOINS, NeedRow, NeedScoreRow, toMatchNeed } from './candidates';
import { factsOf, IndexedProduct, prepareNeed, ProductIndex, quickHardFails } from './product-index';
import { explainFacts, lowestRateBp, MatchContext, MatchScore, NeedFacts, rankMatches, scoreFacts } from './scoring';

/**
 * Needs read per batch by a bank's workbench: a first batch, then as many as the share of perfect
 * fits seen so far suggests are still needed (within bounds). Batch sizes only change how many round
 * trips a scan takes, never its answer.
 */
const BANK_SCAN_FIRST_BATCH = 300;
const BANK_SCAN_MIN_BATCH = 100;
const BANK_SCAN_MAX_BATCH = 2000;

function needSummary(r: NeedRow): NeedSummary {
  return {
    id: r.id,
    enterpriseOrgId: r.enterpriseOrgId,
    enterpriseName: r.enterpriseName,
    projectId: r.projectId,
    projectName: r.projectName,
    divisionCode: r.projectDivisionCode ?? r.enterpriseDivisionCode,
    amount: r.amount,
    termMonths: r.termMonths,
    instrument: r.instrument,
    purpose: r.purpose,
    status: r.status,
    categoryCodes: r.categories.map((c) => c.code),
    createdAt: new Date(r.createdAt).toISOString(),
  };
}

/**
 * Matching on live data: every answer is computed from the needs, products and grades as they are
 * now, so it stays current when any of them changes. SQL narrows the candidates; scoring.ts scores
 * and explains each one.
 */
@Injectable()
export class MatchingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly needs: FinancingNeedsService,
  ) {
    this.index = new ProductIndex(dataSource);
  }

  private readonly index: ProductIndex;

  get context(): MatchContext {
    return { lprPercent: this.config.LPR_1Y_PERCENT };
  }

  async needRows(ids: string[], m: EntityManager = this.dataSource.manager): Promise<NeedRow[]> {
    if (!ids.length) return [];
    return m.query(`SELECT ${NEED_MATCH_COLUMNS} FROM financing_needs n ${NEED_MATCH_JOINS} WHERE n.id = ANY($1::uuid[])`, [ids]);
  }

  /**
   * The ranked products for a need, and the near misses (products failing exactly one hard criterion).
   * Every product is scored; only the ones answered are explained.
   */
  async rankProducts(need: NeedRow, opts: { limit: number; bankOrgId?: string; excludeBankOrgIds?: string[] }): Promise<NeedMatches> {
    const prepared = prepareNeed(toMatchNeed(need));
    const exclude = new Set(opts.excludeBankOrgIds ?? []);
    const ctx = this.context;
    const scored: { item: IndexedProduct; match: MatchScore; tieBreak: number }[] = [];
    for (const ip of await this.index.live()) {
      if (opts.bankOrgId && ip.product.bankOrgId !== opts.bankOrgId) continue;
      if (exclude.has(ip.product.bankOrgId)) continue;
      if (quickHardFails(prepared, ip, 1) > 1) continue;
      const facts = factsOf(ip);
      const match = scoreFacts(prepared.facts, facts, ctx);
      // Neither a match nor a near miss (ranking would drop it too).
      if (match.failed.length > 1) continue;
      scored.push({ item: ip, match, tieBreak: lowestRateBp(facts, ctx) ?? 10_000 });
    }
    const { matches, nearMisses } = rankMatches(scored, opts.limit);
    const view = (x: { item: IndexedProduct }): ProductMatch => ({ product: productView(x.item.product, x.item.bankName), match: explainFacts(prepared.facts, factsOf(x.item), ctx) });
    return { needId: need.id, matches: matches.map(view), nearMisses: nearMisses.map(view) };
  }

  /** GET /financing-needs/:id/matches: whoever may see the need; a bank sees only its own products. */
  async forNeed(actor: Actor, needId: string, limit: number): Promise<NeedMatches> {
    await this.needs.get(actor, needId); // 404 unless the caller may see the need
    const [need] = await this.needRows([needId]);
    return this.rankProducts(need, { limit, bankOrgId: actor.role === Role.BANK ? actor.organizationId : undefined });
  }

  /**
   * Open needs shared with a bank that fit its products (or one product), best first, newer first
   * among equals. Needs are read newest first in batches; the scan stops once `limit` needs score
   * the maximum of 100, as no older need can then rank above them. Needs are scored without
   * explanations; the ones answered are explained at the end.
   */
  async forBank(bankOrgId: string, limit: number, productId?: string): Promise<NeedMatch[]> {
    const products = (await this.index.live()).filter((ip) => ip.product.bankOrgId === bankOrgId && (!productId || ip.product.id === productId));
    if (!products.length) return [];
    const ctx = this.context;
    const found: { id: string; facts: NeedFacts; ip: IndexedProduct; match: MatchScore }[] = [];
    let cursor: { at: string; id: string } | null = null;
    let batch = BANK_SCAN_FIRST_BATCH;
    let scanned = 0;
    let perfect = 0;
    for (;;) {
      // Only what scoring reads; the needs answered are read in full at the end.
      const rows: (NeedScoreRow & { cursor_at: string })[] = await this.dataSource.query(
        bankScanSql(batch, !!cursor),
        cursor ? [bankOrgId, cursor.at, cursor.id] : [bankOrgId],
      );
      for (const row of rows) {
        const prepared = prepareNeed(toMatchNeed(row));
        let best: { ip: IndexedProduct; match: MatchScore } | null = null;
        for (const ip of products) {
          if (quickHardFails(prepared, ip, 0) > 0) continue;
          const match = scoreFacts(prepared.facts, factsOf(ip), ctx);
          if (match.eligible && (!best || match.score > best.match.score)) {
            best = { ip, match };
            if (match.score >= 100) break; // nothing scores higher
          }
        }
        if (best) {
          found.push({ id: row.id, facts: prepared.facts, ...best });
          if (best.match.score >= 100) perfect++;
        }
      }
      scanned += rows.length;
      // Stable: among equal scores the newer need (found earlier) stays first.
      found.sort((a, b) => b.match.score - a.match.score);
      found.length = Math.min(found.length, limit);
      if (rows.length < batch) break;
      if (found.length >= limit && found[limit - 1].match.score >= 100) break;
      const last = rows[rows.length - 1];
      cursor = { at: last.cursor_at, id: last.id };
      const wanted = Math.ceil(((limit - Math.min(perfect, limit)) * scanned * 1.25) / Math.max(perfect, 1));
      batch = Math.min(BANK_SCAN_MAX_BATCH, Math.max(BANK_SCAN_MIN_BATCH, wanted));
    }
    if (!found.length) return [];
    const ids = found.map((f) => f.id);
    const [rows, cases] = await Promise.all([
      this.needRows(ids),
      this.dataSource.query(
        `SELECT DISTINCT ON (need_id) need_id, id FROM matchmaking_cases WHERE bank_org_id = $1 AND need_id = ANY($2::uuid[]) ORDER BY need_id, created_at DESC`,
        [bankOrgId, ids],
      ) as Promise<{ need_id: string; id: string }[]>,
    ]);
    const rowById = new Map(rows.map((r) => [r.id, r]));
    const caseByNeed = new Map(cases.map((c) => [c.need_id, c.id]));
    // (A need deleted since the scan is left out.)
    return found.filter((f) => rowById.has(f.id)).map((f) => ({
      need: needSummary(rowById.get(f.id)!),
      productId: f.ip.product.id,
      productName: f.ip.product.name,
      match: explainFacts(f.facts, factsOf(f.ip), ctx),
      caseId: caseByNeed.get(f.id) ?? null,
    }));
  }

  /** GET /products/:id/matches: the bank's own product only. */
  async forProduct(actor: Actor, productId: string, limit: number): Promise<NeedMatch[]> {
    const p = await this.dataSource.getRepository(Product).findOne({ where: { id: productId, bankOrgId: actor.organizationId } });
    if (!p) throw AppException.notFound('产品', ProductErrorCode.NOT_FOUND);
    return this.forBank(actor.organizationId, limit, productId);
  }

  /** An enterprise's open needs, each with its best products. */
  async forEnterprise(enterpriseOrgId: string, limit: number): Promise<EnterpriseNeedMatches[]> {
    const ids: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM financing_needs WHERE enterprise_org_id = $1 AND status IN ('OPEN','IN_MATCHMAKING') ORDER BY created_at DESC LIMIT 20`,
      [enterpriseOrgId],
    );
    const rows = await this.needRows(ids.map((r) => r.id));
    const out = [];
    for (const r of rows) out.push({ ...(await this.rankProducts(r, { limit })), need: needSummary(r) });
    return out;
  }
}
