// Turns what the optimiser decided — per order line, what to take from which location —
// into the selection's lines, in the fill's shape: every candidate holding the SKU is listed
// in ranked order with what it still has after the lines before (0 to deduct where unused),
// and what is not taken is the shortfall (backordered when the SKU allows it).
import { ZERO, isPositive, sub } from '../quantity.js';
import type { Quantity } from '../quantity.js';
import type { LineSelection, OrderLine, SourceAllocation } from '../routing.js';
import { amount, code, describe, listed } from '../selection/explain.js';
import type { RankedLocation } from '../selection/ranking.js';
import type { Snapshot } from '../selection/snapshot.js';

export interface Built {
  readonly lines: readonly LineSelection[];
  readonly explanation: readonly string[];
}

/** `takes[i]`: location code → quantity for order line i. */
export function linesFromTakes(
  snapshot: Snapshot,
  lines: readonly OrderLine[],
  order: readonly RankedLocation[],
  takes: readonly ReadonlyMap<string, Quantity>[],
): Built {
  const explanation: string[] = [];
  const left = new Map<string, { holders: readonly RankedLocation[]; left: Quantity[] }>();
  const built = lines.map((line, i): LineSelection => {
    const sku = snapshot.sku(line.sku);
    if (sku.doNotTrack) {
      explanation.push(`${line.sku} is do_not_track: no stock needed for ${amount(line.quantity)}`);
      return { line: line.id, sku: line.sku, quantity: line.quantity, shortfall: ZERO, backordered: ZERO, sources: [] };
    }
    let held = left.get(line.sku);
    if (held === undefined) {
      const holdings = snapshot.holders(line.sku, order);
      held = { holders: holdings.locations, left: holdings.available };
      left.set(line.sku, held);
    }
    const mine = takes[i] ?? new Map<string, Quantity>();
    let needed = line.quantity;
    const sources = held.holders.map((location, h): SourceAllocation => {
      const available = (held.left[h] ?? ZERO) as Quantity;
      const take = mine.get(location.code) ?? ZERO;
      if (take > available) throw new Error(`optimiser took ${take} of ${available} ${line.sku} at ${location.code}`);
      if (isPositive(take)) {
        needed = sub(needed, take);
        held.left[h] = sub(available, take);
        explanation.push(`${describe(location)} gives ${amount(take)} of ${amount(line.quantity)} ${line.sku}`);
      }
      const { priority, distanceM, durationS } = location;
      return { location: location.code, priority, distanceM, durationS, quantityAvailable: available, quantityToDeduct: take };
    });
    if (held.holders.length === 0) {
      const out = snapshot.outOfStock(line.sku, order);
      explanation.push(`no candidate location holds ${line.sku} in stock${out.length > 0 ? ` (out of stock at ${listed(out, code)})` : ''}`);
    }
    const backordered = isPositive(needed) && sku.allowBackorders ? needed : ZERO;
    if (isPositive(needed)) {
      const outcome = sku.allowBackorders ? 'backordered' : `not available (${line.sku} does not allow backorders)`;
      explanation.push(`line ${line.id}: ${amount(needed)} of ${amount(line.quantity)} ${line.sku} short, ${outcome}`);
    }
    return { line: line.id, sku: line.sku, quantity: line.quantity, shortfall: needed, backordered, sources };
  });
  return { lines: built, explanation };
}
