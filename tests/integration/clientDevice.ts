// The real client sync code talks to the in-process server through `app.inject`, answered the
// way fetch would answer it (the client's own error handling turns a failure into ApiError).
import type { FastifyInstance } from 'fastify';
import { okOrThrow } from '../../src/client/api/blobsHttp';
import { readJson } from '../../src/client/api/http';

/** The JSON side (push/pull) for the client's httpTransport, with the device's token. */
export function injectJson(app: FastifyInstance, token: string) {
  return async <T>(path: string, options: { method: 'POST'; body: unknown }): Promise<T> => {
    const response = await app.inject({
      method: options.method,
      url: path,
      payload: options.body as Record<string, unknown>,
      headers: { authorization: `Bearer ${token}` },
    });
    const reply = new Response(response.body || null, {
      status: response.statusCode,
      headers: { 'content-type': 'application/json' },
    });
    await okOrThrow(reply.clone());
    return (await readJson(reply)) as T;
  };
}
