import type { Server as HttpsServer } from 'node:https';
import { resolve } from 'node:path';
import Fastify, {
  type FastifyHttpsOptions,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
  LogController,
} from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { DEFAULT_SESSION_IDLE_MS, DEFAULT_SESSION_MAX_AGE_MS } from './auth/sessions';
import { DEFAULT_LOGIN_THROTTLE, type LoginThrottleOptions } from './auth/throttle';
import type { OperationsContext, ServerContext } from './context';
import { ApiError } from './errors';
import { ServerMetrics } from './metrics/serverMetrics';
import { registerAnswerOnce } from './plugins/answerOnce';
import { registerAuth } from './plugins/auth';
import { registerErrorHandling, sendError } from './plugins/errors';
import { registerJsonParser } from './plugins/json';
import { registerMetrics } from './plugins/metrics';
import {
  DEFAULT_RATE_LIMIT,
  DEFAULT_ROUTE_RATE_LIMITS,
  type RateLimitOptions,
  type RouteRateLimits,
  registerRateLimit,
} from './plugins/rateLimit';
import { registerSecurityHeaders } from './plugins/security';
import { registerApiOnlyNotFound, registerStaticApp } from './plugins/static';
import { adminRoutes } from './routes/admin';
import { auditEventRoutes } from './routes/audit';
import { authRoutes } from './routes/auth';
import { basemapRoutes } from './routes/basemap';
import { blobRoutes } from './routes/blobs';
import { deviceReportRoutes } from './routes/deviceReports';
import { healthRoutes } from './routes/health';
import { importRoutes } from './routes/imports';
import { meRoutes } from './routes/me';
import { parcelRoutes } from './routes/parcels';
import { syncRoutes } from './routes/sync';
import { villagesRoutes } from './routes/villages';
import type { Store } from './store';

export interface AppOptions {
  store: Store;
  /** The built PWA (e.g. `dist/`); without it only the API is served. */
  staticDir?: string;
  logger?: boolean | Record<string, unknown>;
  appVersion?: string;
  /**
   * Behind reverse proxies: how many hops (a number) or which addresses (proxy addresses or
   * CIDRs) may set X-Forwarded-For; the client IP is the first address they did not add.
   * Never `true` (trust every hop), which would let a client forge its address.
   */
  trustProxy?: false | number | string[];
  /** Served over TLS (here or at a proxy): turns on HSTS and upgrade-insecure-requests. */
  tls?: boolean;
  /** Serve HTTPS directly with this certificate (implies `tls`). */
  https?: { key: string | Buffer; cert: string | Buffer };
  /**
   * Largest request body in bytes (default 1 MiB). Routes set their own: login, logout, rotate
   * and password changes `AUTH_BODY_LIMIT`, push `MAX_PUSH_BYTES`, a blob chunk
   * `BLOB_CHUNK_LIMIT_BYTES`, an import's preview and write `MAX_IMPORT_BYTES`.
   */
  bodyLimit?: number;
  /** Per-IP request cap on /api; `false` turns it and `routeRateLimits` off. */
  rateLimit?: RateLimitOptions | false;
  /**
   * Where the caps count: this process's `memory` (default), or the `database`, shared by every
   * process on it (`npm start` chooses it on PostgreSQL, where several processes may serve one
   * database).
   */
  rateLimitCounters?: 'memory' | 'database';
  /** Per-process caps on login (per IP, per username) and sync (per device). */
  routeRateLimits?: Partial<RouteRateLimits>;
  /** Failed-login lockout, counted in the database. */
  loginThrottle?: Partial<LoginThrottleOptions>;
  /** A session ends after this long unused (default 7 days)... */
  sessionTtlMs?: number;
  /** Minutes without use before devices lock themselves (default 5). */
  idleLockMinutes?: number;
  /** ...and this long after its login, used or not, rotated or not (default 14 days). */
  sessionMaxAgeMs?: number;
  clock?: () => Date;
  /** Turns on `GET /metrics` (Prometheus) for scrapers that send this bearer token. */
  metricsToken?: string;
  /** Backups and disk: what `/api/health` and the admins' backup list report. */
  operations?: Partial<OperationsContext>;
}

export const DEFAULT_IDLE_LOCK_MINUTES = 5;
export const DEFAULT_BODY_LIMIT = 1024 * 1024;
/** Credentials and tokens: a login body is a few hundred bytes. */
export const AUTH_BODY_LIMIT = 8 * 1024;
export const DEFAULT_SESSION_TTL_MS = DEFAULT_SESSION_IDLE_MS;

