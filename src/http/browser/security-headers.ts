// Security headers on every response (@fastify/helmet). The admin UI and the /docs page load
// only their own files, so the policy allows the server's own origin and nothing inline:
// an injected script can neither run nor send the token in sessionStorage anywhere else.
// No site may frame any page (clickjacking on "Submit Shipment"); no Referer leaves.
// HSTS (and upgrade-insecure-requests) only when the service is told it runs behind TLS:
// sent over plain HTTP on a LAN they would lock browsers out of the host.
// The headers depend on the options alone, never on the request, yet @fastify/helmet builds
// helmet's middleware again for every request (about 3% of a small GET's CPU): so helmet
// runs once, on a scratch instance, and every response gets the headers it set.
import helmet from '@fastify/helmet';
import Fastify, { type FastifyInstance } from 'fastify';

export interface SecurityHeadersOptions {
  /** STOCKROUTE_BEHIND_TLS: clients reach the service over HTTPS. */
  readonly behindTls: boolean;
}

const SELF = "'self'";

export function contentSecurityPolicy(options: SecurityHeadersOptions): Record<string, string[]> {
  return {
    'default-src': [SELF],
    'script-src': [SELF],
    'script-src-attr': ["'none'"],
    'style-src': [SELF],
    // data: for the admin's empty favicon and the icons Swagger UI draws.
    'img-src': [SELF, 'data:'],
    'font-src': [SELF],
    'connect-src': [SELF],
    'object-src': ["'none'"],
    'base-uri': [SELF],
    'form-action': [SELF],
    'frame-ancestors': ["'none'"],
    ...(options.behindTls ? { 'upgrade-insecure-requests': [] } : {}),
  };
}

export async function registerSecurityHeaders(app: FastifyInstance, options: SecurityHeadersOptions): Promise<void> {
  const headers = await helmetHeaders(options);
  app.addHook('onRequest', (_request, reply, done) => {
    for (const [name, value] of headers) reply.raw.setHeader(name, value);
    done();
  });
}

/** The headers helmet sets on a response, in its order, with our options. */
export async function helmetHeaders(options: SecurityHeadersOptions): Promise<[string, string | number | string[]][]> {
  const scratch = Fastify();
  let headers: [string, string | number | string[]][] = [];
  try {
    await scratch.register(helmet, {
      global: true,
      contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy(options) },
      frameguard: { action: 'deny' },
      referrerPolicy: { policy: 'no-referrer' },
      strictTransportSecurity: options.behindTls ? { maxAge: 31_536_000, includeSubDomains: false } : false,
    });
    // Registered after helmet's hooks, so it runs after them and before anything else sets a header.
    scratch.addHook('onRequest', async (_request, reply) => {
      headers = Object.entries(reply.raw.getHeaders()).filter((h): h is [string, string | number | string[]] => h[1] !== undefined);
    });
    scratch.get('/', async () => '');
    await scratch.inject({ method: 'GET', url: '/' });
  } finally {
    await scratch.close();
  }
  if (!headers.some(([name]) => name === 'content-security-policy')) throw new Error('helmet set no Content-Security-Policy');
  return headers;
}
