// What a submitted source selection ships, laid out as placement lays out its shipments
// (strategies/layout.ts), so both flows agree on what a shipment is:
// 1. every line's quantities to deduct go to the location they are deducted at;
// 2. one shipment per location × shipping category that has items, locations by priority;
// 3. do_not_track lines (no stock, no sources) ride in their category's shipment from the
//    first location that ships anything, the primary when nothing else ships.
// Unlike placement, a do_not_ship SKU the merchant chose to deduct ships in its location's
// shipment: a submit is the merchant's decision about what leaves where.
import type { LineSelection, LocationInput, PlannedShipment, SkuInput } from '../routing.js';
import { ZERO, clampZero, qty, sub, sum } from '../quantity.js';
import type { RankedLocation } from '../selection/ranking.js';
import { byPriorityThenCode } from '../selection/ranking.js';
import { snapshotOf } from '../selection/snapshot.js';
import { layoutShipments } from '../strategies/layout.js';
import type { SelectionItem } from './selection-items.js';

export interface SelectionShipments {
  readonly shipments: readonly PlannedShipment[];
  readonly explanation: readonly string[];
}

/** `items` with a line_item_id; `locations` of the model; `skus` of the items. */
export function selectionShipments(items: readonly SelectionItem[], locations: readonly LocationInput[], skus: readonly SkuInput[]): SelectionShipments {
  const shipping = skus.map((s) => ({ ...s, doNotShip: false }));
  const snapshot = snapshotOf({
    strategy: null, algorithm: 'priority', distanceMode: 'driving', stockLocationsCutoff: null, locations, skus: shipping, stock: [], lines: [], destination: null,
  });
  const order: RankedLocation[] = [...locations].sort(byPriorityThenCode)
    .map((l) => ({ code: l.code, priority: l.priority, onHold: l.onHold, distanceM: null, durationS: null }));
  const lines = items.flatMap((item): LineSelection[] => {
    if (item.line_item_id === null) return [];
    const requested = qty(item.quantity);
    if (snapshot.sku(item.sku_code).doNotTrack) {
      return [{ line: item.line_item_id, sku: item.sku_code, quantity: requested, shortfall: ZERO, backordered: ZERO, sources: [] }];
    }
    const sources = item.sources.filter((s) => s.quantity_to_deduct > 0).map((s) => ({
      location: s.stock_location_code, priority: s.priority, distanceM: null, durationS: null,
      quantityAvailable: qty(s.quantity_available), quantityToDeduct: qty(s.quantity_to_deduct),
    }));
    const shortfall = clampZero(sub(requested, sum(sources.map((s) => s.quantityToDeduct))));
    return [{ line: item.line_item_id, sku: item.sku_code, quantity: requested, shortfall, backordered: ZERO, sources }];
  });
  const layout = layoutShipments(snapshot, lines, { order, shipFrom: null, perLine: false, byCategory: true });
  return { shipments: layout.shipments, explanation: layout.explanation };
}
