// Flood guards of the API: a per-IP cap on every /api route, and tighter caps on login (per IP
// and per username) and on sync (per device). Counted in memory for one process (SQLite), or in
// the database (`rate_counters`, fixed windows) so that every process on one PostgreSQL counts
// the same requests. Login throttling of failed passwords lives in the database too
// (auth/throttle.ts).
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest, onRequestHookHandler, RouteOptions } from 'fastify';
import { tooManyRequests } from '../errors';
import type { Store } from '../store';

export interface RateLimitOptions {
  /** Requests per key per window. */
  max: number;
  windowMs: number;
}

export interface RouteRateLimits {
  /** `POST /api/auth/login` per client IP; an office behind one address shares it. */
  loginPerIp: RateLimitOptions;
  /**
   * `POST /api/auth/login` per username and client IP, right or wrong password alike. Per
   * address too, so that a flood for one username from elsewhere never blocks the user's own
   * logins (guessing spread over many addresses is slowed in the database, auth/throttle.ts).
   */
  loginPerUsername: RateLimitOptions;
  /** `POST /api/sync/push` and `/pull` together, per device (the session's clientId). */
  syncPerDevice: RateLimitOptions;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { max: 600, windowMs: 60_000 };

/**
 * A person logs in a few times a day; a first sync pages through 20,000 records in 20 pulls
 * and a long outbox goes out in pushes of 500, so 300 a minute is never reached by a device
 * that syncs normally, and stops one that loops.
 */
export const DEFAULT_ROUTE_RATE_LIMITS: RouteRateLimits = {
  loginPerIp: { max: 60, windowMs: 60_000 },
  loginPerUsername: { max: 20, windowMs: 60_000 },
  syncPerDevice: { max: 300, windowMs: 60_000 },
};

type Hook = 'onRequest' | 'preHandler';

interface RouteLimit {
  /** Names the counter, in the key and in the 429 message. */
  name: string;
  limit: keyof RouteRateLimits;
  /** `preHandler` when the key comes from the validated body; auth has run in both. */
  hook: Hook;
  key: (request: FastifyRequest) => string;
}

const byIp = (request: FastifyRequest) => request.ip;
const byUsernameAndIp = (request: FastifyRequest) =>
  `${String((request.body as { username?: unknown } | undefined)?.username ?? '')}|${request.ip}`;
const byDevice = (request: FastifyRequest) => request.auth?.clientId ?? `ip:${request.ip}`;

/** Which routes get which caps, on top of the per-IP one. */
const ROUTE_LIMITS: Record<string, RouteLimit[]> = {
  'POST /api/auth/login': [
    { name: 'login attempts from this address', limit: 'loginPerIp', hook: 'onRequest', key: byIp },
    {
      name: 'login attempts for this username from this address',
      limit: 'loginPerUsername',
      hook: 'preHandler',
      key: byUsernameAndIp,
    },
  ],
  'POST /api/sync/push': [
    {
      name: 'sync requests from this device',
      limit: 'syncPerDevice',
      hook: 'onRequest',
      key: byDevice,
    },
  ],
  'POST /api/sync/pull': [
    {
      name: 'sync requests from this device',
      limit: 'syncPerDevice',
      hook: 'onRequest',
      key: byDevice,
    },
  ],
};

/**
 * Registers the per-IP cap on every route of `app` (the /api scope) and the route caps of
 * `ROUTE_LIMITS`; call it before the routes are registered. Answers 429 `too_many_requests`
 * with Retry-After.
 */
export async function registerRateLimit(
  app: FastifyInstance,
  perIp: RateLimitOptions,
  routeLimits: RouteRateLimits = DEFAULT_ROUTE_RATE_LIMITS,
  /** Count in this database instead of this process's memory. */
  sharedCounters?: Store,
): Promise<void> {
  await app.register(rateLimit, {
    ...(sharedCounters ? { store: databaseRateStore(sharedCounters) } : {}),
    max: perIp.max,
    timeWindow: perIp.windowMs,
    keyGenerator: byIp,
    errorResponseBuilder: (_request, context) =>
      tooManyRequests(
        Math.ceil(context.ttl / 1000),
        `Rate limit exceeded, retry in ${context.after}`,
      ),
  });
  // One counter per limit, shared by the routes that name it (push and pull count together).
  const guards = new Map<string, onRequestHookHandler>();
  const guard = (spec: RouteLimit) => {
    const id = `${spec.limit}:${spec.name}`;
    let hook = guards.get(id);
    if (!hook) {
      hook = limitHook(app, spec, routeLimits[spec.limit]);
      guards.set(id, hook);
    }
    return hook;
  };
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      for (const spec of ROUTE_LIMITS[`${method} ${route.url}`] ?? []) {
        appendHook(route, spec.hook, guard(spec));
      }
    }
  });
}

function limitHook(
  app: FastifyInstance,
  spec: RouteLimit,
  options: RateLimitOptions,
): onRequestHookHandler {
  const check = app.createRateLimit({
    max: options.max,
    timeWindow: options.windowMs,
    keyGenerator: (request) => `${spec.limit}:${spec.key(request)}`,
  });
  return async (request) => {
    const result = await check(request);
    if (result.isAllowed || !result.isExceeded) return;
    const seconds = Math.max(1, result.ttlInSeconds);
    throw tooManyRequests(seconds, `Too many ${spec.name}; retry in ${seconds} s`);
  };
}

function appendHook(route: RouteOptions, hook: Hook, handler: onRequestHookHandler): void {
  const existing = route[hook];
  const list = existing === undefined ? [] : [existing].flat();
  // The same function type serves both hooks: it only reads the request and may throw.
  route[hook] = [...list, handler] as never;
}

type StoreCallback = (error: Error | null, result?: { current: number; ttl: number }) => void;

/**
 * `@fastify/rate-limit`'s store interface over the database's counters (store/rateCounters.ts),
 * so that several processes on one database add up their counts.
 */
function databaseRateStore(store: Store) {
  const answer = (callback: StoreCallback) =>
    [
      (result: { count: number; ttl: number }) =>
        callback(null, { current: result.count, ttl: result.ttl }),
      (error: Error) => callback(error),
    ] as const;
  return class DatabaseRateStore {
    incr(key: string, callback: StoreCallback, timeWindow: number): void {
      store.bumpRateCounter(key, Date.now(), timeWindow).then(...answer(callback));
    }

    read(key: string, callback: StoreCallback): void {
      store.readRateCounter(key, Date.now()).then(...answer(callback));
    }

    child(): DatabaseRateStore {
      return new DatabaseRateStore();
    }
  };
}
