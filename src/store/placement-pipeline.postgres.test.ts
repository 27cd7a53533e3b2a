// The pipelined placement on PostgreSQL (placement-pipeline.ts): the same transaction in two
// messages (after a one-off PREPARE per statement and connection). A refused or failed placement rolls back and leaves its connection fit for the
// next one (one connection in the pool, so the next placement must reuse it), and a lost
// race is retried as inTransaction retries it.
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DomainFailure } from '../domain/errors.js';
import { checkInvariants } from '../flows/check.js';
import { placeOrder } from '../flows/orders/place.js';
import { aWorld, level } from '../flows/test-support/order-world.js';
import { openTestDb, type TestDb } from './test-support/engines.js';

// Every connection binds its query method when it opens, so the recorder goes in first.
type Query = (this: unknown, ...args: unknown[]) => unknown;
const original = pg.Client.prototype.query as unknown as Query;
let sent: string[] = [];
let failNextWrite = false;
/** SQL run on the placement's own connection, inside its transaction, just before the next write. */
let beforeNextWrite: string | null = null;
(pg.Client.prototype as unknown as { query: Query }).query = function (this: unknown, ...args: unknown[]) {
  const text = typeof args[0] === 'string' ? args[0] : String((args[0] as { text?: unknown }).text);
  if (failNextWrite && text.startsWith('EXECUTE pipelined_placement_write')) {
    failNextWrite = false;
    return Promise.reject(Object.assign(new Error('could not serialize access due to concurrent update'), { code: '40001' }));
  }
  if (beforeNextWrite !== null && text.startsWith('EXECUTE pipelined_placement_write')) {
    const sabotage = beforeNextWrite;
    beforeNextWrite = null;
    return (original.apply(this, [sabotage]) as Promise<unknown>).then(() => { sent.push(text); return original.apply(this, args); });
  }
  sent.push(text);
  return original.apply(this, args);
};

