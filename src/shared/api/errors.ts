import { z } from 'zod';

/** Every error the API returns has this body; `code` is stable, `message` is English for logs. */
export const ERROR_CODES = [
  'validation_failed',
  'invalid_json',
  'payload_too_large',
  'unauthenticated',
  'invalid_credentials',
  'session_expired',
  'device_revoked',
  'account_disabled',
  'forbidden',
  'not_found',
  'conflict',
  'too_many_requests',
  'upgrade_required',
  'internal',
] as const;
export const ErrorCode = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ApiErrorBody = z.object({
  error: z.object({
    code: ErrorCode,
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBody>;

/** One failing field of a validation error: `path` is dotted (`villageIds.0`). */
export const FieldIssue = z.object({ path: z.string(), message: z.string() });
export type FieldIssue = z.infer<typeof FieldIssue>;
