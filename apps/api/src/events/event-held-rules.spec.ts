import { startMoveProblem } from './event-held-rules';

describe('an event is not moved into the past (issue 14)', () => {
  const now = new Date('2026-05-20T02:00:00Z');
  it('refuses a new start before now, naming the field and the time now', () => {
    expect(startMoveProblem(new Date('2026-06-01T01:30:00Z'), new Date('2026-05-19T01:30:00Z'), now)).toEqual({
      field: 'startsAt',
      messages: ['开始时间不能改到已经过去的时间（现在是 2026-05-20 10:00）；已举办的活动请按实际时间登记'],
    });
  });
  it('lets a start move later, or stay as it is even when past', () => {
    expect(startMoveProblem(new Date('2026-06-01T01:30:00Z'), new Date('2026-06-02T01:30:00Z'), now)).toBeNull();
    expect(startMoveProblem(new Date('2026-05-01T01:30:00Z'), new Date('2026-05-01T01:30:00Z'), now)).toBeNull();
  });
});
