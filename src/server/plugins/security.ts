import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/** The app loads nothing from anywhere else: no CDN, no inline script or style. */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  workerSrc: ["'self'"],
  manifestSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  frameAncestors: ["'none'"],
  formAction: ["'self'"],
};

/** Surveyors take GPS fixes and photos; nothing else needs a powerful feature. */
const PERMISSIONS_POLICY =
  'camera=(self), geolocation=(self), microphone=(), payment=(), usb=(), interest-cohort=()';

export async function registerSecurityHeaders(
  app: FastifyInstance,
  options: { tls: boolean },
): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: options.tls
        ? { ...CONTENT_SECURITY_POLICY, upgradeInsecureRequests: [] }
        : CONTENT_SECURITY_POLICY,
    },
    // HSTS over plain HTTP would be ignored at best; on an office LAN without TLS it must not
    // be sent, or a later certificate mistake locks everyone out.
    hsts: options.tls ? { maxAge: 31_536_000, includeSubDomains: false } : false,
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('permissions-policy', PERMISSIONS_POLICY);
    // API answers are personal data: never cached by the browser, a proxy or the service worker.
    // A route that sets its own (blobs: private, immutable, content-addressed) keeps it.
    if (isApiPath(request.url) && !reply.hasHeader('cache-control')) {
      reply.header('cache-control', 'no-store');
    }
  });
}

export function isApiPath(url: string): boolean {
  return url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');
}
