import { RequestMethod, type DynamicModule, type LoggerService } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import pino, { type Logger } from 'pino';
import { currentRequestId } from '../http/request-context';

/**
 * Structured logs: pino writes one JSON object a line (time, level, context, msg …), nestjs-pino makes
 * it Nest's logger, and pino-http writes one line per API request. Every line written while a request
 * (or a job run under `runWithRequestId`) is being handled carries its `requestId`, the id the answer's
 * `X-Request-Id` header and error body show. Credentials and tokens never reach a log: the paths below
 * are replaced wherever they appear.
 */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export const REDACTED = '[redacted]';
const SECRET_FIELDS = ['password', 'currentPassword', 'newPassword', 'passwordHash', 'token', 'accessToken', 'refreshToken', 'secret', 'authorization'];
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  ...SECRET_FIELDS,
  ...SECRET_FIELDS.map((f) => `*.${f}`),
];

/** The platform's pino logger at `level` (`silent` writes nothing); `destination` for tests that read the lines. */
export function createLogger(level: LogLevel | 'silent', destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      // A request's own lines are bound to its id by pino-http; other code running for a request or a job gets it here.
      mixin(_merge, _level, logger) {
        const requestId = currentRequestId();
        return requestId && !('requestId' in (logger as Logger).bindings()) ? { requestId } : {};
      },
      redact: { paths: REDACTED_PATHS, censor: REDACTED },
    },
    destination,
  );
}

type Req = IncomingMessage & { id?: string; originalUrl?: string };

/** nestjs-pino's module: Nest's logger on `logger`, and one line per /api request (method, path, status, time). */
export function loggingModule(logger: Logger): DynamicModule {
  return LoggerModule.forRoot({
    pinoHttp: {
      logger,
      // The id requestContextMiddleware took from X-Request-Id or made (common/http/request-context.ts).
      genReqId: (req) => (req as Req).id ?? '',
      quietReqLogger: true,
      customAttributeKeys: { reqId: 'requestId', responseTime: 'ms' },
      autoLogging: { ignore: (req) => !((req as Req).originalUrl ?? req.url ?? '').startsWith('/api/') },
      customLogLevel: (_req, res: ServerResponse, err) => (err || res.statusCode >= 500 ? 'error' : 'info'),
      customSuccessMessage: () => 'request',
      customErrorMessage: () => 'request',
      serializers: {
        req: (req: { method: string; url: string }) => ({ method: req.method, path: req.url.split('?')[0] }),
        res: (res: { statusCode: number }) => ({ status: res.statusCode }),
      },
    },
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
  });
}

/** Nest's start-up chatter (a line per module, controller and route) is debug, not info. */
const CHATTY_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory']);

/** Nest's logger (nestjs-pino's), with the start-up chatter moved down to debug. */
export function quietStartup(logger: LoggerService): LoggerService {
  const chatty = (rest: unknown[]) => CHATTY_CONTEXTS.has(rest[rest.length - 1] as string);
  return {
    log: (message, ...rest) => (chatty(rest) ? logger.debug?.(message, ...rest) : logger.log(message, ...rest)),
    error: (message, ...rest) => logger.error(message, ...rest),
    warn: (message, ...rest) => logger.warn(message, ...rest),
    debug: (message, ...rest) => logger.debug?.(message, ...rest),
    verbose: (message, ...rest) => logger.verbose?.(message, ...rest),
    fatal: (message, ...rest) => (logger.fatal ?? logger.error).call(logger, message, ...rest),
  };
}
