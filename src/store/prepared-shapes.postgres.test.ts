// On PostgreSQL a statement run through executePrepared stays prepared, under its shape's
// name, on the connection that ran it: the next run of that shape is neither parsed nor
// planned again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openTestDb, type TestDb } from './test-support/engines.js';
import { executePrepared, preparedText } from './prepared-shapes.js';

describe('prepared shapes on PostgreSQL', () => {
  let db: TestDb;
  beforeAll(async () => { db = await openTestDb('postgres'); });
  afterAll(async () => { await db.close(); });

  it('keeps the shape prepared on the connection that ran it', async () => {
    const query = db.kysely.selectFrom('stock_locations').select('id').where('name', '=', 'B').compile();
    const name = /^-- prepared: (\w+)/.exec(preparedText(query.sql))?.[1];
    const prepared = await db.kysely.connection().execute(async (conn) => {
      const before = (await sql<{ name: string }>`SELECT name FROM pg_prepared_statements`.execute(conn)).rows.map((r) => r.name);
      await executePrepared(conn, query);
      await executePrepared(conn, query);
      const after = (await sql<{ name: string }>`SELECT name FROM pg_prepared_statements`.execute(conn)).rows.map((r) => r.name);
      return { before, after };
    });
    expect(name).toBeDefined();
    expect(prepared.before).not.toContain(name);
    expect(prepared.after).toContain(name);
  });
});
