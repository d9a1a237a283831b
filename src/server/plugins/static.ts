// Serves the built PWA. The service worker and index.html are revalidated on every load (so
// an update is seen at once); hashed files under /assets never change and are cached for a year.
// Text files are sent as the brotli or gzip copies the build wrote beside them (vite.config.ts)
// when the browser accepts one: no compression work per request.
import { basename } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { routeNotFound, sendError } from './errors';
import { isApiPath } from './security';

export async function registerStaticApp(app: FastifyInstance, root: string): Promise<void> {
  await app.register(fastifyStatic, {
    root,
    preCompressed: true,
    cacheControl: false,
    setHeaders: (reply, path) => {
      reply.header('cache-control', cacheControlFor(root, path));
    },
  });
  app.setNotFoundHandler((request, reply) =>
    isAppNavigation(request)
      ? reply.sendFile('index.html')
      : sendError(reply, routeNotFound(request)),
  );
}

/** Without a built app every unknown path is a JSON 404. */
export function registerApiOnlyNotFound(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) => sendError(reply, routeNotFound(request)));
}

function cacheControlFor(root: string, path: string): string {
  const relative = path.slice(root.length).replaceAll('\\', '/').replace(/^\/+/, '');
  if (relative.startsWith('assets/')) return 'public, max-age=31536000, immutable';
  if (basename(relative) === 'sw.js' || basename(relative) === 'index.html') return 'no-cache';
  return 'no-cache';
}

/** A browser navigation to a client-side route (not the API, not a missing file fetch). */
function isAppNavigation(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  if (isApiPath(request.url)) return false;
  return (request.headers.accept ?? '').includes('text/html');
}
