import type { LoginThrottleOptions } from './auth/throttle';
import type { AuthHooks } from './plugins/auth';
import type { Store } from './store';

/** What the route plugins share: passed to each as the `ctx` option. */
export interface ServerContext {
  store: Store;
  /** One reading per request; tests replace it to move time. */
  clock: () => Date;
  appVersion: string;
  sessionTtlMs: number;
  loginThrottle: LoginThrottleOptions;
  auth: AuthHooks;
}

export interface RouteOptions {
  ctx: ServerContext;
}
