// The whole schema of API.md / DOMAIN.md. Quantities are numeric(18,4): exact, 4 decimals.
// Every resource carries the common columns (id, timestamps, reference, reference_origin,
// metadata). Constraints live here, in the database, not only in code.
import { sql, type Kysely } from 'kysely';

const common = `
  id text PRIMARY KEY,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  reference text,
  reference_origin text,
  metadata jsonb NOT NULL DEFAULT '{}'::jsonb`;

const statements = [
  `CREATE TABLE addresses (${common},
    line_1 text, city text, zip_code text, state_code text, country_code text,
    lat double precision CHECK (lat BETWEEN -90 AND 90),
    lng double precision CHECK (lng BETWEEN -180 AND 180))`,

  `CREATE TABLE stock_locations (${common},
    code text NOT NULL UNIQUE, name text NOT NULL, enabled boolean NOT NULL DEFAULT true,
    label_format text NOT NULL DEFAULT 'PDF',
    address_id text REFERENCES addresses(id))`,

  `CREATE TABLE shipping_categories (${common}, code text NOT NULL UNIQUE, name text NOT NULL)`,

  `CREATE TABLE skus (${common},
    code text NOT NULL UNIQUE, name text NOT NULL,
    weight numeric(18,4), unit_of_weight text,
    do_not_ship boolean NOT NULL DEFAULT false, do_not_track boolean NOT NULL DEFAULT false,
    allow_backorders boolean NOT NULL DEFAULT false,
    quantity_decimal boolean NOT NULL DEFAULT false,
    min_sale_quantity numeric(18,4) NOT NULL DEFAULT 1 CHECK (min_sale_quantity > 0),
    max_sale_quantity numeric(18,4) CHECK (max_sale_quantity > 0),
    quantity_increments numeric(18,4) CHECK (quantity_increments > 0),
    out_of_stock_threshold numeric(18,4) NOT NULL DEFAULT 0,
    shipping_category_id text REFERENCES shipping_categories(id))`,

  `CREATE TABLE inventory_models (${common},
    name text NOT NULL, strategy text NOT NULL DEFAULT 'no_split',
    stock_locations_cutoff integer NOT NULL DEFAULT 2 CHECK (stock_locations_cutoff BETWEEN 1 AND 50),
    stock_reservation_cutoff integer NOT NULL DEFAULT 3600 CHECK (stock_reservation_cutoff > 0),
    put_stock_transfers_on_hold boolean NOT NULL DEFAULT false,
    manual_stock_decrement boolean NOT NULL DEFAULT false)`,

  `CREATE TABLE inventory_stock_locations (${common},
    inventory_model_id text NOT NULL REFERENCES inventory_models(id),
    stock_location_id text NOT NULL REFERENCES stock_locations(id),
    priority integer NOT NULL CHECK (priority >= 1), on_hold boolean NOT NULL DEFAULT false,
    UNIQUE (inventory_model_id, stock_location_id))`,

  `CREATE TABLE inventory_return_locations (${common},
    inventory_model_id text NOT NULL REFERENCES inventory_models(id),
    stock_location_id text NOT NULL REFERENCES stock_locations(id),
    priority integer NOT NULL CHECK (priority >= 1),
    UNIQUE (inventory_model_id, stock_location_id))`,

  `CREATE TABLE markets (${common},
    code text NOT NULL UNIQUE, name text NOT NULL,
    inventory_model_id text NOT NULL REFERENCES inventory_models(id))`,

  // reserved_quantity is the running sum of active reservations, kept in the same
  // transaction as each reservation change, so availability is read without a SUM.
  `CREATE TABLE stock_items (${common},
    sku_id text NOT NULL REFERENCES skus(id), sku_code text NOT NULL,
    stock_location_id text NOT NULL REFERENCES stock_locations(id),
    quantity numeric(18,4) NOT NULL DEFAULT 0 CHECK (quantity >= 0),
    reserved_quantity numeric(18,4) NOT NULL DEFAULT 0 CHECK (reserved_quantity >= 0),
    status text NOT NULL DEFAULT 'in_stock' CHECK (status IN ('in_stock','out_of_stock')),
    UNIQUE (sku_id, stock_location_id))`,
  `CREATE INDEX stock_items_location ON stock_items (stock_location_id)`,

  `CREATE TABLE applications (${common},
    name text NOT NULL, kind text NOT NULL CHECK (kind IN ('integration','sales_channel')),
    role text CHECK (role IN ('admin','read_only')),
    market_id text REFERENCES markets(id),
    client_id text NOT NULL UNIQUE, client_secret_hash text,
    CHECK ((kind = 'integration' AND role IS NOT NULL) OR (kind = 'sales_channel' AND market_id IS NOT NULL)))`,

  `CREATE SEQUENCE order_numbers START 1000`,
  `CREATE TABLE orders (${common},
    number text NOT NULL UNIQUE,
    status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','placed','approved','fulfilled','cancelled')),
    payment_status text NOT NULL DEFAULT 'unpaid' CHECK (payment_status IN ('unpaid','authorized','paid','free')),
    fulfillment_status text NOT NULL DEFAULT 'unfulfilled' CHECK (fulfillment_status IN ('unfulfilled','in_progress','fulfilled','not_required')),
    market_id text NOT NULL REFERENCES markets(id),
    shipping_address_id text REFERENCES addresses(id),
    application_id text REFERENCES applications(id),
    placed_at timestamptz, approved_at timestamptz, cancelled_at timestamptz, fulfilled_at timestamptz)`,
  `CREATE INDEX orders_market ON orders (market_id)`,
  `CREATE INDEX orders_placed_at ON orders (placed_at)`,

  `CREATE TABLE line_items (${common},
    order_id text NOT NULL REFERENCES orders(id),
    sku_id text REFERENCES skus(id), sku_code text NOT NULL,
    quantity numeric(18,4) NOT NULL CHECK (quantity > 0),
    backordered_quantity numeric(18,4) NOT NULL DEFAULT 0 CHECK (backordered_quantity >= 0),
    shipped_quantity numeric(18,4) NOT NULL DEFAULT 0 CHECK (shipped_quantity >= 0),
    position integer NOT NULL DEFAULT 0,
    CHECK (shipped_quantity <= quantity), CHECK (backordered_quantity <= quantity))`,
  `CREATE INDEX line_items_order ON line_items (order_id)`,
  `CREATE INDEX line_items_backordered ON line_items (sku_code) WHERE backordered_quantity > 0`,

  `CREATE SEQUENCE shipment_numbers START 1`,
  `CREATE TABLE source_selections (${common},
    order_id text REFERENCES orders(id),
    inventory_model_id text NOT NULL REFERENCES inventory_models(id),
    algorithm text NOT NULL, algorithm_used text NOT NULL, fallback_reason text,
    distance_mode text NOT NULL DEFAULT 'driving' CHECK (distance_mode IN ('driving','bicycling','walking')),
    shippable boolean NOT NULL, status text NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed','submitted')),
    items jsonb NOT NULL DEFAULT '[]'::jsonb, explanation jsonb NOT NULL DEFAULT '[]'::jsonb,
    shipping_address jsonb, submitted_at timestamptz)`,

  `CREATE TABLE shipments (${common},
    number text NOT NULL UNIQUE,
    order_id text NOT NULL REFERENCES orders(id),
    stock_location_id text NOT NULL REFERENCES stock_locations(id),
    inventory_stock_location_id text REFERENCES inventory_stock_locations(id),
    source_selection_id text REFERENCES source_selections(id),
    shipping_category_id text REFERENCES shipping_categories(id),
    status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','upcoming','on_hold','picking','packing','ready_to_ship','shipped','delivered','cancelled')),
    stock_decremented boolean NOT NULL DEFAULT false,
    upcoming_at timestamptz, on_hold_at timestamptz, picking_at timestamptz, packing_at timestamptz,
    ready_to_ship_at timestamptz, shipped_at timestamptz, delivered_at timestamptz, cancelled_at timestamptz)`,
  `CREATE INDEX shipments_order ON shipments (order_id)`,

  `CREATE TABLE stock_reservations (${common},
    stock_item_id text NOT NULL REFERENCES stock_items(id),
    order_id text REFERENCES orders(id), line_item_id text REFERENCES line_items(id),
    status text NOT NULL CHECK (status IN ('draft','pending')),
    quantity numeric(18,4) NOT NULL CHECK (quantity > 0),
    expires_at timestamptz)`,
  `CREATE INDEX stock_reservations_item ON stock_reservations (stock_item_id)`,
  `CREATE INDEX stock_reservations_line ON stock_reservations (line_item_id)`,
  `CREATE INDEX stock_reservations_expiry ON stock_reservations (expires_at) WHERE status = 'draft'`,

  `CREATE TABLE stock_transfers (${common},
    number text NOT NULL UNIQUE,
    sku_id text NOT NULL REFERENCES skus(id), sku_code text NOT NULL,
    quantity numeric(18,4) NOT NULL CHECK (quantity > 0),
    status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','upcoming','on_hold','picking','in_transit','completed','cancelled')),
    origin_stock_location_id text NOT NULL REFERENCES stock_locations(id),
    destination_stock_location_id text NOT NULL REFERENCES stock_locations(id),
    order_id text REFERENCES orders(id), shipment_id text REFERENCES shipments(id),
    line_item_id text REFERENCES line_items(id),
    stock_reservation_id text REFERENCES stock_reservations(id) ON DELETE SET NULL,
    upcoming_at timestamptz, on_hold_at timestamptz, picking_at timestamptz, in_transit_at timestamptz,
    completed_at timestamptz, cancelled_at timestamptz,
    CHECK (origin_stock_location_id <> destination_stock_location_id))`,

  `CREATE TABLE stock_line_items (${common},
    order_id text NOT NULL REFERENCES orders(id),
    line_item_id text NOT NULL REFERENCES line_items(id),
    shipment_id text REFERENCES shipments(id),
    stock_location_id text NOT NULL REFERENCES stock_locations(id),
    stock_item_id text REFERENCES stock_items(id),
    stock_reservation_id text REFERENCES stock_reservations(id) ON DELETE SET NULL,
    stock_transfer_id text REFERENCES stock_transfers(id),
    sku_code text NOT NULL,
    quantity numeric(18,4) NOT NULL CHECK (quantity > 0),
    decremented boolean NOT NULL DEFAULT false)`,
  `CREATE INDEX stock_line_items_order ON stock_line_items (order_id)`,
  `CREATE INDEX stock_line_items_shipment ON stock_line_items (shipment_id)`,

  `CREATE TABLE returns (${common},
    number text NOT NULL UNIQUE, order_id text NOT NULL REFERENCES orders(id),
    status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','requested','approved','received','restocked','cancelled')),
    stock_location_id text REFERENCES stock_locations(id), restocked_at timestamptz)`,
  `CREATE TABLE return_line_items (${common},
    return_id text NOT NULL REFERENCES returns(id), line_item_id text NOT NULL REFERENCES line_items(id),
    sku_code text NOT NULL, quantity numeric(18,4) NOT NULL CHECK (quantity > 0),
    restocked_at timestamptz)`,

  // Append-only ledger: on_hand(item) = Σ delta. seq orders it.
  `CREATE TABLE stock_movements (
    id text PRIMARY KEY, seq bigserial NOT NULL UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now(),
    reference text, reference_origin text, metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
    stock_item_id text NOT NULL REFERENCES stock_items(id),
    stock_location_id text NOT NULL REFERENCES stock_locations(id),
    sku_code text NOT NULL, delta numeric(18,4) NOT NULL CHECK (delta <> 0),
    reason text NOT NULL, quantity_after numeric(18,4) NOT NULL CHECK (quantity_after >= 0),
    order_id text REFERENCES orders(id), shipment_id text REFERENCES shipments(id),
    stock_transfer_id text REFERENCES stock_transfers(id), return_id text REFERENCES returns(id))`,
  `CREATE INDEX stock_movements_item ON stock_movements (stock_item_id, seq)`,

  `CREATE TABLE webhooks (${common},
    name text, topic text NOT NULL, callback_url text NOT NULL, shared_secret text NOT NULL,
    include_resources text, disabled_at timestamptz)`,
  // Transactional outbox: events are written in the same transaction as the change and
  // delivered after commit.
  `CREATE TABLE webhook_events (
    id text PRIMARY KEY, created_at timestamptz NOT NULL DEFAULT now(),
    webhook_id text NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
    topic text NOT NULL, payload jsonb NOT NULL,
    status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','delivered','failed')),
    attempts integer NOT NULL DEFAULT 0, next_attempt_at timestamptz NOT NULL DEFAULT now(),
    last_error text, delivered_at timestamptz)`,
  `CREATE INDEX webhook_events_due ON webhook_events (next_attempt_at) WHERE status = 'pending'`,

  `CREATE TABLE idempotency_keys (
    key text NOT NULL, application_id text NOT NULL,
    method text NOT NULL, path text NOT NULL, body_hash text NOT NULL,
    status_code integer, response jsonb, created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (application_id, key))`,

  // GeoNames postal codes (offline geocoding for distance ranking).
  `CREATE TABLE geonames_postcodes (
    country_code text NOT NULL, postal_code text NOT NULL, place_name text NOT NULL,
    admin_name1 text, admin_code1 text, admin_name2 text, admin_code2 text,
    admin_name3 text, admin_code3 text,
    lat double precision NOT NULL, lng double precision NOT NULL, accuracy integer)`,
  `CREATE INDEX geonames_postcode ON geonames_postcodes (country_code, postal_code)`,
  `CREATE INDEX geonames_place ON geonames_postcodes (country_code, lower(place_name))`,
  `CREATE INDEX geonames_region ON geonames_postcodes (country_code, admin_code1)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const tables = [
    'geonames_postcodes', 'idempotency_keys', 'webhook_events', 'webhooks', 'stock_movements',
    'return_line_items', 'returns', 'stock_line_items', 'stock_transfers', 'stock_reservations',
    'shipments', 'source_selections', 'line_items', 'orders', 'applications', 'stock_items',
    'markets', 'inventory_return_locations', 'inventory_stock_locations', 'inventory_models',
    'skus', 'shipping_categories', 'stock_locations', 'addresses',
  ];
  for (const t of tables) await sql.raw(`DROP TABLE IF EXISTS ${t} CASCADE`).execute(db);
  await sql.raw('DROP SEQUENCE IF EXISTS order_numbers, shipment_numbers').execute(db);
}
