import { MeetingPriority, MeetingRequestStatus } from '@zj/shared';
import { agendaLine, Board, bumpedSequence, checkSlots, pairsOf, placeOnBoard, RequestForPair, slotLabel, unavailableKey } from './meeting-rules';

const at = (hm: string) => new Date(`2026-12-07T${hm}:00+08:00`);

describe('slots', () => {
  it('sorts valid slots; breaks are gaps', () => {
    const r = checkSlots([
      { startsAt: at('14:20'), endsAt: at('14:40') },
      { startsAt: at('14:00'), endsAt: at('14:20') },
      { startsAt: at('15:00'), endsAt: at('15:20') },
    ]);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.slots.map((s) => s.startsAt.toISOString())).toEqual([at('14:00'), at('14:20'), at('15:00')].map((d) => d.toISOString()));
  });

  it('refuses overlaps, too short or long slots, none and more than 40', () => {
    const overlap = checkSlots([
      { startsAt: at('14:00'), endsAt: at('14:20') },
      { startsAt: at('14:10'), endsAt: at('14:30') },
    ]);
    expect(overlap).toEqual({ ok: false, problems: ['第1个时段（14:00–14:20）与第2个时段（14:10–14:30）重叠'] });
    const short = checkSlots([{ startsAt: at('14:00'), endsAt: at('14:04') }]);
    expect(short.ok).toBe(false);
    expect(checkSlots([{ startsAt: at('14:00'), endsAt: at('16:01') }]).ok).toBe(false);
    expect(checkSlots([{ startsAt: at('14:00'), endsAt: at('14:00') }]).ok).toBe(false);
    expect(checkSlots([]).ok).toBe(false);
    const many = Array.from({ length: 41 }, (_, i) => ({ startsAt: new Date(at('08:00').getTime() + i * 600_000), endsAt: new Date(at('08:00').getTime() + i * 600_000 + 300_000) }));
    expect(checkSlots(many).ok).toBe(false);
    expect(checkSlots(many.slice(0, 40)).ok).toBe(true);
  });

  it('labels slots in Zhanjiang time', () => {
    expect(slotLabel({ index: 3, startsAt: at('14:40'), endsAt: at('15:00') })).toBe('第3场（14:40–15:00）');
    expect(agendaLine({ startsAt: at('14:00'), endsAt: at('14:20'), desk: 3, counterpartName: '某银行' })).toBe('14:00–14:20 3号桌 与某银行');
  });
});

describe('pairs from requests', () => {
  const req = (o: Partial<RequestForPair> & { id: string }): RequestForPair => ({
    requesterOrgId: 'E1',
    enterpriseOrgId: 'E1',
    bankOrgId: 'B1',
    priority: MeetingPriority.NICE,
    status: MeetingRequestStatus.ACCEPTED,
    score: 50,
    createdAt: new Date('2026-11-01T00:00:00Z'),
    ...o,
  });

  it('one wish per enterprise and bank: must if either says so, mutual when both asked, best score', () => {
    const pairs = pairsOf([
      req({ id: 'r1', priority: MeetingPriority.NICE, score: 40 }),
      req({ id: 'r2', requesterOrgId: 'B1', priority: MeetingPriority.MUST, score: 70, createdAt: new Date('2026-11-02T00:00:00Z') }),
      req({ id: 'r3', enterpriseOrgId: 'E2', requesterOrgId: 'E2', score: null }),
      req({ id: 'r4', enterpriseOrgId: 'E3', requesterOrgId: 'E3', status: MeetingRequestStatus.PENDING }),
      req({ id: 'r5', enterpriseOrgId: 'E4', requesterOrgId: 'E4', status: MeetingRequestStatus.DECLINED }),
    ]);
    expect(pairs).toEqual([
      { requestId: 'r1', enterpriseId: 'E1', bankId: 'B1', must: true, mutual: true, score: 70 },
      { requestId: 'r3', enterpriseId: 'E2', bankId: 'B1', must: false, mutual: false, score: 0 },
    ]);
  });

  it('keeps the request that already has a meeting as the pair id', () => {
    const pairs = pairsOf([req({ id: 'r1' }), req({ id: 'r2', requesterOrgId: 'B1', createdAt: new Date('2026-11-02T00:00:00Z') })], new Set(['r2']));
    expect(pairs.map((p) => p.requestId)).toEqual(['r2']);
  });
});

