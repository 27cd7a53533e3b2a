// What releasing one stock reservation costs when stock_line_items is large:
// `npx tsx bench/reservation-release.ts` (DATABASE_URL, default the local test server).
// Deleting a reservation makes PostgreSQL look it up in stock_line_items (its ON DELETE SET
// NULL); migration 010 indexes that column. The run fills 400,000 stock line items (foreign
// key checks off while filling, as a bulk load would), then deletes 100 reservations with
// the index dropped and 100 with it. A diagnostic, not one of `npm run bench`.
import { sql } from 'kysely';
import { withTempPostgres } from './temp-postgres.js';

const LINES = 400_000;
await withTempPostgres(1, (db) => db.kysely.connection().execute(async (c) => {
  await sql`SET session_replication_role = replica`.execute(c);
  await sql`INSERT INTO stock_line_items (id, order_id, line_item_id, stock_location_id, sku_code, quantity, metadata)
    SELECT 'sli_' || g, 'ord_' || (g / 2), 'li_' || g, 'sl_1', 'S', 1, '{}' FROM generate_series(1, ${LINES}::int) g`.execute(c);
  await sql`INSERT INTO stock_reservations (id, stock_item_id, status, quantity, metadata)
    SELECT 'res_' || g, 'si_1', 'draft', 1, '{}' FROM generate_series(1, 200) g`.execute(c);
  await sql`SET session_replication_role = origin`.execute(c);
  await sql`DROP INDEX stock_line_items_reservation`.execute(c);
  await sql`ANALYZE`.execute(c);
  for (const [label, first] of [['without the index', 1], ['with the index (migration 010)', 101]] as const) {
    if (first === 101) await sql`CREATE INDEX stock_line_items_reservation ON stock_line_items (stock_reservation_id) WHERE stock_reservation_id IS NOT NULL`.execute(c);
    const t0 = performance.now();
    for (let i = first; i < first + 100; i++) await sql`DELETE FROM stock_reservations WHERE id = ${`res_${i}`}`.execute(c);
    console.log(`${label}: ${((performance.now() - t0) / 100).toFixed(2)} ms per reservation released, ${LINES.toLocaleString('en')} stock line items`);
  }
}));
