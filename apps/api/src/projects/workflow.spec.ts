import { ProjectSource, ProjectStatus, ReviewAction, ReviewStage, Role } from '@zj/shared';
import { applyAction, isProblem, WorkflowProject } from './workflow';

const ENT = 'ent';
const COUNTY = 'county';
const DEPT = 'dept';
const base: WorkflowProject = {
  status: ProjectStatus.DRAFT,
  source: ProjectSource.SELF_REGISTERED,
  reviewStage: null,
  enterpriseOrgId: ENT,
  submittedByOrgId: ENT,
  reviewerOrgId: null,
  departmentOrgId: DEPT,
  countyOrgId: COUNTY,
};
const enterprise = { role: Role.ENTERPRISE, organizationId: ENT };
const county = { role: Role.COUNTY, organizationId: COUNTY };
const dept = { role: Role.DEPARTMENT, organizationId: DEPT };
const otherDept = { role: Role.DEPARTMENT, organizationId: 'other' };

function run(p: WorkflowProject, action: ReviewAction, actor: { role: Role; organizationId: string }, reasons = 1) {
  const r = applyAction(p, action, actor, { reasons });
  if (isProblem(r)) throw new Error(`${r.kind}: ${r.message}`);
  return { ...p, ...r };
}

/** An enterprise's own project, submitted and passed by its county: waiting for the department. */
const atDepartment = () => run(run(base, ReviewAction.SUBMIT, enterprise), ReviewAction.PASS, county);

describe('project workflow', () => {
  it('self-registered: the county of its division reviews first, then the routed department lists it', () => {
    const submitted = run(base, ReviewAction.SUBMIT, enterprise);
    expect(submitted).toMatchObject({ status: ProjectStatus.SUBMITTED, reviewStage: ReviewStage.COUNTY, reviewerOrgId: COUNTY });
    // the department cannot act before the county has passed it, nor the county list it itself
    expect(applyAction(submitted, ReviewAction.LIST, dept)).toMatchObject({ kind: 'forbidden' });
    expect(applyAction(submitted, ReviewAction.LIST, county)).toMatchObject({ kind: 'state' });
    const countyUnder = run(submitted, ReviewAction.START_REVIEW, county);
    const passed = run(countyUnder, ReviewAction.PASS, county);
    expect(passed).toMatchObject({ status: ProjectStatus.SUBMITTED, reviewStage: ReviewStage.DEPARTMENT, reviewerOrgId: DEPT });
    const under = run(passed, ReviewAction.START_REVIEW, dept);
    expect(under.status).toBe(ProjectStatus.UNDER_REVIEW);
    expect(run(under, ReviewAction.LIST, dept).status).toBe(ProjectStatus.LISTED);
  });

  it('the county may return an enterprise’s submission to it; the resubmission goes to the county again', () => {
    const submitted = run(base, ReviewAction.SUBMIT, enterprise);
    const returned = run(submitted, ReviewAction.RETURN, county);
    expect(returned).toMatchObject({ status: ProjectStatus.RETURNED, reviewStage: null, reviewerOrgId: null });
    expect(run(returned, ReviewAction.SUBMIT, enterprise)).toMatchObject({ reviewStage: ReviewStage.COUNTY, reviewerOrgId: COUNTY });
  });

  it('without a county for the division, and for a department’s own registration, the department reviews at once', () => {
    expect(run({ ...base, countyOrgId: null }, ReviewAction.SUBMIT, enterprise)).toMatchObject({ reviewStage: ReviewStage.DEPARTMENT, reviewerOrgId: DEPT });
    const recommended = { ...base, source: ProjectSource.DEPARTMENT_RECOMMENDED, submittedByOrgId: DEPT };
    expect(run(recommended, ReviewAction.SUBMIT, dept)).toMatchObject({ reviewStage: ReviewStage.DEPARTMENT, reviewerOrgId: DEPT });
  });

  it('county-submitted: the county reviews first, then passes it to the department', () => {
    const p = { ...base, source: ProjectSource.COUNTY_SUBMITTED, submittedByOrgId: COUNTY };
    const submitted = run(p, ReviewAction.SUBMIT, county);
    expect(submitted).toMatchObject({ reviewStage: ReviewStage.COUNTY, reviewerOrgId: COUNTY });
    // the department cannot act before the county has passed it
    expect(applyAction(submitted, ReviewAction.LIST, dept)).toMatchObject({ kind: 'forbidden' });
    // nor can the county list it itself
    expect(applyAction(submitted, ReviewAction.LIST, county)).toMatchObject({ kind: 'state' });
    const passed = run(submitted, ReviewAction.PASS, county);
    expect(passed).toMatchObject({ status: ProjectStatus.SUBMITTED, reviewStage: ReviewStage.DEPARTMENT, reviewerOrgId: DEPT });
    expect(run(passed, ReviewAction.LIST, dept).status).toBe(ProjectStatus.LISTED);
  });

  it('a return needs reasons; the submitter corrects and resubmits', () => {
    const submitted = atDepartment();
    expect(applyAction(submitted, ReviewAction.RETURN, dept, { reasons: 0 })).toMatchObject({ kind: 'invalid' });
    const returned = run(submitted, ReviewAction.RETURN, dept);
    expect(returned.status).toBe(ProjectStatus.RETURNED);
    expect(run(returned, ReviewAction.SUBMIT, enterprise).status).toBe(ProjectStatus.SUBMITTED);
  });

  it('only the current reviewer (or the bureau) may review; another department may not', () => {
    const submitted = atDepartment();
    expect(applyAction(submitted, ReviewAction.LIST, otherDept)).toMatchObject({ kind: 'forbidden' });
    expect(applyAction(submitted, ReviewAction.LIST, enterprise)).toMatchObject({ kind: 'forbidden' });
    expect(run(submitted, ReviewAction.LIST, { role: Role.BUREAU, organizationId: 'bureau' }).status).toBe(ProjectStatus.LISTED);
  });

  it('a listed project cannot be reviewed again, withdrawn or resubmitted', () => {
    const listed = { ...base, status: ProjectStatus.LISTED };
    expect(applyAction(listed, ReviewAction.LIST, dept)).toMatchObject({ kind: 'forbidden' });
    expect(applyAction(listed, ReviewAction.WITHDRAW, enterprise)).toMatchObject({ kind: 'state' });
    expect(applyAction(listed, ReviewAction.SUBMIT, enterprise)).toMatchObject({ kind: 'state' });
    expect(run(listed, ReviewAction.ARCHIVE, enterprise).status).toBe(ProjectStatus.ARCHIVED);
  });

  it('withdraw only before a reviewer has taken it up', () => {
    const submitted = run(base, ReviewAction.SUBMIT, enterprise);
    expect(run(submitted, ReviewAction.WITHDRAW, enterprise).status).toBe(ProjectStatus.DRAFT);
    const under = run(submitted, ReviewAction.START_REVIEW, county);
    expect(applyAction(under, ReviewAction.WITHDRAW, enterprise)).toMatchObject({ kind: 'state' });
    expect(applyAction(under, ReviewAction.ARCHIVE, enterprise)).toMatchObject({ kind: 'state' });
  });
});
