// Kysely's view of the tables in migrations/. numeric and int8 columns arrive as numbers
// (see db.ts); convert quantities with parseQuantity/qty before doing arithmetic.
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<Record<string, unknown>, string | undefined, string>;
type JsonArray = ColumnType<unknown[], string | undefined, string>;
/** numeric(18,4): read as number, written as decimal string or number. */
type Numeric = ColumnType<number, number | string, number | string>;
type NumericDefault = ColumnType<number, number | string | undefined, number | string>;

export interface Common {
  id: string;
  created_at: Generated<Date>;
  updated_at: Timestamp;
  reference: string | null;
  reference_origin: string | null;
  metadata: Json;
}

export interface AddressesTable extends Common {
  line_1: string | null; city: string | null; zip_code: string | null; state_code: string | null;
  country_code: string | null; lat: number | null; lng: number | null;
}
export interface StockLocationsTable extends Common {
  code: string; name: string; enabled: Generated<boolean>; label_format: Generated<string>;
  address_id: string | null;
}
export interface ShippingCategoriesTable extends Common { code: string; name: string }
export interface SkusTable extends Common {
  code: string; name: string; weight: Numeric | null; unit_of_weight: string | null;
  do_not_ship: Generated<boolean>; do_not_track: Generated<boolean>; allow_backorders: Generated<boolean>;
  quantity_decimal: Generated<boolean>; min_sale_quantity: NumericDefault;
  max_sale_quantity: Numeric | null; quantity_increments: Numeric | null;
  out_of_stock_threshold: NumericDefault; shipping_category_id: string | null;
  /** Magento's integer product id (009). */
  product_id: Generated<number>;
}
export interface InventoryModelsTable extends Common {
  name: string; strategy: Generated<string>; stock_locations_cutoff: Generated<number>;
  stock_reservation_cutoff: Generated<number>; put_stock_transfers_on_hold: Generated<boolean>;
  manual_stock_decrement: Generated<boolean>;
  routing_algorithm: Generated<string>; routing_time_budget_ms: Generated<number>;
  /** Seconds between the server's batch re-optimisation runs; null = never (005). */
  reoptimize_every_s: number | null;
  /** Magento's integer stock id (009); 1 is the Default Stock. */
  stock_id: Generated<number>;
}
export interface InventoryStockLocationsTable extends Common {
  inventory_model_id: string; stock_location_id: string; priority: number; on_hold: Generated<boolean>;
}
export interface InventoryReturnLocationsTable extends Common {
  inventory_model_id: string; stock_location_id: string; priority: number;
}
export interface MarketsTable extends Common { code: string; name: string; inventory_model_id: string }
export interface StockItemsTable extends Common {
  sku_id: string; sku_code: string; stock_location_id: string;
  quantity: NumericDefault; reserved_quantity: NumericDefault;
  status: Generated<'in_stock' | 'out_of_stock'>;
}
export interface ApplicationsTable extends Common {
  name: string; kind: 'integration' | 'sales_channel'; role: 'admin' | 'read_only' | null;
  market_id: string | null; client_id: string; client_secret_hash: string | null;
  /** Browser origins admitted for this application's tokens (JSON array of strings). */
  allowed_origins: ColumnType<string[], string | undefined, string>;
}
export type OrderStatus = 'draft' | 'placed' | 'approved' | 'fulfilled' | 'cancelled';
export type PaymentStatus = 'unpaid' | 'authorized' | 'paid' | 'free';
export type FulfillmentStatus = 'unfulfilled' | 'in_progress' | 'fulfilled' | 'not_required';
export interface OrdersTable extends Common {
  number: string; status: Generated<OrderStatus>; payment_status: Generated<PaymentStatus>;
  fulfillment_status: Generated<FulfillmentStatus>; market_id: string;
  shipping_address_id: string | null; application_id: string | null;
  placed_at: Timestamp | null; approved_at: Timestamp | null; cancelled_at: Timestamp | null;
  fulfilled_at: Timestamp | null;
  /** false: batch re-optimisation leaves this order alone (005). */
  reoptimize: Generated<boolean>;
  /** Magento's integer order id (009). */
  entity_id: Generated<number>;
}
export interface LineItemsTable extends Common {
  order_id: string; sku_id: string | null; sku_code: string; quantity: Numeric;
  backordered_quantity: NumericDefault; shipped_quantity: NumericDefault; position: Generated<number>;
  /** Magento's integer order item id (009). */
  item_id: Generated<number>;
}
export interface SourceSelectionsTable extends Common {
  order_id: string | null; inventory_model_id: string; algorithm: string; algorithm_used: string;
  fallback_reason: string | null; distance_mode: Generated<'driving' | 'bicycling' | 'walking'>;
  shippable: boolean; status: Generated<'proposed' | 'submitted'>;
  items: JsonArray; explanation: JsonArray; shipping_address: Json | null; submitted_at: Timestamp | null;
  /** fewest_shipments only: {status, shipments, lower_bound[, transfers]} (004). */
  optimality: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
}
export type ShipmentStatus =
  | 'draft' | 'upcoming' | 'on_hold' | 'picking' | 'packing' | 'ready_to_ship' | 'shipped' | 'delivered' | 'cancelled';