describe('a placement on PostgreSQL', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb('postgres', { poolSize: 1 });
  });
  afterEach(() => { sent = []; });
  afterAll(async () => { await db.close(); });

  it('survives a first placement that fails after preparing: the next one on the connection places', async () => {
    // A prepared statement outlives a failed transaction: the pipeline must still know it.
    const w = await aWorld(db, { stock: { L: { 'eu-1': 5 } } });
    const order = await w.order({ L: 1 });
    const holder = new pg.Client({ connectionString: (db.pgPool as unknown as { options: { connectionString: string } }).options.connectionString });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT id FROM orders WHERE id = $1 FOR UPDATE', [order.id]);
      await sql`SET lock_timeout = '200ms'`.execute(db.kysely);
      const blocked = await placeOrder(w.ctx, order.id).catch((e: unknown) => e);
      expect((blocked as { code?: string }).code).toBe('55P03');
      expect(sent.some((t) => t.startsWith('PREPARE pipelined_placement_snapshot'))).toBe(true);
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
      await sql`SET lock_timeout = 0`.execute(db.kysely);
    }
    expect((await placeOrder(w.ctx, order.id)).order.status).toBe('placed');
  });

  it('is two messages: BEGIN with the order lock and the snapshot, the write with COMMIT', async () => {
    const w = await aWorld(db, { stock: { A: { 'eu-1': 5 } } });
    const [first, second] = [await w.order({ A: 2 }), await w.order({ A: 1 })];
    await placeOrder(w.ctx, first.id);
    sent = [];
    await placeOrder(w.ctx, second.id);
    expect(sent).toHaveLength(2);
    expect(sent[0]).toMatch(/^BEGIN;\nSET LOCAL plan_cache_mode = force_generic_plan;\nSELECT id FROM orders WHERE id = ANY\('\{"ord_\w+"\}'::text\[\]\) ORDER BY id FOR UPDATE;\nEXECUTE pipelined_placement_snapshot\('/);
    expect(sent[1]).toMatch(/^EXECUTE pipelined_placement_write_plain\(.*;\nCOMMIT$/s);
    expect(await level(db.kysely, w.sku.A!, w.location['eu-1']!)).toEqual({ onHand: 5, reserved: 3 });
  });

  it('writes with the generic plan, made once on the connection, however many placements follow', async () => {
    // Left to choose, PostgreSQL plans a prepared statement afresh for its first five runs, and
    // for the write went on doing so for about half of them: planning its CTEs cost each batch.
    const w = await aWorld(db, { stock: { G: { 'eu-1': 100 } } });
    for (let i = 0; i < 7; i++) expect((await placeOrder(w.ctx, (await w.order({ G: 1 })).id)).order.status).toBe('placed');
    const { rows } = await sql<{ name: string; generic_plans: string; custom_plans: string }>`
      SELECT name, generic_plans, custom_plans FROM pg_prepared_statements WHERE name LIKE 'pipelined_placement_%' ORDER BY name`.execute(db.kysely);
    expect(rows.map((r) => r.name)).toEqual(['pipelined_placement_snapshot', 'pipelined_placement_write_plain']);
    for (const r of rows) {
      expect(Number(r.custom_plans), r.name).toBe(0);
      expect(Number(r.generic_plans), r.name).toBeGreaterThanOrEqual(7);
    }
    expect(await level(db.kysely, w.sku.G!, w.location['eu-1']!)).toEqual({ onHand: 100, reserved: 7 });
  });

  it('leaves transfers, backorders and events out of the write when no order has any, and writes them when one has', async () => {
    const w = await aWorld(db, { skus: { P: { allow_backorders: true } }, stock: { O: { 'eu-1': 5 }, P: { 'eu-1': 1 } } });
    const plain = await w.order({ O: 2 });
    expect((await placeOrder(w.ctx, plain.id)).order.status).toBe('placed');
    expect(sent.filter((t) => t.startsWith('EXECUTE pipelined_placement_write'))).toEqual([expect.stringMatching(/^EXECUTE pipelined_placement_write_plain\(/)]);
    sent = [];
    const backordered = await w.order({ P: 3 });
    expect((await placeOrder(w.ctx, backordered.id)).order.status).toBe('placed');
    expect(sent.filter((t) => t.startsWith('EXECUTE pipelined_placement_write'))).toEqual([expect.stringMatching(/^EXECUTE pipelined_placement_write\(/)]);
    const lines = await db.kysely.selectFrom('line_items').select(['order_id', 'backordered_quantity']).where('order_id', 'in', [plain.id, backordered.id]).execute();
    expect(Object.fromEntries(lines.map((l) => [l.order_id, Number(l.backordered_quantity)]))).toEqual({ [plain.id]: 0, [backordered.id]: 2 });
    expect(await level(db.kysely, w.sku.O!, w.location['eu-1']!)).toEqual({ onHand: 5, reserved: 2 });
    expect(await level(db.kysely, w.sku.P!, w.location['eu-1']!)).toEqual({ onHand: 1, reserved: 1 });
  });

  it('rolls a refused placement back and places the next one on the same connection', async () => {
    const w = await aWorld(db, { stock: { B: { 'eu-1': 1 } } });
    const tooMany = await w.order({ B: 3 });
    const refused = await placeOrder(w.ctx, tooMany.id).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DomainFailure);
    expect((refused as DomainFailure).error.code).toBe('INSUFFICIENT_STOCK');
    expect(sent.at(-1)).toBe('ROLLBACK');
    const fits = await w.order({ B: 1 });
    const placed = await placeOrder(w.ctx, fits.id);
    expect(placed.order.status).toBe('placed');
    const statuses = await db.kysely.selectFrom('orders').select(['id', 'status']).where('id', 'in', [tooMany.id, fits.id]).orderBy('number').execute();
    expect(Object.fromEntries(statuses.map((o) => [o.id, o.status]))).toEqual({ [tooMany.id]: 'draft', [fits.id]: 'placed' });
    expect(await checkInvariants(db)).toEqual([]);
  });

  it('answers a missing order with not found and leaves no transaction open', async () => {
    const w = await aWorld(db, { stock: { C: { 'eu-1': 1 } } });
    const missing = await placeOrder(w.ctx, 'ord_missing').catch((e: unknown) => e);
    expect((missing as DomainFailure).error.code).toBe('RECORD_NOT_FOUND');
    const order = await w.order({ C: 1 });
    expect((await placeOrder(w.ctx, order.id)).order.status).toBe('placed');
  });

  it('retries a placement whose write found an item moved, and places it', async () => {
    const w = await aWorld(db, { stock: { D: { 'eu-1': 4 } } });
    const order = await w.order({ D: 2 });
    // The first write fails as a serialisation failure would; the retry must place it.
    sent = [];
    failNextWrite = true;
    expect((await placeOrder(w.ctx, order.id)).order.status).toBe('placed');
    expect(failNextWrite).toBe(false);
    expect(sent.filter((t) => t === 'ROLLBACK')).toHaveLength(1);
    expect(sent.filter((t) => t.startsWith('EXECUTE pipelined_placement_write'))).toHaveLength(1);
    expect(await level(db.kysely, w.sku.D!, w.location['eu-1']!)).toEqual({ onHand: 4, reserved: 2 });
    expect(await checkInvariants(db)).toEqual([]);
  });

  it('never commits a write whose stock item refused its reservation, though COMMIT travels with it', async () => {
    // Inside the placement's transaction, just before its write, the item's stock is set to 0:
    // the conditional counter update refuses, the statement fails with 40001, PostgreSQL skips
    // the COMMIT, and the retry places the order on the real stock.
    const w = await aWorld(db, { stock: { E: { 'eu-1': 3 } } });
    const order = await w.order({ E: 2 });
    const item = await db.kysely.selectFrom('stock_items').select('id').where('sku_id', '=', w.sku.E!.id).executeTakeFirstOrThrow();
    sent = [];
    beforeNextWrite = `UPDATE stock_items SET quantity = 0 WHERE id = '${item.id}'`;
    expect((await placeOrder(w.ctx, order.id)).order.status).toBe('placed');
    expect(beforeNextWrite).toBeNull();
    expect(sent.filter((t) => t.startsWith('EXECUTE pipelined_placement_write'))).toHaveLength(2);
    expect(sent.filter((t) => t === 'ROLLBACK')).toHaveLength(1);
    expect(await level(db.kysely, w.sku.E!, w.location['eu-1']!)).toEqual({ onHand: 3, reserved: 2 });
    const reservations = await db.kysely.selectFrom('stock_reservations').select('quantity').where('order_id', '=', order.id).execute();
    expect(reservations.map((r) => Number(r.quantity))).toEqual([2]);
    expect(await checkInvariants(db)).toEqual([]);
  });
});
