import { HttpStatus } from '@nestjs/common';
import { CommonErrorCode } from '@zj/shared';

/**
 * The one exception domain code throws. `code` is a value of a module's error-code enum; the global
 * filter turns it into `{ error: { code, message, details, requestId } }` with `status`.
 */
export class AppException extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: HttpStatus,
    readonly details?: unknown,
  ) {
    super(message);
  }

  static notFound(what = '记录', code: string = CommonErrorCode.NOT_FOUND) {
    return new AppException(code, `${what}不存在`, HttpStatus.NOT_FOUND);
  }

  static forbidden(message = '无权执行此操作', code: string = CommonErrorCode.FORBIDDEN) {
    return new AppException(code, message, HttpStatus.FORBIDDEN);
  }

  static conflict(message: string, code: string = CommonErrorCode.CONFLICT, details?: unknown) {
    return new AppException(code, message, HttpStatus.CONFLICT, details);
  }

  static badRequest(message: string, code: string = CommonErrorCode.VALIDATION_FAILED, details?: unknown) {
    return new AppException(code, message, HttpStatus.BAD_REQUEST, details);
  }

  static unauthenticated(message = '请先登录', code: string = CommonErrorCode.UNAUTHENTICATED) {
    return new AppException(code, message, HttpStatus.UNAUTHORIZED);
  }
}
