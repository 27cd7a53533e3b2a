// A statement built at run time runs as a prepared statement named after its text: the same
// shape gets the same name, whatever the values, and keeps its rows (PostgreSQL keeping it
// on the connection: prepared-shapes.postgres.test.ts). A table's columns come in table order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enginesUnderTest, openTestDb, type TestDb } from './test-support/engines.js';
import { executePrepared, preparedText } from './prepared-shapes.js';
import { tableColumns } from './table-columns.js';

describe('prepared shapes', () => {
  it('names a statement after its text only', () => {
    const a = preparedText('SELECT * FROM skus WHERE code = $1');
    expect(a).toMatch(/^-- prepared: shape_[0-9a-f]{20}\nSELECT \* FROM skus WHERE code = \$1$/);
    expect(preparedText('SELECT * FROM skus WHERE code = $1')).toBe(a);
    expect(preparedText('SELECT * FROM skus WHERE name = $1').split('\n')[0]).not.toBe(a.split('\n')[0]);
  });
});

describe.each(enginesUnderTest())('prepared shapes on %s', (engine) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb(engine);
    await db.kysely.insertInto('stock_locations').values([{ id: 'sl_1', code: 'A', name: 'A' }, { id: 'sl_2', code: 'B', name: 'B' }]).execute();
  });
  afterAll(async () => { await db.close(); });

  it('returns the rows of a Kysely-built query, values bound each time', async () => {
    const byCode = (code: string) => db.kysely.selectFrom('stock_locations').select(['id', 'code']).where('code', '=', code).compile();
    expect(await executePrepared(db.kysely, byCode('A'))).toEqual([{ id: 'sl_1', code: 'A' }]);
    expect(await executePrepared(db.kysely, byCode('B'))).toEqual([{ id: 'sl_2', code: 'B' }]);
  });

  it('reads a table\'s column names in table order', async () => {
    const columns = await tableColumns(db.kysely, 'stock_locations');
    expect(columns.slice(0, 3)).toEqual(['id', 'created_at', 'updated_at']);
    expect(columns).toContain('code');
    expect(await tableColumns(db.kysely, 'stock_locations')).toBe(columns);
  });
});
