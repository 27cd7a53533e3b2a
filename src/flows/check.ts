// The invariants of DOMAIN.md, checked against the whole database (`stockroute check`, and
// the concurrency tests after they run). Each invariant is one SQL query that returns the
// records breaking it; a violation names the rule, the record and the numbers involved.
//
// Expired draft reservations: a draft reservation keeps holding stock (it is counted in
// reserved_quantity) until the periodic sweep (releaseExpiredReservations) deletes it, so
// `reserved = Σ reservation rows` is checked exactly; a draft still present more than
// `expiryGraceSeconds` (default 600) after its expires_at is reported as a violation of its
// own: the sweep is not running.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Db } from '../store/db.js';
import type { Database } from '../store/schema.js';

export interface Violation {
  readonly rule: string;
  readonly table: string;
  readonly id: string;
  readonly message: string;
}

export interface CheckOptions {
  readonly now?: Date;
  readonly expiryGraceSeconds?: number;
}

interface Invariant {
  readonly rule: string;
  readonly description: string;
  readonly table: string;
  readonly find: (k: Kysely<Database>, o: Required<CheckOptions>) => Promise<{ id: string; message: string }[]>;
}

const rows = async (k: Kysely<Database>, query: RawBuilder<unknown>) => (await query.execute(k)).rows as { id: string; message: string }[];

