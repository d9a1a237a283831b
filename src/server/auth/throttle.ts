// Login throttling, counted in the database so that every server process behind a load
// balancer sees the same counts. It slows guessing down without letting anyone lock a user out:
//
// - per (username, source): after a few free failures (typos), each further one makes the next
//   try from that source wait, twice as long each time, up to `maxDelayMs`. The source is the
//   device when it is one the user has signed in on before, else the client address.
// - per username, from every source: past `freeFailuresPerUser` the same growing wait applies
//   to every device the user has never used, which stops guessing spread over many addresses.
// - per address: a spray over many usernames locks the address (devices never used by the
//   user only).
//
// A device the user has signed in on before is only ever slowed by failures on that device, so
// the right password from the user's own phone gets in whatever others try from elsewhere.
import { tooManyRequests } from '../errors';
import type { Store, ThrottlePolicy } from '../store';

export interface LoginThrottleOptions {
  /** Failures per (username, source) before each further one delays the next try. */
  freeFailures: number;
  /** Failures per username, all sources together, before new devices are delayed too. */
  freeFailuresPerUser: number;
  /** The first wait; each further failure doubles it... */
  baseDelayMs: number;
  /** ...up to this. */
  maxDelayMs: number;
  /** A run of failures is forgotten this long after its first. */
  windowMs: number;
  /** Failures from one address (any usernames) that lock it for `lockMs`. */
  maxFailuresPerIp: number;
  lockMs: number;
}

export const DEFAULT_LOGIN_THROTTLE: LoginThrottleOptions = {
  freeFailures: 3,
  freeFailuresPerUser: 10,
  baseDelayMs: 1000,
  maxDelayMs: 15 * 60_000,
  windowMs: 24 * 60 * 60_000,
  maxFailuresPerIp: 50,
  lockMs: 15 * 60_000,
};

/** Who is trying: the username, and where from. */
export interface LoginSource {
  username: string;
  ip: string;
  /** The clientId when it is a live device the user has signed in on before, else null. */
  knownDevice: string | null;
}

const pairKey = ({ username, ip, knownDevice }: LoginSource) =>
  knownDevice ? `pair:${username}|device:${knownDevice}` : `pair:${username}|ip:${ip}`;
const userKey = (username: string) => `user:${username}`;
const ipKey = (ip: string) => `ip:${ip}`;
/** The running wait of a counter is a row of its own. */
const waitKey = (key: string) => `wait:${key}`;

/** Never reached: a counter that only counts (its wait is kept under `waitKey`). */
const COUNT_ONLY = 2 ** 31 - 1;

/** Throws 429 with Retry-After while this source must wait. */
export async function assertLoginAllowed(
  store: Store,
  source: LoginSource,
  now: Date,
): Promise<void> {
  const keys = [waitKey(pairKey(source))];
  if (!source.knownDevice) keys.push(waitKey(userKey(source.username)), ipKey(source.ip));
  const until = await store.findLoginLock(keys, now.toISOString());
  if (!until) return;
  const seconds = Math.max(1, Math.ceil((Date.parse(until) - now.getTime()) / 1000));
  throw tooManyRequests(seconds, 'Too many failed logins; try again later');
}

export async function countLoginFailure(
  store: Store,
  source: LoginSource,
  now: Date,
  options: LoginThrottleOptions,
): Promise<void> {
  await countAndDelay(store, pairKey(source), options.freeFailures, now, options);
  await countAndDelay(store, userKey(source.username), options.freeFailuresPerUser, now, options);
  await store.recordLoginFailure(ipKey(source.ip), now, {
    maxFailures: options.maxFailuresPerIp,
    windowMs: options.lockMs,
    lockMs: options.lockMs,
  });
}

/** The wait after the `failures`-th failure of a run: none while free, then doubling. */
export function loginDelayMs(
  failures: number,
  free: number,
  options: LoginThrottleOptions,
): number {
  if (failures < free) return 0;
  return Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.min(30, failures - free));
}

async function countAndDelay(
  store: Store,
  key: string,
  free: number,
  now: Date,
  options: LoginThrottleOptions,
): Promise<void> {
  const counted: ThrottlePolicy = {
    maxFailures: COUNT_ONLY,
    windowMs: options.windowMs,
    lockMs: 0,
  };
  const { failures } = await store.recordLoginFailure(key, now, counted);
  const delayMs = loginDelayMs(failures, free, options);
  if (delayMs === 0) return;
  // A one-failure policy whose lock is the delay: the row is (re)locked until now + delay.
  await store.recordLoginFailure(waitKey(key), now, {
    maxFailures: 1,
    windowMs: delayMs,
    lockMs: delayMs,
  });
}

/**
 * A successful login forgets its source's failures (not the username's from elsewhere, nor the
 * address's: one good account must not unlock a spray).
 */
export async function forgetLoginFailures(store: Store, source: LoginSource): Promise<void> {
  const key = pairKey(source);
  await store.clearLoginFailures(key);
  await store.clearLoginFailures(waitKey(key));
}
