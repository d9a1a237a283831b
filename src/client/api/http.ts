import type { ErrorCode, FieldIssue } from '../../shared/api/errors';
import { uuidv7 } from '../../shared/ids';

/** Why a request failed: an API error code, or no network (`offline`, `unreachable`). */
export type FailureCode = ErrorCode | 'offline' | 'unreachable' | 'unknown';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: FailureCode,
    message: string,
    readonly details?: unknown,
    /** From `Retry-After` (or `details.retryAfter`) on 429. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The failing fields of a validation error (`details` is a list of `{path, message}`). */
  get fieldIssues(): FieldIssue[] {
    if (!Array.isArray(this.details)) return [];
    return this.details.filter(
      (d): d is FieldIssue =>
        typeof d === 'object' &&
        d !== null &&
        typeof (d as FieldIssue).path === 'string' &&
        typeof (d as FieldIssue).message === 'string',
    );
  }
}

/** Errors after which this device is no longer signed in. */
export const SESSION_ENDING_CODES = [
  'device_revoked',
  'session_expired',
  'unauthenticated',
  'account_disabled',
] as const satisfies readonly ErrorCode[];
export type SessionEndingCode = (typeof SESSION_ENDING_CODES)[number];

export function isSessionEnding(error: unknown): error is ApiError & { code: SessionEndingCode } {
  return (
    error instanceof ApiError &&
    error.status === 401 &&
    (SESSION_ENDING_CODES as readonly string[]).includes(error.code)
  );
}

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface RequestOptions {
  method?: Method;
  body?: unknown;
  token?: string | null;
  signal?: AbortSignal;
  /**
   * Sent as `Idempotency-Key` on every write (a fresh one per call unless given): the routes that
   * must not write twice answer a copy with the first answer (server plugins/answerOnce.ts). Give
   * the same key to send one user action again, e.g. after a timeout.
   */
  idempotencyKey?: string;
}

/** A request that hangs (weak signal that still "connects") gives up after this long. */
export const REQUEST_TIMEOUT_MS = 30_000;

/** One JSON request to the API. Throws `ApiError` for every failure, including no network. */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  if (typeof navigator !== 'undefined' && navigator.onLine === false) {
    throw new ApiError(0, 'offline', 'offline');
  }
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  const method = options.method ?? 'GET';
  if (method !== 'GET') headers['Idempotency-Key'] = options.idempotencyKey ?? uuidv7();
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal ?? AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      cache: 'no-store',
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
    throw new ApiError(0, offline ? 'offline' : 'unreachable', String(error));
  }
  const body = await readJson(response);
  if (response.ok) return body as T;
  throw toApiError(response, body);
}

/** The JSON body of a response, or undefined when it has none (or it is not JSON). */
export async function readJson(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The `ApiError` for a failed response and its parsed body (`{error: {code, message, details}}`). */
export function toApiError(response: Response, body: unknown): ApiError {
  const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } })
    ?.error;
  const code =
    typeof error?.code === 'string' ? (error.code as FailureCode) : codeForStatus(response.status);
  const message = typeof error?.message === 'string' ? error.message : response.statusText;
  return new ApiError(
    response.status,
    code,
    message,
    error?.details,
    retryAfter(response, error?.details),
  );
}

function codeForStatus(status: number): FailureCode {
  switch (status) {
    case 401:
      return 'unauthenticated';
    case 403:
      return 'forbidden';
    case 404:
      return 'not_found';
    case 413:
      return 'payload_too_large';
    case 426:
      return 'upgrade_required';
    case 429:
      return 'too_many_requests';
    default:
      return status >= 500 ? 'internal' : 'unknown';
  }
}

function retryAfter(response: Response, details: unknown): number | undefined {
  const header = response.headers.get('Retry-After');
  if (header) {
    const seconds = Number(header);
    if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
    const date = Date.parse(header);
    if (Number.isFinite(date)) return Math.max(0, Math.ceil((date - Date.now()) / 1000));
  }
  const fromDetails = (details as { retryAfter?: unknown } | undefined)?.retryAfter;
  return typeof fromDetails === 'number' ? Math.max(0, Math.ceil(fromDetails)) : undefined;
}
