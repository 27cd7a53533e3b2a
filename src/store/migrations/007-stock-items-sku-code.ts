// stock_items.sku_code is what integrations filter stock by (`filter[q][sku_code_eq]=…`, the
// Magento source items, the salable queries): without an index every such read scanned the
// whole table, cheap at a demo's 600 rows, not at a real catalogue's.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX IF NOT EXISTS stock_items_sku_code ON stock_items (sku_code)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS stock_items_sku_code`.execute(db);
}
