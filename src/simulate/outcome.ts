// What one routed order contributes to the report. An order is placed unless part of a line
// can be neither served nor backordered (the engine's shortfall beyond what the SKU may
// backorder): then placement is refused, as at checkout, and nothing is shipped or deducted.
// Distance is great-circle from the shipping location to the destination, per unit shipped.
import { haversineMetres } from '../domain/distance/great-circle.js';
import { add, sub, sum, ZERO } from '../domain/quantity.js';
import type { Quantity } from '../domain/quantity.js';
import type { LocationInput, Plan } from '../domain/routing.js';
import type { SimOrder } from './types.js';

export interface ShippedUnits {
  /** null when the location or the destination has no coordinates */
  readonly distanceM: number | null;
  readonly units: Quantity;
}

export interface OrderOutcome {
  readonly placed: boolean;
  readonly shipments: number;
  readonly unitsOrdered: Quantity;
  readonly unitsBackordered: Quantity;
  /** Shortfall that could not be backordered (the reason a refused order was refused). */
  readonly unitsUnfulfilled: Quantity;
  /** do_not_ship stock line items: served, never shipped. */
  readonly unitsNotShipped: Quantity;
  readonly shipped: readonly ShippedUnits[];
  readonly transfers: number;
  readonly transferUnits: Quantity;
  readonly routingMs: number;
  /** The ranking asked for could not rank (e.g. distance without coordinates): priority was used. */
  readonly fellBack: boolean;
  /** fewest_shipments only: the plan was proven to have the fewest shipments (else null). */
  readonly proven: boolean | null;
}

export function outcomeOf(order: SimOrder, plan: Plan, locations: ReadonlyMap<string, LocationInput>, routingMs: number): OrderOutcome {
  let backordered = ZERO;
  let unfulfilled = ZERO;
  for (const line of plan.selection.lines) {
    backordered = add(backordered, line.backordered);
    unfulfilled = add(unfulfilled, sub(line.shortfall, line.backordered));
  }
  const unitsOrdered = sum(order.lines.map((l) => l.quantity));
  const placed = unfulfilled === 0;
  const fellBack = plan.selection.algorithmUsed !== plan.selection.algorithm;
  const optimality = plan.selection.optimality;
  const proven = optimality === undefined ? null : optimality.status === 'proven';
  if (!placed) {
    return { placed, shipments: 0, unitsOrdered, unitsBackordered: ZERO, unitsUnfulfilled: unfulfilled, unitsNotShipped: ZERO, shipped: [], transfers: 0, transferUnits: ZERO, routingMs, fellBack, proven };
  }
  const { lat, lng } = order.destination;
  const shipped = plan.shipments.map((s) => {
    const from = locations.get(s.location);
    const distanceM =
      lat === null || lng === null || from === undefined || from.lat === null || from.lng === null
        ? null
        : haversineMetres({ lat: from.lat, lng: from.lng }, { lat, lng });
    return { distanceM, units: sum(s.items.map((i) => i.quantity)) };
  });
  return {
    placed,
    shipments: plan.shipments.length,
    unitsOrdered,
    unitsBackordered: backordered,
    unitsUnfulfilled: ZERO,
    unitsNotShipped: sum(plan.unshippedItems.map((i) => i.quantity)),
    shipped,
    transfers: plan.transfers.length,
    transferUnits: sum(plan.transfers.map((t) => t.quantity)),
    routingMs,
    fellBack,
    proven,
  };
}
