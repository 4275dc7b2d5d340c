import {
  CertificationKind,
  CollateralKind,
  EnterpriseSize,
  EnvCreditRating,
  FinancingInstrument,
  GreenIdentificationStatus,
  NeedSharing,
  NeedStatus,
  ProjectSource,
  ProjectStage,
  ProjectStatus,
  ReviewAction,
  ReviewStage,
} from '@zj/shared';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit';
import { DEMO_ENTERPRISES, DEMO_NEEDS, DEMO_PROJECTS } from '../demo';
import { EnterpriseProfile, EnterprisesService, GreenIdentification, computeAndStoreGrade } from '../enterprises';
import { FinancingNeed } from '../financing-needs';
import { Organization } from '../organizations';
import { Project, ProjectCategory, ProjectReviewEvent, ProjectsService, longestPrefixRoute } from '../projects';
import { ReferenceService } from '../reference';

const GIC = 'GIC-2019';

/** Where each demo project stands, so the library looks alive: listed, under review, returned, draft. */
function demoStatus(i: number): 'LISTED' | 'SUBMITTED' | 'UNDER_REVIEW' | 'RETURNED' | 'DRAFT' | 'COUNTY' {
  const cycle = ['LISTED', 'LISTED', 'UNDER_REVIEW', 'LISTED', 'RETURNED', 'LISTED', 'SUBMITTED', 'LISTED', 'COUNTY', 'DRAFT'] as const;
  return cycle[i % cycle.length];
}

const RATINGS = [EnvCreditRating.GREEN, EnvCreditRating.BLUE, EnvCreditRating.GREEN, EnvCreditRating.BLUE, EnvCreditRating.YELLOW];
const SURNAMES = ['陈', '林', '黄', '李', '梁', '吴', '王', '张', '何', '周'];

/**
 * Library start-up data: default review routing of the 2019 catalogue, the first scorecard and, with
 * demo data on, profiles, projects (listed, under review, returned…), needs and grades for the demo
 * enterprises (found by credit code). Each part only when missing. Answers what was loaded.
 */
export async function seedLibrary(m: EntityManager, audit: AuditService, opts: { demo: boolean; reference: ReferenceService }): Promise<string[]> {
  const done: string[] = [];
  const routes = await ProjectsService.seedDefaultRoutes(m);
  if (routes) done.push(`review routes: ${routes}`);
  if (await EnterprisesService.seedDefaultScorecard(m)) done.push('scorecard v1');
  if (opts.demo) {
    const n = await seedDemoLibrary(m, opts.reference);
    if (n) done.push(`demo projects: ${n}`);
  }
  if (done.length) await audit.record(m, null, { action: 'system.seed_library', entityType: 'system', after: { loaded: done } });
  return done;
}

