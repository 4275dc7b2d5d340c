import { EventStatus, RegistrationStatus } from '@zj/shared';
import { admission, isNoShow, placesToPromote, registrationClosedReason, sideProblems } from './registration-rules';

const H = 3600_000;
const now = new Date('2026-05-10T02:00:00Z');
const ev = (status: EventStatus, o: { startsInH?: number; deadlineInH?: number | null } = {}) => ({
  status,
  startsAt: new Date(now.getTime() + (o.startsInH ?? 48) * H),
  registrationDeadline: o.deadlineInH === undefined || o.deadlineInH === null ? null : new Date(now.getTime() + o.deadlineInH * H),
});

describe('registration rules', () => {
  it('registration is open only while published, before the deadline and the start', () => {
    expect(registrationClosedReason(ev(EventStatus.PUBLISHED), now)).toBeNull();
    expect(registrationClosedReason(ev(EventStatus.PUBLISHED, { deadlineInH: 1 }), now)).toBeNull();
    expect(registrationClosedReason(ev(EventStatus.DRAFT), now)).toMatch('尚未发布');
    expect(registrationClosedReason(ev(EventStatus.PUBLISHED, { deadlineInH: -1 }), now)).toMatch('截止');
    expect(registrationClosedReason(ev(EventStatus.REGISTRATION_CLOSED), now)).toMatch('截止');
    expect(registrationClosedReason(ev(EventStatus.PUBLISHED, { startsInH: -1 }), now)).toMatch('已开始');
    expect(registrationClosedReason(ev(EventStatus.IN_PROGRESS), now)).toMatch('已开始');
    expect(registrationClosedReason(ev(EventStatus.CANCELLED), now)).toMatch('已取消');
    expect(registrationClosedReason(ev(EventStatus.HELD), now)).toMatch('已结束');
  });

  it('admits while places are left, then waits; approval first when required', () => {
    expect(admission({ capacity: null, requiresApproval: false }, 999)).toBe(RegistrationStatus.REGISTERED);
    expect(admission({ capacity: 3, requiresApproval: false }, 2)).toBe(RegistrationStatus.REGISTERED);
    expect(admission({ capacity: 3, requiresApproval: false }, 3)).toBe(RegistrationStatus.WAITLISTED);
    expect(admission({ capacity: 3, requiresApproval: true }, 0)).toBe(RegistrationStatus.PENDING);
    expect(admission({ capacity: 3, requiresApproval: true }, 2, true)).toBe(RegistrationStatus.REGISTERED);
    expect(admission({ capacity: 3, requiresApproval: true }, 3, true)).toBe(RegistrationStatus.WAITLISTED);
  });

  it('promotes as many as places are left', () => {
    expect(placesToPromote(3, 2, 5)).toBe(1);
    expect(placesToPromote(3, 3, 5)).toBe(0);
    expect(placesToPromote(3, 4, 5)).toBe(0);
    expect(placesToPromote(10, 2, 5)).toBe(5);
    expect(placesToPromote(null, 2, 5)).toBe(5);
  });

  it('a bank brings desks and at most as many officers; an enterprise names needs, no desks', () => {
    const officer = { name: '王经理' };
    expect(sideProblems('BANK', { desks: 2, officers: [officer, officer], needIds: [] })).toEqual([]);
    expect(sideProblems('BANK', { desks: null, officers: [], needIds: [] }).map((p) => p.field)).toEqual(['desks']);
    expect(sideProblems('BANK', { desks: 1, officers: [officer, officer], needIds: [] }).map((p) => p.field)).toEqual(['officers']);
    expect(sideProblems('BANK', { desks: 1, officers: [], needIds: ['x'] }).map((p) => p.field)).toEqual(['needIds']);
    expect(sideProblems('ENTERPRISE', { desks: null, officers: [], needIds: ['a'] })).toEqual([]);
    expect(sideProblems('ENTERPRISE', { desks: 2, officers: [officer], needIds: [] }).map((p) => p.field)).toEqual(['desks', 'officers']);
    expect(sideProblems('ENTERPRISE', { desks: null, officers: [], needIds: Array.from({ length: 11 }, (_, i) => String(i)) }).map((p) => p.field)).toEqual(['needIds']);
  });

  it('a no-show is a registered organisation not checked in once the event is under way or over', () => {
    expect(isNoShow(EventStatus.IN_PROGRESS, RegistrationStatus.REGISTERED, null)).toBe(true);
    expect(isNoShow(EventStatus.HELD, RegistrationStatus.REGISTERED, null)).toBe(true);
    expect(isNoShow(EventStatus.HELD, RegistrationStatus.REGISTERED, new Date())).toBe(false);
    expect(isNoShow(EventStatus.HELD, RegistrationStatus.WAITLISTED, null)).toBe(false);
    expect(isNoShow(EventStatus.REGISTRATION_CLOSED, RegistrationStatus.REGISTERED, null)).toBe(false);
  });
});
