import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { tooManyRequests } from '../errors';

export interface RateLimitOptions {
  /** Requests per IP per window, per server process. */
  max: number;
  windowMs: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { max: 600, windowMs: 60_000 };

/**
 * A per-IP safety net on every route of the instance it is registered in (the /api scope).
 * It counts in this process's memory: a second process keeps its own count, which is fine for
 * a flood guard. Login throttling, which must hold across processes, lives in the database.
 */
export async function registerRateLimit(
  app: FastifyInstance,
  options: RateLimitOptions,
): Promise<void> {
  await app.register(rateLimit, {
    max: options.max,
    timeWindow: options.windowMs,
    keyGenerator: (request) => request.ip,
    errorResponseBuilder: (_request, context) =>
      tooManyRequests(
        Math.ceil(context.ttl / 1000),
        `Rate limit exceeded, retry in ${context.after}`,
      ),
  });
}
