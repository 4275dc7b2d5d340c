import { ReportAction, ReportAddressee, ReportStatus, WorkItemStatus } from '@zj/shared';
import { combineStatuses, isOverdue, reportTransition, submittedOnTime } from './report-workflow';

const own = { own: true, leadOfTask: false, bureau: false };
const lead = { own: false, leadOfTask: true, bureau: false };
const bureau = { own: false, leadOfTask: false, bureau: true };
const stranger = { own: false, leadOfTask: false, bureau: false };
const { DRAFT, SUBMITTED, RETURNED, CONSOLIDATED, ACCEPTED } = ReportStatus;

describe('report workflow', () => {
  it('lets a unit save and submit its own draft or returned report, and nothing else', () => {
    expect(reportTransition(ReportAction.SUBMIT, DRAFT, ReportAddressee.LEAD, own)).toEqual({ ok: true, to: SUBMITTED });
    expect(reportTransition(ReportAction.SUBMIT, RETURNED, ReportAddressee.BUREAU, own)).toEqual({ ok: true, to: SUBMITTED });
    expect(reportTransition(ReportAction.SAVE, RETURNED, ReportAddressee.BUREAU, own)).toEqual({ ok: true, to: RETURNED });
    for (const s of [SUBMITTED, CONSOLIDATED, ACCEPTED]) expect(reportTransition(ReportAction.SAVE, s, ReportAddressee.BUREAU, own)).toMatchObject({ ok: false, reason: 'state' });
    expect(reportTransition(ReportAction.SUBMIT, DRAFT, ReportAddressee.BUREAU, bureau)).toMatchObject({ ok: false, reason: 'forbidden' });
  });

  it('sends a cooperating report to the lead, who returns or consolidates it; the bureau does not accept it', () => {
    expect(reportTransition(ReportAction.RETURN, SUBMITTED, ReportAddressee.LEAD, lead)).toEqual({ ok: true, to: RETURNED });
    expect(reportTransition(ReportAction.CONSOLIDATE, SUBMITTED, ReportAddressee.LEAD, lead)).toEqual({ ok: true, to: CONSOLIDATED });
    expect(reportTransition(ReportAction.RETURN, SUBMITTED, ReportAddressee.LEAD, bureau)).toMatchObject({ ok: false, reason: 'forbidden' });
    expect(reportTransition(ReportAction.ACCEPT, SUBMITTED, ReportAddressee.LEAD, bureau)).toMatchObject({ ok: false, reason: 'forbidden' });
    expect(reportTransition(ReportAction.RETURN, DRAFT, ReportAddressee.LEAD, lead)).toMatchObject({ ok: false, reason: 'state' });
  });

  it('sends lead and joint reports to the bureau, which accepts or returns them', () => {
    expect(reportTransition(ReportAction.ACCEPT, SUBMITTED, ReportAddressee.BUREAU, bureau)).toEqual({ ok: true, to: ACCEPTED });
    expect(reportTransition(ReportAction.RETURN, SUBMITTED, ReportAddressee.BUREAU, bureau)).toEqual({ ok: true, to: RETURNED });
    expect(reportTransition(ReportAction.ACCEPT, SUBMITTED, ReportAddressee.BUREAU, lead)).toMatchObject({ ok: false, reason: 'forbidden' });
    expect(reportTransition(ReportAction.ACCEPT, ACCEPTED, ReportAddressee.BUREAU, bureau)).toMatchObject({ ok: false, reason: 'state' });
    expect(reportTransition(ReportAction.RETURN, SUBMITTED, ReportAddressee.BUREAU, stranger)).toMatchObject({ ok: false, reason: 'forbidden' });
  });
});

describe('statuses', () => {
  const { NOT_STARTED, ON_TRACK, AT_RISK, DONE } = WorkItemStatus;
  it('combines work item statuses into a task status', () => {
    expect(combineStatuses([])).toBe(NOT_STARTED);
    expect(combineStatuses([DONE, DONE])).toBe(DONE);
    expect(combineStatuses([DONE, NOT_STARTED])).toBe(ON_TRACK);
    expect(combineStatuses([DONE, AT_RISK, ON_TRACK])).toBe(AT_RISK);
    expect(combineStatuses([NOT_STARTED, NOT_STARTED])).toBe(NOT_STARTED);
  });

  it('flags outstanding reports after the due time, and knows on-time submissions', () => {
    const due = new Date('2026-04-10T10:00:00Z');
    const after = new Date('2026-04-10T10:00:01Z');
    expect(isOverdue(null, due, after)).toBe(true);
    expect(isOverdue(RETURNED, due, after)).toBe(true);
    expect(isOverdue(SUBMITTED, due, after)).toBe(false);
    expect(isOverdue(DRAFT, due, due)).toBe(false);
    expect(submittedOnTime(due, due)).toBe(true);
    expect(submittedOnTime(after, due)).toBe(false);
    expect(submittedOnTime(null, due)).toBeNull();
  });
});
