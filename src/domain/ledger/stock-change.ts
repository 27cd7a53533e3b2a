// A manual change of on-hand stock (an adjustment by delta or a count), decided on values:
// 1. the reason comes from a closed list, and says which way stock may move: `received`,
//    `returned` and `found` only add, `damaged` and `lost` only remove, `count_correction`,
//    `adjustment` (the default) and `import` go either way;
// 2. a count (absolute quantity) may carry the on-hand the client last saw
//    (`expected`): if on-hand is no longer that, the count is stale and changes nothing;
// 3. the change is the delta, or the count minus on-hand;
// 4. a removal never takes on-hand below zero nor below what orders hold.
// The store applies the same rule as one conditional UPDATE (store/stock-ledger.ts); this
// file says why a refused change was refused, in terms a client can act on.
import { ZERO, max, sub, type Quantity } from '../quantity.js';

/** Reasons a client may give to a change of on-hand. */
export const MANUAL_REASONS = ['received', 'returned', 'damaged', 'lost', 'found', 'count_correction', 'adjustment', 'import'] as const;
export type ManualReason = (typeof MANUAL_REASONS)[number];
export const DEFAULT_REASON: ManualReason = 'adjustment';

const ADDS: readonly ManualReason[] = ['received', 'returned', 'found'];
const REMOVES: readonly ManualReason[] = ['damaged', 'lost'];

export function isManualReason(value: unknown): value is ManualReason {
  return typeof value === 'string' && (MANUAL_REASONS as readonly string[]).includes(value);
}

export type StockChange =
  | { readonly kind: 'delta'; readonly delta: Quantity }
  | { readonly kind: 'count'; readonly quantity: Quantity; readonly expected?: Quantity | undefined };

export interface OnHand {
  readonly quantity: Quantity;
  /** Reserved by orders (and carts); a removal may not go below it. */
  readonly held: Quantity;
}

export type Refusal =
  | { readonly kind: 'wrong_direction'; readonly reason: ManualReason; readonly delta: Quantity }
  | { readonly kind: 'stale'; readonly current: Quantity; readonly expected: Quantity }
  /** Removing `asked` would leave less than `floor` (zero, or what orders hold). */
  | { readonly kind: 'below_held'; readonly asked: Quantity; readonly onHand: Quantity; readonly held: Quantity; readonly floor: Quantity };

export type Decision = { readonly ok: true; readonly delta: Quantity } | { readonly ok: false; readonly refusal: Refusal };

/** The delta the change makes to `state`, or why it is refused. */
export function decideStockChange(state: OnHand, change: StockChange, reason: ManualReason): Decision {
  if (change.kind === 'count' && change.expected !== undefined && change.expected !== state.quantity) {
    return { ok: false, refusal: { kind: 'stale', current: state.quantity, expected: change.expected } };
  }
  const delta = change.kind === 'delta' ? change.delta : sub(change.quantity, state.quantity);
  const direction = directionRefusal(reason, delta);
  if (direction) return { ok: false, refusal: direction };
  if (delta < 0) {
    const floor = removalFloor(state.held);
    if (state.quantity + delta < floor) {
      return { ok: false, refusal: { kind: 'below_held', asked: sub(ZERO, delta), onHand: state.quantity, held: state.held, floor } };
    }
  }
  return { ok: true, delta };
}

/** A reason that only adds refuses a removal, and the other way round; a zero change is fine. */
export function directionRefusal(reason: ManualReason, delta: Quantity): Refusal | undefined {
  if ((delta < 0 && ADDS.includes(reason)) || (delta > 0 && REMOVES.includes(reason))) return { kind: 'wrong_direction', reason, delta };
  return undefined;
}

/** The lowest on-hand a removal may leave: what orders hold, and never below zero. */
export const removalFloor = (held: Quantity): Quantity => max(ZERO, held);
