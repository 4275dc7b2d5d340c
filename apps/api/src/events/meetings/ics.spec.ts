import { buildIcs, foldLine, icsText, icsUtc, unfoldIcs } from './ics';

const base = {
  name: '2026年湛江银企对接会（湛江港务有限公司）',
  now: new Date('2026-12-01T02:03:04.567Z'),
};
const meeting = {
  uid: '0b7f7c2e-4a4e-4d4c-9d59-2d0f6b1c2a11@zjgf.platform',
  sequence: 2,
  status: 'CONFIRMED' as const,
  startsAt: new Date('2026-12-07T06:00:00Z'),
  endsAt: new Date('2026-12-07T06:20:00Z'),
  summary: '一对一会谈：中国银行湛江分行',
  location: '湛江市民大厦三楼, 3号桌',
  description: '融资需求：湛江港岸电改造项目; 金额500万元\n第二行',
};

describe('ics builder', () => {
  it('writes UTC times without separators', () => {
    expect(icsUtc(new Date('2026-12-07T06:00:00.000Z'))).toBe('20261207T060000Z');
  });

  it('escapes TEXT values: backslash, semicolon, comma and newlines', () => {
    expect(icsText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
  });

  it('folds long lines at 75 octets without splitting a UTF-8 character', () => {
    const line = `DESCRIPTION:${'绿色金融'.repeat(30)}`;
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(Buffer.byteLength(p, 'utf8')).toBeLessThanOrEqual(75);
    for (const p of parts.slice(1)) expect(p.startsWith(' ')).toBe(true);
    // Unfolding gives back the line exactly (no character was broken).
    expect(folded.replace(/\r\n /g, '')).toBe(line);
    expect(foldLine('SHORT:x')).toBe('SHORT:x');
  });

  it('builds a calendar with CRLF line ends, one VEVENT per meeting, stable UID, SEQUENCE and STATUS', () => {
    const text = buildIcs({ ...base, events: [meeting, { ...meeting, uid: 'other@zjgf.platform', sequence: 1, status: 'CANCELLED', description: null }] });
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const raw of text.split('\r\n')) expect(Buffer.byteLength(raw, 'utf8')).toBeLessThanOrEqual(75);
    const lines = unfoldIcs(text);
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines).toContain('VERSION:2.0');
    expect(lines[lines.length - 1]).toBe('END:VCALENDAR');
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(2);
    expect(lines).toContain(`UID:${meeting.uid}`);
    expect(lines).toContain('DTSTART:20261207T060000Z');
    expect(lines).toContain('DTEND:20261207T062000Z');
    expect(lines).toContain('DTSTAMP:20261201T020304Z');
    expect(lines).toContain('SEQUENCE:2');
    expect(lines).toContain('STATUS:CONFIRMED');
    expect(lines).toContain('STATUS:CANCELLED');
    expect(lines).toContain('SUMMARY:一对一会谈：中国银行湛江分行');
    expect(lines).toContain('LOCATION:湛江市民大厦三楼\\, 3号桌');
    expect(lines).toContain('DESCRIPTION:融资需求：湛江港岸电改造项目\\; 金额500万元\\n第二行');
    // The cancelled one has no description line of its own.
    expect(lines.filter((l) => l.startsWith('DESCRIPTION:'))).toHaveLength(1);
    // No VTIMEZONE: every time is UTC.
    expect(text).not.toContain('VTIMEZONE');
  });
});
