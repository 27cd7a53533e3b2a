import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { qty } from '../domain/quantity.js';
import { createReservation } from '../store/stock-ledger.js';
import { aLocation, aSku, aStockItem } from '../store/test-support/inventory-fixtures.js';
import { enginesUnderTest, openTestDb, type TestDb } from '../store/test-support/engines.js';
import { inTransaction } from '../store/transaction.js';
import { flowContext } from './context.js';
import { releaseExpiredReservations } from './expired-reservations.js';

describe.each(enginesUnderTest())('expired cart reservations on %s', (engine) => {
  let db: TestDb;
  beforeAll(async () => { db = await openTestDb(engine); });
  afterAll(async () => { await db.close(); });

  it('releases draft reservations once expired, and only those', async () => {
    const si = await aStockItem(db, await aSku(db.kysely), await aLocation(db.kysely), 10);
    const at = (iso: string) => new Date(iso);
    const reserve = (quantity: number, status: 'draft' | 'pending', expiresAt?: Date) =>
      inTransaction(db, (trx) => createReservation(trx, { stockItemId: si.id, quantity: qty(quantity), status, expiresAt }));
    const early = await reserve(1, 'draft', at('2026-01-01T10:00:00Z'));
    const late = await reserve(2, 'draft', at('2026-01-01T12:00:00Z'));
    const pending = await reserve(3, 'pending', at('2026-01-01T09:00:00Z'));
    const reserved = async () => (await db.kysely.selectFrom('stock_items').select('reserved_quantity').where('id', '=', si.id).executeTakeFirstOrThrow()).reserved_quantity;
    expect(await reserved()).toBe(6);

    expect(await releaseExpiredReservations(flowContext(db, { now: () => at('2026-01-01T09:59:59Z') }))).toBe(0);
    expect(await releaseExpiredReservations(flowContext(db, { now: () => at('2026-01-01T11:00:00Z') }))).toBe(1);
    expect(await reserved()).toBe(5);
    expect(await releaseExpiredReservations(flowContext(db, { now: () => at('2026-01-02T00:00:00Z') }), { batchSize: 1 })).toBe(1);
    const left = await db.kysely.selectFrom('stock_reservations').select('id').where('stock_item_id', '=', si.id).execute();
    expect(left.map((r) => r.id)).toEqual([pending.id]);
    expect([early.id, late.id]).not.toContain(pending.id);
    expect(await reserved()).toBe(3);
  });

  it('works through several batches', async () => {
    const si = await aStockItem(db, await aSku(db.kysely), await aLocation(db.kysely), 10);
    for (let i = 0; i < 7; i++) {
      await inTransaction(db, (trx) => createReservation(trx, { stockItemId: si.id, quantity: qty(1), status: 'draft', expiresAt: new Date('2026-02-01T00:00:00Z') }));
    }
    expect(await releaseExpiredReservations(flowContext(db, { now: () => new Date('2026-03-01T00:00:00Z') }), { batchSize: 3 })).toBe(7);
    const row = await db.kysely.selectFrom('stock_items').select('reserved_quantity').where('id', '=', si.id).executeTakeFirstOrThrow();
    expect(row.reserved_quantity).toBe(0);
  });
});
