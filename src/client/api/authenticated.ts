import { getMeta } from '../db/meta';
import { endSession, sessionEndInProgress } from '../session/end';
import { session } from '../session/state';
import { ApiError, isSessionEnding, type RequestOptions, request } from './http';

/**
 * A request with this device's session. A 401 that ends the session signs the device out
 * (and wipes it when revoked) before the error is rethrown.
 */
export function api<T>(path: string, options: Omit<RequestOptions, 'token'> = {}): Promise<T> {
  return withSession((token) => request<T>(path, { ...options, token }));
}

/**
 * Runs any request (JSON or binary, e.g. photos) with this device's session token, with the
 * same sign-out on a session-ending 401 as `api()`.
 */
export async function withSession<T>(call: (token: string) => Promise<T>): Promise<T> {
  const token = session.value?.token;
  if (!token) throw new ApiError(401, 'unauthenticated', 'not signed in');
  try {
    return await call(token);
  } catch (error) {
    if (isSessionEnding(error) && session.value?.token === token && !sessionEndInProgress()) {
      if (!(await adoptRotatedToken(token))) await endSession(error.code);
    }
    throw error;
  }
}

/**
 * Another tab of this browser may have rotated the token (tokenRotation.ts): its stored
 * successor is then used instead of signing out. True when one was adopted.
 */
async function adoptRotatedToken(refused: string): Promise<boolean> {
  const stored = await getMeta('session').catch(() => undefined);
  if (!stored || stored.token === refused || session.value?.token !== refused) return false;
  session.value = stored;
  return true;
}
