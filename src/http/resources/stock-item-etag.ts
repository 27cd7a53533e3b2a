// A stock item's entity tag: it changes whenever on-hand changes (the sequence number of its
// latest stock movement, so 10 → 11 → 10 is two changes, not none) or a PATCH changes its
// status, reference or metadata. Reservations change availability, not the stock item a
// client counts and writes, so they leave the tag alone.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AnyRow } from './define.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function stockItemEtag(db: Kysely<any>, row: AnyRow): Promise<string> {
  const last = (await db.selectFrom('stock_movements').select('seq').where('stock_item_id', '=', row.id)
    .orderBy('seq', 'desc').limit(1).executeTakeFirst()) as { seq: string | number } | undefined;
  const own = JSON.stringify([row.quantity, row.status, row.reference, row.reference_origin, row.metadata]);
  const digest = createHash('sha256').update(own).digest('base64url').slice(0, 16);
  return `"${String(last?.seq ?? 0)}-${digest}"`;
}
