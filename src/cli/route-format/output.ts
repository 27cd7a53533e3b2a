// Turns the engine's answer into ROUTE-FORMAT output: snake_case keys in the documented
// order, quantities as plain decimals (exact, via toDecimal), pretty JSON with 2-space
// indent. Without a strategy the answer is a plain selection, so `strategy` is null and the
// `shipments`, `unshipped_items` and `transfers` keys are left out (nothing was planned).
// `distance_m` / `duration_s` appear on every source when the ranking measured distances
// (rounded to 0.1), and not at all otherwise.
import { toDecimal } from '../../domain/quantity.js';
import type { LineSelection, Optimality, Plan, PlannedShipment, PlannedTransfer, Selection, SourceAllocation, UnshippedItem } from '../../domain/routing.js';

export type RouteAnswer = { readonly kind: 'plan'; readonly plan: Plan } | { readonly kind: 'selection'; readonly selection: Selection };

export function answerToJson(answer: RouteAnswer): Record<string, unknown> {
  switch (answer.kind) {
    case 'selection':
      return { strategy: null, ...selectionHead(answer.selection), explanation: [...answer.selection.explanation] };
    case 'plan': {
      const { plan } = answer;
      return {
        strategy: plan.strategy,
        ...selectionHead(plan.selection),
        shipments: plan.shipments.map(shipmentJson),
        unshipped_items: plan.unshippedItems.map(unshippedJson),
        transfers: plan.transfers.map(transferJson),
        explanation: [...plan.explanation],
      };
    }
    default: {
      const never: never = answer;
      return never;
    }
  }
}

/** The whole output document: pretty JSON, 2-space indent, newline-terminated. */
export function formatPretty(json: unknown): string {
  return `${JSON.stringify(json, null, 2)}\n`;
}

/** One NDJSON line (no newline inside, newline-terminated). */
export function formatLine(json: unknown): string {
  return `${JSON.stringify(json)}\n`;
}

function selectionHead(selection: Selection) {
  const withDistance = selection.lines.some((l) => l.sources.some((s) => s.distanceM !== null || s.durationS !== null));
  return {
    algorithm: selection.algorithm,
    algorithm_used: selection.algorithmUsed,
    fallback_reason: selection.fallbackReason,
    shippable: selection.shippable,
    ...(selection.optimality === undefined ? {} : { optimality: optimalityJson(selection.optimality) }),
    selection: selection.lines.map((line) => lineJson(line, withDistance)),
  };
}

function optimalityJson(o: Optimality) {
  return { status: o.status, shipments: o.shipments, ...(o.transfers === undefined ? {} : { transfers: o.transfers }), lower_bound: o.lowerBound };
}

function lineJson(line: LineSelection, withDistance: boolean) {
  return {
    line: line.line,
    sku: line.sku,
    quantity: toDecimal(line.quantity),
    shortfall: toDecimal(line.shortfall),
    backordered: toDecimal(line.backordered),
    sources: line.sources.map((source) => sourceJson(source, withDistance)),
  };
}

function sourceJson(source: SourceAllocation, withDistance: boolean) {
  return {
    location: source.location,
    ...(withDistance ? { distance_m: tenths(source.distanceM), duration_s: tenths(source.durationS) } : {}),
    quantity_available: toDecimal(source.quantityAvailable),
    quantity_to_deduct: toDecimal(source.quantityToDeduct),
  };
}

function shipmentJson(shipment: PlannedShipment) {
  return {
    location: shipment.location,
    shipping_category: shipment.shippingCategory,
    on_hold: shipment.onHold,
    items: shipment.items.map((item) => ({ line: item.line, sku: item.sku, quantity: toDecimal(item.quantity) })),
  };
}

function unshippedJson(item: UnshippedItem) {
  return { line: item.line, sku: item.sku, location: item.location, quantity: toDecimal(item.quantity) };
}

function transferJson(transfer: PlannedTransfer) {
  return { sku: transfer.sku, from: transfer.from, to: transfer.to, quantity: toDecimal(transfer.quantity) };
}

function tenths(value: number | null): number | null {
  return value === null ? null : Math.round(value * 10) / 10;
}
