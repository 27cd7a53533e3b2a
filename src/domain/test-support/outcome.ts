// Reading answers in tests: quantities back to decimals, and the few views the assertions
// keep asking for (what a line deducts where, what a shipment carries).
import { toDecimal } from '../quantity.js';
import type { LineSelection, Plan, PlannedShipment, Selection } from '../routing.js';

export function lineOf(selection: Selection, id: string): LineSelection {
  const line = selection.lines.find((l) => l.line === id);
  if (line === undefined) throw new Error(`no line ${id} in the selection`);
  return line;
}

/** location → quantity to deduct, for the sources that deduct anything. */
export function deductions(line: LineSelection): Record<string, number> {
  return Object.fromEntries(line.sources.filter((s) => s.quantityToDeduct > 0).map((s) => [s.location, toDecimal(s.quantityToDeduct)]));
}

/** Shipments as plain, readable rows: "eu-1/standard: l1 A 5.5". */
export function shipmentRows(plan: Plan): string[] {
  return plan.shipments.map(shipmentRow);
}

export function shipmentRow(s: PlannedShipment): string {
  const items = s.items.map((i) => `${i.line} ${i.sku} ${toDecimal(i.quantity)}`).join(', ');
  return `${s.location}/${s.shippingCategory ?? '-'}${s.onHold ? ' (on hold)' : ''}: ${items}`;
}

export function transferRows(plan: Plan): string[] {
  return plan.transfers.map((t) => `${t.line} ${t.sku} ${toDecimal(t.quantity)} ${t.from}→${t.to}`);
}

export function unshippedRows(plan: Plan): string[] {
  return plan.unshippedItems.map((u) => `${u.line} ${u.sku} ${toDecimal(u.quantity)} @${u.location}`);
}
