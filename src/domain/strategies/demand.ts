// What an order needs of tracked stock, per SKU, and which locations can give all of it:
// the set arithmetic on SKU → quantity maps that the strategies decide with.
import { quantityMap } from '../quantity.js';
import type { QuantityMap } from '../quantity.js';
import type { OrderLine } from '../routing.js';
import type { RankedLocation } from '../selection/ranking.js';
import { byPriorityThenCode } from '../selection/ranking.js';
import type { Snapshot } from '../selection/snapshot.js';

/** SKU → total quantity over the lines that need stock (every SKU but do_not_track). */
export function trackedDemand(snapshot: Snapshot, lines: readonly OrderLine[]): QuantityMap {
  return quantityMap(lines.filter((l) => !snapshot.sku(l.sku).doNotTrack).map((l) => [l.sku, l.quantity] as const));
}

/** What `location` has available of the SKUs in `demand`. */
export function availableAt(snapshot: Snapshot, location: string, demand: QuantityMap): QuantityMap {
  return quantityMap([...demand.keys()].map((sku) => [sku, snapshot.available(sku, location)] as const));
}

/**
 * True when `location` alone has everything `demand` asks for: covers(availableAt(…), demand),
 * written as a loop that stops at the first SKU missing, because first-available asks it of
 * every candidate in turn.
 */
export function servesAll(snapshot: Snapshot, location: string, demand: QuantityMap): boolean {
  for (const [sku, needed] of demand) if (snapshot.available(sku, location) < needed) return false;
  return true;
}

/** The ranked candidates in priority order (what the transfer strategies walk). */
export function byPriority(order: readonly RankedLocation[]): RankedLocation[] {
  return [...order].sort(byPriorityThenCode);
}

/** `first`, then every other location in the given order. */
export function startingWith(first: RankedLocation, order: readonly RankedLocation[]): RankedLocation[] {
  return [first, ...order.filter((l) => l.code !== first.code)];
}
