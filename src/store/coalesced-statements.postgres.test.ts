// Statements asked in the same turn go to PostgreSQL in one message, each shape prepared once
// per connection (one connection here, so what it holds can be read back): every caller gets its own rows (typed as on the ordinary path), and one
// statement's error is its caller's alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openTestDb, type TestDb } from './test-support/engines.js';
import { selectCoalesced } from './coalesced-statements.js';
import { executePrepared, shapeName } from './prepared-shapes.js';

describe('coalesced statements on PostgreSQL', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb('postgres', { poolSize: 1 });
    await db.kysely.insertInto('stock_locations').values([{ id: 'sl_1', code: 'A', name: 'A' }, { id: 'sl_2', code: 'B', name: 'B' }, { id: 'sl_3', code: 'C', name: 'C' }]).execute();
  });
  afterAll(async () => { await db.close(); });

  const byCode = (code: string) => db.kysely.selectFrom('stock_locations').selectAll().where('code', '=', code).compile();
  const after = (date: Date) => db.kysely.selectFrom('stock_locations').select(['code']).where('created_at', '>', date).orderBy('code').limit(2).compile();

  it('answers each statement of a turn with its own rows, as the ordinary path would', async () => {
    const alone = await Promise.all(['A', 'B', 'nope'].map((c) => executePrepared(db.kysely, byCode(c))));
    const together = await Promise.all([...['A', 'B', 'nope'].map((c) => selectCoalesced(db, byCode(c))), selectCoalesced(db, after(new Date(0)))]);
    expect(together.slice(0, 3)).toEqual(alone);
    expect((together[0]?.[0] as { created_at?: unknown } | undefined)?.created_at).toBeInstanceOf(Date);
    expect(together[3]).toEqual([{ code: 'A' }, { code: 'B' }]);
  });

  it('prepares a shape on the connection with SQL PREPARE, under its coalesced name', async () => {
    await Promise.all(['A', 'B', 'C'].map((c) => selectCoalesced(db, byCode(c))));
    await Promise.all(['C', 'A'].map((c) => selectCoalesced(db, byCode(c))));
    // one connection: the statistics and the statements above share it
    const names = (await sql<{ name: string; from_sql: boolean }>`SELECT name, from_sql FROM pg_prepared_statements`.execute(db.kysely)).rows;
    expect(names).toContainEqual({ name: `coalesced_${shapeName(byCode('A').sql)}`, from_sql: true });
  });

  it('gives a failing statement\'s error to its caller only', async () => {
    const broken = { ...byCode('A'), sql: 'SELECT * FROM no_such_table WHERE code = $1' };
    const answers = await Promise.allSettled([selectCoalesced(db, byCode('B')), selectCoalesced(db, broken), selectCoalesced(db, byCode('C'))]);
    expect(answers.map((a) => a.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(answers[0]?.status === 'fulfilled' && answers[0].value.map((r) => r.code)).toEqual(['B']);
    expect(answers[1]?.status === 'rejected' && String(answers[1].reason)).toMatch(/no_such_table/);
  });
});
