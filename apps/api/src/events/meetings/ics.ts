/**
 * A participant's meetings as an iCalendar file (RFC 5545), built without a library: CRLF line
 * ends, lines folded at 75 octets (never inside a UTF-8 character), TEXT values escaped, times in
 * UTC (no VTIMEZONE needed). Each meeting keeps one UID for life and a SEQUENCE that rises with
 * every published change, so importing a newer file updates or cancels the entry, never duplicates it.
 */

export interface IcsEvent {
  /** Stable for the meeting's life, e.g. `<meetingId>@zjgf.platform`. */
  uid: string;
  sequence: number;
  status: 'CONFIRMED' | 'CANCELLED';
  startsAt: Date;
  endsAt: Date;
  summary: string;
  location?: string | null;
  description?: string | null;
}

export interface IcsCalendar {
  /** X-WR-CALNAME: the name calendars show for the import. */
  name: string;
  events: IcsEvent[];
  /** DTSTAMP of every entry: when the file was made. */
  now: Date;
}

export const ICS_PRODID = '-//Zhanjiang Green Finance Platform//Event Agenda//ZH';

/** 20261207T060000Z. */
export function icsUtc(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** TEXT escaping (RFC 5545 3.3.11): backslash, semicolon, comma, newline. */
export function icsText(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
}

/**
 * Folds a content line (RFC 5545 3.1): no line longer than 75 octets, continuation lines start with
 * one space; a multi-byte UTF-8 character is never split.
 */
export function foldLine(line: string): string {
  const out: string[] = [];
  let cur = '';
  let octets = 0;
  let limit = 75;
  for (const ch of line) {
    const n = Buffer.byteLength(ch, 'utf8');
    if (octets + n > limit) {
      out.push(cur);
      cur = ' ';
      octets = 1;
      limit = 75;
    }
    cur += ch;
    octets += n;
  }
  out.push(cur);
  return out.join('\r\n');
}

/** The calendar file's text (UTF-8, CRLF). */
export function buildIcs(cal: IcsCalendar): string {
  const lines: string[] = ['BEGIN:VCALENDAR', 'VERSION:2.0', `PRODID:${ICS_PRODID}`, 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', `X-WR-CALNAME:${icsText(cal.name)}`];
  const stamp = icsUtc(cal.now);
  for (const e of cal.events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${e.uid}`,
      `DTSTAMP:${stamp}`,
      `DTSTART:${icsUtc(e.startsAt)}`,
      `DTEND:${icsUtc(e.endsAt)}`,
      `SEQUENCE:${e.sequence}`,
      `STATUS:${e.status}`,
      `SUMMARY:${icsText(e.summary)}`,
    );
    if (e.location) lines.push(`LOCATION:${icsText(e.location)}`);
    if (e.description) lines.push(`DESCRIPTION:${icsText(e.description)}`);
    lines.push('TRANSP:OPAQUE', 'END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

/** Unfolds and splits a calendar file into its content lines (for tests and readers). */
export function unfoldIcs(text: string): string[] {
  return text.replace(/\r\n[ \t]/g, '').split('\r\n').filter((l) => l.length > 0);
}
