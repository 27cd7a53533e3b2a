// The one place that knows PGlite from PostgreSQL. Both speak the same SQL through Kysely's
// PostgreSQL compiler; only the driver differs. numeric and int8 come back as JS numbers
// (quantities are numeric(18,4), so they convert exactly; see domain/quantity.ts).
import { mkdirSync } from 'node:fs';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PGliteDialect } from './pglite-dialect.js';
import type { Database } from './schema.js';
import { deallocateIfStale, executeText, forgetIfStale, GENERIC_PLANS, isStalePlan, markStale, preparedOn } from './sql-messages.js';

export type Engine = 'pglite' | 'postgres';

export interface DbConfig {
  /** postgres://… → PostgreSQL; otherwise embedded PGlite. */
  readonly databaseUrl?: string | undefined;
  /** PGlite data folder, or ':memory:'. Default ./.stockroute/data */
  readonly dataDir?: string | undefined;
  /** PostgreSQL pool size (default 20). */
  readonly poolSize?: number | undefined;
}

export interface Db {
  readonly kysely: Kysely<Database>;
  readonly engine: Engine;
  /** PostgreSQL only: the pool itself, for the placement's pipelined messages (placement-pipeline.ts). */
  readonly pgPool?: pg.Pool;
  close(): Promise<void>;
}

const NUMERIC_OID = 1700;
const INT8_OID = 20;
const toNumber = (v: string): number => Number(v);

export function defaultDataDir(): string {
  return process.env.STOCKROUTE_DATA_DIR ?? './.stockroute/data';
}

export async function openDb(config: DbConfig = {}): Promise<Db> {
  if (config.databaseUrl) return openPostgres(config.databaseUrl, config.poolSize ?? 20);
  return openPglite(config.dataDir ?? defaultDataDir());
}

async function openPostgres(url: string, max: number): Promise<Db> {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === NUMERIC_OID || oid === INT8_OID ? toNumber : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle connection dropped by the server (restart, admin termination) must not crash the
  // process: the pool discards it and the next query opens a new one.
  pool.on('error', () => undefined);
  pool.on('connect', prepareMarkedStatements);
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { kysely, engine: 'postgres', pgPool: pool, close: () => kysely.destroy() };
}

/**
 * The hot paths' statements open with `-- prepared: NAME` and keep one text whatever the
 * input (arrays, not value lists): on PostgreSQL each connection parses them once, as named
 * prepared statements, instead of on every call. Everything else runs unnamed.
 * `-- prepared generic: NAME` also plans it once: outside a transaction it runs as
 * "SET LOCAL plan_cache_mode = force_generic_plan; EXECUTE NAME(…)" in one message (the
 * setting lasts for that message only; sql-messages.ts). PostgreSQL otherwise planned the
 * SKU read afresh on every call (bench/http-api: ~2,100 SKU reads/s then, ~3,500 now). Not
 * for statements whose best plan depends on their values (a list page's LIMIT, a LIKE
 * pattern): those keep choosing. Inside a transaction the setting would outlast the
 * statement, so there it runs as the others.
 */
export const PREPARED_MARK = /^-- prepared( generic)?: ([a-z][a-z0-9_]*)\n/;
// A statement whose table changed columns under it (a rolling upgrade's migration) is prepared
// again on its connection: at once outside a transaction, else when it next runs there.

function prepareMarkedStatements(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
  const idle = () => (client as unknown as { getTransactionStatus(): string | null }).getTransactionStatus() === 'I';
  const named = async (name: string, text: string, values: unknown[], again = true): Promise<unknown> => {
    await deallocateIfStale(client, name);
    try {
      return await query({ name, text, values });
    } catch (error) {
      // A table it reads changed columns (a newer node migrated): prepare it again. node-postgres
      // remembers the names it parsed on this connection; this one must be parsed anew.
      if (!isStalePlan(error)) throw error;
      delete (client as unknown as { connection: { parsedStatements: Record<string, string> } }).connection.parsedStatements[name];
      markStale(client, name);
      // In a transaction nothing more runs until it ends; it runs again (transaction.ts).
      if (!again || !idle()) throw error;
      return named(name, text, values, false);
    }
  };
  const generic = async (name: string, text: string, values: unknown[], again = true): Promise<unknown> => {
    const statement = { sql: text, parameters: values };
    await preparedOn(client, name, statement);
    try {
      const results = (await query(`${GENERIC_PLANS}\n${executeText(name, statement)}`)) as pg.QueryResult[];
      return results[results.length - 1];
    } catch (error) {
      forgetIfStale(client, [name], error);
      if (!again || !isStalePlan(error)) throw error;
      return generic(name, text, values, false);
    }
  };
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (text: unknown, values?: unknown, callback?: unknown) => {
    const mark = typeof text === 'string' && Array.isArray(values) && callback === undefined ? PREPARED_MARK.exec(text) : null;
    if (!mark) return query(text, values, callback);
    const [, plan, name] = mark as unknown as [string, string | undefined, string];
    // SQL-level PREPARE under a name of its own: protocol-level names are node-postgres's to track.
    return plan && idle() ? generic(`generic_${name}`, text as string, values as unknown[]) : named(name, text as string, values as unknown[]);
  };
}

async function openPglite(dataDir: string): Promise<Db> {
  const memory = dataDir === ':memory:' || dataDir.startsWith('memory://');
  if (!memory) mkdirSync(dataDir, { recursive: true });
  // Loaded on demand: the PGlite bundle costs ~70 MB of RSS that a PostgreSQL server never needs.
  const { PGlite } = await import('@electric-sql/pglite');
  const pglite = new PGlite(memory ? undefined : dataDir);
  await pglite.waitReady;
  // PGlite keeps its built-in parsers on the instance; the constructor option does not replace them.
  pglite.parsers[NUMERIC_OID] = toNumber;
  pglite.parsers[INT8_OID] = toNumber;
  const kysely = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  return { kysely, engine: 'pglite', close: () => kysely.destroy() };
}
