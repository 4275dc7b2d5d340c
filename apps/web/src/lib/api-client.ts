import type { ApiErrorBody, FieldError, LoginResponse } from '@zj/shared';
import { tokenStore } from './token-store';

/** Every endpoint lives under this prefix (the Vite dev server proxies /api to the API). */
export const API_BASE = '/api/v1';

/** Codes the client itself produces when there is no usable answer from the server. */
export const CLIENT_ERROR_CODES = {
  NETWORK_ERROR: 'NETWORK_ERROR',
  BAD_RESPONSE: 'BAD_RESPONSE',
} as const;

/** An error answer of the API, carrying the server's `{ error: { code, message, details, requestId } }`. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  readonly requestId: string | undefined;
  /** True when this 401 ended the session (refresh failed): the app is logging out. */
  sessionExpired = false;

  constructor(status: number, body: Partial<ApiErrorBody['error']> & { code: string; message: string }) {
    super(body.message);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.details = body.details;
    this.requestId = body.requestId;
  }

  /** Per-field messages of a VALIDATION_FAILED answer (`details: [{ field, messages }]`). */
  get fieldErrors(): FieldError[] {
    if (!Array.isArray(this.details)) return [];
    return this.details.filter(
      (d): d is FieldError =>
        typeof d === 'object' && d !== null && typeof (d as FieldError).field === 'string' && Array.isArray((d as FieldError).messages),
    );
  }

  /** Per-line messages of a file import (`details: [{ line, message }]`). */
  get lineErrors(): { line: number; message: string }[] {
    if (!Array.isArray(this.details)) return [];
    return this.details.filter(
      (d): d is { line: number; message: string } =>
        typeof d === 'object' && d !== null && typeof (d as { line?: unknown }).line === 'number',
    );
  }
}

export type QueryValue = string | number | boolean | null | undefined;
export type QueryParams = Record<string, QueryValue | readonly QueryValue[]>;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: QueryParams;
  /** A plain value is sent as JSON; FormData is sent as multipart. */
  body?: unknown;
  signal?: AbortSignal;
  /** Send the access token (default true). Off for login, registration and refresh. */
  auth?: boolean;
  /** On a 401, try one refresh and retry; when that fails, end the session (default: same as `auth`). */
  refreshOn401?: boolean;
  /**
   * The Idempotency-Key of a signed-in POST: one per logical request (made here when not given), the
   * same on its retries, so that the server does the work once however often the request is sent.
   */
  idempotencyKey?: string;
}

/** Builds `/api/v1/path?x=1`, leaving out empty query values. */
export function apiUrl(path: string, query?: QueryParams): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) if (v !== undefined && v !== null && v !== '') search.append(key, String(v));
  }
  const qs = search.toString();
  return `${API_BASE}${path}${qs ? `?${qs}` : ''}`;
}

// ---- session expiry ---------------------------------------------------------------------------

type Listener = () => void;
const expiryListeners = new Set<Listener>();

/** Called when a 401 could not be cured by a refresh: the app must show the login page. */
export function onSessionExpired(listener: Listener): () => void {
  expiryListeners.add(listener);
  return () => expiryListeners.delete(listener);
}

function expireSession(): void {
  const hadSession = tokenStore.hasSession();
  tokenStore.clear();
  if (hadSession) expiryListeners.forEach((l) => l());
}

// ---- password change required ------------------------------------------------------------------

/** The code of a 403 telling that the user must change the password before anything else works. */
export const PASSWORD_CHANGE_REQUIRED = 'AUTH_PASSWORD_CHANGE_REQUIRED';
const passwordChangeListeners = new Set<Listener>();

/** Called when the server answers that the signed-in user must change the password first. */
export function onPasswordChangeRequired(listener: Listener): () => void {
  passwordChangeListeners.add(listener);
  return () => passwordChangeListeners.delete(listener);
}

// ---- refresh (one at a time, also across tabs) -------------------------------------------------

let refreshing: Promise<boolean> | null = null;

async function postRefresh(): Promise<boolean> {
  const refreshToken = tokenStore.getRefreshToken();
  if (!refreshToken) return false;
  let res: Response;
  try {
    res = await fetch(apiUrl('/auth/refresh'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ refreshToken }),
    });
  } catch {
    throw networkError();
  }
  if (!res.ok) return false;
  const body = (await res.json().catch(() => null)) as Partial<LoginResponse> | null;
  if (!body?.accessToken) return false;
  tokenStore.setTokens({ accessToken: body.accessToken, refreshToken: body.refreshToken });
  return true;
}

/** Tries ONE refresh; concurrent callers share it, and tabs take turns so a rotated token is never reused. */
function refreshSession(): Promise<boolean> {
  if (!refreshing) {
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    const run = locks ? locks.request('zj-auth-refresh', postRefresh) : postRefresh();
    refreshing = run.finally(() => {
      refreshing = null;
    });
  }
  return refreshing;
}

// ---- requests ---------------------------------------------------------------------------------

function networkError(): ApiError {
  return new ApiError(0, { code: CLIENT_ERROR_CODES.NETWORK_ERROR, message: '无法连接服务器，请检查网络后重试' });
}

