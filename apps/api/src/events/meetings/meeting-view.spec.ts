import { EventStatus, MeetingAttendance } from '@zj/shared';
import { attendanceOf } from './meeting-view';

describe('attendance of a meeting', () => {
  it('is unknown until the event is under way or over', () => {
    for (const s of [EventStatus.DRAFT, EventStatus.PUBLISHED, EventStatus.REGISTRATION_CLOSED, EventStatus.CANCELLED]) {
      expect(attendanceOf(s, true, true)).toBe(MeetingAttendance.UNKNOWN);
    }
  });

  it('then follows the two organisations’ check-ins', () => {
    for (const s of [EventStatus.IN_PROGRESS, EventStatus.HELD]) {
      expect(attendanceOf(s, true, true)).toBe(MeetingAttendance.BOTH);
      expect(attendanceOf(s, false, true)).toBe(MeetingAttendance.ENTERPRISE_ABSENT);
      expect(attendanceOf(s, true, false)).toBe(MeetingAttendance.BANK_ABSENT);
      expect(attendanceOf(s, false, false)).toBe(MeetingAttendance.BOTH_ABSENT);
    }
  });
});
