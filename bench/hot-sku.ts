// Hot SKU on PostgreSQL: one stock item holds 1,000 units; 16 workers make 10,000 one-unit
// reservation attempts between them, each its own transaction through the ledger. Exactly
// 1,000 must succeed (no oversell, no lost update), and the invariant checker must find
// nothing afterwards. Reports attempts per second.
import { DomainFailure } from '../src/domain/errors.js';
import { qty } from '../src/domain/quantity.js';
import { checkInvariants } from '../src/flows/check.js';
import { createReservation } from '../src/store/stock-ledger.js';
import { aLocation, aSku, aStockItem } from '../src/store/test-support/inventory-fixtures.js';
import { inTransaction } from '../src/store/transaction.js';
import type { Benchmark } from './benchmark.js';
import { withTempPostgres } from './temp-postgres.js';

const UNITS = 1_000;
const ATTEMPTS = 10_000;
const WORKERS = 16;

export const benchmark: Benchmark = {
  name: 'hot-sku',
  description: `${ATTEMPTS} one-unit reservations from ${WORKERS} workers against ${UNITS} units (PostgreSQL)`,
  run: () => withTempPostgres(WORKERS, async (db) => {
    const item = await aStockItem(db, await aSku(db.kysely), await aLocation(db.kysely), UNITS);
    let next = 0;
    let succeeded = 0;
    let refused = 0;
    let soldOutAt = 0n;
    const worker = async () => {
      while (next < ATTEMPTS) {
        next += 1;
        try {
          await inTransaction(db, (trx) => createReservation(trx, { stockItemId: item.id, quantity: qty(1), status: 'pending' }));
          succeeded += 1;
          if (succeeded === UNITS) soldOutAt = process.hrtime.bigint();
        } catch (error) {
          if (!(error instanceof DomainFailure && error.error.code === 'INSUFFICIENT_STOCK')) throw error;
          refused += 1;
        }
      }
    };
    const started = process.hrtime.bigint();
    await Promise.all(Array.from({ length: WORKERS }, worker));
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const row = await db.kysely.selectFrom('stock_items').select(['quantity', 'reserved_quantity']).where('id', '=', item.id).executeTakeFirstOrThrow();
    const violations = await checkInvariants(db);
    const figures = {
      attempts: succeeded + refused, succeeded, refused, seconds: Number(seconds.toFixed(2)),
      attempts_per_s: Math.round((succeeded + refused) / seconds),
      seconds_to_sell_out: Number((Number(soldOutAt - started) / 1e9).toFixed(2)), reserved_after: row.reserved_quantity,
      invariant_violations: violations.length, exactly_1000_succeeded: succeeded === UNITS ? 'yes' : 'NO',
    };
    process.stdout.write(`${JSON.stringify(figures)}\n`);
    if (succeeded !== UNITS || row.reserved_quantity !== UNITS || violations.length > 0) {
      throw new Error(`oversell check failed: ${succeeded} succeeded, reserved ${row.reserved_quantity}, ${violations.length} violations`);
    }
    return figures;
  }),
};
