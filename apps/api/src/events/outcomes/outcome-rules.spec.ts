import { CaseState, MeetingResult, MeetingStatus, RegistrationStatus } from '@zj/shared';
import { amountPhrase, buildReport, freeDesks, intentComment, numberSlots, outcomeProblem, ReportRows, resultLabel, slotsAround } from './outcome-rules';

describe('outcome rules', () => {
  it('an outcome: no result for a meeting not held; an amount with an intent and only then', () => {
    expect(outcomeProblem({ held: false })).toBeNull();
    expect(outcomeProblem({ held: true })).toBeNull();
    expect(outcomeProblem({ held: false, result: MeetingResult.FOLLOW_UP })?.field).toBe('result');
    expect(outcomeProblem({ held: true, result: MeetingResult.INTENT })?.field).toBe('amount');
    expect(outcomeProblem({ held: true, result: MeetingResult.INTENT, amount: '500' })).toBeNull();
    expect(outcomeProblem({ held: true, result: MeetingResult.FOLLOW_UP, amount: '500' })?.field).toBe('amount');
    expect(outcomeProblem({ held: false, amount: '1.00' })?.field).toBe('amount');
  });

  it('labels and amounts as the notice and the case timeline write them', () => {
    expect(resultLabel(true, MeetingResult.INTENT)).toBe('达成意向');
    expect(resultLabel(false, null)).toBe('会谈未举行');
    expect(amountPhrase('500')).toBe('，意向金额500.00万元');
    expect(amountPhrase(null)).toBe('');
    expect(intentComment('500', '湛江绿色金融对接会', false)).toBe('对接会签约意向：500.00万元（湛江绿色金融对接会）');
  });

  it('the slot under way and the next, in time order; free desks', () => {
    const at = (h: number, m = 0) => new Date(Date.UTC(2026, 4, 20, h, m));
    const slots = numberSlots([
      { id: 'b', startsAt: at(2, 20), endsAt: at(2, 40) },
      { id: 'a', startsAt: at(2, 0), endsAt: at(2, 20) },
      { id: 'c', startsAt: at(3, 0), endsAt: at(3, 20) },
    ]);
    expect(slots.map((s) => [s.id, s.index])).toEqual([['a', 1], ['b', 2], ['c', 3]]);
    expect(slotsAround(slots, at(2, 25))).toMatchObject({ current: { id: 'b' }, next: { id: 'c' } });
    expect(slotsAround(slots, at(2, 20))).toMatchObject({ current: { id: 'b' }, next: { id: 'c' } });
    expect(slotsAround(slots, at(2, 50))).toMatchObject({ current: null, next: { id: 'c' } });
    expect(slotsAround(slots, at(1))).toMatchObject({ current: null, next: { id: 'a' } });
    expect(slotsAround(slots, at(4))).toEqual({ current: null, next: null });
    expect(freeDesks(4, [2, 4])).toEqual([1, 3]);
    expect(freeDesks(2, [1, 2])).toEqual([]);
  });

  it('the report counts its rows: registered, arrivals, meetings, results, intents, and the cases’ live approvals and disbursements', () => {
    const org = (id: string) => ({ id, name: id, type: 'FINANCIAL_INSTITUTION' });
    const rows: ReportRows = {
      eventId: 'e',
      asOf: new Date('2026-05-20T08:00:00Z'),
      started: true,
      registrations: [
        { organizationId: 'E1', side: 'ENTERPRISE', status: RegistrationStatus.REGISTERED, checkedIn: true },
        { organizationId: 'E2', side: 'ENTERPRISE', status: RegistrationStatus.REGISTERED, checkedIn: false },
        { organizationId: 'E3', side: 'ENTERPRISE', status: RegistrationStatus.WAITLISTED, checkedIn: false },
        { organizationId: 'E4', side: 'ENTERPRISE', status: RegistrationStatus.CANCELLED, checkedIn: false },
        { organizationId: 'B1', side: 'BANK', status: RegistrationStatus.REGISTERED, checkedIn: true },
        { organizationId: 'B2', side: 'BANK', status: RegistrationStatus.REGISTERED, checkedIn: true },
      ],
      requests: [{ status: 'ACCEPTED' }, { status: 'ACCEPTED' }, { status: 'DECLINED' }, { status: 'WITHDRAWN' }, { status: 'PENDING' }],
      meetings: [
        { bankOrgId: 'B1', status: MeetingStatus.SCHEDULED, held: true, result: MeetingResult.INTENT },
        { bankOrgId: 'B1', status: MeetingStatus.SCHEDULED, held: true, result: MeetingResult.FOLLOW_UP },
        { bankOrgId: 'B2', status: MeetingStatus.SCHEDULED, held: false, result: null },
        { bankOrgId: 'B2', status: MeetingStatus.CANCELLED, held: null, result: null },
      ],
      intents: [
        { bankOrgId: 'B1', amount: '500.00', caseId: 'c1' },
        { bankOrgId: 'B2', amount: '0.10', caseId: 'c2' },
        { bankOrgId: 'B2', amount: '0.20', caseId: 'c2' },
        { bankOrgId: 'B2', amount: '300.00', caseId: 'c3' },
      ],
      cases: [
        { id: 'c1', state: CaseState.DISBURSED, approvedAmount: '500.00', disbursedTotal: '300.00' },
        { id: 'c2', state: CaseState.WITHDRAWN, approvedAmount: '100.00', disbursedTotal: '0.00' },
        { id: 'c3', state: CaseState.CLOSED, approvedAmount: '200.00', disbursedTotal: '150.00' },
      ],
      orgs: new Map(['B1', 'B2'].map((id) => [id, org(id)])),
    };
    const r = buildReport(rows);
    expect(r).toMatchObject({
      registrations: 4,
      registrationsByType: { enterprises: 2, banks: 2 },
      waitlisted: 1,
      checkedIn: 3,
      noShows: 1,
      meetingsRequested: 4,
      meetingsAccepted: 2,
      meetingsPlaced: 3,
      meetingsHeld: 2,
      results: { NO_INTEREST: 0, FOLLOW_UP: 1, INTENT: 1 },
      intents: { count: 4, amount: '800.30' },
      approvedAmount: '700.00',
      disbursedAmount: '450.00',
      approvedCount: 2,
      disbursedCount: 2,
      asOf: '2026-05-20T08:00:00.000Z',
    });
    expect(r.byBank).toEqual([
      { organization: org('B1'), meetingsHeld: 2, intents: 1, intentAmount: '500.00', approvedAmount: '500.00', disbursedAmount: '300.00' },
      { organization: org('B2'), meetingsHeld: 0, intents: 3, intentAmount: '300.30', approvedAmount: '200.00', disbursedAmount: '150.00' },
    ]);
    expect(buildReport({ ...rows, started: false }).noShows).toBe(0);
  });
});
