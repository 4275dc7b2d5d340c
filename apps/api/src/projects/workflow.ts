import { ProjectSource, ProjectStatus, ReviewAction, ReviewStage, Role } from '@zj/shared';

/**
 * The project review workflow as plain functions: who may do what, and what follows.
 * draft → submitted → under review → listed | returned (resubmittable) → archived.
 * The county reviews first (stage COUNTY): what it registered itself, and what an enterprise of the
 * county submitted on its own (reviewed by the county of the project's division); then the routed
 * department (stage DEPARTMENT) lists it. A department's (or the bureau's) own registration goes
 * straight to the department. See docs/LIBRARY.md.
 */

export interface WorkflowProject {
  status: ProjectStatus;
  source: ProjectSource;
  reviewStage: ReviewStage | null;
  enterpriseOrgId: string;
  submittedByOrgId: string;
  reviewerOrgId: string | null;
  departmentOrgId: string | null;
  /** The county (县区) organisation of the project's division, when there is one: it reviews an enterprise's own submission first. */
  countyOrgId?: string | null;
}

export interface WorkflowActor {
  role: Role;
  organizationId: string;
}

export interface WorkflowResult {
  status: ProjectStatus;
  reviewStage: ReviewStage | null;
  reviewerOrgId: string | null;
}

export type WorkflowProblem =
  | { kind: 'forbidden'; message: string }
  | { kind: 'state'; message: string }
  | { kind: 'invalid'; message: string };

const EDITABLE = [ProjectStatus.DRAFT, ProjectStatus.RETURNED];
const IN_REVIEW = [ProjectStatus.SUBMITTED, ProjectStatus.UNDER_REVIEW];

/** The owner enterprise and the organisation that registered the project may edit and submit it. */
export function isEditor(p: Pick<WorkflowProject, 'enterpriseOrgId' | 'submittedByOrgId'>, a: WorkflowActor): boolean {
  return a.organizationId === p.enterpriseOrgId || a.organizationId === p.submittedByOrgId;
}

/** Whether the actor is the project's current reviewer (the bureau may act at any stage). */
export function isCurrentReviewer(p: Pick<WorkflowProject, 'reviewerOrgId' | 'status'>, a: WorkflowActor): boolean {
  if (!IN_REVIEW.includes(p.status)) return false;
  if (a.role === Role.BUREAU) return true;
  return (a.role === Role.COUNTY || a.role === Role.DEPARTMENT) && p.reviewerOrgId === a.organizationId;
}

export function canEdit(p: WorkflowProject, a: WorkflowActor): boolean {
  return EDITABLE.includes(p.status) && (isEditor(p, a) || a.role === Role.BUREAU);
}

/**
 * Where a submission goes first: the county's first review (the county that registered it, or the
 * county of an enterprise's own project), else the department.
 */
export function firstStage(
  p: Pick<WorkflowProject, 'source' | 'submittedByOrgId' | 'departmentOrgId' | 'countyOrgId'>,
): { reviewStage: ReviewStage; reviewerOrgId: string | null } {
  if (p.source === ProjectSource.COUNTY_SUBMITTED) return { reviewStage: ReviewStage.COUNTY, reviewerOrgId: p.submittedByOrgId };
  if (p.source === ProjectSource.SELF_REGISTERED && p.countyOrgId) return { reviewStage: ReviewStage.COUNTY, reviewerOrgId: p.countyOrgId };
  return { reviewStage: ReviewStage.DEPARTMENT, reviewerOrgId: p.departmentOrgId };
}

/**
 * What an action does to a project, or why it may not. `departmentOrgId` is the routed department at
 * the moment of the action (routing may have changed since the project was created).
 */
export function applyAction(p: WorkflowProject, action: ReviewAction, a: WorkflowActor, opts: { reasons?: number } = {}): WorkflowResult | WorkflowProblem {
  const state = (message: string): WorkflowProblem => ({ kind: 'state', message });
  const forbidden = (message: string): WorkflowProblem => ({ kind: 'forbidden', message });
  switch (action) {
    case ReviewAction.SUBMIT: {
      if (!isEditor(p, a) && a.role !== Role.BUREAU) return forbidden('只有项目所属企业或报送单位可以提交');
      if (!EDITABLE.includes(p.status)) return state('只有草稿或已退回的项目可以提交');
      return { status: ProjectStatus.SUBMITTED, ...firstStage(p) };
    }
    case ReviewAction.WITHDRAW: {
      if (!isEditor(p, a)) return forbidden('只有项目所属企业或报送单位可以撤回');
      if (p.status !== ProjectStatus.SUBMITTED) return state('只有已提交、尚未受理的项目可以撤回');
      return { status: ProjectStatus.DRAFT, reviewStage: null, reviewerOrgId: null };
    }
    case ReviewAction.START_REVIEW: {
      if (!isCurrentReviewer(p, a)) return forbidden('不是该项目当前的审核单位');
      if (p.status !== ProjectStatus.SUBMITTED) return state('项目已被受理或不在待审状态');
      return { status: ProjectStatus.UNDER_REVIEW, reviewStage: p.reviewStage, reviewerOrgId: p.reviewerOrgId };
    }
    case ReviewAction.PASS: {
      if (!isCurrentReviewer(p, a)) return forbidden('不是该项目当前的审核单位');
      if (p.reviewStage !== ReviewStage.COUNTY) return state('项目不在县区初审阶段');
      return { status: ProjectStatus.SUBMITTED, reviewStage: ReviewStage.DEPARTMENT, reviewerOrgId: p.departmentOrgId };
    }
    case ReviewAction.LIST: {
      if (!isCurrentReviewer(p, a)) return forbidden('不是该项目当前的审核单位');
      if (p.reviewStage !== ReviewStage.DEPARTMENT) return state('县区初审通过后，方可由行业主管部门审核入库');
      return { status: ProjectStatus.LISTED, reviewStage: null, reviewerOrgId: null };
    }
    case ReviewAction.RETURN: {
      if (!isCurrentReviewer(p, a)) return forbidden('不是该项目当前的审核单位');
      if (!opts.reasons) return { kind: 'invalid', message: '退回须填写退回理由' };
      return { status: ProjectStatus.RETURNED, reviewStage: null, reviewerOrgId: null };
    }
    case ReviewAction.ARCHIVE: {
      const allowed = a.role === Role.BUREAU || isEditor(p, a);
      if (!allowed) return forbidden('只有项目所属企业、报送单位或市金融工作局可以归档');
      if (![ProjectStatus.DRAFT, ProjectStatus.RETURNED, ProjectStatus.LISTED].includes(p.status)) return state('审核中的项目不能归档');
      return { status: ProjectStatus.ARCHIVED, reviewStage: null, reviewerOrgId: null };
    }
    default:
      return { kind: 'invalid', message: '不支持的操作' };
  }
}

export function isProblem(r: WorkflowResult | WorkflowProblem): r is WorkflowProblem {
  return 'kind' in r;
}
