import type { ErrorCode, FieldIssue } from '../shared/api/errors';

/** An error the API answers with `{error: {code, message, details?}}` and `status`. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const unauthenticated = (
  code: 'unauthenticated' | 'session_expired' | 'device_revoked' | 'account_disabled',
  message: string,
) => new ApiError(401, code, message);

export const invalidCredentials = () =>
  new ApiError(401, 'invalid_credentials', 'Wrong username or password');

export const forbidden = (message = 'Your role may not do this') =>
  new ApiError(403, 'forbidden', message);

export const notFound = (what: string) => new ApiError(404, 'not_found', `${what} not found`);

export const conflict = (message: string, details?: unknown) =>
  new ApiError(409, 'conflict', message, details);

export const validationFailed = (issues: FieldIssue[]) =>
  new ApiError(400, 'validation_failed', 'The request has invalid fields', issues);

export const tooManyRequests = (retryAfterSeconds: number, message = 'Too many requests') =>
  new ApiError(
    429,
    'too_many_requests',
    message,
    { retryAfter: retryAfterSeconds },
    {
      'retry-after': String(retryAfterSeconds),
    },
  );
