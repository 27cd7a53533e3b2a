// Starts the service: config from the environment → database (PGlite data folder by default,
// PostgreSQL with DATABASE_URL) → migrations and first-start admin (under the startup lock, so
// nodes starting together on one database do them once) → demo data on an empty
// embedded database → HTTP app → listen. Shared
// by `npm start` (main.ts) and `stockroute serve`. SIGTERM/SIGINT close the app, then the db.
import { distanceConfigFromEnv, distanceProviderFromConfig } from './distance/index.js';
import type { FastifyInstance } from 'fastify';
import { startBackgroundJobs } from './background.js';
import { maybeLoadDemo } from './demo/auto-load.js';
import { buildApp } from './http/app.js';
import { bootstrapAdmin } from './http/auth/applications.js';
import { configFromEnv } from './http/config.js';
import { defaultDataDir, openDb, type Db } from './store/db.js';
import { migrateToLatest } from './store/migrate.js';
import { withStartupLock } from './store/startup-lock.js';

export interface ServerOptions {
  readonly port?: number;
  readonly host?: string;
  readonly databaseUrl?: string | undefined;
  readonly dataDir?: string | undefined;
  /** Load the demo dataset into an empty embedded database (default true; never on PostgreSQL;
   *  STOCKROUTE_DEMO=off also disables it). */
  readonly demo?: boolean;
  readonly env?: NodeJS.ProcessEnv;
  /** Where the banner goes (stdout by default). */
  readonly print?: (line: string) => void;
  /** Install SIGTERM/SIGINT handlers (default true). */
  readonly handleSignals?: boolean;
}

export interface RunningServer {
  readonly app: FastifyInstance;
  readonly db: Db;
  readonly url: string;
  close(): Promise<void>;
}

/** STOCKROUTE_SWEEP_SECONDS: how often expired cart reservations are released (default 30). */
function sweepSeconds(env: NodeJS.ProcessEnv): number {
  const value = env.STOCKROUTE_SWEEP_SECONDS;
  if (value === undefined || value === '') return 30;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`STOCKROUTE_SWEEP_SECONDS must be a positive number of seconds, got ${value}`);
  return n;
}

/** The database flag the CLI needs to reach the same database as this server. */
function cliDbHint(engine: Db['engine'], dataDir: string | undefined): string {
  if (engine === 'postgres') return ' --database-url <DATABASE_URL>';
  return dataDir ? ` --data-dir ${dataDir}` : '';
}

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const env = options.env ?? process.env;
  const print = options.print ?? ((line: string) => process.stdout.write(`${line}\n`));
  const config = configFromEnv(env);
  // The distance provider of distance ranking, source selections and placements alike
  // (STOCKROUTE_DISTANCE_PROVIDER, STOCKROUTE_OSRM_URL): a bad setting stops the start here.
  const distance = distanceProviderFromConfig(distanceConfigFromEnv({}, env));
  const databaseUrl = options.databaseUrl ?? env.DATABASE_URL;
  const db = await openDb({ databaseUrl, dataDir: options.dataDir ?? defaultDataDir() });
  try {
    const admin = await withStartupLock(db, async (locked) => {
      await migrateToLatest(locked.kysely);
      return bootstrapAdmin(locked, { clientId: config.adminClientId, clientSecret: config.adminClientSecret }, new Date());
    });
    const demo = (options.demo ?? true) && db.engine === 'pglite' && env.STOCKROUTE_DEMO !== 'off';
    await maybeLoadDemo(db, { enabled: demo, log: print });
    const app = await buildApp({ db, config, distance });
    const port = options.port ?? Number(env.PORT ?? 3000);
    const host = options.host ?? env.HOST ?? '0.0.0.0';
    await app.listen({ port, host });
    const address = app.server.address();
    const actualPort = typeof address === 'object' && address ? address.port : port;
    const url = `http://${host === '0.0.0.0' || host === '::' ? 'localhost' : host}:${actualPort}`;
    if (admin.kind === 'created') {
      print('Created the admin integration (shown once; keep the secret safe):');
      print(`  client_id:     ${admin.credentials.clientId}`);
      print(`  client_secret: ${admin.credentials.clientSecret}`);
    } else if (admin.kind === 'exists') {
      const where = cliDbHint(db.engine, options.dataDir);
      print(`An admin exists. Lost its credentials? Run \`npx stockroute applications create --name NAME --role admin${where}\` (or \`applications rotate-secret CLIENT_ID${where}\`)`);
    }
    print(`Stockroute is listening (${db.engine === 'postgres' ? 'PostgreSQL' : 'embedded PGlite'})`);
    print(`  API:      ${url}/api`);
    print(`  OpenAPI:  ${url}/openapi.json`);
    print(`  Docs:     ${url}/docs`);
    print(`  Admin UI: ${url}/admin`);
    const background = startBackgroundJobs(db, {
      sweepIntervalMs: sweepSeconds(env) * 1000,
      onError: (job, error) => app.log.error({ job, err: error }, 'background job failed'),
    });
    let closing: Promise<void> | undefined;
    const close = () => (closing ??= (async () => {
      await background.stop();
      await app.close();
      await db.close();
    })());
    if (options.handleSignals ?? true) {
      for (const signal of ['SIGTERM', 'SIGINT'] as const) {
        process.once(signal, () => {
          app.log.info({ signal }, 'shutting down');
          close().then(() => process.exit(0), () => process.exit(1));
        });
      }
    }
    return { app, db, url, close };
  } catch (error) {
    await db.close();
    throw error;
  }
}
