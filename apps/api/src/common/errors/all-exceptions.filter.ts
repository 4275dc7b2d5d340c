import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { ApiErrorBody, CommonErrorCode } from '@zj/shared';
import type { Request, Response } from 'express';
import { QueryFailedError, QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { currentRequestId } from '../http/request-context';
import { AppException } from './app.exception';

const STATUS_CODES: Partial<Record<number, CommonErrorCode>> = {
  400: CommonErrorCode.VALIDATION_FAILED,
  401: CommonErrorCode.UNAUTHENTICATED,
  403: CommonErrorCode.FORBIDDEN,
  404: CommonErrorCode.NOT_FOUND,
  409: CommonErrorCode.CONFLICT,
  413: CommonErrorCode.PAYLOAD_TOO_LARGE,
  429: CommonErrorCode.RATE_LIMITED,
};

const STATUS_MESSAGES: Partial<Record<number, string>> = {
  401: '请先登录',
  403: '无权执行此操作',
  404: '请求的资源不存在',
  413: '请求内容过大',
  429: '请求过于频繁，请稍后再试',
};

/**
 * Express error handler for the body parsers, which fail before Nest's routing: malformed JSON and
 * oversized bodies answer in the one error shape too.
 */
export function bodyParserErrorHandler(err: { type?: string; status?: number } | undefined, req: Request & { id?: string }, res: Response, next: (e?: unknown) => void) {
  if (!err) return next();
  const requestId = req.id ?? currentRequestId() ?? 'none';
  if (err.type === 'entity.parse.failed') {
    return res.status(400).json({ error: { code: CommonErrorCode.MALFORMED_JSON, message: '请求体不是合法的 JSON', requestId } });
  }
  if (err.type === 'entity.too.large') {
    return res.status(413).json({ error: { code: CommonErrorCode.PAYLOAD_TOO_LARGE, message: STATUS_MESSAGES[413], requestId } });
  }
  // Any other refusal of the body parsers (an unsupported charset or Content-Encoding: 415, an aborted
  // or mis-sized body: 400) is the client's, in the one shape too.
  if (typeof err.type === 'string' && typeof err.status === 'number' && err.status >= 400 && err.status < 500) {
    const message = err.status === 415 ? '不支持的请求体编码或字符集' : '请求体无法读取';
    return res.status(err.status).json({ error: { code: CommonErrorCode.VALIDATION_FAILED, message, requestId } });
  }
  return next(err);
}

/** The code of a 503: the database (or another service the platform needs) cannot be reached for now. */
export const SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE';

const UNREACHABLE_NET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/** SQLSTATEs of a server that is going away or refusing connections: class 08, shutdown, starting up, too many connections. */
const UNREACHABLE_SQLSTATE = /^(08...|57P0[1-3]|53300)$/;
/** What node-postgres says when a connection dies or the pool cannot get one. */
const UNREACHABLE_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed and is not queryable|Cannot use a pool after calling end|terminating connection/i;

/** Whether an error means the database cannot be reached now (connection refused, cut, timed out), not that a query was wrong. */
export function isDatabaseUnavailable(e: unknown, depth = 0): boolean {
  if (!e || typeof e !== 'object' || depth > 3) return false;
  const err = e as { code?: unknown; message?: unknown; driverError?: unknown; errors?: unknown; cause?: unknown };
  if (typeof err.code === 'string' && (UNREACHABLE_NET_CODES.has(err.code) || UNREACHABLE_SQLSTATE.test(err.code))) return true;
  if (typeof err.message === 'string' && UNREACHABLE_MESSAGES.test(err.message)) return true;
  // The server ended a session between two queries of its transaction (a shutdown, `pg_ctl stop -m
  // fast`): TypeORM releases the transaction's query runner on the connection error, and the next
  // query fails with "already released", without the cause (tests/api/fault-runs.spec.ts).
  if (e instanceof QueryRunnerAlreadyReleasedError || e instanceof QueryRunnerProviderAlreadyReleasedError) return true;
  const inner = [err.driverError, err.cause, ...(Array.isArray(err.errors) ? err.errors : [])];
  return inner.some((x) => x !== e && isDatabaseUnavailable(x, depth + 1));
}

/** Maps every error to the one stable JSON shape; a 500 is logged with the request id it answers with. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost) {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request & { id?: string }>();
    const requestId = req.id ?? currentRequestId() ?? 'none';
    const { status, body } = this.toBody(exception, requestId);
    if (status >= 500) {
      this.logger.error({ msg: 'unhandled error', errorId: requestId, method: req.method, path: req.originalUrl, err: exception instanceof Error ? exception : new Error(String(exception)) });
    }
    if (res.headersSent) return;
    if (status === HttpStatus.SERVICE_UNAVAILABLE) res.setHeader('Retry-After', '5');
    res.status(status).json(body);
  }

  private toBody(exception: unknown, requestId: string): { status: number; body: ApiErrorBody } {
    const make = (status: number, code: string, message: string, details?: unknown) => ({
      status,
      body: { error: { code, message, ...(details !== undefined ? { details } : {}), requestId } },
    });
    if (exception instanceof AppException) {
      return make(exception.status, exception.code, exception.message, exception.details);
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      if (status < 500) {
        const code = STATUS_CODES[status] ?? CommonErrorCode.VALIDATION_FAILED;
        const response = exception.getResponse();
        const raw = typeof response === 'object' && response && 'message' in response ? (response as { message: unknown }).message : exception.message;
        const message = STATUS_MESSAGES[status] ?? (typeof raw === 'string' ? raw : '请求无效');
        return make(status, code, message);
      }
    }
    if (exception instanceof QueryFailedError) {
      const pgCode = (exception as unknown as { code?: string }).code;
      // A unique or exclusion constraint that a check before it could not see (a race): a conflict.
      if (pgCode === '23505' || pgCode === '23P01') {
        return make(409, CommonErrorCode.CONFLICT, '记录已存在或已被他人修改');
      }
    }
    if (isDatabaseUnavailable(exception)) {
      return make(HttpStatus.SERVICE_UNAVAILABLE, SERVICE_UNAVAILABLE, `服务暂时不可用（数据库连接中断），请稍后重试，错误编号 ${requestId}`);
    }
    return make(HttpStatus.INTERNAL_SERVER_ERROR, CommonErrorCode.INTERNAL, `服务器内部错误，错误编号 ${requestId}`);
  }
}
