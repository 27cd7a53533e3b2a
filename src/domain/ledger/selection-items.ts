// A source selection's items as stored and shown (API.md `source_selections.items`), and the
// merchant's edit of them (Magento's "Qty to Deduct"). `applySelectionEdit` checks an edit
// against the proposal and returns the edited items or every error, each naming its path:
// - an edited line is matched by position (and line_item_id / sku_code when given);
// - a source by stock_location_code, which must be one of the line's proposed sources;
// - quantity_to_deduct: a number ≥ 0 with at most 4 decimals, never more than the location
//   has available to this order, and the line's total never more than its unshipped quantity.
// Lines and sources the edit leaves out keep their proposed quantities.
import type { DomainError } from '../errors.js';
import { ZERO, add, isQuantityError, parseQuantity, qty, sub, toDecimal, type Quantity } from '../quantity.js';

export interface SelectionSource {
  readonly stock_location_code: string;
  readonly priority: number;
  readonly distance_m?: number | null;
  readonly duration_s?: number | null;
  readonly quantity_available: number;
  readonly quantity_to_deduct: number;
}

export interface SelectionItem {
  readonly line_item_id: string | null;
  readonly sku_code: string;
  /** The unshipped quantity requested for this line. */
  readonly quantity: number;
  readonly shortfall: number;
  readonly sources: readonly SelectionSource[];
}

export type EditResult =
  | { readonly ok: true; readonly items: SelectionItem[] }
  | { readonly ok: false; readonly errors: DomainError[] };

const error = (field: string, message: string): DomainError => ({ code: 'VALIDATION_ERROR', field, message });
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function applySelectionEdit(proposal: readonly SelectionItem[], edit: unknown): EditResult {
  if (!Array.isArray(edit)) return { ok: false, errors: [error('items', 'items must be a list of lines with their sources')] };
  const errors: DomainError[] = [];
  if (edit.length > proposal.length) errors.push(error(`items/${proposal.length}`, `the selection has ${proposal.length} line(s); there is no line ${proposal.length}`));
  const items = proposal.map((item, i) => (i < edit.length ? editLine(item, edit[i], `items/${i}`, errors) : item));
  return errors.length > 0 ? { ok: false, errors } : { ok: true, items };
}

function editLine(item: SelectionItem, raw: unknown, path: string, errors: DomainError[]): SelectionItem {
  if (!isRecord(raw)) { errors.push(error(path, 'each item must be an object with sources')); return item; }
  if (raw.line_item_id !== undefined && raw.line_item_id !== item.line_item_id) {
    errors.push(error(`${path}/line_item_id`, `line ${path.slice(6)} is line item ${String(item.line_item_id)}, not ${String(raw.line_item_id)}`));
  }
  if (raw.sku_code !== undefined && raw.sku_code !== item.sku_code) {
    errors.push(error(`${path}/sku_code`, `line ${path.slice(6)} is SKU ${item.sku_code}, not ${String(raw.sku_code)}`));
  }
  if (raw.sources === undefined) return item;
  if (!Array.isArray(raw.sources)) { errors.push(error(`${path}/sources`, 'sources must be a list')); return item; }
  const deduct = new Map(item.sources.map((s) => [s.stock_location_code, qty(s.quantity_to_deduct)]));
  let lastPath = `${path}/sources`;
  raw.sources.forEach((s: unknown, j: number) => {
    const at = `${path}/sources/${j}`;
    if (!isRecord(s)) { errors.push(error(at, 'each source must be an object')); return; }
    const source = item.sources.find((p) => p.stock_location_code === s.stock_location_code);
    if (!source) {
      errors.push(error(`${at}/stock_location_code`, `${String(s.stock_location_code)} is not a source of ${item.sku_code} in this selection`));
      return;
    }
    const q = checkQuantity(s.quantity_to_deduct, source, `${at}/quantity_to_deduct`, errors);
    if (q !== null) { deduct.set(source.stock_location_code, q); if (q > 0) lastPath = `${at}/quantity_to_deduct`; }
  });
  let total: Quantity = ZERO;
  for (const q of deduct.values()) total = add(total, q);
  const requested = qty(item.quantity);
  if (total > requested) {
    errors.push(error(lastPath, `${item.sku_code}: ${toDecimal(total)} to deduct in all is more than the ${item.quantity} not yet shipped`));
  }
  return {
    ...item,
    shortfall: toDecimal(sub(requested, total) < 0 ? ZERO : sub(requested, total)),
    sources: item.sources.map((s) => ({ ...s, quantity_to_deduct: toDecimal(deduct.get(s.stock_location_code) ?? ZERO) })),
  };
}

function checkQuantity(raw: unknown, source: SelectionSource, at: string, errors: DomainError[]): Quantity | null {
  const q = typeof raw === 'number' || typeof raw === 'string' ? parseQuantity(raw) : null;
  if (q === null || isQuantityError(q)) {
    const why = q !== null && q.kind === 'too_many_decimals' ? 'has more than 4 decimals' : 'must be a number';
    errors.push(error(at, `quantity to deduct at ${source.stock_location_code} ${why}: ${JSON.stringify(raw)}`));
    return null;
  }
  if (q < 0) { errors.push(error(at, `quantity to deduct at ${source.stock_location_code} cannot be negative (${toDecimal(q)})`)); return null; }
  if (q > qty(source.quantity_available)) {
    errors.push(error(at, `${source.stock_location_code} has ${source.quantity_available} available to this order, not ${toDecimal(q)}`));
    return null;
  }
  return q;
}