export interface ShipmentsTable extends Common {
  number: string; order_id: string; stock_location_id: string;
  inventory_stock_location_id: string | null; source_selection_id: string | null;
  shipping_category_id: string | null; status: Generated<ShipmentStatus>;
  stock_decremented: Generated<boolean>;
  upcoming_at: Timestamp | null; on_hold_at: Timestamp | null; picking_at: Timestamp | null;
  packing_at: Timestamp | null; ready_to_ship_at: Timestamp | null; shipped_at: Timestamp | null;
  delivered_at: Timestamp | null; cancelled_at: Timestamp | null;
  /** Magento's integer shipment id (009). */
  entity_id: Generated<number>;
}
export interface StockReservationsTable extends Common {
  stock_item_id: string; order_id: string | null; line_item_id: string | null;
  status: 'draft' | 'pending'; quantity: Numeric; expires_at: Timestamp | null;
}
export type TransferStatus = 'draft' | 'upcoming' | 'on_hold' | 'picking' | 'in_transit' | 'completed' | 'cancelled';
export interface StockTransfersTable extends Common {
  number: string; sku_id: string; sku_code: string; quantity: Numeric; status: Generated<TransferStatus>;
  origin_stock_location_id: string; destination_stock_location_id: string;
  order_id: string | null; shipment_id: string | null; line_item_id: string | null;
  stock_reservation_id: string | null;
  upcoming_at: Timestamp | null; on_hold_at: Timestamp | null; picking_at: Timestamp | null;
  in_transit_at: Timestamp | null; completed_at: Timestamp | null; cancelled_at: Timestamp | null;
}
export interface StockLineItemsTable extends Common {
  order_id: string; line_item_id: string; shipment_id: string | null; stock_location_id: string;
  stock_item_id: string | null; stock_reservation_id: string | null; stock_transfer_id: string | null;
  sku_code: string; quantity: Numeric; decremented: Generated<boolean>;
}
export interface ReturnsTable extends Common {
  number: string; order_id: string;
  status: Generated<'draft' | 'requested' | 'approved' | 'received' | 'restocked' | 'cancelled'>;
  stock_location_id: string | null; restocked_at: Timestamp | null;
}
export interface ReturnLineItemsTable extends Common {
  return_id: string; line_item_id: string; sku_code: string; quantity: Numeric; restocked_at: Timestamp | null;
}
export interface StockMovementsTable extends Common {
  seq: Generated<number>; stock_item_id: string; stock_location_id: string; sku_code: string;
  delta: Numeric; reason: string; quantity_after: Numeric;
  order_id: string | null; shipment_id: string | null; stock_transfer_id: string | null; return_id: string | null;
}
export interface WebhooksTable extends Common {
  name: string | null; topic: string; callback_url: string; shared_secret: string;
  include_resources: string | null; disabled_at: Timestamp | null;
}
export interface WebhookEventsTable {
  id: string; created_at: Generated<Date>; webhook_id: string; topic: string; payload: Json;
  status: Generated<'pending' | 'delivered' | 'failed'>; attempts: Generated<number>;
  next_attempt_at: Timestamp; last_error: string | null; delivered_at: Timestamp | null;
}
export interface IdempotencyKeysTable {
  key: string; application_id: string; method: string; path: string; body_hash: string;
  status_code: number | null; response: Json | null; created_at: Generated<Date>;
}
export interface SettingsTable { key: string; value: string; created_at: Generated<Date> }
export interface GeonamesPostcodesTable {
  country_code: string; postal_code: string; place_name: string;
  admin_name1: string | null; admin_code1: string | null; admin_name2: string | null; admin_code2: string | null;
  admin_name3: string | null; admin_code3: string | null; lat: number; lng: number; accuracy: number | null;
}

