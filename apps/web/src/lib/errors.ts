import type { MessageInstance } from 'antd/es/message/interface';
import { ApiError, CLIENT_ERROR_CODES } from './api-client';

/** Chinese wording for codes, used when the server's own message is not in Chinese. */
const CODE_MESSAGES: Record<string, string> = {
  VALIDATION_FAILED: '提交的内容有误，请检查后重试',
  MALFORMED_JSON: '请求格式有误',
  UNAUTHENTICATED: '请先登录',
  FORBIDDEN: '没有权限执行此操作',
  NOT_FOUND: '请求的资源不存在',
  CONFLICT: '数据已存在或已被他人修改',
  RATE_LIMITED: '操作过于频繁，请稍后再试',
  PAYLOAD_TOO_LARGE: '上传的内容过大',
  INTERNAL: '服务器内部错误，请稍后再试',
  AUTH_INVALID_CREDENTIALS: '邮箱或密码错误',
  AUTH_ACCOUNT_LOCKED: '账号已被锁定，请稍后再试或联系管理员解锁',
  AUTH_ACCOUNT_DISABLED: '账号已停用，请联系管理员',
  AUTH_INVALID_REFRESH_TOKEN: '登录已过期，请重新登录',
  AUTH_REFRESH_TOKEN_REUSED: '登录已失效，请重新登录',
  AUTH_WEAK_PASSWORD: '密码不符合要求',
  AUTH_WRONG_CURRENT_PASSWORD: '当前密码不正确',
  AUTH_EMAIL_TAKEN: '该邮箱已被注册',
  AUTH_CREDIT_CODE_TAKEN: '该统一社会信用代码已注册',
  [CLIENT_ERROR_CODES.NETWORK_ERROR]: '无法连接服务器，请检查网络后重试',
};

const HAS_CHINESE = /[\u3400-\u9fff]/;

/** The message to show a user for any thrown value: the server's message, in Chinese. */
export function errorMessage(error: unknown, fallback = '操作失败，请稍后重试'): string {
  if (error instanceof ApiError) {
    const text = HAS_CHINESE.test(error.message) ? error.message : (CODE_MESSAGES[error.code] ?? (error.message || fallback));
    return error.status >= 500 && error.requestId ? `${text}（请求编号：${error.requestId}）` : text;
  }
  return fallback;
}

// The antd message API of the running <App>, registered by <MessageBridge> so that code outside
// React components (the query cache) can show messages with the app's theme.
let messageApi: MessageInstance | null = null;

export function registerMessageApi(api: MessageInstance | null): void {
  messageApi = api;
}

/** Shows an error as an antd message, except the 401 that ends a session (the login page says so). */
export function notifyError(error: unknown, fallback?: string): void {
  if (error instanceof ApiError && error.sessionExpired) return;
  if (error instanceof DOMException && error.name === 'AbortError') return;
  messageApi?.error(errorMessage(error, fallback));
}

export function notifySuccess(text: string): void {
  messageApi?.success(text);
}
