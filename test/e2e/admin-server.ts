// The real Stockroute server for browser tests: buildApp on a fresh in-memory PGlite, an
// admin integration with known credentials, the built admin UI, listening on a free port.
// A distance provider with no walking routes makes the distance → priority fallback visible.
import { closeSync, existsSync, openSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/http/app.js';
import { testConfig } from '../../src/http/config.js';
import { adminStatic, DEFAULT_ADMIN_DIST } from '../../src/http/admin-static.js';
import { createApplication } from '../../src/http/auth/applications.js';
import { greatCircleProvider } from '../../src/distance/great-circle-provider.js';
import type { DistanceProvider } from '../../src/domain/distance/provider.js';
import { openTestDb } from '../../src/store/test-support/engines.js';
import { ApiClient } from './admin-api-client.js';

export interface RunningServer {
  readonly baseUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly api: ApiClient;
  close(): Promise<void>;
}

/**
 * Builds admin/dist when it is missing or older than the admin's sources (a checkout that
 * skipped `npm run build`, or pulled UI changes since: an old bundle would be tested instead).
 * Test files run in parallel, so one builds (holding a lock file) while the others wait for
 * the lock to go.
 */
export async function ensureAdminBuilt(): Promise<void> {
  const index = join(DEFAULT_ADMIN_DIST, 'index.html');
  if (existsSync(index) && statSync(index).mtimeMs >= newestSource()) return;
  const lock = join(tmpdir(), 'stockroute-admin-build.lock');
  let fd: number | undefined;
  try {
    fd = openSync(lock, 'wx');
  } catch {
    fd = undefined;
  }
  if (fd !== undefined) {
    try {
      execFileSync('npx', ['vite', 'build', '--config', 'admin/vite.config.ts'], { stdio: 'inherit' });
    } finally {
      closeSync(fd);
      rmSync(lock, { force: true });
    }
    return;
  }
  for (let waited = 0; existsSync(lock) || !existsSync(index); waited += 500) {
    if (waited > 180_000) throw new Error(`admin/dist was not built within 3 minutes (stale lock file ${lock}?)`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** The newest modification time among the admin's sources and build configuration. */
function newestSource(): number {
  const root = join(DEFAULT_ADMIN_DIST, '..');
  const walk = (dir: string): number => readdirSync(dir, { withFileTypes: true }).reduce((newest, entry) => {
    const path = join(dir, entry.name);
    return Math.max(newest, entry.isDirectory() ? walk(path) : statSync(path).mtimeMs);
  }, 0);
  const files = ['index.html', 'vite.config.ts'].map((f) => join(root, f)).filter((f) => existsSync(f));
  return Math.max(walk(join(root, 'src')), ...files.map((f) => statSync(f).mtimeMs));
}

/** Great-circle distances, except that walking has no route data (like a routing engine without that profile). */
export function noWalkingRoutes(): DistanceProvider {
  const inner = greatCircleProvider();
  return {
    name: 'test_router',
    measure: (destination, locations, mode) =>
      mode === 'walking'
        ? Promise.resolve({ kind: 'unavailable', provider: 'test_router', reason: 'no walking routes between these places' })
        : inner.measure(destination, locations, mode),
  };
}

export async function startServer(): Promise<RunningServer> {
  await ensureAdminBuilt();
  const db = await openTestDb('pglite');
  const clientId = 'admin-e2e';
  const clientSecret = 'admin-e2e-secret-0123456789';
  await createApplication(db, { name: 'Admin', kind: 'integration', role: 'admin', clientId, clientSecret }, new Date());
  const app: FastifyInstance = await buildApp({ db, config: testConfig(), distance: noWalkingRoutes() });
  if (!app.hasPlugin('stockroute-admin-static')) await app.register(adminStatic);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('server did not listen on a TCP port');
  const baseUrl = `http://127.0.0.1:${address.port}`;
  const api = await ApiClient.login(baseUrl, clientId, clientSecret);
  return {
    baseUrl,
    clientId,
    clientSecret,
    api,
    async close() {
      await app.close();
      await db.close();
    },
  };
}