describe('sequence', () => {
  it('rises once above the published revision; untouched before the first publication', () => {
    expect(bumpedSequence({ sequence: 0, publishedSequence: null })).toBe(0);
    expect(bumpedSequence({ sequence: 0, publishedSequence: 0 })).toBe(1);
    expect(bumpedSequence({ sequence: 1, publishedSequence: 0 })).toBe(1);
    expect(bumpedSequence({ sequence: 3, publishedSequence: 3 })).toBe(4);
  });
});

describe('clashes of a hand edit', () => {
  const board = (): Board => ({
    slots: new Map([
      ['s1', { index: 1, startsAt: at('14:00'), endsAt: at('14:20') }],
      ['s3', { index: 3, startsAt: at('14:40'), endsAt: at('15:00') }],
    ]),
    names: new Map([
      ['E1', '企业甲'],
      ['E2', '企业乙'],
      ['B1', '银行丙'],
      ['B2', '银行丁'],
    ]),
    desks: new Map([
      ['B1', 2],
      ['B2', 1],
    ]),
    unavailable: new Set([unavailableKey('B2', 's1')]),
    meetings: [
      { id: 'm1', enterpriseOrgId: 'E1', bankOrgId: 'B2', slotId: 's3', desk: 1 },
      { id: 'm2', enterpriseOrgId: 'E2', bankOrgId: 'B1', slotId: 's3', desk: 1 },
      { id: 'm3', enterpriseOrgId: 'E2', bankOrgId: 'B2', slotId: 's1', desk: 1 },
    ],
  });

  it('names the enterprise already meeting someone in that slot', () => {
    const r = placeOnBoard(board(), { enterpriseOrgId: 'E1', bankOrgId: 'B1', slotId: 's3' });
    expect(r.desk).toBeNull();
    expect(r.clashes.map((c) => c.message)).toEqual(['企业甲在第3场（14:40–15:00）已有与银行丁的会谈']);
    expect(r.clashes[0]).toMatchObject({ kind: 'ENTERPRISE_BUSY', meetingId: 'm1' });
  });

  it('names a taken desk, a full bank, a desk that does not exist, and unavailability', () => {
    const b = board();
    expect(placeOnBoard(b, { enterpriseOrgId: 'E1', bankOrgId: 'B1', slotId: 's1', desk: 2 })).toEqual({ desk: 2, clashes: [] });
    expect(placeOnBoard(b, { enterpriseOrgId: 'E1', bankOrgId: 'B1', slotId: 's1' })).toEqual({ desk: 1, clashes: [] });
    b.meetings.push({ id: 'm4', enterpriseOrgId: 'E9', bankOrgId: 'B1', slotId: 's3', desk: 2 });
    const full = placeOnBoard(b, { enterpriseOrgId: 'E9x', bankOrgId: 'B1', slotId: 's3' });
    expect(full.clashes.map((c) => c.message)).toEqual(['银行丙第3场（14:40–15:00）的2个桌位均已排满']);
    const taken = placeOnBoard(b, { enterpriseOrgId: 'E9x', bankOrgId: 'B1', slotId: 's3', desk: 1 });
    expect(taken.clashes.map((c) => c.message)).toEqual(['银行丙第3场（14:40–15:00）的1号桌已有与企业乙的会谈']);
    expect(placeOnBoard(b, { enterpriseOrgId: 'E9x', bankOrgId: 'B1', slotId: 's1', desk: 3 }).clashes[0].kind).toBe('NO_SUCH_DESK');
    const unavailable = placeOnBoard(b, { enterpriseOrgId: 'E1', bankOrgId: 'B2', slotId: 's1' });
    expect(unavailable.clashes.map((c) => c.kind)).toEqual(['BANK_UNAVAILABLE', 'BANK_FULL']);
    expect(unavailable.clashes[0].message).toBe('银行丁已标记第1场（14:00–14:20）无法参加');
  });

  it('a walk-in for a pair that already meets is named', () => {
    const r = placeOnBoard(board(), { enterpriseOrgId: 'E2', bankOrgId: 'B1', slotId: 's1', checkPair: true });
    expect(r.clashes[0]).toMatchObject({ kind: 'PAIR_EXISTS', message: '企业乙与银行丙已安排在第3场（14:40–15:00）会谈' });
  });
});
