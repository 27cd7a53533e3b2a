// A rolling upgrade: a newer node migrates (a table gains or loses a column) while this one
// serves. Its connections hold prepared statements reading that table, and PostgreSQL refuses
// to run them again ("cached plan must not change result type"). Each is prepared again on
// the connection that held it, and the read or placement answers instead of failing.
// One connection in the pool, so every step reuses the connection that prepared the statement.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { placeOrder } from '../flows/orders/place.js';
import { aWorld } from '../flows/test-support/order-world.js';
import { selectCoalesced } from './coalesced-statements.js';
import { executePrepared, shapeName } from './prepared-shapes.js';
import { openTestDb, type TestDb } from './test-support/engines.js';
import { inTransaction } from './transaction.js';

describe('prepared statements when a migration changes a table under them', () => {
  let db: TestDb;
  beforeAll(async () => { db = await openTestDb('postgres', { poolSize: 1 }); });
  afterAll(async () => { await db.close(); });

  const locations = () => db.kysely.selectFrom('stock_locations').selectAll().where('code', '=', 'wh-stale').compile();

  it('answers a prepared read again after its table gained a column, with the column', async () => {
    await db.kysely.insertInto('stock_locations').values({ id: 'sl_stale', code: 'wh-stale', name: 'Stale', metadata: '{}' }).execute();
    expect((await executePrepared(db.kysely, locations())).map((r) => r.id)).toEqual(['sl_stale']);
    await sql`ALTER TABLE stock_locations ADD COLUMN dock text`.execute(db.kysely);
    const rows = await executePrepared(db.kysely, locations());
    expect(rows.map((r) => r.id)).toEqual(['sl_stale']);
    expect(rows[0]).toHaveProperty('dock', null);
  });

  it('runs a transaction again when a prepared read in it met a changed table', async () => {
    expect((await executePrepared(db.kysely, locations())).map((r) => r.id)).toEqual(['sl_stale']);
    await sql`ALTER TABLE stock_locations DROP COLUMN dock`.execute(db.kysely);
    const rows = await inTransaction(db, (trx) => executePrepared(trx, locations()));
    expect(rows.map((r) => r.id)).toEqual(['sl_stale']);
    expect(rows[0]).not.toHaveProperty('dock');
  });

  it('places an order after the orders table gained a column since the last placement', async () => {
    const w = await aWorld(db, { stock: { S: { 'eu-1': 5 } } });
    const [first, second] = [await w.order({ S: 1 }), await w.order({ S: 2 })];
    expect((await placeOrder(w.ctx, first.id)).order.status).toBe('placed');
    await sql`ALTER TABLE orders ADD COLUMN channel_note text`.execute(db.kysely);
    const placed = await placeOrder(w.ctx, second.id);
    expect(placed.order.status).toBe('placed');
    const reserved = await db.kysely.selectFrom('stock_items').select('reserved_quantity').where('sku_id', '=', w.sku.S!.id).executeTakeFirstOrThrow();
    expect(Number(reserved.reserved_quantity)).toBe(3);
  });

  it('answers coalesced reads after a column change, and prepares their statement again', async () => {
    const name = `coalesced_${shapeName(locations().sql)}`;
    const preparedAt = async () => (await sql<{ t: Date }>`SELECT prepare_time AS t FROM pg_prepared_statements WHERE name = ${name}`.execute(db.kysely)).rows[0]?.t;
    const together = () => Promise.all([selectCoalesced(db, locations()), selectCoalesced(db, locations())]);
    await together();
    const before = await preparedAt();
    expect(before).toBeInstanceOf(Date);
    await sql`ALTER TABLE stock_locations ADD COLUMN bay text`.execute(db.kysely);
    for (const rows of [...(await together()), ...(await together())]) expect(rows).toEqual([expect.objectContaining({ id: 'sl_stale', bay: null })]);
    expect((await preparedAt())!.getTime()).toBeGreaterThan(before!.getTime());
  });
});
