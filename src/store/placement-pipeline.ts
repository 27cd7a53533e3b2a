// A placement on PostgreSQL in two round trips instead of four. The transaction is the same
// (BEGIN, the locking snapshot, the plan in Node, the write, COMMIT) and so are its locks;
// only the messages travel together: "BEGIN; lock the orders; EXECUTE snapshot(…)" in one
// simple-protocol message (each statement of it reads as of its own start, so the snapshot
// sees what an order lock's previous holder committed), then "EXECUTE write(…); COMMIT".
// Each statement is prepared once per connection (sql-messages.ts; same text as
// placement-snapshot.ts / placement-write.ts, so same plans), its parameters sent as literals.
// Why: profiled, half of a placement's Node CPU was socket writes, one per round trip.
// Used only on PostgreSQL outside any open transaction; PGlite and flows that join a
// transaction use the Kysely path. Serialisation failures and deadlocks are retried as
// inTransaction retries them.
import { Kysely, PostgresDialect, type RawBuilder } from 'kysely';
import type pg from 'pg';
import { PREPARED_MARK, type Db } from './db.js';
import { lockOrdersQuery, placementSnapshotQuery, placementSnapshotsOf, type PlacementSnapshots, type SnapshotRow } from './placement-snapshot.js';
import { placementsWrittenOf, placementWriteQuery, type PlacementWrite, type PlacementWritten, type WrittenRow } from './placement-write.js';
import type { Database } from './schema.js';
import { executeText, forgetIfStale, GENERIC_PLANS, inlinedText, preparedOn } from './sql-messages.js';
import { withRetries, type Trx } from './transaction.js';

export interface PlacementSteps {
  /** BEGIN and the locking snapshot of one or several orders, in one round trip. */
  snapshot(orderIds: readonly string[], now: Date): Promise<PlacementSnapshots>;
  /** The write of their placements, by order id; with `commit` the COMMIT travels with it. */
  write(ws: readonly PlacementWrite[], commit: boolean): Promise<Map<string, PlacementWritten>>;
  /** The open transaction through Kysely, for the rare extra reads (the out_of_stock watch). */
  trx(): Trx;
  commit(): Promise<void>;
  /** Ends the transaction with nothing written (every order refused). */
  rollback(): Promise<void>;
}

/** Runs `work` in one transaction on a pooled connection, or returns null where this path does not apply. */
export async function inPipelinedPlacement<T>(db: Db, work: (steps: PlacementSteps) => Promise<T>): Promise<T | null> {
  const pool = db.pgPool;
  if (db.engine !== 'postgres' || pool === undefined || db.kysely.isTransaction) return null;
  return withRetries(async () => {
    const client = await pool.connect();
    let open = false;
    let done = false;
    const run = async <R>(before: string, query: RawBuilder<R>, after: string): Promise<R[]> => {
      const compiled = query.compile(db.kysely);
      const name = `pipelined_${PREPARED_MARK.exec(compiled.sql)?.[2] ?? 'statement'}`;
      await preparedOn(client, name, compiled);
      const execute = executeText(name, compiled);
      const results = (await client.query([before, execute, after].filter(Boolean).join(';\n')).catch((error: unknown) => {
        forgetIfStale(client, [name], error);
        throw error;
      })) as unknown as pg.QueryResult[];
      const mine = results.filter((r) => r.command === 'SELECT');
      return (mine[mine.length - 1]?.rows ?? []) as R[];
    };
    let kysely: Kysely<Database> | undefined;
    const steps: PlacementSteps = {
      async snapshot(orderIds, now) {
        open = true;
        // Generic plans for the whole transaction: planning the write's CTEs afresh, as PostgreSQL
        // did for half of all batches, was ~9 % of the database's CPU per placement (perf).
        const before = `BEGIN;\n${GENERIC_PLANS}\n${inlinedText(lockOrdersQuery(orderIds).compile(db.kysely))}`;
        return placementSnapshotsOf((await run<SnapshotRow>(before, placementSnapshotQuery(orderIds, now), ''))[0]);
      },
      async write(ws, commit) {
        const rows = await run<WrittenRow>('', placementWriteQuery(ws), commit ? 'COMMIT' : '');
        if (commit) done = true;
        return placementsWrittenOf(rows, ws);
      },
      trx() {
        kysely ??= new Kysely<Database>({ dialect: new PostgresDialect({ pool: { connect: async () => ({ query: client.query.bind(client), release: () => undefined }), end: async () => undefined } as never }) });
        return kysely as unknown as Trx;
      },
      async commit() {
        await client.query('COMMIT');
        done = true;
      },
      async rollback() {
        await client.query('ROLLBACK');
        done = true;
      },
    };
    try {
      const result = await work(steps);
      if (open && !done) await steps.commit();
      client.release();
      return result;
    } catch (error) {
      // A failed statement leaves the transaction aborted (or, after a failed COMMIT, closed):
      // ROLLBACK is always safe here; if even that fails, the connection is dropped.
      const broken = open ? await client.query('ROLLBACK').then(() => undefined, (e: unknown) => e as Error) : undefined;
      client.release(broken);
      throw error;
    }
  });
}
