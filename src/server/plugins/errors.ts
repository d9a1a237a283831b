// One error body for everything: `{error: {code, message, details?}}`. Bad input is a 4xx with
// a stable code; only our own bugs are a 500, and those never show a stack.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ApiErrorBody, ErrorCode, FieldIssue } from '../../shared/api/errors';
import { ApiError, validationFailed } from '../errors';

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const apiError = toApiError(error);
    if (apiError.statusCode >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: apiError.code }, apiError.message);
    return sendError(reply, apiError);
  });
}

export function sendError(reply: FastifyReply, error: ApiError): FastifyReply {
  const body: ApiErrorBody = { error: { code: error.code, message: error.message } };
  if (error.details !== undefined) body.error.details = error.details;
  return reply.code(error.statusCode).headers(error.headers).send(body);
}

export function routeNotFound(request: FastifyRequest): ApiError {
  return new ApiError(404, 'not_found', `No route ${request.method} ${request.url.split('?')[0]}`);
}

const FASTIFY_CODES: Record<string, () => ApiError> = {
  FST_ERR_CTP_INVALID_JSON_BODY: () =>
    new ApiError(400, 'invalid_json', 'The body is not valid JSON'),
  FST_ERR_CTP_EMPTY_JSON_BODY: () =>
    new ApiError(400, 'invalid_json', 'The body is empty but the Content-Type is JSON'),
  FST_ERR_CTP_BODY_TOO_LARGE: () =>
    new ApiError(413, 'payload_too_large', 'The body is larger than the server accepts'),
  FST_ERR_CTP_INVALID_MEDIA_TYPE: () =>
    new ApiError(415, 'validation_failed', 'Unsupported Content-Type; send application/json'),
};

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  426: 'upgrade_required',
  429: 'too_many_requests',
};

function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const e = error as Partial<FastifyError>;
  if (Array.isArray(e.validation)) return validationFailed(fieldIssues(e));
  const known = e.code ? FASTIFY_CODES[e.code] : undefined;
  if (known) return known();
  const status = typeof e.statusCode === 'number' ? e.statusCode : 500;
  if (status >= 400 && status < 500) {
    const message = typeof e.message === 'string' && e.message ? e.message : 'Bad request';
    return new ApiError(status, CODE_BY_STATUS[status] ?? 'validation_failed', message);
  }
  return new ApiError(500, 'internal', 'Internal server error');
}

/** Fastify's validation list as `{path: 'villageIds.0', message}`; a whole-part failure is named by the part (`body`). */
function fieldIssues(error: Partial<FastifyError>): FieldIssue[] {
  return (error.validation ?? []).map((issue) => {
    const path = issue.instancePath.split('/').filter(Boolean).join('.');
    return {
      path: path || (error.validationContext ?? ''),
      message: issue.message ?? 'invalid',
    };
  });
}
