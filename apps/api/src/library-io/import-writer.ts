import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ImportCounts, ImportSheet, ProjectSource, ProjectStatus, ReviewAction, ReviewStage, Role } from '@zj/shared';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit';
import type { Actor } from '../common/auth/actor';
import { longestPrefixRoute, ProjectsService } from '../projects';
import type { RunningImportJob } from './import-jobs';
import { ImportPlan, needImportKey, pairKey } from './import-validation';
import type { EnterpriseRecord, NeedRecord, ProjectRecord } from './row-rules';

/**
 * Writes an import plan: its enterprises (organisations and profiles), then its projects (created or
 * updated and submitted for review, with their categories and review events), then its needs, in
 * batches of 500 rows, each batch its own transaction under one advisory lock (two imports of one
 * file create nothing twice) with an audit row; counts what was created, updated, unchanged, skipped.
 */

const BATCH = 500;
/** Serialises the write batches of concurrent imports, so two imports of one file create nothing twice. */
const IMPORT_LOCK = 7_261_003;

const counts = (): ImportCounts => ({ created: 0, updated: 0, unchanged: 0, skipped: 0 });

/** What the three sheets' rows did. */
export interface ImportResult {
  enterprises: ImportCounts;
  projects: ImportCounts;
  needs: ImportCounts;
}

