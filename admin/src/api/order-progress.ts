// How far each order line is: shipped (its shipments left), in shipments whose stock is already
// deducted but not yet shipped (a submitted source selection), and still to ship — the same
// count the server uses for a new source selection.
import type { Included, Resource } from './jsonapi.js';
import { relIds } from './jsonapi.js';
import { add, fromApi as q, sub, toDecimal, ZERO } from './quantity.js';
import type { LineItemAttrs, OrderAttrs, ShipmentAttrs, StockLineItemAttrs } from './types.js';

const OPEN = new Set(['draft', 'upcoming', 'on_hold', 'picking', 'packing', 'ready_to_ship']);

export interface LineProgress {
  readonly line: Resource<LineItemAttrs>;
  readonly inShipments: number;
  readonly toShip: number;
}

export function lineProgress(order: Resource<OrderAttrs>, included: Included): LineProgress[] {
  const stockLines = included.many<StockLineItemAttrs & { decremented?: boolean }>(order, 'stock_line_items');
  return included.many<LineItemAttrs>(order, 'line_items').map((line) => {
    let committed = ZERO;
    for (const s of stockLines) {
      if (relIds(s, 'line_item')[0]?.id !== line.id || !s.attributes.decremented) continue;
      const shipment = included.one<ShipmentAttrs>(s, 'shipment');
      if (shipment && OPEN.has(shipment.attributes.status)) committed = add(committed, q(s.attributes.quantity));
    }
    const left = sub(sub(q(line.attributes.quantity), q(line.attributes.shipped_quantity)), committed);
    return { line, inShipments: toDecimal(committed), toShip: toDecimal(left < 0 ? ZERO : left) };
  });
}
