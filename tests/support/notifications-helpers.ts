import { randomUUID } from 'node:crypto';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo, createServer as createNetServer } from 'node:net';
import { DataSource } from 'typeorm';

/** Polls until `fn` answers truthy (or throws after `timeoutMs`). */
export async function waitFor<T>(fn: () => Promise<T | undefined | null | false>, timeoutMs = 30_000, what = 'condition'): Promise<T> {
  const start = Date.now();
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createNetServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export interface ReceivedRequest {
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
  json: Record<string, unknown>;
}

/** An HTTP server that records what it receives; `respond` decides the answer (default 200 {}). */
export async function startRecordingServer(respond: (r: ReceivedRequest) => { status: number; body?: unknown } = () => ({ status: 200, body: {} })) {
  const received: ReceivedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let json: Record<string, unknown>;
      try {
        json = JSON.parse(body);
      } catch {
        json = {};
      }
      const r = { path: req.url ?? '/', headers: req.headers, body, json };
      received.push(r);
      const answer = respond(r);
      res.writeHead(answer.status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(answer.body ?? {}));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, received, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/**
 * Test users in bulk, straight into the users table (creating thousands through the API would
 * spend minutes hashing passwords). They cannot sign in; they receive notifications.
 */
export async function insertUsers(ds: DataSource, organizationId: string, n: number, role = 'ENTERPRISE'): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i += 1000) {
    const k = Math.min(1000, n - i);
    const emails = Array.from({ length: k }, () => `bulk.${randomUUID().slice(0, 12)}@test.zjgf.local`);
    const rows: { id: string }[] = await ds.query(
      `INSERT INTO users (email, display_name, role, organization_id, password_hash)
       SELECT e, '批量测试用户', $2, $3, 'not-a-hash' FROM unnest($1::text[]) AS e RETURNING id`,
      [emails, role, organizationId],
    );
    ids.push(...rows.map((r) => r.id));
  }
  return ids;
}

/** Notifications of the given type delivered into these users' inboxes, counted per user. */
export async function inboxCounts(ds: DataSource, userIds: string[], type?: string): Promise<Map<string, number>> {
  const rows: { user_id: string; n: number }[] = await ds.query(
    `SELECT user_id, count(*)::int AS n FROM notification_inbox WHERE user_id = ANY($1::uuid[]) ${type ? 'AND type = $2' : ''} GROUP BY user_id`,
    type ? [userIds, type] : [userIds],
  );
  return new Map(rows.map((r) => [r.user_id, r.n]));
}

/** A real SMTP server (the `smtp-server` package) that keeps what it receives; stop and start it on the same port. */
export async function startSmtp(port?: number) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { SMTPServer } = require('smtp-server') as typeof import('smtp-server');
  const mails: ReceivedMail[] = [];
  let server: InstanceType<typeof SMTPServer> | undefined;
  let listening = false;
  const p = port ?? (await freePort());
  const start = async () => {
    // Idempotent: starting a running server again must not replace (and so leak) the listening one.
    if (listening) return;
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          mails.push(parseMail(Buffer.concat(chunks).toString('utf8'), session.envelope.rcptTo.map((r) => r.address)));
          callback();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server!.once('error', reject);
      server!.listen(p, '127.0.0.1', () => resolve());
    });
    listening = true;
  };
  await start();
  return {
    url: `smtp://127.0.0.1:${p}`,
    mails,
    start,
    stop: () =>
      new Promise<void>((resolve) => {
        if (!server || !listening) return resolve();
        listening = false;
        server.close(() => resolve());
      }),
  };
}

export interface ReceivedMail {
  to: string[];
  headers: Record<string, string>;
  subject: string;
  text: string;
  html: string;
  raw: string;
}

function decodeWords(s: string): string {
  return s.replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=\s*/gi, (_, enc: string, data: string) =>
    enc.toUpperCase() === 'B' ? Buffer.from(data, 'base64').toString('utf8') : decodeQp(data.replace(/_/g, ' ')),
  );
}

function decodeQp(s: string): string {
  const bytes: number[] = [];
  const src = s.replace(/=\r?\n/g, '');
  for (let i = 0; i < src.length; i++) {
    if (src[i] === '=' && /^[0-9A-F]{2}$/i.test(src.slice(i + 1, i + 3))) {
      bytes.push(parseInt(src.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(src[i], 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Just enough MIME for the tests: headers, subject, and the text/plain and text/html parts. */
function parseMail(raw: string, to: string[]): ReceivedMail {
  const [head] = raw.split(/\r?\n\r?\n/);
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
  }
  const part = (type: string) => {
    const re = new RegExp(`Content-Type: ${type}[^]*?\\r?\\n\\r?\\n([^]*?)(?=\\r?\\n--)`, 'i');
    const m = raw.match(re);
    if (!m) return '';
    const partHead = raw.slice(raw.indexOf(m[0]), raw.indexOf(m[0]) + m[0].length - m[1].length);
    return /base64/i.test(partHead) ? Buffer.from(m[1].replace(/\s+/g, ''), 'base64').toString('utf8') : /quoted-printable/i.test(partHead) ? decodeQp(m[1]) : m[1];
  };
  return { to, headers, subject: decodeWords(headers.subject ?? ''), text: part('text/plain'), html: part('text/html'), raw };
}
