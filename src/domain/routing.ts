// The routing problem and its answers, as plain data. Everything the engine decides is a
// function of a RoutingProblem (a snapshot taken by the caller) and, for distance ranking,
// a DistanceTable measured beforehand by a provider. The same shapes serve the CLI
// (`stockroute route`, ROUTE-FORMAT.md), the persistent flows and the simulator.
import type { Quantity } from './quantity.js';

export const STRATEGY_NAMES = [
  'no_split',
  'split_shipments',
  'split_by_line_items',
  'ship_from_primary',
  'ship_from_first_available_or_primary',
] as const;
export type StrategyName = (typeof STRATEGY_NAMES)[number];

export const DISTANCE_MODES = ['driving', 'bicycling', 'walking'] as const;
export type DistanceMode = (typeof DISTANCE_MODES)[number];

export type StockStatus = 'in_stock' | 'out_of_stock';

export interface LocationInput {
  readonly code: string;
  /** The inventory model's priority for this location; 1 is the primary. */
  readonly priority: number;
  readonly enabled: boolean;
  readonly onHold: boolean;
  readonly lat: number | null;
  readonly lng: number | null;
}

export interface SkuInput {
  readonly code: string;
  readonly shippingCategory: string | null;
  readonly doNotShip: boolean;
  readonly doNotTrack: boolean;
  readonly allowBackorders: boolean;
}

export interface StockInput {
  readonly location: string;
  readonly sku: string;
  readonly quantity: Quantity;
  /** Held by other orders; available = quantity − reserved (never below 0). */
  readonly reserved: Quantity;
  readonly status: StockStatus;
}

export interface OrderLine {
  readonly id: string;
  readonly sku: string;
  readonly quantity: Quantity;
}

export interface Destination {
  readonly lat: number | null;
  readonly lng: number | null;
  readonly countryCode: string | null;
  readonly zipCode: string | null;
}

export interface RoutingProblem {
  /** null: a plain source selection (Magento SSA), no shipments planned. */
  readonly strategy: string | null;
  /** Ranking name: 'priority' (default), 'distance', or another registered one. */
  readonly algorithm: string;
  readonly distanceMode: DistanceMode;
  /** How many enabled locations, by priority, are candidates; null = all. */
  readonly stockLocationsCutoff: number | null;
  readonly locations: readonly LocationInput[];
  /** SKUs not listed here have all defaults (no category, flags false). */
  readonly skus: readonly SkuInput[];
  readonly stock: readonly StockInput[];
  readonly lines: readonly OrderLine[];
  readonly destination: Destination | null;
  /** fewest_shipments: milliseconds the search may take (default 25), by the caller's clock. */
  readonly timeBudgetMs?: number;
}

/** What a distance provider measured from the destination to each location. */
export type DistanceTable =
  | { readonly kind: 'measured'; readonly provider: string; readonly entries: ReadonlyMap<string, DistanceEntry> }
  | { readonly kind: 'unavailable'; readonly provider: string; readonly reason: string };

export interface DistanceEntry {
  /** metres; null when this location could not be measured */
  readonly distanceM: number | null;
  /** seconds of travel in the chosen mode; null when the provider has no time */
  readonly durationS: number | null;
}

export interface SourceAllocation {
  readonly location: string;
  readonly priority: number;
  readonly distanceM: number | null;
  readonly durationS: number | null;
  readonly quantityAvailable: Quantity;
  readonly quantityToDeduct: Quantity;
}

export interface LineSelection {
  readonly line: string;
  readonly sku: string;
  readonly quantity: Quantity;
  readonly shortfall: Quantity;
  /** The part of the shortfall accepted as backorder (SKU allows backorders). */
  readonly backordered: Quantity;
  /** Every candidate holding the SKU in stock, in ranking order; 0 to deduct where unused. */
  readonly sources: readonly SourceAllocation[];
}

/** How good a fewest_shipments answer is (ROUTE-FORMAT `optimality`). */
export interface Optimality {
  /** proven: no plan serves as much with fewer; budget_exhausted: the best found in time. */
  readonly status: 'proven' | 'budget_exhausted';
  readonly shipments: number;
  /** ship_from_primary and ship_from_first_available_or_primary only. */
  readonly transfers?: number;
  /** Shipments (plus transfers, for the transfer strategies) no plan can go below. */
  readonly lowerBound: number;
}

export interface Selection {
  readonly algorithm: string;
  readonly algorithmUsed: string;
  readonly fallbackReason: string | null;
  /** true when every shortfall is 0 */
  readonly shippable: boolean;
  readonly lines: readonly LineSelection[];
  readonly explanation: readonly string[];
  /** Only for algorithm fewest_shipments. */
  readonly optimality?: Optimality;
}

export interface PlannedItem {
  readonly line: string;
  readonly sku: string;
  readonly quantity: Quantity;
}

export interface PlannedShipment {
  readonly location: string;
  readonly shippingCategory: string | null;
  readonly onHold: boolean;
  /** Stock line items; for split_by_line_items each shipment has one line. */
  readonly items: readonly PlannedItem[];
}

export interface UnshippedItem extends PlannedItem {
  /** The location whose stock serves this do_not_ship stock line item. */
  readonly location: string;
}

export interface PlannedTransfer {
  readonly line: string;
  readonly sku: string;
  readonly from: string;
  readonly to: string;
  readonly quantity: Quantity;
}

export interface Plan {
  readonly strategy: string;
  readonly selection: Selection;
  readonly shipments: readonly PlannedShipment[];
  readonly unshippedItems: readonly UnshippedItem[];
  readonly transfers: readonly PlannedTransfer[];
  readonly explanation: readonly string[];
}