/** A Magento source's fields that stock locations and addresses do not have (009). */
export interface MagentoSourcesTable {
  stock_location_id: string; description: string | null; contact_name: string | null; email: string | null;
  phone: string | null; fax: string | null; region_id: number | null; use_default_carrier_config: Generated<boolean>;
}
/** A Magento product's type and its stock item's use_config_* flags (009). */
export interface MagentoProductsTable { sku_id: string; type_id: Generated<'simple' | 'virtual'>; use_config: Json }

export interface ReoptimizationRunsTable extends Common {
  inventory_model_id: string; status: 'completed' | 'dry_run' | 'unsupported'; trigger: 'cli' | 'api' | 'schedule';
  orders_considered: Generated<number>; orders_skipped: Generated<number>; orders_changed: Generated<number>;
  shipments_before: Generated<number>; shipments_after: Generated<number>; shipments_baseline: Generated<number>;
  km_before: Generated<number>; km_after: Generated<number>; km_baseline: Generated<number>;
  search_moves: Generated<number>; search_stopped: string | null; elapsed_ms: Generated<number>; message: string | null;
  changed_orders: ColumnType<unknown[], string | undefined, string>;
}

export interface Database {
  addresses: AddressesTable;
  stock_locations: StockLocationsTable;
  shipping_categories: ShippingCategoriesTable;
  skus: SkusTable;
  inventory_models: InventoryModelsTable;
  inventory_stock_locations: InventoryStockLocationsTable;
  inventory_return_locations: InventoryReturnLocationsTable;
  markets: MarketsTable;
  stock_items: StockItemsTable;
  applications: ApplicationsTable;
  orders: OrdersTable;
  line_items: LineItemsTable;
  source_selections: SourceSelectionsTable;
  shipments: ShipmentsTable;
  stock_reservations: StockReservationsTable;
  stock_transfers: StockTransfersTable;
  stock_line_items: StockLineItemsTable;
  returns: ReturnsTable;
  return_line_items: ReturnLineItemsTable;
  stock_movements: StockMovementsTable;
  webhooks: WebhooksTable;
  webhook_events: WebhookEventsTable;
  idempotency_keys: IdempotencyKeysTable;
  geonames_postcodes: GeonamesPostcodesTable;
  settings: SettingsTable;
  magento_sources: MagentoSourcesTable;
  magento_products: MagentoProductsTable;
  reoptimization_runs: ReoptimizationRunsTable;
}

export type TableName = keyof Database;
export type Row<T extends TableName> = Selectable<Database[T]>;
export type NewRow<T extends TableName> = Insertable<Database[T]>;
export type RowUpdate<T extends TableName> = Updateable<Database[T]>;
