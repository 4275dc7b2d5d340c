import { eventTimeProblems, normalizeAgenda } from './event-rules';

const start = new Date('2026-05-20T01:30:00Z');
const at = (h: number) => new Date(start.getTime() + h * 3600_000).toISOString();
const times = (o: Partial<Parameters<typeof eventTimeProblems>[0]> = {}) => ({ startsAt: start, endsAt: null, registrationDeadline: null, agenda: [], ...o });
const fields = (o: Partial<Parameters<typeof eventTimeProblems>[0]>) => eventTimeProblems(times(o)).map((p) => p.field);

describe('an event’s times', () => {
  it('the end comes after the start, within a week', () => {
    expect(fields({})).toEqual([]);
    expect(fields({ endsAt: new Date(at(3)) })).toEqual([]);
    expect(fields({ endsAt: start })).toEqual(['endsAt']);
    expect(fields({ endsAt: new Date(at(-1)) })).toEqual(['endsAt']);
    expect(fields({ endsAt: new Date(at(24 * 8)) })).toEqual(['endsAt']);
  });

  it('registration closes no later than the start', () => {
    expect(fields({ registrationDeadline: start })).toEqual([]);
    expect(fields({ registrationDeadline: new Date(at(-48)) })).toEqual([]);
    expect(fields({ registrationDeadline: new Date(at(0.5)) })).toEqual(['registrationDeadline']);
  });

  it('each agenda session ends after it begins, between 12 hours before the start and the end', () => {
    const item = (s: number, e: number) => ({ startsAt: at(s), endsAt: at(e), title: '政策宣讲' });
    expect(fields({ endsAt: new Date(at(4)), agenda: [item(-0.5, 0), item(0, 1), item(3, 4)] })).toEqual([]);
    expect(fields({ endsAt: new Date(at(4)), agenda: [item(1, 1)] })).toEqual(['agenda[0].endsAt']);
    expect(fields({ endsAt: new Date(at(4)), agenda: [item(0, 1), item(3, 5)] })).toEqual(['agenda[1].endsAt']);
    expect(fields({ agenda: [item(-13, -12)] })).toEqual(['agenda[0].startsAt']);
    // Without an end: up to a day after the start.
    expect(fields({ agenda: [item(20, 24)] })).toEqual([]);
    expect(fields({ agenda: [item(20, 25)] })).toEqual(['agenda[0].endsAt']);
    expect(fields({ agenda: Array.from({ length: 31 }, () => item(0, 1)) })).toEqual(['agenda']);
  });

  it('the agenda is stored in time order, in UTC, without empty speakers', () => {
    expect(
      normalizeAgenda([
        { startsAt: '2026-05-20T10:00:00+08:00', endsAt: '2026-05-20T11:00:00+08:00', title: '一对一对接', speaker: '' },
        { startsAt: '2026-05-20T09:30:00+08:00', endsAt: '2026-05-20T10:00:00+08:00', title: '政策宣讲', speaker: '市金融工作局' },
      ]),
    ).toEqual([
      { startsAt: '2026-05-20T01:30:00.000Z', endsAt: '2026-05-20T02:00:00.000Z', title: '政策宣讲', speaker: '市金融工作局' },
      { startsAt: '2026-05-20T02:00:00.000Z', endsAt: '2026-05-20T03:00:00.000Z', title: '一对一对接', speaker: null },
    ]);
  });
});
