// Read statements built at run time (list pages) that are asked in the same turn of the
// event loop travel together: on PostgreSQL, one simple-protocol message on one pooled
// connection, "EXECUTE a(…); EXECUTE b(…)", instead of one round trip each. Profiled, a
// round trip's socket write costs the server more CPU than building the statement, and many
// clients listing at once ask in the same turn. Each shape is prepared once per connection
// (named after its text, prepared-shapes.ts; prepared and sent as sql-messages.ts does for
// the pipelined placement too). Nothing is cached: every statement is sent after it was asked,
// and runs with a snapshot of its own (read committed). Should the message fail (one
// statement's error ends it), each statement runs again on its own, so each caller gets its
// own answer or error. PGlite, statements inside a transaction and shapes beyond the cap
// take the ordinary path (executePrepared).
import type { CompiledQuery } from 'kysely';
import type pg from 'pg';
import type { Db } from './db.js';
import { executePrepared, shapeName } from './prepared-shapes.js';
import { SameTurn } from './same-turn.js';
import { executeText, forgetIfStale, preparedOn } from './sql-messages.js';

interface Asked {
  readonly name: string;
  readonly query: CompiledQuery;
  resolve(rows: unknown[]): void;
  reject(error: unknown): void;
}

const turns = new WeakMap<Db, SameTurn<pg.Pool, Asked>>();

/** The rows of a read-only statement, sent with the others asked in the same turn. */
export function selectCoalesced<R>(db: Db, query: CompiledQuery<R>): Promise<R[]> {
  const pool = db.pgPool;
  const name = shapeName(query.sql);
  if (db.engine !== 'postgres' || pool === undefined || db.kysely.isTransaction || name === undefined) return executePrepared(db.kysely, query);
  let turn = turns.get(db);
  if (!turn) turns.set(db, (turn = new SameTurn((p, batch) => void send(db, p, batch))));
  const asking = turn;
  return new Promise<R[]>((resolve, reject) => {
    asking.add(pool, { name: `coalesced_${name}`, query, resolve: resolve as (rows: unknown[]) => void, reject });
  });
}

async function send(db: Db, pool: pg.Pool, batch: Asked[]): Promise<void> {
  if (batch.length === 1) return alone(db, batch);
  let results: pg.QueryResult[] | undefined;
  let client: pg.PoolClient | undefined;
  try {
    client = await pool.connect();
    for (const { name, query } of batch) await preparedOn(client, name, query);
    const text = batch.map(({ name, query }) => executeText(name, query)).join(';\n');
    results = (await client.query(text)) as unknown as pg.QueryResult[];
  } catch (error) {
    if (client) forgetIfStale(client, batch.map((a) => a.name), error);
    results = undefined;
  } finally {
    client?.release();
  }
  // The connection is back in the pool before any statement runs again on its own.
  if (results === undefined) return alone(db, batch);
  const answered = results;
  batch.forEach((a, i) => a.resolve(answered[i]?.rows ?? []));
}

/** Each statement on its own (the ordinary path). */
async function alone(db: Db, batch: Asked[]): Promise<void> {
  await Promise.all(batch.map(async (a) => {
    try {
      a.resolve(await executePrepared(db.kysely, a.query));
    } catch (error) {
      a.reject(error);
    }
  }));
}
