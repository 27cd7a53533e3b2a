// Attribute shapes of the resources the admin UI reads (API.md). Quantities arrive as numbers.
export interface OrderAttrs {
  number: string;
  status: 'draft' | 'placed' | 'approved' | 'fulfilled' | 'cancelled';
  payment_status: 'unpaid' | 'authorized' | 'paid' | 'free';
  fulfillment_status: string;
  placed_at: string | null;
  approved_at: string | null;
  cancelled_at: string | null;
}

export interface LineItemAttrs {
  sku_code: string;
  quantity: number;
  backordered_quantity: number;
  shipped_quantity: number;
}

export interface StockLineItemAttrs {
  sku_code: string;
  quantity: number;
}

export interface ReservationAttrs {
  status: 'draft' | 'pending';
  quantity: number;
  expires_at: string | null;
}

export interface ShipmentAttrs {
  number: string;
  status: ShipmentStatus;
  created_at: string;
  updated_at: string;
}

export type ShipmentStatus =
  | 'draft' | 'upcoming' | 'on_hold' | 'picking' | 'packing' | 'ready_to_ship' | 'shipped' | 'delivered' | 'cancelled';

export interface TransferAttrs {
  number: string;
  sku_code: string;
  quantity: number;
  status: string;
}

export interface ReturnAttrs {
  number: string;
  status: string;
  restocked_at: string | null;
}

export interface LocationAttrs {
  code: string;
  name: string;
  enabled: boolean;
}

export interface AddressAttrs {
  line_1: string | null;
  city: string | null;
  zip_code: string | null;
  state_code: string | null;
  country_code: string | null;
  lat: number | null;
  lng: number | null;
}

export interface SkuAttrs {
  code: string;
  name: string;
  allow_backorders: boolean;
  do_not_track: boolean;
  /** Single GET only: `available` says whether one unit can sell; `quantity` is the salable quantity (null: not tracked). */
  inventory?: { available: boolean; quantity: number | null; levels: { stock_location_code: string; quantity: number }[] };
}

export interface StockItemAttrs {
  sku_code: string;
  quantity: number;
  status: 'in_stock' | 'out_of_stock';
}

export interface ReservedStockAttrs {
  quantity: number;
}

export interface MovementAttrs {
  sku_code: string;
  delta: number;
  reason: string;
  quantity_after: number;
  created_at: string;
  reference: string | null;
  metadata: Record<string, unknown> | null;
}

export interface InventoryModelAttrs {
  name: string;
  strategy: string;
  stock_locations_cutoff: number;
  stock_reservation_cutoff: number;
  put_stock_transfers_on_hold: boolean;
  manual_stock_decrement: boolean;
  /** How _place ranks sources: priority, distance or fewest_shipments. */
  routing_algorithm: string;
  /** Time budget of the fewest_shipments search, milliseconds (1–10000). */
  routing_time_budget_ms: number;
}

export interface InventoryStockLocationAttrs {
  priority: number;
  on_hold: boolean;
}

export interface MarketAttrs {
  code: string;
  name: string;
}
