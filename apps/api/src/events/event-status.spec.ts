import { EventStatus } from '@zj/shared';
import { checkStep, effectiveStatus, EventStep, isLive, registrationOpen, START_WINDOW_MS, stepRefusalMessage } from './event-status';

const H = 3600_000;
const now = new Date('2026-05-10T02:00:00Z');
const ev = (status: EventStatus, o: { startsInH?: number; deadlineInH?: number } = {}) => ({
  status,
  startsAt: new Date(now.getTime() + (o.startsInH ?? 72) * H),
  registrationDeadline: o.deadlineInH === undefined ? null : new Date(now.getTime() + o.deadlineInH * H),
});
const ALL = Object.values(EventStatus);

describe('event status', () => {
  it('a published event past its registration deadline reads 报名截止; nothing else changes by the clock', () => {
    expect(effectiveStatus(ev(EventStatus.PUBLISHED), now)).toBe(EventStatus.PUBLISHED);
    expect(effectiveStatus(ev(EventStatus.PUBLISHED, { deadlineInH: 1 }), now)).toBe(EventStatus.PUBLISHED);
    expect(effectiveStatus(ev(EventStatus.PUBLISHED, { deadlineInH: 0 }), now)).toBe(EventStatus.REGISTRATION_CLOSED);
    expect(effectiveStatus(ev(EventStatus.PUBLISHED, { deadlineInH: -1 }), now)).toBe(EventStatus.REGISTRATION_CLOSED);
    for (const s of ALL.filter((x) => x !== EventStatus.PUBLISHED)) expect(effectiveStatus(ev(s, { deadlineInH: -1, startsInH: -5 }), now)).toBe(s);
  });

  it('registration is open while published, before the deadline and before the start', () => {
    expect(registrationOpen(ev(EventStatus.PUBLISHED), now)).toBe(true);
    expect(registrationOpen(ev(EventStatus.PUBLISHED, { deadlineInH: -1 }), now)).toBe(false);
    expect(registrationOpen(ev(EventStatus.PUBLISHED, { startsInH: -1 }), now)).toBe(false);
    for (const s of ALL.filter((x) => x !== EventStatus.PUBLISHED)) expect(registrationOpen(ev(s), now)).toBe(false);
  });

  it('live = published, registration closed or under way', () => {
    expect(ALL.filter((s) => isLive(ev(s)))).toEqual([EventStatus.PUBLISHED, EventStatus.REGISTRATION_CLOSED, EventStatus.IN_PROGRESS]);
  });

  /** From which stored statuses each step is allowed (the clock permitting), and where it leads. */
  const TABLE: Record<EventStep, { from: EventStatus[]; to: EventStatus }> = {
    publish: { from: [EventStatus.DRAFT], to: EventStatus.PUBLISHED },
    'close-registration': { from: [EventStatus.PUBLISHED], to: EventStatus.REGISTRATION_CLOSED },
    start: { from: [EventStatus.PUBLISHED, EventStatus.REGISTRATION_CLOSED], to: EventStatus.IN_PROGRESS },
    held: { from: [EventStatus.PUBLISHED, EventStatus.REGISTRATION_CLOSED, EventStatus.IN_PROGRESS], to: EventStatus.HELD },
    cancel: { from: [EventStatus.DRAFT, EventStatus.PUBLISHED, EventStatus.REGISTRATION_CLOSED, EventStatus.IN_PROGRESS], to: EventStatus.CANCELLED },
  };

  it.each(Object.entries(TABLE))('%s: allowed from exactly its statuses, refused from the others as WRONG_STATE', (step, { from, to }) => {
    for (const s of ALL) {
      // Started an hour ago, so no step is too early.
      const c = checkStep(ev(s, { startsInH: -1 }), step as EventStep, now);
      expect(c).toEqual(from.includes(s) ? { ok: true, to } : { ok: false, reason: 'WRONG_STATE' });
    }
  });

  it('the day opens from 12 hours before the start, not earlier', () => {
    const justInside = { ...ev(EventStatus.PUBLISHED), startsAt: new Date(now.getTime() + START_WINDOW_MS) };
    const tooEarly = { ...ev(EventStatus.REGISTRATION_CLOSED), startsAt: new Date(now.getTime() + START_WINDOW_MS + 60_000) };
    expect(checkStep(justInside, 'start', now)).toEqual({ ok: true, to: EventStatus.IN_PROGRESS });
    expect(checkStep(tooEarly, 'start', now)).toEqual({ ok: false, reason: 'TOO_EARLY' });
  });

  it('held only once started; cancelling a future event is fine', () => {
    expect(checkStep(ev(EventStatus.IN_PROGRESS, { startsInH: 1 }), 'held', now)).toEqual({ ok: false, reason: 'TOO_EARLY' });
    expect(checkStep(ev(EventStatus.PUBLISHED, { startsInH: 0 }), 'held', now)).toEqual({ ok: true, to: EventStatus.HELD });
    expect(checkStep(ev(EventStatus.PUBLISHED, { startsInH: 100 }), 'cancel', now)).toEqual({ ok: true, to: EventStatus.CANCELLED });
    // A published event past its deadline is still stored PUBLISHED: the bureau may close registration explicitly.
    expect(checkStep(ev(EventStatus.PUBLISHED, { deadlineInH: -1 }), 'close-registration', now)).toEqual({ ok: true, to: EventStatus.REGISTRATION_CLOSED });
  });

  it('a refusal says why in Chinese: the status people see, or from when the step is allowed', () => {
    expect(stepRefusalMessage(ev(EventStatus.HELD), 'publish', 'WRONG_STATE', '2026-05-13 10:00', now)).toBe('只有草稿可以发布，该活动当前为“已结束”');
    expect(stepRefusalMessage(ev(EventStatus.PUBLISHED, { deadlineInH: -1 }), 'close-registration', 'WRONG_STATE', '', now)).toMatch('报名截止');
    expect(stepRefusalMessage(ev(EventStatus.PUBLISHED), 'start', 'TOO_EARLY', '2026-05-13 10:00', now)).toBe('活动开始前12小时内才能开始（活动时间 2026-05-13 10:00）');
    expect(stepRefusalMessage(ev(EventStatus.PUBLISHED), 'held', 'TOO_EARLY', '2026-05-13 10:00', now)).toMatch('尚未开始');
    expect(stepRefusalMessage(ev(EventStatus.CANCELLED), 'cancel', 'WRONG_STATE', '', now)).toMatch('已取消');
  });
});