const STATUS_MESSAGES: Record<number, string> = {
  400: '请求有误',
  401: '请先登录',
  403: '没有权限执行此操作',
  404: '请求的资源不存在',
  409: '数据已被修改或已存在',
  413: '上传的内容过大',
  429: '操作过于频繁，请稍后再试',
  500: '服务器内部错误',
  502: '服务暂不可用，请稍后再试',
  503: '服务暂不可用，请稍后再试',
  504: '服务器响应超时，请稍后再试',
};

async function toApiError(res: Response): Promise<ApiError> {
  const body = (await res.json().catch(() => null)) as Partial<ApiErrorBody> | null;
  const err = body?.error;
  if (err && typeof err.code === 'string') {
    return new ApiError(res.status, {
      code: err.code,
      message: typeof err.message === 'string' && err.message ? err.message : (STATUS_MESSAGES[res.status] ?? '请求失败'),
      details: err.details,
      requestId: err.requestId ?? res.headers.get('x-request-id') ?? undefined,
    });
  }
  return new ApiError(res.status, {
    code: CLIENT_ERROR_CODES.BAD_RESPONSE,
    message: STATUS_MESSAGES[res.status] ?? `请求失败（${res.status}）`,
    requestId: res.headers.get('x-request-id') ?? undefined,
  });
}

/** A fresh Idempotency-Key (random, 128 bits; works outside secure contexts too, where randomUUID is missing). */
export function newIdempotencyKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Answers after which a POST carrying an Idempotency-Key is sent again (the server never does its work twice). */
const RETRIED_STATUSES = new Set([502, 503, 504]);
const RETRY_DELAY_MS = 1_000;

async function send(path: string, options: RequestOptions, token: string | null): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) body = options.body;
  else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (token) headers.Authorization = `Bearer ${token}`;
  try {
    return await fetch(apiUrl(path, options.query), {
      method: options.method ?? (body === undefined ? 'GET' : 'POST'),
      headers,
      body,
      signal: options.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw networkError();
  }
}

async function parse<T>(res: Response): Promise<T> {
  if (res.status === 204 || res.headers.get('content-length') === '0') return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('json')) return (await res.json()) as T;
  return (await res.text()) as T;
}

/** The one way the app talks to the API. Throws ApiError for every non-2xx answer. */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const auth = options.auth ?? true;
  const token = auth ? tokenStore.getAccessToken() : null;
  const method = options.method ?? (options.body === undefined ? 'GET' : 'POST');
  // One key per logical POST; every send below (the retry after a lost answer, after a refresh) reuses it.
  if (method === 'POST' && auth && !options.idempotencyKey) options = { ...options, idempotencyKey: newIdempotencyKey() };
  let res: Response;
  try {
    res = await send(path, options, token);
  } catch (e) {
    if (!options.idempotencyKey || !(e instanceof ApiError)) throw e;
    res = await retryLater(path, options, token, e);
  }
  if (options.idempotencyKey && RETRIED_STATUSES.has(res.status)) res = await retryLater(path, options, token, res);

  if (res.status === 401 && (options.refreshOn401 ?? auth)) {
    // Another request may already have refreshed while this one was on the way.
    const current = tokenStore.getAccessToken();
    const renewed = current !== null && current !== token ? true : await refreshSession();
    if (renewed) res = await send(path, options, tokenStore.getAccessToken());
    if (res.status === 401) {
      const error = await toApiError(res);
      error.sessionExpired = true;
      expireSession();
      throw error;
    }
  }

  if (!res.ok) {
    const error = await toApiError(res);
    if (res.status === 403 && error.code === PASSWORD_CHANGE_REQUIRED) passwordChangeListeners.forEach((l) => l());
    throw error;
  }
  return parse<T>(res);
}

/** Sends a POST again once, with its key, after a network error or an unavailable server; answers the first failure if that fails too. */
async function retryLater(path: string, options: RequestOptions, token: string | null, first: ApiError | Response): Promise<Response> {
  await new Promise((r) => setTimeout(r, RETRY_DELAY_MS));
  if (options.signal?.aborted) throw first instanceof ApiError ? first : await toApiError(first);
  try {
    return await send(path, options, tokenStore.getAccessToken() ?? token);
  } catch (e) {
    if (first instanceof ApiError) throw first;
    throw e;
  }
}

export const api = {
  get: <T>(path: string, query?: QueryParams, signal?: AbortSignal) => apiRequest<T>(path, { query, signal }),
  post: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'method' | 'body'>) =>
    apiRequest<T>(path, { ...options, method: 'POST', body }),
  put: <T>(path: string, body?: unknown) => apiRequest<T>(path, { method: 'PUT', body }),
  patch: <T>(path: string, body?: unknown) => apiRequest<T>(path, { method: 'PATCH', body }),
  delete: <T>(path: string) => apiRequest<T>(path, { method: 'DELETE' }),
  /** multipart/form-data upload; the browser sets the boundary. */
  upload: <T>(path: string, form: FormData) => apiRequest<T>(path, { method: 'POST', body: form }),
};
