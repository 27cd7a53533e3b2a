// Placements placed together on PostgreSQL (place-queue.ts): orders that wait while another
// batch locks and plans share one transaction. Each must come out exactly as if it had been
// placed alone, one after the other in the order asked: its own answer, its own error, its
// own cart holds, and never more than the stock. To make a batch on purpose, a first
// ("pilot") placement is held at its lock by another connection while the others queue.
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DomainFailure } from '../../domain/errors.js';
import type { Row } from '../../store/schema.js';
import { openTestDb, type TestDb } from '../../store/test-support/engines.js';
import { checkInvariants } from '../check.js';
import { aWorld, level, type World } from '../test-support/order-world.js';
import { reserveLineItemStock } from './drafts.js';
import { placeOrder } from './place.js';

type Query = (this: unknown, ...args: unknown[]) => unknown;
const original = pg.Client.prototype.query as unknown as Query;
let sent: string[] = [];
/** The next write placing more than one order fails with this (once). */
let failNextSharedWrite: Error | null = null;
(pg.Client.prototype as unknown as { query: Query }).query = function (this: unknown, ...args: unknown[]) {
  const text = typeof args[0] === 'string' ? args[0] : String((args[0] as { text?: unknown }).text);
  if (failNextSharedWrite && /^EXECUTE pipelined_placement_write(_plain)?\('\{"ord_/.test(text) && text.split(/\(|\)/)[1]!.includes('","')) {
    const failure = failNextSharedWrite;
    failNextSharedWrite = null;
    return Promise.reject(failure);
  }
  sent.push(text);
  return original.apply(this, args);
};

/** The order ids of each snapshot sent, in order. */
const snapshots = () => sent.filter((t) => t.includes('EXECUTE pipelined_placement_snapshot'))
  .map((t) => [...t.slice(t.indexOf('EXECUTE pipelined_placement_snapshot')).matchAll(/ord_[A-Za-z0-9_]+/g)].map((m) => m[0]));
const code = (r: PromiseSettledResult<unknown>) => (r.status === 'fulfilled' ? 'placed' : r.reason instanceof DomainFailure ? r.reason.error.code : String(r.reason));

describe('placements placed together on PostgreSQL', () => {
  let db: TestDb;
  let url: string;
  beforeAll(async () => {
    db = await openTestDb('postgres', { poolSize: 6 });
    url = (db.pgPool as unknown as { options: { connectionString: string } }).options.connectionString;
  });
  afterEach(() => { sent = []; failNextSharedWrite = null; });
  afterAll(async () => { await db.close(); });

  /** Places `orders` while a pilot placement holds the turn, so they queue and go together. */
  async function together(w: World, orders: readonly Row<'orders'>[]): Promise<PromiseSettledResult<unknown>[]> {
    const pilot = await w.order({ PILOT: 1 });
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query('SELECT id FROM orders WHERE id = $1 FOR UPDATE', [pilot.id]);
    const first = placeOrder(w.ctx, pilot.id);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const rest = Promise.allSettled(orders.map((o) => placeOrder(w.ctx, o.id)));
    await new Promise((resolve) => setTimeout(resolve, 50));
    await holder.query('ROLLBACK');
    await holder.end();
    expect((await first).order.status).toBe('placed');
    return rest;
  }

  it('places waiting orders in one transaction, each as if placed alone, one after the other', async () => {
    const w = await aWorld(db, { stock: { PILOT: { 'eu-1': 1 }, S: { 'eu-1': 5 } } });
    const [ok1, tooMany, ok2] = [await w.order({ S: 3 }), await w.order({ S: 3 }), await w.order({ S: 2 })];
    const results = await together(w, [ok1, tooMany, ok2]);
    expect(snapshots().at(-1)).toEqual([ok1.id, tooMany.id, ok2.id]);
    expect(results.map(code)).toEqual(['placed', 'INSUFFICIENT_STOCK', 'placed']);
    const refusal = (results[1] as PromiseRejectedResult).reason as DomainFailure;
    expect(refusal.error).toMatchObject({ sku: w.sku.S!.code, requested: 30_000, available: 20_000 });
    expect(await level(db.kysely, w.sku.S!, w.location['eu-1']!)).toEqual({ onHand: 5, reserved: 5 });
    const statuses = await db.kysely.selectFrom('orders').select(['id', 'status']).where('id', 'in', [ok1.id, tooMany.id, ok2.id]).execute();
    expect(Object.fromEntries(statuses.map((o) => [o.id, o.status]))).toEqual({ [ok1.id]: 'placed', [tooMany.id]: 'draft', [ok2.id]: 'placed' });
    const shipments = await db.kysely.selectFrom('shipments').select(['order_id', 'number']).where('order_id', 'in', [ok1.id, ok2.id]).orderBy('number').execute();
    expect(shipments).toEqual([{ order_id: ok1.id, number: `${ok1.number}/S/1` }, { order_id: ok2.id, number: `${ok2.number}/S/1` }]);
    expect(await checkInvariants(db)).toEqual([]);
  });

  it('keeps a cart hold for its own order: another order in the batch cannot take it', async () => {
    const w = await aWorld(db, { stock: { PILOT: { 'eu-1': 1 }, H: { 'eu-1': 4 } } });
    const [taker, holder] = [await w.order({ H: 2 }), await w.order({ H: 3 })];
    const holderLine = await db.kysely.selectFrom('line_items').select('id').where('order_id', '=', holder.id).executeTakeFirstOrThrow();
    await reserveLineItemStock(w.ctx, holderLine.id);
    const results = await together(w, [taker, holder]);
    expect(snapshots().at(-1)).toEqual([taker.id, holder.id]);
    expect(results.map(code)).toEqual(['INSUFFICIENT_STOCK', 'placed']);
    expect(((results[0] as PromiseRejectedResult).reason as DomainFailure).error).toMatchObject({ available: 10_000 });
    expect(await level(db.kysely, w.sku.H!, w.location['eu-1']!)).toEqual({ onHand: 4, reserved: 3 });
    const holds = await db.kysely.selectFrom('stock_reservations').select(['status', 'quantity']).where('order_id', '=', holder.id).execute();
    expect(holds.map((h) => [h.status, Number(h.quantity)])).toEqual([['pending', 3]]);
    expect(await checkInvariants(db)).toEqual([]);
  });

  it('places an order asked twice at once only once', async () => {
    const w = await aWorld(db, { stock: { PILOT: { 'eu-1': 1 }, T: { 'eu-1': 5 } } });
    const order = await w.order({ T: 2 });
    const results = await together(w, [order, order]);
    expect(results.map(code).sort()).toEqual(['ILLEGAL_TRANSITION', 'placed']);
    expect(await level(db.kysely, w.sku.T!, w.location['eu-1']!)).toEqual({ onHand: 5, reserved: 2 });
    expect(await checkInvariants(db)).toEqual([]);
  });

  it('places each order again on its own when the shared transaction fails', async () => {
    const w = await aWorld(db, { stock: { PILOT: { 'eu-1': 1 }, F: { 'eu-1': 5 } } });
    const orders = [await w.order({ F: 1 }), await w.order({ F: 2 }), await w.order({ F: 4 })];
    failNextSharedWrite = Object.assign(new Error('disk full'), { code: '53100' });
    const results = await together(w, orders);
    expect(failNextSharedWrite).toBeNull();
    expect(snapshots().slice(-4)).toEqual([orders.map((o) => o.id), [orders[0]!.id], [orders[1]!.id], [orders[2]!.id]]);
    expect(results.map(code)).toEqual(['placed', 'placed', 'INSUFFICIENT_STOCK']);
    expect(await level(db.kysely, w.sku.F!, w.location['eu-1']!)).toEqual({ onHand: 5, reserved: 3 });
    expect(await checkInvariants(db)).toEqual([]);
  });

  it('does not hold every placement up behind one whose order another transaction keeps locked', async () => {
    const w = await aWorld(db, { stock: { PILOT: { 'eu-1': 1 }, K: { 'eu-1': 5 } } });
    const [stuck, others] = [await w.order({ PILOT: 1 }), [await w.order({ K: 1 }), await w.order({ K: 2 })]];
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT id FROM orders WHERE id = $1 FOR UPDATE', [stuck.id]);
      const waiting = placeOrder(w.ctx, stuck.id);
      await new Promise((resolve) => setTimeout(resolve, 20));
      const placed = await Promise.all(others.map((o) => placeOrder(w.ctx, o.id)));
      expect(placed.map((p) => p.order.status)).toEqual(['placed', 'placed']);
      expect((await holder.query('SELECT status FROM orders WHERE id = $1', [stuck.id])).rows).toEqual([{ status: 'draft' }]);
      await holder.query('ROLLBACK');
      expect((await waiting).order.status).toBe('placed');
    } finally {
      await holder.end();
    }
    expect(await checkInvariants(db)).toEqual([]);
  });

  it('plans the lines as a transaction that held the order lock left them, not as they were when the placement asked', async () => {
    // A line changed under the order's lock by another transaction: the placement waits for
    // the lock, and must then read the committed lines, not those of before its wait.
    const w = await aWorld(db, { stock: { L: { 'eu-1': 10 } } });
    const order = await w.order({ L: 1 });
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT id FROM orders WHERE id = $1 FOR UPDATE', [order.id]);
      await holder.query('UPDATE line_items SET quantity = 4 WHERE order_id = $1', [order.id]);
      const placing = placeOrder(w.ctx, order.id);
      await new Promise((resolve) => setTimeout(resolve, 100));
      await holder.query('COMMIT');
      await placing;
    } finally {
      await holder.end();
    }
    expect(await level(db.kysely, w.sku.L!, w.location['eu-1']!)).toEqual({ onHand: 10, reserved: 4 });
    expect(await checkInvariants(db)).toEqual([]);
  });

  it('many at once: fewer transactions than orders, every unit accounted for', { timeout: 60_000 }, async () => {
    const w = await aWorld(db, { locations: { 'eu-1': {}, 'eu-2': {} }, model: { strategy: 'split_shipments' }, stock: { A: { 'eu-1': 30, 'eu-2': 30 }, B: { 'eu-1': 30, 'eu-2': 30 } } });
    const orders: Row<'orders'>[] = [];
    for (let i = 0; i < 60; i++) orders.push(await w.order(i % 2 === 0 ? { A: 1 + (i % 3), B: 1 } : { B: 2, A: 1 }));
    const results = await Promise.allSettled(orders.map((o) => placeOrder(w.ctx, o.id)));
    const placed = results.flatMap((r, i) => (r.status === 'fulfilled' ? [orders[i]!] : []));
    expect(results.every((r) => code(r) === 'placed' || code(r) === 'INSUFFICIENT_STOCK')).toBe(true);
    expect(snapshots().length).toBeLessThan(orders.length);
    expect(snapshots().some((ids) => ids.length > 1)).toBe(true);
    for (const sku of ['A', 'B']) {
      const levels = [await level(db.kysely, w.sku[sku]!, w.location['eu-1']!), await level(db.kysely, w.sku[sku]!, w.location['eu-2']!)];
      const ordered = await db.kysely.selectFrom('line_items').select((eb) => eb.fn.sum<string>('quantity').as('q'))
        .where('order_id', 'in', placed.map((o) => o.id)).where('sku_code', '=', w.sku[sku]!.code).executeTakeFirstOrThrow();
      expect(levels[0]!.reserved + levels[1]!.reserved).toBe(Number(ordered.q));
      expect(levels.every((l) => l.reserved <= l.onHand)).toBe(true);
    }
    expect(await checkInvariants(db)).toEqual([]);
  });
});
