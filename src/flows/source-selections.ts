// Shipping an order the Magento way: propose a source selection for its unshipped
// quantities (or a dry run for SKU quantities in a model), let the merchant edit the
// quantities to deduct (validated, errors pointing at line and location), then submit it:
// one shipment per location, stock deducted there, reservations moved, the remainder open.
// With a single enabled location the selection step is skipped (Magento Single Source).
import { fail, notFound, validation } from '../domain/errors.js';
import { applySelectionEdit, type SelectionItem } from '../domain/ledger/selection-items.js';
import { inTransaction, type Trx } from '../store/transaction.js';
import type { FlowContext } from './context.js';
import { lockOrder, modelOf } from './orders/records.js';
import { proposeDryRun, proposeForOrder, type DryRunInput, type SelectionOptions, type SourceSelectionRow } from './source-selections/propose.js';
import { submitIn, type Submitted } from './source-selections/submit.js';

export type { DryRunInput, SelectionOptions, SourceSelectionRow, Submitted };

export type NewSourceSelection = (SelectionOptions & { readonly orderId: string }) | DryRunInput;

export async function createSourceSelection(ctx: FlowContext, input: NewSourceSelection): Promise<SourceSelectionRow> {
  return inTransaction(ctx.db, async (trx) => {
    if ('orderId' in input) return proposeForOrder(trx, ctx, await lockOrder(trx, input.orderId), input);
    if (!Array.isArray(input.items) || input.items.length === 0) throw validation('items', 'a dry-run selection needs items: [{ sku_code, quantity }]');
    return proposeDryRun(trx, ctx, input);
  });
}

/** Replaces the quantities to deduct (Magento "Qty to Deduct"); refuses with the first error's pointer. */
export async function updateSourceSelectionItems(ctx: FlowContext, id: string, items: unknown): Promise<SourceSelectionRow> {
  return inTransaction(ctx.db, async (trx) => {
    const selection = await lockSelection(trx, id);
    if (selection.status !== 'proposed') throw fail({ code: 'ILLEGAL_TRANSITION', resource: 'source_selection', state: selection.status, trigger: 'edit', message: `source selection ${id} is ${selection.status}; it can no longer be edited` });
    const result = applySelectionEdit(selection.items as SelectionItem[], items);
    if (!result.ok) {
      const [first, ...more] = result.errors;
      if (!first) throw validation('items', 'invalid items');
      throw fail(more.length === 0 ? first : { ...first, message: `${first.message} (and ${more.length} more: ${more.map((e) => e.message).join('; ')})` });
    }
    return trx.updateTable('source_selections')
      // Hand-edited items are no longer the optimiser's plan: its optimality statement goes.
      .set({ items: JSON.stringify(result.items), shippable: result.items.every((i) => i.shortfall === 0), optimality: null, updated_at: ctx.now() })
      .where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  });
}

export async function submitSourceSelection(ctx: FlowContext, id: string): Promise<Submitted> {
  return inTransaction(ctx.db, async (trx) => submitIn(trx, await lockSelection(trx, id), ctx.now()));
}

/** Magento Single Source: a model with one enabled location ships straight from it. */
export async function shipFromSingleSource(ctx: FlowContext, orderId: string): Promise<Submitted> {
  return inTransaction(ctx.db, async (trx) => {
    const order = await lockOrder(trx, orderId);
    const model = await modelOf(trx, order);
    const enabled = await trx.selectFrom('inventory_stock_locations as isl').innerJoin('stock_locations as sl', 'sl.id', 'isl.stock_location_id')
      .select('sl.code').where('isl.inventory_model_id', '=', model.id).where('sl.enabled', '=', true).execute();
    if (enabled.length !== 1) throw validation('order', `model ${model.name} has ${enabled.length} enabled locations; single-source shipping needs exactly one (use a source selection)`);
    return submitIn(trx, await proposeForOrder(trx, ctx, order, { algorithm: 'priority' }), ctx.now());
  });
}

async function lockSelection(trx: Trx, id: string): Promise<SourceSelectionRow> {
  const selection = await trx.selectFrom('source_selections').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!selection) throw notFound('source_selection', id);
  return selection;
}