async function seedDemoLibrary(m: EntityManager, reference: ReferenceService): Promise<number> {
  if (await m.exists(Project, { where: { isDemo: true } })) return 0;
  const orgs = new Map<number, Organization>();
  for (const [i, e] of DEMO_ENTERPRISES.entries()) {
    const org = await m.findOne(Organization, { where: { creditCode: e.creditCode } });
    if (org) orgs.set(i, org);
  }
  if (!orgs.size) return 0;
  const [bureau] = await m.query(`SELECT id, name FROM organizations WHERE unit_code = 'finance-bureau'`);
  const routeRows: { prefix: string; departmentOrgId: string }[] = await m.query(
    `SELECT prefix, department_org_id AS "departmentOrgId" FROM review_routes WHERE taxonomy_version = $1`,
    [GIC],
  );
  const orgNames = new Map<string, string>(
    (await m.query(`SELECT id, name FROM organizations WHERE type IN ('GOVERNMENT_UNIT','COUNTY')`)).map((o: { id: string; name: string }) => [o.id, o.name]),
  );
  const countyByDivision = new Map<string, string>(
    (await m.query(`SELECT id, division_code FROM organizations WHERE type = 'COUNTY' AND unit_code LIKE 'county-%'`)).map((o: { id: string; division_code: string }) => [o.division_code, o.id]),
  );
  const year = new Date().getFullYear();
  // One clock for the whole seed: moments computed from it are consistent with each other to the millisecond.
  const seededAt = Date.now();
  const day = (offset: number) => new Date(seededAt - offset * 86400_000);
  // In time, as it would have happened: each project created, submitted, reviewed and listed (or
  // returned) between 170 and 210 days ago; the needs after all of them, 150 days ago (in the order
  // of DEMO_NEEDS, a minute apart); the demo cases and 对接会 that take the needs up come later still
  // (the oldest case opens 120 days ago).
  const projectDay = (i: number, step: number) => day(190 + (i % 20) - 5 * step);
  const needAt = (i: number) => new Date(day(150).getTime() + i * 60_000);

  for (const [i, e] of DEMO_ENTERPRISES.entries()) {
    const org = orgs.get(i);
    if (!org) continue;
    const certs = i % 3 === 0 ? [{ kind: CertificationKind.ISO14001, number: `演示-ISO-${1000 + i}`, validUntil: `${year + 2}-12-31` }] : [];
    if (i % 4 === 1) certs.push({ kind: CertificationKind.GREEN_FACTORY, number: `演示-GF-${2000 + i}`, validUntil: `${year + 1}-06-30` });
    await m.save(
      m.create(EnterpriseProfile, {
        organizationId: org.id,
        industrySection: e.industry.section,
        industryDivision: e.industry.division,
        industryName: e.industry.name,
        size: e.size as EnterpriseSize,
        registeredCapital: e.registeredCapital,
        legalRepresentative: `${SURNAMES[i % SURNAMES.length]}某（演示）`,
        contactName: `${SURNAMES[(i + 3) % SURNAMES.length]}经理（演示）`,
        contactPhone: `0759-000${String(1000 + i).slice(-4)}`,
        contactEmail: `contact${i + 1}@demo.zjgf.local`,
        envCreditRating: RATINGS[i % RATINGS.length],
        envCreditRatingYear: year - 1,
        certifications: certs,
        carbonEmissionsT: i % 2 === 0 ? String(1200 + i * 350) + '.00' : null,
        carbonIntensity: i % 2 === 0 ? (0.3 + (i % 5) * 0.15).toFixed(4) : null,
        carbonIntensityUnit: i % 2 === 0 ? 'tCO2e/万元产值' : null,
        carbonYear: i % 2 === 0 ? year - 1 : null,
        envDisclosure: i % 3 !== 2,
        isDemo: true,
      }),
    );
    if (i % 3 === 0) {
      await m.insert(GreenIdentification, {
        enterpriseOrgId: org.id,
        status: GreenIdentificationStatus.APPROVED,
        statement: '主营业务属于绿色产业指导目录范围，申请认定为绿色企业（演示）。',
        decidedByOrgId: bureau.id,
        decidedAt: day(60),
        decisionNote: '材料齐全，予以认定（演示）',
        validFrom: `${year - 1}-07-01`,
        validUntil: `${year + 2}-06-30`,
      });
    } else if (i % 5 === 1) {
      await m.insert(GreenIdentification, {
        enterpriseOrgId: org.id,
        status: GreenIdentificationStatus.PENDING,
        statement: '企业主要从事清洁能源与节能环保业务，申请绿色企业认定（演示）。',
      });
    }
  }

  const projectIds: (string | null)[] = [];
  for (const [i, d] of DEMO_PROJECTS.entries()) {
    const org = orgs.get(d.enterpriseIndex);
    if (!org) {
      projectIds.push(null);
      continue;
    }
    const plan = demoStatus(i);
    const county = countyByDivision.get(d.divisionCode) ?? null;
    const countySubmitted = (plan === 'COUNTY' || i % 4 === 0) && !!county;
    const departmentOrgId = longestPrefixRoute(routeRows, d.categoryCode)?.departmentOrgId ?? bureau.id;
    const source = countySubmitted ? ProjectSource.COUNTY_SUBMITTED : ProjectSource.SELF_REGISTERED;
    const submittedBy = countySubmitted ? county! : org.id;
    const status =
      plan === 'COUNTY' ? ProjectStatus.SUBMITTED : plan === 'DRAFT' ? ProjectStatus.DRAFT : (ProjectStatus[plan as keyof typeof ProjectStatus] ?? ProjectStatus.LISTED);
    const reviewStage = plan === 'COUNTY' ? ReviewStage.COUNTY : [ProjectStatus.SUBMITTED, ProjectStatus.UNDER_REVIEW].includes(status) ? ReviewStage.DEPARTMENT : null;
    const reviewerOrgId = reviewStage === ReviewStage.COUNTY ? county : reviewStage === ReviewStage.DEPARTMENT ? departmentOrgId : null;
    const start = projectDay(i, 1);
    const returnReasons = status === ProjectStatus.RETURNED ? [{ field: 'description', message: '请补充项目环境效益测算依据及可研报告（演示）' }] : null;
    const p = await m.save(
      m.create(Project, {
        enterpriseOrgId: org.id,
        name: d.name,
        divisionCode: d.divisionCode,
        location: d.location,
        description: `${d.name}，位于${d.location}。（演示数据）`,
        stage: d.stage as ProjectStage,
        totalInvestment: d.totalInvestment,
        co2AvoidedT: d.co2AvoidedTonsPerYear,
        coalSavedTce: d.coalSavedTcePerYear,
        waterSavedT: d.waterSavedTonsPerYear,
        tags: d.tags,
        greenBuildingStars: d.greenBuildingStars,
        primaryCategoryVersion: GIC,
        primaryCategoryCode: d.categoryCode,
        categoryTerms: await reference.termsOf(m, [{ taxonomyVersion: GIC, code: d.categoryCode }]),
        source,
        submittedByOrgId: submittedBy,
        status,
        reviewStage,
        departmentOrgId,
        reviewerOrgId,
        submittedAt: status === ProjectStatus.DRAFT ? null : start,
        listedAt: status === ProjectStatus.LISTED ? projectDay(i, 4) : null,
        returnReasons,
        isDemo: true,
        createdAt: projectDay(i, 0),
        updatedAt: status === ProjectStatus.DRAFT ? projectDay(i, 0) : projectDay(i, [ProjectStatus.LISTED, ProjectStatus.RETURNED].includes(status) ? 4 : status === ProjectStatus.UNDER_REVIEW ? 3 : 1),
      }),
    );
    await m.insert(ProjectCategory, { projectId: p.id, taxonomyVersion: GIC, code: d.categoryCode, isPrimary: true });
    // The timeline, as it would have happened.
    const ev = (action: ReviewAction, from: ProjectStatus | null, to: ProjectStatus, at: Date, orgId: string, stage: ReviewStage | null, extra: Partial<ProjectReviewEvent> = {}) =>
      m.insert(ProjectReviewEvent, { projectId: p.id, action, fromStatus: from, toStatus: to, reviewStage: stage, actorOrgId: orgId, actorOrgName: orgNames.get(orgId) ?? org.name, actorName: '（演示）', at, ...extra });
    await ev(ReviewAction.CREATE, null, ProjectStatus.DRAFT, projectDay(i, 0), submittedBy, null);
    if (status !== ProjectStatus.DRAFT) {
      // The county reviews first: what it registered and its enterprises' own submissions (projects/workflow.ts).
      await ev(ReviewAction.SUBMIT, ProjectStatus.DRAFT, ProjectStatus.SUBMITTED, start, submittedBy, county ? ReviewStage.COUNTY : ReviewStage.DEPARTMENT);
      if (county && plan !== 'COUNTY') {
        await ev(ReviewAction.PASS, ProjectStatus.SUBMITTED, ProjectStatus.SUBMITTED, projectDay(i, 2), county!, ReviewStage.DEPARTMENT, { comment: '县区初审通过（演示）' });
      }
      if ([ProjectStatus.UNDER_REVIEW, ProjectStatus.LISTED, ProjectStatus.RETURNED].includes(status)) {
        await ev(ReviewAction.START_REVIEW, ProjectStatus.SUBMITTED, ProjectStatus.UNDER_REVIEW, projectDay(i, 3), departmentOrgId, ReviewStage.DEPARTMENT);
      }
      if (status === ProjectStatus.LISTED) await ev(ReviewAction.LIST, ProjectStatus.UNDER_REVIEW, ProjectStatus.LISTED, p.listedAt!, departmentOrgId, null, { comment: '符合绿色产业指导目录，同意入库（演示）' });
      if (status === ProjectStatus.RETURNED) await ev(ReviewAction.RETURN, ProjectStatus.UNDER_REVIEW, ProjectStatus.RETURNED, projectDay(i, 4), departmentOrgId, null, { reasons: returnReasons });
    }
    projectIds.push(p.id);
  }

  for (const [i, n] of DEMO_NEEDS.entries()) {
    const projectId = projectIds[n.projectIndex];
    const d = DEMO_PROJECTS[n.projectIndex];
    const org = orgs.get(d.enterpriseIndex);
    if (!projectId || !org) continue;
    await m.insert(FinancingNeed, {
      enterpriseOrgId: org.id,
      projectId,
      amount: n.amount,
      termMonths: n.termMonths,
      instrument: n.instrument as FinancingInstrument,
      purpose: n.purpose,
      collateral: n.collateral as CollateralKind[],
      maxRatePercent: n.maxRatePercent,
      wantedBy: `${year + 1}-0${(i % 9) + 1}-15`,
      sharing: i % 7 === 6 ? NeedSharing.NOT_SHARED : NeedSharing.ALL_BANKS,
      sharingConsentedAt: i % 7 === 6 ? null : needAt(i),
      status: NeedStatus.OPEN,
      statusChangedAt: needAt(i),
      createdAt: needAt(i),
      updatedAt: needAt(i),
      createdByOrgId: org.id,
      isDemo: true,
    });
  }

  for (const org of orgs.values()) await computeAndStoreGrade(m, org.id, null);
  return projectIds.filter(Boolean).length;
}