@Injectable()
export class ImportWriter {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly projects: ProjectsService,
  ) {}

  /**
   * Writes the plan of a job, sheet by sheet; the job's processed rows grow and `written` is called
   * after each batch is committed, the projects touched and the notices go to the job.
   */
  async write(job: RunningImportJob, actor: Actor, plan: ImportPlan, written: () => void): Promise<ImportResult> {
    const result = { enterprises: counts(), projects: counts(), needs: counts() };
    await this.writeEnterprises(job, actor, plan.enterprises, result.enterprises, written);
    await this.writeProjects(job, actor, plan, result.projects, written);
    await this.writeNeeds(job, actor, plan.needs, result.needs, written);
    return result;
  }

  private async batch(job: RunningImportJob, actor: Actor, sheet: string, written: () => void, fn: (m: EntityManager) => Promise<{ ids: string[]; rows: number }>) {
    await this.dataSource.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock($1)', [IMPORT_LOCK]);
      const { ids, rows } = await fn(m);
      await this.audit.record(m, actor, { action: 'library.import', entityType: 'import_job', entityId: job.view.id, after: { sheet, rows, mode: job.view.mode, fileName: job.view.fileName, ids } });
      job.view.processedRows += rows;
    });
    written();
  }

  private async writeEnterprises(job: RunningImportJob, actor: Actor, records: EnterpriseRecord[], c: ImportCounts, written: () => void) {
    for (let i = 0; i < records.length; i += BATCH) {
      const chunk = records.slice(i, i + BATCH);
      await this.batch(job, actor, ImportSheet.ENTERPRISES, written, async (m) => {
        const codes = chunk.map((r) => r.creditCode);
        const found: { id: string; credit_code: string }[] = await m.query('SELECT id, credit_code FROM organizations WHERE credit_code = ANY($1)', [codes]);
        const idOf = new Map(found.map((o) => [o.credit_code, o.id]));
        const missing = chunk.filter((r) => !idOf.has(r.creditCode));
        if (missing.length) {
          const inserted: { id: string; credit_code: string }[] = await m.query(
            `INSERT INTO organizations (type, name, credit_code, division_code)
             SELECT 'ENTERPRISE', x.name, x.code, x.div FROM unnest($1::varchar[], $2::varchar[], $3::varchar[]) AS x(name, code, div)
             RETURNING id, credit_code`,
            [missing.map((r) => r.name), missing.map((r) => r.creditCode), missing.map((r) => r.divisionCode)],
          );
          for (const o of inserted) idOf.set(o.credit_code, o.id);
        }
        const ids = chunk.map((r) => idOf.get(r.creditCode)!);
        const profiles: Record<string, unknown>[] = await m.query('SELECT * FROM enterprise_profiles WHERE organization_id = ANY($1)', [ids]);
        const profileOf = new Map(profiles.map((p) => [p.organization_id as string, p]));
        for (const r of chunk) {
          const orgId = idOf.get(r.creditCode)!;
          const fields: Record<string, unknown> = {
            industry_section: r.industrySection,
            industry_division: r.industryDivision,
            size: r.size,
            registered_capital: r.registeredCapital,
            contact_name: r.contactName,
            contact_phone: r.contactPhone,
            contact_email: r.contactEmail,
            env_credit_rating: r.envCreditRating,
            carbon_emissions_t: r.carbonEmissionsT,
            carbon_intensity: r.carbonIntensity,
            carbon_year: r.carbonYear,
            env_disclosure: r.envDisclosure,
          };
          // Empty cells do not erase what is already known.
          const given = Object.entries(fields).filter(([, val]) => val !== null);
          const prof = profileOf.get(orgId);
          if (!prof) {
            const cols = ['organization_id', 'created_by_org_id', ...given.map(([k]) => k)];
            const vals = [orgId, actor.organizationId, ...given.map(([, val]) => val)];
            await m.query(`INSERT INTO enterprise_profiles (${cols.join(', ')}) VALUES (${cols.map((_, j) => `$${j + 1}`).join(', ')})`, vals);
            if (missing.includes(r)) c.created++;
            else c.updated++;
            continue;
          }
          // A department updates only the profiles it registered; the enterprise's own data stays.
          if (actor.role === Role.DEPARTMENT && prof.created_by_org_id !== actor.organizationId) {
            c.skipped++;
            continue;
          }
          const changed = given.filter(([k, val]) => String(prof[k] ?? '') !== String(val) && !(typeof prof[k] === 'string' && typeof val === 'string' && Number(prof[k]) === Number(val) && /^[\d.]+$/.test(val)));
          if (!changed.length) {
            c.unchanged++;
            continue;
          }
          await m.query(
            `UPDATE enterprise_profiles SET ${changed.map(([k], j) => `${k} = $${j + 2}`).join(', ')}, version = version + 1, updated_at = now() WHERE organization_id = $1`,
            [orgId, ...changed.map(([, val]) => val)],
          );
          c.updated++;
        }
        return { ids, rows: chunk.length };
      });
    }
  }

  private async writeProjects(job: RunningImportJob, actor: Actor, plan: Pick<ImportPlan, 'projects' | 'projectSheet'>, c: ImportCounts, written: () => void) {
    const m0 = this.dataSource.manager;
    // Review routes of each catalogue version (a version without routes goes to the bureau).
    const routes: { version: string; prefix: string; departmentOrgId: string }[] = await m0.query(`SELECT taxonomy_version AS version, prefix, department_org_id AS "departmentOrgId" FROM review_routes`);
    const [bureau] = await m0.query(`SELECT id FROM organizations WHERE unit_code = 'finance-bureau'`);
    const [names] = await m0.query('SELECT u.display_name, o.name FROM users u JOIN organizations o ON o.id = u.organization_id WHERE u.id = $1', [actor.userId]);
    const dept = (version: string, code: string) =>
      longestPrefixRoute(
        routes.filter((r) => r.version === version),
        code,
      )?.departmentOrgId ?? bureau.id;
    const isCounty = actor.role === Role.COUNTY;
    const source = isCounty ? ProjectSource.COUNTY_SUBMITTED : ProjectSource.DEPARTMENT_RECOMMENDED;
    const stage = isCounty ? ReviewStage.COUNTY : ReviewStage.DEPARTMENT;

    for (let i = 0; i < plan.projects.length; i += BATCH) {
      const chunk = plan.projects.slice(i, i + BATCH);
      await this.batch(job, actor, ImportSheet.PROJECTS, written, async (m) => {
        const codes = [...new Set(chunk.map((r) => r.creditCode))];
        const orgs: { id: string; credit_code: string; is_demo: boolean }[] = await m.query('SELECT id, credit_code, is_demo FROM organizations WHERE credit_code = ANY($1)', [codes]);
        const orgOf = new Map(orgs.map((o) => [o.credit_code, o.id]));
        const existing: { id: string; enterprise_org_id: string; name: string; status: ProjectStatus; submitted_by_org_id: string; total_investment: string; stage: string; primary_category_version: string; primary_category_code: string; location: string | null; description: string | null }[] =
          await m.query(
            `SELECT id, enterprise_org_id, name, status, submitted_by_org_id, total_investment, stage, primary_category_version, primary_category_code, location, description FROM projects
              WHERE (enterprise_org_id, name) IN (SELECT * FROM unnest($1::uuid[], $2::varchar[])) FOR UPDATE`,
            [chunk.map((r) => orgOf.get(r.creditCode)), chunk.map((r) => r.name)],
          );
        const exOf = new Map(existing.map((p) => [pairKey(p.enterprise_org_id, p.name), p]));
        const fresh: (ProjectRecord & { divisionCode: string; orgId: string })[] = [];
        const touched: string[] = [];
        const events: unknown[][] = [];
        const ev = (projectId: string, action: ReviewAction, from: ProjectStatus | null, to: ProjectStatus, st: ReviewStage | null) =>
          events.push([projectId, action, from, to, st, actor.userId, names?.display_name ?? null, actor.organizationId, names?.name ?? null, `批量导入：${job.view.fileName}`]);
        for (const r of chunk) {
          const orgId = orgOf.get(r.creditCode)!;
          const ex = exOf.get(pairKey(orgId, r.name));
          if (!ex) {
            fresh.push({ ...r, orgId });
            continue;
          }
          const same = Number(ex.total_investment) === Number(r.totalInvestment) && ex.stage === r.stage && ex.primary_category_version === r.taxonomyVersion && ex.primary_category_code === r.categories[0] && (ex.location ?? null) === r.location && (ex.description ?? null) === r.description;
          const editable = ex.status === ProjectStatus.DRAFT || ex.status === ProjectStatus.RETURNED;
          if (!editable) {
            if (same) c.unchanged++;
            else {
              c.skipped++;
              if (job.notices.length < 200) job.notices.push(`“${plan.projectSheet}”第${r.row}行：${r.name} 已${ex.status === ProjectStatus.LISTED ? '入库' : '提交审核或归档'}，未按文件修改`);
            }
            continue;
          }
          const d = dept(r.taxonomyVersion, r.categories[0]);
          const reviewer = stage === ReviewStage.COUNTY ? actor.organizationId : d;
          await m.query(
            `UPDATE projects SET division_code = $2, location = $3, description = $4, stage = $5, total_investment = $6, construction_start = $7, construction_end = $8,
                    co2_avoided_t = $9, coal_saved_tce = $10, water_saved_t = $11, tags = $12, green_building_stars = $13, primary_category_version = $14, primary_category_code = $15,
                    department_org_id = $16, status = 'SUBMITTED', review_stage = $17, reviewer_org_id = $18, submitted_at = now(), return_reasons = NULL,
                    source = $19, submitted_by_org_id = $20, category_terms = $21, version = version + 1, updated_at = now()
              WHERE id = $1`,
            [
              ex.id, r.divisionCode, r.location, r.description, r.stage, r.totalInvestment, r.constructionStart, r.constructionEnd, r.co2AvoidedT, r.coalSavedTce, r.waterSavedT, r.tags,
              r.greenBuildingStars, r.taxonomyVersion, r.categories[0], d, stage, reviewer, source, actor.organizationId, await this.projects.categoryTermsOf(m, r.taxonomyVersion, r.categories),
            ],
          );
          await m.query('DELETE FROM project_categories WHERE project_id = $1', [ex.id]);
          await m.query(
            `INSERT INTO project_categories (project_id, taxonomy_version, code, is_primary) SELECT $1, $2, x.code, x.ord = 1 FROM unnest($3::varchar[]) WITH ORDINALITY AS x(code, ord)`,
            [ex.id, r.taxonomyVersion, r.categories],
          );
          ev(ex.id, ReviewAction.UPDATE, ex.status, ex.status, null);
          ev(ex.id, ReviewAction.SUBMIT, ex.status, ProjectStatus.SUBMITTED, stage);
          touched.push(ex.id);
          c.updated++;
        }
        if (fresh.length) {
          const cols = {
            enterprise: fresh.map((r) => r.orgId),
            name: fresh.map((r) => r.name),
            division: fresh.map((r) => r.divisionCode),
            location: fresh.map((r) => r.location),
            description: fresh.map((r) => r.description),
            stage: fresh.map((r) => r.stage),
            total: fresh.map((r) => r.totalInvestment),
            cstart: fresh.map((r) => r.constructionStart),
            cend: fresh.map((r) => r.constructionEnd),
            co2: fresh.map((r) => r.co2AvoidedT),
            coal: fresh.map((r) => r.coalSavedTce),
            water: fresh.map((r) => r.waterSavedT),
            tags: fresh.map((r) => `{${r.tags.map((t) => `"${t.replace(/["\\]/g, '\\$&')}"`).join(',')}}`),
            stars: fresh.map((r) => r.greenBuildingStars),
            primary: fresh.map((r) => r.categories[0]),
            dept: fresh.map((r) => dept(r.taxonomyVersion, r.categories[0])),
            version: fresh.map((r) => r.taxonomyVersion),
            terms: [] as string[],
          };
          for (const r of fresh) cols.terms.push(await this.projects.categoryTermsOf(m, r.taxonomyVersion, r.categories));
          const reviewers = fresh.map((r, j) => (stage === ReviewStage.COUNTY ? actor.organizationId : cols.dept[j]));
          const inserted: { id: string; enterprise_org_id: string; name: string }[] = await m.query(
            `INSERT INTO projects (enterprise_org_id, name, division_code, location, description, stage, total_investment, construction_start, construction_end,
                                   co2_avoided_t, coal_saved_tce, water_saved_t, tags, green_building_stars, primary_category_version, primary_category_code,
                                   department_org_id, reviewer_org_id, source, submitted_by_org_id, status, review_stage, submitted_at, category_terms)
             SELECT x.enterprise, x.name, x.division, x.location, x.description, x.stage, x.total, x.cstart, x.cend, x.co2, x.coal, x.water, x.tags::text[], x.stars,
                    x.ver, x.prim, x.dept, x.reviewer, $18, $19, 'SUBMITTED', $20, now(), x.terms
               FROM unnest($1::uuid[], $2::varchar[], $3::varchar[], $4::varchar[], $5::text[], $6::varchar[], $7::numeric[], $8::date[], $9::date[],
                           $10::numeric[], $11::numeric[], $12::numeric[], $13::text[], $14::smallint[], $15::varchar[], $16::uuid[], $21::uuid[], $17::varchar[], $22::text[])
                 AS x(enterprise, name, division, location, description, stage, total, cstart, cend, co2, coal, water, tags, stars, prim, dept, reviewer, ver, terms)
             RETURNING id, enterprise_org_id, name`,
            [
              cols.enterprise, cols.name, cols.division, cols.location, cols.description, cols.stage, cols.total, cols.cstart, cols.cend,
              cols.co2, cols.coal, cols.water, cols.tags, cols.stars, cols.primary, cols.dept, cols.version, source, actor.organizationId, stage, reviewers, cols.terms,
            ],
          );
          const idOf = new Map(inserted.map((p) => [pairKey(p.enterprise_org_id, p.name), p.id]));
          const catP: string[] = [];
          const catC: string[] = [];
          const catPrim: boolean[] = [];
          const catV: string[] = [];
          for (const r of fresh) {
            const id = idOf.get(pairKey(r.orgId, r.name))!;
            r.categories.forEach((code, j) => {
              catP.push(id);
              catC.push(code);
              catPrim.push(j === 0);
              catV.push(r.taxonomyVersion);
            });
            ev(id, ReviewAction.CREATE, null, ProjectStatus.DRAFT, null);
            ev(id, ReviewAction.SUBMIT, ProjectStatus.DRAFT, ProjectStatus.SUBMITTED, stage);
            touched.push(id);
          }
          await m.query(
            `INSERT INTO project_categories (project_id, taxonomy_version, code, is_primary) SELECT x.p, x.v, x.c, x.pr FROM unnest($1::uuid[], $2::varchar[], $3::boolean[], $4::varchar[]) AS x(p, c, pr, v)`,
            [catP, catC, catPrim, catV],
          );
          c.created += fresh.length;
        }
        if (events.length) {
          const colsOf = (k: number) => events.map((e) => e[k]);
          await m.query(
            `INSERT INTO project_review_events (project_id, action, from_status, to_status, review_stage, actor_user_id, actor_name, actor_org_id, actor_org_name, comment)
             SELECT * FROM unnest($1::uuid[], $2::varchar[], $3::varchar[], $4::varchar[], $5::varchar[], $6::uuid[], $7::varchar[], $8::uuid[], $9::varchar[], $10::text[])`,
            [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map(colsOf),
          );
        }
        job.projectIds.push(...touched);
        return { ids: touched, rows: chunk.length };
      });
    }
  }

  private async writeNeeds(job: RunningImportJob, actor: Actor, records: NeedRecord[], c: ImportCounts, written: () => void) {
    for (let i = 0; i < records.length; i += BATCH) {
      const chunk = records.slice(i, i + BATCH);
      await this.batch(job, actor, ImportSheet.NEEDS, written, async (m) => {
        const codes = [...new Set(chunk.map((r) => r.creditCode))];
        const orgs: { id: string; credit_code: string }[] = await m.query('SELECT id, credit_code FROM organizations WHERE credit_code = ANY($1)', [codes]);
        const orgOf = new Map(orgs.map((o) => [o.credit_code, o.id]));
        const named = chunk.filter((r) => r.projectName);
        const projects: { id: string; enterprise_org_id: string; name: string }[] = named.length
          ? await m.query(`SELECT id, enterprise_org_id, name FROM projects WHERE (enterprise_org_id, name) IN (SELECT * FROM unnest($1::uuid[], $2::varchar[]))`, [
              named.map((r) => orgOf.get(r.creditCode)),
              named.map((r) => r.projectName),
            ])
          : [];
        const projOf = new Map(projects.map((p) => [pairKey(p.enterprise_org_id, p.name), p.id]));
        const keys = chunk.map((r) => needImportKey(r));
        const existing: { enterprise_org_id: string; import_key: string }[] = await m.query(
          'SELECT enterprise_org_id, import_key FROM financing_needs WHERE import_key = ANY($1)',
          [keys],
        );
        const have = new Set(existing.map((e) => pairKey(e.enterprise_org_id, e.import_key)));
        const fresh = chunk.map((r, j) => ({ r, key: keys[j], orgId: orgOf.get(r.creditCode)! })).filter((x) => !have.has(pairKey(x.orgId, x.key)));
        c.unchanged += chunk.length - fresh.length;
        let ids: string[] = [];
        if (fresh.length) {
          const rows: { id: string }[] = await m.query(
            `INSERT INTO financing_needs (enterprise_org_id, project_id, amount, term_months, instrument, purpose, collateral, max_rate_percent, wanted_by, sharing,
                                          sharing_consented_at, status, created_by_org_id, import_key)
             SELECT x.org, x.project, x.amount, x.term, x.instrument, x.purpose, x.collateral::text[], x.rate, x.wanted, x.sharing,
                    CASE WHEN x.sharing = 'NOT_SHARED' THEN NULL ELSE now() END, 'OPEN', $12, x.key
               FROM unnest($1::uuid[], $2::uuid[], $3::numeric[], $4::int[], $5::varchar[], $6::varchar[], $7::text[], $8::numeric[], $9::date[], $10::varchar[], $11::varchar[])
                 AS x(org, project, amount, term, instrument, purpose, collateral, rate, wanted, sharing, key)
             RETURNING id`,
            [
              fresh.map((x) => x.orgId),
              fresh.map((x) => (x.r.projectName ? (projOf.get(pairKey(x.orgId, x.r.projectName)) ?? null) : null)),
              fresh.map((x) => x.r.amount),
              fresh.map((x) => x.r.termMonths),
              fresh.map((x) => x.r.instrument),
              fresh.map((x) => x.r.purpose),
              fresh.map((x) => `{${x.r.collateral.join(',')}}`),
              fresh.map((x) => x.r.maxRatePercent),
              fresh.map((x) => x.r.wantedBy),
              fresh.map((x) => x.r.sharing),
              fresh.map((x) => x.key),
              actor.organizationId,
            ],
          );
          ids = rows.map((r) => r.id);
          c.created += fresh.length;
        }
        return { ids, rows: chunk.length };
      });
    }
  }
}