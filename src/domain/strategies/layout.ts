// Turns filled lines into what leaves where: stock line items grouped into shipments (per
// location × shipping category, optionally per line item, or one uncategorised shipment),
// do_not_ship items kept out of every shipment, do_not_track items riding in their category's
// shipment from the first location that ships anything (the primary if none; a SKU that is
// both do_not_track and do_not_ship is an unshipped item there), and — when
// everything must leave from one location — transfers from where the stock is taken.
import { ZERO, add } from '../quantity.js';
import type { Quantity } from '../quantity.js';
import type { LineSelection, PlannedShipment, PlannedTransfer, UnshippedItem } from '../routing.js';
import { amount } from '../selection/explain.js';
import type { RankedLocation } from '../selection/ranking.js';
import type { Snapshot } from '../selection/snapshot.js';

export interface LayoutOptions {
  /** Locations in the order the strategy tried them; shipments follow this order. */
  readonly order: readonly RankedLocation[];
  /** Every shipment leaves from here, other stock comes by transfer; null: from where the stock is. */
  readonly shipFrom: RankedLocation | null;
  /** One shipment per line item (split_by_line_items). */
  readonly perLine: boolean;
  /** One shipment per shipping category; false: a single shipment with no category (no_split). */
  readonly byCategory: boolean;
  /** do_not_track lines ride in the first shipment of their own category when there is one
   * (fewest_shipments: a rider never opens a shipment it could join). */
  readonly ridersJoinTheirCategory?: boolean;
}

export interface Layout {
  readonly shipments: readonly PlannedShipment[];
  readonly unshippedItems: readonly UnshippedItem[];
  readonly transfers: readonly PlannedTransfer[];
  readonly explanation: readonly string[];
}

interface Bucket {
  readonly location: RankedLocation;
  readonly category: string | null;
  readonly line: number;
  /** line index → quantity */
  readonly items: Map<number, Quantity>;
}

export function layoutShipments(snapshot: Snapshot, lines: readonly LineSelection[], options: LayoutOptions): Layout {
  const { order, shipFrom, perLine, byCategory } = options;
  // Only the few locations that ship are looked up: no map over every candidate.
  const rank = new Map<string, number>();
  const positionOf = (code: string): number => {
    let r = rank.get(code);
    if (r === undefined) rank.set(code, (r = order.findIndex((l) => l.code === code)));
    return r;
  };
  const rankOf = (location: RankedLocation): number => {
    const r = positionOf(location.code);
    return r < 0 ? Number.MAX_SAFE_INTEGER : r;
  };
  const locationOf = (code: string): RankedLocation | undefined => order[positionOf(code)];
  const buckets = new Map<string, Bucket>();
  const place = (location: RankedLocation, category: string | null, line: number, quantity: Quantity): void => {
    const cat = byCategory ? category : null;
    const key = `${location.code}\u0000${cat ?? ''}\u0000${cat === null ? 0 : 1}\u0000${perLine ? line : -1}`;
    const bucket = buckets.get(key) ?? { location, category: cat, line: perLine ? line : -1, items: new Map() };
    buckets.set(key, bucket);
    bucket.items.set(line, add(bucket.items.get(line) ?? ZERO, quantity));
  };
  const unshippedItems: UnshippedItem[] = [];
  const transfers: PlannedTransfer[] = [];
  const explanation: string[] = [];
  const riders: number[] = [];

  lines.forEach((line, index) => {
    const sku = snapshot.sku(line.sku);
    if (sku.doNotTrack) return void riders.push(index);
    for (const source of line.sources) {
      if (source.quantityToDeduct === 0) continue;
      const item = { line: line.line, sku: line.sku, quantity: source.quantityToDeduct };
      if (sku.doNotShip) {
        unshippedItems.push({ ...item, location: source.location });
        explanation.push(`${line.sku} is do_not_ship: ${amount(item.quantity)} at ${source.location} ships with no shipment`);
        continue;
      }
      const from = shipFrom ?? locationOf(source.location);
      if (from === undefined) throw new Error(`layout: ${source.location} is not among the locations tried`);
      if (from.code !== source.location) {
        transfers.push({ ...item, from: source.location, to: from.code });
        explanation.push(`transfer ${amount(item.quantity)} ${line.sku} from ${source.location} to ${from.code}`);
      }
      place(from, sku.shippingCategory, index, item.quantity);
    }
  });

  const shipping = [...buckets.values()].map((b) => b.location).sort((a, b) => rankOf(a) - rankOf(b));
  const ride = shipping[0] ?? shipFrom ?? primaryOf(snapshot, order);
  for (const index of riders) {
    const line = lines[index] as LineSelection;
    if (line.quantity === 0) continue;
    if (ride === null) {
      explanation.push(`do_not_track ${line.sku} (line ${line.line}) has no location to ship from`);
      continue;
    }
    const sku = snapshot.sku(line.sku);
    if (sku.doNotShip) {
      unshippedItems.push({ line: line.line, sku: line.sku, quantity: line.quantity, location: ride.code });
      explanation.push(`do_not_track and do_not_ship ${line.sku} (line ${line.line}): ${amount(line.quantity)} at ${ride.code} ships with no shipment`);
      continue;
    }
    const joined = options.ridersJoinTheirCategory === true && byCategory ? joinable(buckets, sku.shippingCategory, rankOf) : undefined;
    const from = joined ?? ride;
    place(from, sku.shippingCategory, index, line.quantity);
    explanation.push(`do_not_track ${line.sku} (line ${line.line}) rides in the shipment from ${from.code}`);
  }

  const shipments = [...buckets.values()].sort(
    (a, b) => rankOf(a.location) - rankOf(b.location) || a.line - b.line || compareCategory(a.category, b.category),
  );
  return {
    shipments: shipments.map((b) => ({
      location: b.location.code,
      shippingCategory: b.category,
      onHold: b.location.onHold,
      items: [...b.items.entries()]
        .sort(([a], [b]) => a - b)
        .map(([i, quantity]) => ({ line: (lines[i] as LineSelection).line, sku: (lines[i] as LineSelection).sku, quantity })),
    })),
    unshippedItems,
    transfers,
    explanation,
  };
}

/** The first location (in the strategy's order) already shipping `category`. */
function joinable(buckets: ReadonlyMap<string, Bucket>, category: string | null, rankOf: (l: RankedLocation) => number): RankedLocation | undefined {
  const shipping = [...buckets.values()].filter((b) => b.category === category).map((b) => b.location);
  return shipping.sort((a, b) => rankOf(a) - rankOf(b))[0];
}

function primaryOf(snapshot: Snapshot, order: readonly RankedLocation[]): RankedLocation | null {
  const primary = snapshot.primary;
  return primary === null ? null : (order.find((l) => l.code === primary.code) ?? null);
}

/** No category first, then by name. */
function compareCategory(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}
