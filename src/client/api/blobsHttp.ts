import { withSession } from './authenticated';
import { ApiError, readJson, toApiError } from './http';

/** A binary request of the blob routes: HEAD and GET answer headers or bytes, PATCH sends bytes. */
export interface RawRequest {
  method: 'HEAD' | 'GET' | 'PATCH';
  headers?: Record<string, string>;
  body?: Blob;
}

/**
 * How photo code reaches the server: resolves with a 2xx `Response`, throws `ApiError` for
 * anything else (as `request()` does for JSON). `fetch` in the app, `app.inject` in tests.
 */
export type BlobSend = (path: string, init: RawRequest) => Promise<Response>;

/** A 512 KiB chunk on a weak 3G/EDGE link can take a minute: longer than a JSON request. */
export const BLOB_REQUEST_TIMEOUT_MS = 120_000;

/** The response when it is a success, else the same `ApiError` a JSON request would throw. */
export async function okOrThrow(response: Response): Promise<Response> {
  if (response.ok) return response;
  throw toApiError(response, await readJson(response));
}

/** One binary request to the API with a bearer token. Throws `ApiError`, including offline. */
export async function requestRaw(
  path: string,
  init: RawRequest & { token: string; signal?: AbortSignal },
): Promise<Response> {
  if (typeof navigator !== 'undefined' && navigator.onLine === false) {
    throw new ApiError(0, 'offline', 'offline');
  }
  const headers: Record<string, string> = {
    ...init.headers,
    Authorization: `Bearer ${init.token}`,
  };
  if (init.body !== undefined) headers['Content-Type'] = 'application/octet-stream';
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method,
      headers,
      body: init.body,
      signal: init.signal ?? AbortSignal.timeout(BLOB_REQUEST_TIMEOUT_MS),
      cache: 'no-store',
    });
  } catch (error) {
    if (init.signal?.aborted) throw error;
    const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
    throw new ApiError(0, offline ? 'offline' : 'unreachable', String(error));
  }
  return okOrThrow(response);
}

/** `requestRaw` with this device's session (a session-ending 401 signs the device out). */
export const apiRaw: BlobSend = (path, init) =>
  withSession((token) => requestRaw(path, { ...init, token }));
