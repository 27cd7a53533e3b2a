// The security headers a browser receives from the admin UI, the /docs page and the API, with
// and without STOCKROUTE_BEHIND_TLS; and how the environment switches them.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb, type TestDb } from '../../store/test-support/engines.js';
import { buildApp } from '../app.js';
import { configFromEnv, testConfig } from '../config.js';

/** `a b; c d` → { a: ['b'], c: ['d'] } */
function directives(res: LightMyRequestResponse): Record<string, string[]> {
  const header = String(res.headers['content-security-policy'] ?? '');
  return Object.fromEntries(header.split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
    const [name = '', ...values] = d.split(/\s+/);
    return [name, values];
  }));
}

describe('security headers', () => {
  let db: TestDb;
  let plain: FastifyInstance;
  let tls: FastifyInstance;
  beforeAll(async () => {
    db = await openTestDb('pglite');
    plain = await buildApp({ db, config: testConfig() });
    tls = await buildApp({ db, config: testConfig({ behindTls: true }) });
  });
  afterAll(async () => {
    await plain.close();
    await tls.close();
    await db.close();
  });

  const pages = ['/admin/', '/admin/orders/ord_1/ship', '/admin/assets/missing.js', '/docs', '/docs/static/index.html', '/api/skus', '/oauth/token', '/health'];

  it('sends a strict, self-only Content-Security-Policy that no page may frame', async () => {
    for (const url of pages) {
      const res = await plain.inject({ method: 'GET', url });
      const csp = directives(res);
      expect(csp, url).toEqual({
        'default-src': ["'self'"], 'script-src': ["'self'"], 'script-src-attr': ["'none'"], 'style-src': ["'self'"],
        'img-src': ["'self'", 'data:'], 'font-src': ["'self'"], 'connect-src': ["'self'"], 'object-src': ["'none'"],
        'base-uri': ["'self'"], 'form-action': ["'self'"], 'frame-ancestors': ["'none'"],
      });
      expect(Object.values(csp).flat().some((v) => v.includes('unsafe')), url).toBe(false);
    }
  });

  it('forbids framing, sniffing and referrers on every response', async () => {
    for (const url of pages) {
      const res = await plain.inject({ method: 'GET', url });
      expect(res.headers['x-frame-options'], url).toBe('DENY');
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['referrer-policy'], url).toBe('no-referrer');
      expect(res.headers['cross-origin-opener-policy'], url).toBe('same-origin');
      expect(res.headers['cross-origin-resource-policy'], url).toBe('same-origin');
      expect(res.headers['x-permitted-cross-domain-policies'], url).toBe('none');
      expect(res.headers['x-xss-protection'], url).toBe('0');
    }
  });

  it('sends HSTS and upgrade-insecure-requests only when told it runs behind TLS', async () => {
    const overHttp = await plain.inject({ method: 'GET', url: '/admin/' });
    expect(overHttp.headers['strict-transport-security']).toBeUndefined();
    expect(directives(overHttp)['upgrade-insecure-requests']).toBeUndefined();
    const overTls = await tls.inject({ method: 'GET', url: '/admin/' });
    expect(overTls.headers['strict-transport-security']).toBe('max-age=31536000');
    expect(directives(overTls)['upgrade-insecure-requests']).toEqual([]);
    expect(overTls.headers['x-frame-options']).toBe('DENY');
  });

  it('reads STOCKROUTE_BEHIND_TLS and STOCKROUTE_CORS_ORIGINS, refusing values it cannot use', () => {
    expect(configFromEnv({}).behindTls).toBe(false);
    expect(configFromEnv({ STOCKROUTE_BEHIND_TLS: 'on' }).behindTls).toBe(true);
    expect(configFromEnv({ STOCKROUTE_BEHIND_TLS: 'off' }).behindTls).toBe(false);
    expect(() => configFromEnv({ STOCKROUTE_BEHIND_TLS: 'yes please' })).toThrow('STOCKROUTE_BEHIND_TLS must be on or off');
    expect(configFromEnv({ STOCKROUTE_CORS_ORIGINS: 'https://a.example,https://b.example' }).corsOrigins).toEqual(['https://a.example', 'https://b.example']);
    expect(configFromEnv({}).corsOrigins).toEqual([]);
    expect(() => configFromEnv({ STOCKROUTE_CORS_ORIGINS: 'a.example' })).toThrow('STOCKROUTE_CORS_ORIGINS');
  });
});
