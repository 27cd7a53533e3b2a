// The real server: listens, prints the admin credentials once on an empty database and the
// URLs, serves tokens and the API over TCP, and after a restart on the same data folder keeps
// both the admin and the tokens already issued (the signing key is stored).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from './server.js';

describe('startServer on the embedded database', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'stockroute-server-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const env = { LOG_LEVEL: 'silent' };

  it('bootstraps an admin once, serves the API and survives a restart', async () => {
    const lines: string[] = [];
    const first = await startServer({ port: 0, host: '127.0.0.1', dataDir, env, demo: false, print: (l) => lines.push(l), handleSignals: false });
    let token: string;
    try {
      const clientId = /client_id:\s+(\S+)/.exec(lines.join('\n'))?.[1];
      const clientSecret = /client_secret:\s+(\S+)/.exec(lines.join('\n'))?.[1];
      expect(clientId && clientSecret).toBeTruthy();
      expect(lines.join('\n')).toContain(`${first.url}/openapi.json`);
      expect(lines.join('\n')).toContain(`${first.url}/admin`);
      const res = await fetch(`${first.url}/oauth/token`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),
      });
      expect(res.status).toBe(200);
      token = ((await res.json()) as { access_token: string }).access_token;
      const skus = await fetch(`${first.url}/api/skus`, { headers: { authorization: `Bearer ${token}` } });
      expect(skus.status).toBe(200);
      expect(((await skus.json()) as { meta: { record_count: number } }).meta.record_count).toBe(0);
    } finally {
      await first.close();
    }

    const again: string[] = [];
    const second = await startServer({ port: 0, host: '127.0.0.1', dataDir, env, demo: false, print: (l) => again.push(l), handleSignals: false });
    try {
      expect(again.join('\n')).not.toContain('client_secret');
      const health = await fetch(`${second.url}/health`);
      expect(await health.json()).toEqual({ status: 'ok', database: 'pglite' });
      const skus = await fetch(`${second.url}/api/skus`, { headers: { authorization: `Bearer ${token}` } });
      expect(skus.status).toBe(200);
    } finally {
      await second.close();
    }
  });
});

describe('startServer with a distance provider', () => {
  it('refuses to start when STOCKROUTE_DISTANCE_PROVIDER is osrm without a URL, saying what is missing', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'stockroute-server-osrm-'));
    try {
      await expect(startServer({ port: 0, host: '127.0.0.1', dataDir, env: { LOG_LEVEL: 'silent', STOCKROUTE_DISTANCE_PROVIDER: 'osrm' }, demo: false, print: () => undefined, handleSignals: false }))
        .rejects.toThrow(/osrm distance provider needs a URL/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
