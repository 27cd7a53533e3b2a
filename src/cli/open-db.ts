// Which database a command opens, decided once for every command: an explicit
// --database-url, else an explicit --data-dir (embedded PGlite), else $DATABASE_URL, else the
// default data folder (./.stockroute/data or $STOCKROUTE_DATA_DIR). An explicit flag always
// beats the environment, so `--data-dir` never writes to a server named in $DATABASE_URL.
import { defaultDataDir, openDb, type Db, type DbConfig } from '../store/db.js';

export interface DbOptions {
  readonly dataDir?: string | undefined;
  readonly databaseUrl?: string | undefined;
}

export function resolveDbConfig(options: DbOptions, env: NodeJS.ProcessEnv = process.env): DbConfig {
  if (options.databaseUrl) return { databaseUrl: options.databaseUrl };
  if (options.dataDir) return { dataDir: options.dataDir };
  if (env.DATABASE_URL) return { databaseUrl: env.DATABASE_URL };
  return { dataDir: defaultDataDir() };
}

/** Opens (does not migrate) the database the options point at. */
export async function openDbFromOptions(options: DbOptions): Promise<Db> {
  return openDb(resolveDbConfig(options));
}

/** Where the database is, for messages (a URL without its password). */
export function describeDb(options: DbOptions): string {
  const config = resolveDbConfig(options);
  if (!config.databaseUrl) return `embedded database in ${config.dataDir}`;
  const url = new URL(config.databaseUrl);
  url.password = '';
  return `PostgreSQL ${url.toString()}`;
}
