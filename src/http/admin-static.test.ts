// The admin UI is served at /admin: files, client-side routes answered with index.html,
// missing assets as 404, and a helpful page when the UI was never built.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { adminStatic } from './admin-static.js';

function aBuiltUi(): string {
  const dir = mkdtempSync(join(tmpdir(), 'admin-dist-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><div id="root"></div><script src="/admin/assets/app-1a2b.js"></script>');
  writeFileSync(join(dir, 'assets', 'app-1a2b.js'), 'console.log("app")');
  return dir;
}

async function anApp(distDir: string) {
  const app = Fastify();
  app.setNotFoundHandler((_req, reply) => reply.code(404).send({ errors: [{ code: 'RECORD_NOT_FOUND' }] }));
  await app.register(adminStatic, { distDir });
  return app;
}

describe('admin static files', () => {
  it('serves index.html at /admin/ and for client-side routes, never cached', async () => {
    const app = await anApp(aBuiltUi());
    for (const path of ['/admin', '/admin/', '/admin/orders/ord_1/ship', '/admin/inventory?x=1']) {
      const res = await app.inject(path);
      expect(res.statusCode, path).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.body).toContain('<div id="root">');
    }
  });

  it('serves hashed assets with a long cache and answers a missing asset with 404', async () => {
    const app = await anApp(aBuiltUi());
    const asset = await app.inject('/admin/assets/app-1a2b.js');
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    expect((await app.inject('/admin/assets/gone-9z.js')).statusCode).toBe(404);
  });

  it('leaves other paths to the application', async () => {
    const app = await anApp(aBuiltUi());
    const res = await app.inject('/api/nothing');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ errors: [{ code: 'RECORD_NOT_FOUND' }] });
  });

  it('explains how to build the UI when admin/dist is missing', async () => {
    const app = await anApp(join(tmpdir(), 'no-such-admin-dist'));
    for (const path of ['/admin', '/admin/orders']) {
      const res = await app.inject(path);
      expect(res.statusCode, path).toBe(503);
      expect(res.body).toContain('npm run build');
    }
  });
});
