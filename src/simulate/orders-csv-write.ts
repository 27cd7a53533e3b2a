// Writes an order stream as the CSV that orders-csv.ts reads (one row per order line), so a
// generated stream can be inspected, edited and replayed with --orders.
import { stringify } from 'csv-stringify/sync';
import { toDecimal } from '../domain/quantity.js';
import { CSV_COLUMNS } from './orders-csv.js';
import type { SimOrder } from './types.js';

/** The placed_at column is written only when some order has a time. */
export function ordersToCsv(orders: readonly SimOrder[]): string {
  const timed = orders.some((o) => o.placedAt !== undefined);
  const rows = orders.flatMap((o) =>
    o.lines.map((l) => [
      o.id, l.sku, toDecimal(l.quantity), o.destination.lat ?? '', o.destination.lng ?? '', o.destination.countryCode ?? '', o.destination.zipCode ?? '',
      ...(timed ? [o.placedAt === undefined ? '' : new Date(o.placedAt).toISOString()] : []),
    ]),
  );
  return stringify(rows, { header: true, columns: timed ? [...CSV_COLUMNS] : CSV_COLUMNS.filter((c) => c !== 'placed_at') });
}
