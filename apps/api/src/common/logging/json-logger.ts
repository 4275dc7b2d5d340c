import type { LoggerService } from '@nestjs/common';
import { currentRequestId } from '../http/request-context';

const LEVELS = ['debug', 'info', 'warn', 'error'] as const;
/** Nest's start-up chatter (one line per module and route) is debug, not info. */
const CHATTY_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory']);
type Level = (typeof LEVELS)[number];

/** Structured JSON logs, one object a line, carrying the request id when there is one. */
export class JsonLogger implements LoggerService {
  private readonly threshold: number;

  constructor(level: Level = 'info', private readonly out: (line: string) => void = (l) => process.stdout.write(l + '\n')) {
    this.threshold = LEVELS.indexOf(level);
  }

  log(message: unknown, ...rest: unknown[]) {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]) {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]) {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]) {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]) {
    this.write('debug', message, rest);
  }

  private write(level: Level, message: unknown, rest: unknown[]) {
    if (LEVELS.indexOf(level) < this.threshold) return;
    // Nest passes the context (logger name) as the last string argument.
    const context = typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : undefined;
    if (level === 'info' && context && CHATTY_CONTEXTS.has(context) && this.threshold > 0) return;
    const entry: Record<string, unknown> = { time: new Date().toISOString(), level, context };
    const requestId = currentRequestId();
    if (requestId) entry.requestId = requestId;
    if (message instanceof Error) {
      entry.msg = message.message;
      entry.stack = message.stack;
    } else if (typeof message === 'object' && message !== null) {
      Object.assign(entry, message);
    } else {
      entry.msg = String(message);
    }
    for (const r of rest) {
      if (r instanceof Error) entry.stack = r.stack;
      else if (typeof r === 'string') entry.stack = r;
      else if (r && typeof r === 'object') Object.assign(entry, r);
    }
    this.out(JSON.stringify(entry));
  }
}
