import type { DevicePolicy } from '../shared/api/auth';
import type { LoginThrottleOptions } from './auth/throttle';
import type { ServerMetrics } from './metrics/serverMetrics';
import type { AuthHooks } from './plugins/auth';
import type { Store } from './store';

/** What the route plugins share: passed to each as the `ctx` option. */
export interface ServerContext {
  store: Store;
  /** One reading per request; tests replace it to move time. */
  clock: () => Date;
  appVersion: string;
  /** Idle lifetime of a session; it slides while the device is used. */
  sessionTtlMs: number;
  /** Absolute lifetime of a session from its login (auth/sessions.ts). */
  sessionMaxAgeMs: number;
  loginThrottle: LoginThrottleOptions;
  devicePolicy: DevicePolicy;
  auth: AuthHooks;
  /** Where the server keeps its backups and data (health and the admins' backup list). */
  operations: OperationsContext;
  /** The database's epoch (store/serverIdentity.ts), read at start: a restore needs a restart. */
  serverEpoch: string | undefined;
  /** This process's counters for `/metrics`. */
  metrics: ServerMetrics;
}

export interface OperationsContext {
  /** The backup directory, or null when this server takes none (tests, API-only embedding). */
  backupDir: string | null;
  /** Nightly backups are on. */
  backupsScheduled: boolean;
  /** The directory whose free space `/api/health` reports (SQLite's data dir). */
  dataDir: string | null;
}

export interface RouteOptions {
  ctx: ServerContext;
}
