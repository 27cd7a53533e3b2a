// A row that the service deletes is first looked up in every table referencing it (the
// foreign key's check, or its ON DELETE SET NULL). Without an index on the referencing column
// that lookup reads the whole table. Measured: deleting one stock reservation with 400,000
// stock line items took 49 ms, 0.7 ms with the index. Reservations are deleted at every
// placement that releases cart holds (inside its locked write), by the expired-hold sweep and
// by re-optimisation; draft line items when a cart changes; shipments when a selection or a
// re-optimisation reshapes them. Rows whose column is empty need no entry (partial indexes),
// so stock changes without a shipment do not pay for it.
import { sql, type Kysely } from 'kysely';

const INDEXES: readonly [name: string, definition: string][] = [
  ['stock_line_items_reservation', 'stock_line_items (stock_reservation_id) WHERE stock_reservation_id IS NOT NULL'],
  ['stock_line_items_line', 'stock_line_items (line_item_id)'],
  ['stock_transfers_reservation', 'stock_transfers (stock_reservation_id) WHERE stock_reservation_id IS NOT NULL'],
  ['stock_transfers_line', 'stock_transfers (line_item_id)'],
  ['stock_transfers_shipment', 'stock_transfers (shipment_id) WHERE shipment_id IS NOT NULL'],
  ['return_line_items_line', 'return_line_items (line_item_id)'],
  ['stock_movements_shipment', 'stock_movements (shipment_id) WHERE shipment_id IS NOT NULL'],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [name, definition] of INDEXES) await sql.raw(`CREATE INDEX IF NOT EXISTS ${name} ON ${definition}`).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const [name] of INDEXES) await sql.raw(`DROP INDEX IF EXISTS ${name}`).execute(db);
}