export const INVARIANTS: readonly Invariant[] = [
  {
    rule: 'on_hand_equals_movements', table: 'stock_items', description: 'on-hand quantity equals the sum of its stock movements',
    find: (k) => rows(k, sql`
      SELECT si.id, 'sku ' || si.sku_code || ': quantity ' || si.quantity::float8 || ' but movements sum to ' || coalesce(m.total, 0)::float8 AS message
      FROM stock_items si LEFT JOIN (SELECT stock_item_id, sum(delta) AS total FROM stock_movements GROUP BY stock_item_id) m ON m.stock_item_id = si.id
      WHERE si.quantity <> coalesce(m.total, 0) ORDER BY si.id`),
  },
  {
    rule: 'reserved_equals_reservations', table: 'stock_items', description: 'reserved quantity equals the sum of its reservations',
    find: (k) => rows(k, sql`
      SELECT si.id, 'sku ' || si.sku_code || ': reserved_quantity ' || si.reserved_quantity::float8 || ' but reservations sum to ' || coalesce(r.total, 0)::float8 AS message
      FROM stock_items si LEFT JOIN (SELECT stock_item_id, sum(quantity) AS total FROM stock_reservations GROUP BY stock_item_id) r ON r.stock_item_id = si.id
      WHERE si.reserved_quantity <> coalesce(r.total, 0) ORDER BY si.id`),
  },
  {
    rule: 'available_not_negative', table: 'stock_items', description: 'available ≥ 0 for tracked SKUs that do not allow backorders',
    find: (k) => rows(k, sql`
      SELECT si.id, 'sku ' || si.sku_code || ': on hand ' || si.quantity::float8 || ' < reserved ' || si.reserved_quantity::float8 || ' (no backorders allowed)' AS message
      FROM stock_items si JOIN skus s ON s.id = si.sku_id
      WHERE NOT s.allow_backorders AND NOT s.do_not_track AND si.quantity < si.reserved_quantity ORDER BY si.id`),
  },
  {
    rule: 'quantities_not_negative', table: 'stock_items', description: 'on-hand and reserved quantities are ≥ 0',
    find: (k) => rows(k, sql`
      SELECT id, 'sku ' || sku_code || ': quantity ' || quantity::float8 || ', reserved ' || reserved_quantity::float8 AS message
      FROM stock_items WHERE quantity < 0 OR reserved_quantity < 0 ORDER BY id`),
  },
  {
    rule: 'untracked_sku_has_no_stock', table: 'stock_items', description: 'do_not_track SKUs have no stock items',
    find: (k) => rows(k, sql`
      SELECT si.id, 'sku ' || si.sku_code || ' is do_not_track but has this stock item' AS message
      FROM stock_items si JOIN skus s ON s.id = si.sku_id WHERE s.do_not_track ORDER BY si.id`),
  },
  {
    rule: 'shipment_has_stock_line_items', table: 'shipments', description: 'every shipment not cancelled has at least one stock line item (or awaits a stock transfer that brings it one)',
    find: (k) => rows(k, sql`
      SELECT sh.id, 'shipment ' || sh.number || ' (' || sh.status || ') has no stock line items' AS message
      FROM shipments sh WHERE sh.status <> 'cancelled'
        AND NOT EXISTS (SELECT 1 FROM stock_line_items sli WHERE sli.shipment_id = sh.id)
        AND NOT EXISTS (SELECT 1 FROM stock_transfers st WHERE st.shipment_id = sh.id AND st.status NOT IN ('completed', 'cancelled')) ORDER BY sh.id`),
  },
  {
    rule: 'stock_line_item_at_shipment_location', table: 'stock_line_items', description: "a shipment's stock line items come from the shipment's location",
    find: (k) => rows(k, sql`
      SELECT sli.id, 'stock line item of ' || sli.sku_code || ' is at ' || l1.code || ' but its shipment ' || sh.number || ' ships from ' || l2.code AS message
      FROM stock_line_items sli JOIN shipments sh ON sh.id = sli.shipment_id
      JOIN stock_locations l1 ON l1.id = sli.stock_location_id JOIN stock_locations l2 ON l2.id = sh.stock_location_id
      WHERE sli.stock_location_id <> sh.stock_location_id ORDER BY sli.id`),
  },
  {
    rule: 'line_item_not_over_allocated', table: 'line_items', description: 'stock line items (outside cancelled shipments) + backordered ≤ line quantity',
    find: (k) => rows(k, sql`
      SELECT li.id, 'line of ' || li.sku_code || ': ' || a.total::float8 || ' in stock line items + ' || li.backordered_quantity::float8 || ' backordered > quantity ' || li.quantity::float8 AS message
      FROM line_items li JOIN (
        SELECT sli.line_item_id, sum(sli.quantity) AS total FROM stock_line_items sli
        LEFT JOIN shipments sh ON sh.id = sli.shipment_id WHERE sh.id IS NULL OR sh.status <> 'cancelled' GROUP BY sli.line_item_id
      ) a ON a.line_item_id = li.id
      WHERE a.total + li.backordered_quantity > li.quantity ORDER BY li.id`),
  },
  {
    rule: 'decremented_without_reservation', table: 'stock_line_items', description: 'a decremented stock line item holds no reservation',
    find: (k) => rows(k, sql`
      SELECT id, 'stock line item of ' || sku_code || ' is decremented but still points at reservation ' || stock_reservation_id AS message
      FROM stock_line_items WHERE decremented AND stock_reservation_id IS NOT NULL ORDER BY id`),
  },
  {
    rule: 'expired_drafts_released', table: 'stock_reservations', description: 'draft reservations are released once expired (within the grace period)',
    find: (k, o) => rows(k, sql`
      SELECT id, 'draft reservation of ' || quantity::float8 || ' expired at ' || to_char(expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') || ' and still holds stock' AS message
      FROM stock_reservations WHERE status = 'draft'
        AND expires_at < ${o.now.toISOString()}::timestamptz - make_interval(secs => ${o.expiryGraceSeconds}) ORDER BY id`),
  },
];

export async function checkInvariants(db: Db | Kysely<Database>, options: CheckOptions = {}): Promise<Violation[]> {
  const k = 'engine' in db ? db.kysely : db;
  const o = { now: options.now ?? new Date(), expiryGraceSeconds: options.expiryGraceSeconds ?? 600 };
  const found: Violation[] = [];
  for (const inv of INVARIANTS) {
    for (const r of await inv.find(k, o)) found.push({ rule: inv.rule, table: inv.table, id: r.id, message: r.message });
  }
  return found;
}
