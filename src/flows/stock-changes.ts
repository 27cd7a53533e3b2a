// One manual change of on-hand at one stock item, inside the caller's transaction, as
// domain/ledger/stock-change.ts decides it:
// - a delta is one conditional UPDATE (never below zero nor below what orders hold); only
//   when it is refused is the item read (and locked) to say why, or to apply it after all
//   when the refusal was a moment's state that has passed;
// - a count locks the item, compares it with the expected on-hand, and moves the difference.
// Both write one stock movement with the reason; the caller serves backorders on arrivals.
import { DEFAULT_REASON, decideStockChange, directionRefusal, isManualReason, MANUAL_REASONS, type ManualReason, type Refusal, type StockChange } from '../domain/ledger/stock-change.js';
import { fail, notFound, validation, type DomainFailure } from '../domain/errors.js';
import { ZERO, isQuantityError, isWhole, parseQuantity, qty, sub, toDecimal, type Quantity } from '../domain/quantity.js';
import type { Row } from '../store/schema.js';
import { applyMovementIf, lockStockItems } from '../store/stock-ledger.js';
import type { Trx } from '../store/transaction.js';

/** A change as a client writes it: decimals as numbers or strings. */
export interface ChangeInput {
  readonly quantity?: number | string | undefined;
  readonly delta?: number | string | undefined;
  readonly expectedQuantity?: number | string | undefined;
  readonly reason?: string | undefined;
}

type Sku = Pick<Row<'skus'>, 'code' | 'quantity_decimal'>;

/** The change and its reason, or VALIDATION_ERROR naming the field; undefined when on-hand is not touched. */
export function parseChange(input: ChangeInput, sku: Sku): StockChange | undefined {
  if (input.quantity !== undefined && input.delta !== undefined) throw validation('delta', 'give either quantity (a count) or delta (an adjustment), not both');
  if (input.expectedQuantity !== undefined && input.quantity === undefined) {
    throw validation('expected_quantity', 'expected_quantity goes with an absolute quantity (a count), not with delta');
  }
  if (input.delta !== undefined) {
    const delta = parseAmount(input.delta, sku, 'delta');
    if (delta === 0) throw validation('delta', 'delta must not be 0');
    return { kind: 'delta', delta };
  }
  if (input.quantity === undefined) return undefined;
  const quantity = parseStock(input.quantity, sku, 'quantity');
  const expected = input.expectedQuantity === undefined ? undefined : parseStock(input.expectedQuantity, sku, 'expected_quantity');
  return { kind: 'count', quantity, expected };
}

export function parseReason(raw: string | undefined): ManualReason {
  const reason = raw ?? DEFAULT_REASON;
  if (!isManualReason(reason)) throw validation('reason', `reason must be one of ${MANUAL_REASONS.join(', ')}, not ${JSON.stringify(raw)}`);
  return reason;
}

export interface OnHandChange {
  readonly item: Pick<Row<'stock_items'>, 'id' | 'sku_code' | 'stock_location_id'>;
  readonly change: StockChange;
  readonly reason: ManualReason;
  readonly reference?: string | null | undefined;
}

export interface Changed {
  readonly delta: Quantity;
  readonly quantityAfter: Quantity;
  /** null when a count found on-hand already right (nothing written). */
  readonly movementId: string | null;
}

export async function changeOnHand(trx: Trx, c: OnHandChange): Promise<Changed> {
  const field = c.change.kind === 'delta' ? 'delta' : 'quantity';
  if (c.change.kind === 'delta') {
    const wrong = directionRefusal(c.reason, c.change.delta);
    if (wrong) throw await refusalError(trx, c.item, wrong, field);
    const moved = await applyMovementIf(trx, { stockItemId: c.item.id, delta: c.change.delta, reason: c.reason, reference: c.reference, keepHeld: true });
    if (moved) return { delta: c.change.delta, ...moved };
  }
  // A count, or a delta refused by the conditional UPDATE: decide under the row lock.
  const [locked] = await lockStockItems(trx, [c.item.id]);
  if (!locked) throw notFound('stock_item', c.item.id);
  const state = { quantity: qty(locked.quantity), held: qty(locked.reserved_quantity) };
  const decision = decideStockChange(state, c.change, c.reason);
  if (!decision.ok) throw await refusalError(trx, c.item, decision.refusal, field);
  if (decision.delta === 0) return { delta: ZERO, quantityAfter: state.quantity, movementId: null };
  const moved = await applyMovementIf(trx, {
    stockItemId: c.item.id, delta: decision.delta, reason: c.reason, reference: c.reference, keepHeld: true, expected: state.quantity,
  });
  if (!moved) throw new Error(`stock item ${c.item.id} changed under its lock`);
  return { delta: decision.delta, ...moved };
}

async function refusalError(trx: Trx, item: OnHandChange['item'], r: Refusal, field: string): Promise<DomainFailure> {
  const location = await trx.selectFrom('stock_locations').select('code').where('id', '=', item.stock_location_id).executeTakeFirst();
  const where = `${item.sku_code} at ${location?.code ?? item.stock_location_id}`;
  switch (r.kind) {
    case 'wrong_direction':
      return validation('reason', r.delta > 0
        ? `${r.reason} is a reason for removing stock; adding ${toDecimal(r.delta)} needs received, returned, found, count_correction or adjustment`
        : `${r.reason} is a reason for adding stock; removing ${toDecimal(sub(ZERO, r.delta))} needs damaged, lost, count_correction or adjustment`);
    case 'stale':
      return fail({
        code: 'STALE_QUANTITY', sku: item.sku_code, location: location?.code ?? item.stock_location_id, expected: r.expected, current: r.current,
        message: `${where} has ${toDecimal(r.current)} on hand, not the expected ${toDecimal(r.expected)}: nothing was changed; count again from ${toDecimal(r.current)}`,
      });
    case 'below_held': {
      const available = sub(r.onHand, r.floor);
      return fail({
        code: 'INSUFFICIENT_STOCK', sku: item.sku_code, location: location?.code ?? item.stock_location_id, field,
        requested: r.asked, available: available < 0 ? ZERO : available, onHand: r.onHand, held: r.held,
        message: `cannot remove ${toDecimal(r.asked)} of ${where}: ${toDecimal(r.onHand)} on hand, ${toDecimal(r.held)} held by orders, ` +
          `so at most ${toDecimal(available < 0 ? ZERO : available)} can be removed`,
      });
    }
    default: {
      const never: never = r;
      return never;
    }
  }
}

/** A non-negative on-hand count: whole units unless the SKU is sold in decimals. */
export function parseStock(raw: unknown, sku: Sku, field: string): Quantity {
  const q = parseAmount(raw, sku, field);
  if (q < 0) throw validation(field, `${field} of ${sku.code} cannot be negative: ${String(raw)}`);
  return q;
}

export function parseAmount(raw: unknown, sku: Sku, field: string): Quantity {
  const q = parseQuantity(raw);
  if (isQuantityError(q)) throw validation(field, `${field} must be a number with at most 4 decimals, not ${JSON.stringify(raw)}`);
  if (!sku.quantity_decimal && !isWhole(q)) throw validation(field, `${sku.code} is counted in whole units, not ${String(raw)}`);
  return q;
}
