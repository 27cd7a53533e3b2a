// Client-side checks of the Qty to Deduct fields before they are sent (the server checks
// again): a number, not negative, at most 4 decimals, no more than the location has
// available, and per line no more than the quantity still to ship.
import { add, isQuantityError, parseQuantity, toDecimal, ZERO, type Quantity } from '../api/quantity.js';
import { deductPointer, type SelectionItem } from '../api/source-selections.js';
import { formatQty } from '../components/format.js';

/** Text typed per item and source, indexed like the selection's items[i].sources[j]. */
export type Edits = readonly (readonly string[])[];

export interface Checked {
  /** Field errors by JSON pointer (same pointers as the API's 422 errors). */
  readonly errors: ReadonlyMap<string, string>;
  /** The items with the typed quantities, ready to PATCH (only when there are no errors). */
  readonly items: SelectionItem[];
  readonly total: number;
}

export function itemPointer(item: number): string {
  return `/data/attributes/items/${item}`;
}

export function editsOf(items: readonly SelectionItem[]): string[][] {
  return items.map((i) => i.sources.map((s) => formatQty(s.quantity_to_deduct)));
}

export function checkEdits(items: readonly SelectionItem[], edits: Edits): Checked {
  const errors = new Map<string, string>();
  let total: Quantity = ZERO;
  const out = items.map((item, i) => {
    let lineTotal: Quantity = ZERO;
    const sources = item.sources.map((source, j) => {
      const text = edits[i]?.[j]?.trim() ?? '';
      const pointer = deductPointer(i, j);
      const q = parseQuantity(text === '' ? '0' : text);
      if (isQuantityError(q)) {
        errors.set(pointer, q.kind === 'too_many_decimals' ? 'Use at most 4 decimals.' : 'Enter a number.');
        return source;
      }
      if (q < 0) {
        errors.set(pointer, 'Must be 0 or more.');
        return source;
      }
      const available = parseQuantity(source.quantity_available);
      if (!isQuantityError(available) && q > available) {
        errors.set(pointer, `Only ${formatQty(source.quantity_available)} available at ${source.stock_location_code}.`);
      }
      lineTotal = add(lineTotal, q);
      return { ...source, quantity_to_deduct: toDecimal(q) };
    });
    const wanted = parseQuantity(item.quantity);
    if (!isQuantityError(wanted) && lineTotal > wanted) {
      errors.set(itemPointer(i), `${item.sku_code}: ${formatQty(toDecimal(lineTotal))} to deduct exceeds the ${formatQty(item.quantity)} left to ship.`);
    }
    total = add(total, lineTotal);
    return { ...item, sources };
  });
  return { errors, items: out, total: toDecimal(total) };
}

/** Everything from one location, as far as it has stock for each line ("Select a Source"). */
export function allFrom(items: readonly SelectionItem[], code: string): string[][] {
  return items.map((item) =>
    item.sources.map((s) => (s.stock_location_code === code ? formatQty(Math.min(s.quantity_available, item.quantity)) : '0')),
  );
}

/** The distinct candidate locations, in the order they first appear. */
export function locationsOf(items: readonly SelectionItem[]): string[] {
  return [...new Set(items.flatMap((i) => i.sources.map((s) => s.stock_location_code)))];
}
