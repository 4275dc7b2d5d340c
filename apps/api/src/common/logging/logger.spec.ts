import { Writable } from 'node:stream';
import { runWithRequestId } from '../http/request-context';
import { createLogger, REDACTED } from './logger';

/** A logger at `debug` whose lines are kept, parsed. */
function capture() {
  const lines: Record<string, unknown>[] = [];
  const out = new Writable({
    write(chunk, _enc, done) {
      for (const l of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(l));
      done();
    },
  });
  return { logger: createLogger('debug', out), lines };
}

describe('logger', () => {
  it('writes one JSON object a line with an ISO time, the level by name and the message', () => {
    const { logger, lines } = capture();
    logger.info({ context: 'Cases', caseId: 'c-1' }, 'case claimed');
    expect(lines).toEqual([expect.objectContaining({ level: 'info', msg: 'case claimed', context: 'Cases', caseId: 'c-1' })]);
    expect(new Date(lines[0].time as string).toISOString()).toBe(lines[0].time);
  });

  it('adds the id of the request or job it runs for, once', () => {
    const { logger, lines } = capture();
    runWithRequestId('job-digest-42', () => logger.warn('inside'));
    logger.warn('outside');
    runWithRequestId('req-12345678', () => logger.child({ requestId: 'req-12345678' }).warn('bound'));
    expect(lines.map((l) => [l.msg, l.requestId])).toEqual([
      ['inside', 'job-digest-42'],
      ['outside', undefined],
      ['bound', 'req-12345678'],
    ]);
  });

  it('never writes passwords, tokens or authorisation headers', () => {
    const { logger, lines } = capture();
    logger.info({ password: 'Secret#2026', body: { newPassword: 'Other#2026', accessToken: 'eyJ…' }, refreshToken: 'r', req: { headers: { authorization: 'Bearer eyJ…', 'user-agent': 'jest' } } }, 'login');
    const text = JSON.stringify(lines[0]);
    for (const secret of ['Secret#2026', 'Other#2026', 'eyJ…', '"r"']) expect(text).not.toContain(secret);
    expect(lines[0]).toMatchObject({ password: REDACTED, refreshToken: REDACTED, body: { newPassword: REDACTED, accessToken: REDACTED }, req: { headers: { authorization: REDACTED, 'user-agent': 'jest' } } });
  });

  it('keeps lines below its level out', () => {
    const lines: string[] = [];
    const logger = createLogger('warn', new Writable({ write: (c, _e, done) => (lines.push(c.toString()), done()) }));
    logger.info('chatter');
    logger.error('failure');
    expect(lines.map((l) => JSON.parse(l).msg)).toEqual(['failure']);
  });
});