/** Never written to a log line, wherever they appear in a logged object. */
const REDACTED_LOG_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.body.password',
  'req.body.currentPassword',
  'req.body.newPassword',
  'password',
  'currentPassword',
  'newPassword',
  'passwordHash',
  'token',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.passwordHash',
  '*.token',
];

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const serverOptions: FastifyServerOptions = {
    logger: loggerOptions(options.logger),
    logController: new QuietRequestLog(),
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    trustProxy: trustedProxies(options.trustProxy ?? false),
    // Errors raised before routing (a malformed %-escape in the URL) get the same body too.
    frameworkErrors: (error, _request, reply) =>
      sendError(
        reply,
        new ApiError(400, 'validation_failed', `Malformed request: ${error.message}`),
      ),
  };
  const app = (options.https
    ? Fastify({ ...serverOptions, https: options.https } as FastifyHttpsOptions<HttpsServer>)
    : Fastify(serverOptions)) as unknown as FastifyInstance;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);
  registerJsonParser(app);
  await registerSecurityHeaders(app, { tls: options.tls ?? options.https !== undefined });

  const clock = options.clock ?? (() => new Date());
  const lifetime = {
    idleMs: options.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS,
    maxAgeMs: options.sessionMaxAgeMs ?? DEFAULT_SESSION_MAX_AGE_MS,
  };
  const ctx: ServerContext = {
    store: options.store,
    clock,
    appVersion: options.appVersion ?? 'dev',
    sessionTtlMs: lifetime.idleMs,
    sessionMaxAgeMs: lifetime.maxAgeMs,
    loginThrottle: { ...DEFAULT_LOGIN_THROTTLE, ...options.loginThrottle },
    devicePolicy: { idleLockMinutes: options.idleLockMinutes ?? DEFAULT_IDLE_LOCK_MINUTES },
    auth: registerAuth(app, { store: options.store, clock, lifetime }),
    operations: {
      backupDir: options.operations?.backupDir ?? null,
      backupsScheduled: options.operations?.backupsScheduled ?? false,
      dataDir: options.operations?.dataDir ?? null,
    },
    metrics: new ServerMetrics(clock()),
    // Unknown on a database not migrated yet (tests that build the app first): answers carry none.
    serverEpoch: await options.store.getServerEpoch().catch(() => undefined),
  };
  registerMetrics(app, ctx, options.metricsToken);
  registerAnswerOnce(app, { store: options.store, clock });

  if (options.staticDir) await registerStaticApp(app, resolve(options.staticDir));
  else registerApiOnlyNotFound(app);

  const rateLimit = options.rateLimit ?? DEFAULT_RATE_LIMIT;
  await app.register(
    async (api) => {
      if (rateLimit) {
        await registerRateLimit(
          api,
          rateLimit,
          { ...DEFAULT_ROUTE_RATE_LIMITS, ...options.routeRateLimits },
          options.rateLimitCounters === 'database' ? options.store : undefined,
        );
      }
      await api.register(healthRoutes, { ctx });
      await api.register(async (credentials) => {
        capBodies(credentials, AUTH_BODY_LIMIT);
        await credentials.register(authRoutes, { prefix: '/auth', ctx });
        await credentials.register(meRoutes, { prefix: '/me', ctx });
      });
      await api.register(villagesRoutes, { prefix: '/villages', ctx });
      await api.register(adminRoutes, { prefix: '/admin', ctx });
      await api.register(syncRoutes, { prefix: '/sync', ctx });
      await api.register(blobRoutes, { prefix: '/blobs', ctx });
      await api.register(auditEventRoutes, { prefix: '/audit', ctx });
      await api.register(deviceReportRoutes, { prefix: '/device', ctx });
      await api.register(parcelRoutes, { prefix: '/parcels', ctx });
      await api.register(importRoutes, { prefix: '/imports', ctx });
      await api.register(basemapRoutes, { prefix: '/basemap', ctx });
    },
    { prefix: '/api' },
  );
  return app;
}

/** Every route registered in `scope` after this takes bodies of at most `limit` bytes. */
function capBodies(scope: FastifyInstance, limit: number): void {
  scope.addHook('onRoute', (route) => {
    route.bodyLimit = Math.min(route.bodyLimit ?? limit, limit);
  });
}

/**
 * Fastify's line per request, one level down: at info they were 1,464 lines in 35 minutes for
 * one user. `LOG_LEVEL=debug` brings them back; failed requests and startup stay at info+.
 */
class QuietRequestLog extends LogController {
  override incomingRequest(request: FastifyRequest): void {
    request.log.debug({ req: request }, 'incoming request');
  }

  override requestCompleted(error: Error | null, _request: FastifyRequest, reply: FastifyReply) {
    if (error) {
      reply.log.error(
        { res: reply, err: error, responseTime: reply.elapsedTime },
        'request errored',
      );
    } else {
      reply.log.debug({ res: reply, responseTime: reply.elapsedTime }, 'request completed');
    }
  }

  override routeNotFound(request: FastifyRequest): void {
    request.log.debug({ method: request.method, url: request.url }, 'route not found');
  }
}

/** A hop count as Fastify's function form: the `hops` addresses nearest the server are proxies. */
function trustedProxies(trust: false | number | string[]): FastifyServerOptions['trustProxy'] {
  return typeof trust === 'number' ? (_address: string, hop: number) => hop < trust : trust;
}

function loggerOptions(logger: AppOptions['logger']): FastifyServerOptions['logger'] {
  if (!logger) return false;
  return {
    level: 'info',
    ...(logger === true ? {} : logger),
    redact: { paths: REDACTED_LOG_PATHS, censor: '[redacted]' },
  };
}
