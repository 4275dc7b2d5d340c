import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { ApiErrorBody, CommonErrorCode } from '@zj/shared';
import type { Request, Response } from 'express';
import { QueryFailedError } from 'typeorm';
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
export function bodyParserErrorHandler(err: { type?: string } | undefined, req: Request & { id?: string }, res: Response, next: (e?: unknown) => void) {
  if (!err) return next();
  const requestId = req.id ?? currentRequestId() ?? 'none';
  if (err.type === 'entity.parse.failed') {
    return res.status(400).json({ error: { code: CommonErrorCode.MALFORMED_JSON, message: '请求体不是合法的 JSON', requestId } });
  }
  if (err.type === 'entity.too.large') {
    return res.status(413).json({ error: { code: CommonErrorCode.PAYLOAD_TOO_LARGE, message: STATUS_MESSAGES[413], requestId } });
  }
  return next(err);
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
      this.logger.error({ msg: 'unhandled error', errorId: requestId, method: req.method, path: req.originalUrl }, exception instanceof Error ? exception.stack : String(exception));
    }
    if (res.headersSent) return;
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
    return make(HttpStatus.INTERNAL_SERVER_ERROR, CommonErrorCode.INTERNAL, `服务器内部错误，错误编号 ${requestId}`);
  }
}
