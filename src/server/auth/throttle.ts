// Login throttling, counted in the database so that every server process behind a load
// balancer sees the same counts. Two counters per attempt: the username (stops guessing one
// account) and the client IP (stops spraying many accounts; higher, since a whole office
// shares one address).
import { tooManyRequests } from '../errors';
import type { Store } from '../store';

export interface LoginThrottleOptions {
  maxFailures: number;
  windowMs: number;
  lockMs: number;
  maxFailuresPerIp: number;
}

export const DEFAULT_LOGIN_THROTTLE: LoginThrottleOptions = {
  maxFailures: 5,
  windowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
  maxFailuresPerIp: 50,
};

const userKey = (username: string) => `user:${username}`;
const ipKey = (ip: string) => `ip:${ip}`;

/** Throws 429 with Retry-After while the username or the IP is locked. */
export async function assertLoginAllowed(
  store: Store,
  username: string,
  ip: string,
  now: Date,
): Promise<void> {
  const until = await store.findLoginLock([userKey(username), ipKey(ip)], now.toISOString());
  if (!until) return;
  const seconds = Math.max(1, Math.ceil((Date.parse(until) - now.getTime()) / 1000));
  throw tooManyRequests(seconds, 'Too many failed logins; try again later');
}

export async function countLoginFailure(
  store: Store,
  username: string,
  ip: string,
  now: Date,
  options: LoginThrottleOptions,
): Promise<void> {
  const { windowMs, lockMs } = options;
  await store.recordLoginFailure(userKey(username), now, {
    maxFailures: options.maxFailures,
    windowMs,
    lockMs,
  });
  await store.recordLoginFailure(ipKey(ip), now, {
    maxFailures: options.maxFailuresPerIp,
    windowMs,
    lockMs,
  });
}

/** A successful login forgets the username's failures (not the IP's: one good account must not unlock a spray). */
export function forgetLoginFailures(store: Store, username: string): Promise<void> {
  return store.clearLoginFailures(userKey(username));
}
