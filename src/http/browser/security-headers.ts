// Security headers on every response (@fastify/helmet). The admin UI and the /docs page load
// only their own files, so the policy allows the server's own origin and nothing inline:
// an injected script can neither run nor send the token in sessionStorage anywhere else.
// No site may frame any page (clickjacking on "Submit Shipment"); no Referer leaves.
// HSTS (and upgrade-insecure-requests) only when the service is told it runs behind TLS:
// sent over plain HTTP on a LAN they would lock browsers out of the host.
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

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
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy(options) },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: options.behindTls ? { maxAge: 31_536_000, includeSubDomains: false } : false,
  });
}
