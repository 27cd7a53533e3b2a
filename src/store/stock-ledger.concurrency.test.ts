// No oversell under concurrency. On PostgreSQL (DATABASE_URL set) many transactions really
// run at once over a pool of 20 connections; PGlite (one connection) runs the small variant.
// After each run the invariant checker must find nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainFailure } from '../domain/errors.js';
import { qty, sub } from '../domain/quantity.js';
import { checkInvariants } from '../flows/check.js';
import { flowContext } from '../flows/context.js';
import { releaseExpiredReservations } from '../flows/expired-reservations.js';
import { seededRandom } from '../simulate/random.js';
import { applyMovement, createReservation, lockStockItems, releaseReservation } from './stock-ledger.js';
import { aLocation, aSku, aStockItem } from './test-support/inventory-fixtures.js';
import { enginesUnderTest, openTestDb, type TestDb } from './test-support/engines.js';
import { inTransaction } from './transaction.js';

const SIZES = { pglite: { attempts: 30, units: 10, mixed: 40 }, postgres: { attempts: 200, units: 50, mixed: 400 } } as const;

/** Runs `work`, classifying the outcome: ok, a refusal for lack of stock, or anything else (rethrown). */
async function outcome(work: () => Promise<unknown>): Promise<'ok' | 'insufficient'> {
  try {
    await work();
    return 'ok';
  } catch (error) {
    if (error instanceof DomainFailure && error.error.code === 'INSUFFICIENT_STOCK') return 'insufficient';
    throw error;
  }
}

describe.each(enginesUnderTest())('stock ledger under concurrency on %s', (engine) => {
  let db: TestDb;
  const size = SIZES[engine];
  beforeAll(async () => { db = await openTestDb(engine, { poolSize: 20 }); });
  afterAll(async () => { await db.close(); });

  it(`lets exactly ${size.units} of ${size.attempts} concurrent one-unit reservations through, never below zero`, async () => {
    const item = await aStockItem(db, await aSku(db.kysely), await aLocation(db.kysely), size.units);
    let lowest = Infinity;
    let running = true;
    const watcher = (async () => {
      while (running) {
        const row = await db.kysely.selectFrom('stock_items').select(['quantity', 'reserved_quantity']).where('id', '=', item.id).executeTakeFirstOrThrow();
        lowest = Math.min(lowest, row.quantity - row.reserved_quantity);
        await new Promise((r) => setTimeout(r, 2));
      }
    })();
    const results = await Promise.all(Array.from({ length: size.attempts }, () =>
      outcome(() => inTransaction(db, (trx) => createReservation(trx, { stockItemId: item.id, quantity: qty(1), status: 'pending' })))));
    running = false;
    await watcher;
    expect(results.filter((r) => r === 'ok')).toHaveLength(size.units);
    expect(results.filter((r) => r === 'insufficient')).toHaveLength(size.attempts - size.units);
    expect(lowest).toBeGreaterThanOrEqual(0);
    const row = await db.kysely.selectFrom('stock_items').select(['quantity', 'reserved_quantity']).where('id', '=', item.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ quantity: size.units, reserved_quantity: size.units });
    const count = await db.kysely.selectFrom('stock_reservations').select((eb) => eb.fn.countAll<number>().as('n')).where('stock_item_id', '=', item.id).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(size.units);
    expect(await checkInvariants(db)).toEqual([]);
  });

  it('survives a random mix of adjustments, reservations, releases and expiry sweeps over shared items without a deadlock', async () => {
    const location = await aLocation(db.kysely);
    const items = await Promise.all(Array.from({ length: 6 }, async () => aStockItem(db, await aSku(db.kysely), location, 20)));
    const random = seededRandom(42);
    let retries = 0;
    const past = new Date(Date.now() - 1000);

    const transaction = async (picked: string[], ops: number[]) => {
      let attempt = 0;
      await inTransaction(db, async (trx) => {
        if (attempt++ > 0) retries += 1;
        const locked = new Map((await lockStockItems(trx, picked)).map((r) => [r.id, r]));
        for (const [i, id] of picked.entries()) {
          const row = locked.get(id);
          if (!row) throw new Error(`stock item ${id} vanished`);
          const available = sub(qty(row.quantity), qty(row.reserved_quantity));
          switch (ops[i]) {
            case 0: await applyMovement(trx, { stockItemId: id, delta: qty(2), reason: 'adjustment' }); break;
            case 1: // decrement only what is free: we hold the lock, so this read stays true
              if (available >= qty(1)) await applyMovement(trx, { stockItemId: id, delta: qty(-1), reason: 'adjustment' });
              break;
            case 2: await createReservation(trx, { stockItemId: id, quantity: qty(1), status: 'pending' }); break;
            case 3: await createReservation(trx, { stockItemId: id, quantity: qty(1), status: 'draft', expiresAt: past }); break;
            default: {
              const held = await trx.selectFrom('stock_reservations').select('id').where('stock_item_id', '=', id).where('status', '=', 'pending').limit(1).executeTakeFirst();
              if (held) await releaseReservation(trx, held.id, qty(1));
            }
          }
        }
      });
    };

    const work: Promise<unknown>[] = [];
    for (let n = 0; n < size.mixed; n++) {
      const shuffled = [...items].sort(() => random.float() - 0.5).slice(0, random.int(2, 4)).map((i) => i.id);
      const ops = shuffled.map(() => random.int(0, 4));
      work.push(outcome(() => transaction(shuffled, ops)));
      if (n % 50 === 0) work.push(releaseExpiredReservations(flowContext(db)));
    }
    const settled = await Promise.allSettled(work);
    const failures = settled.filter((s) => s.status === 'rejected');
    expect(failures.map((f) => String((f as PromiseRejectedResult).reason))).toEqual([]);
    expect(retries).toBe(0);
    await releaseExpiredReservations(flowContext(db));
    expect(await checkInvariants(db)).toEqual([]);
    const drafts = await db.kysely.selectFrom('stock_reservations').select('id').where('status', '=', 'draft').execute();
    expect(drafts).toEqual([]);
  });
});
