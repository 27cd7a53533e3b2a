// `skus.out_of_stock`: written to the outbox, in the same transaction, when a change at a
// stock item (a decrement or a new reservation) takes a SKU's salable quantity in an
// inventory model from above 0 to 0. The salable quantity of each model holding the item's
// location is read before and after the change; nothing is read when no webhook listens to
// the topic (one indexed lookup), so the ledger's hot path stays short.
import { enqueueEvent } from './outbox.js';
import { querySalable } from './salable-query.js';
import type { Trx } from './transaction.js';

export const OUT_OF_STOCK_TOPIC = 'skus.out_of_stock';

/** Call before the change; call the returned function after it. */
export async function watchAvailability(trx: Trx, stockItemId: string): Promise<() => Promise<void>> {
  return watchAvailabilityOf(trx, [stockItemId]);
}

/** The same for a change at several stock items at once: one event per SKU and model at most. */
export async function watchAvailabilityOf(trx: Trx, stockItemIds: readonly string[]): Promise<() => Promise<void>> {
  if (stockItemIds.length === 0) return async () => {};
  const listener = await trx.selectFrom('webhooks').select('id')
    .where('topic', '=', OUT_OF_STOCK_TOPIC).where('disabled_at', 'is', null).limit(1).executeTakeFirst();
  if (!listener) return async () => {};
  const watched = await trx.selectFrom('stock_items as si').innerJoin('inventory_stock_locations as isl', 'isl.stock_location_id', 'si.stock_location_id')
    .select(['si.sku_code', 'isl.inventory_model_id as model']).distinct()
    .where('si.id', 'in', [...new Set(stockItemIds)]).orderBy('si.sku_code').orderBy('isl.inventory_model_id').execute();
  const before: { sku: string; model: string; was: number | null }[] = [];
  for (const { sku_code: sku, model } of watched) before.push({ sku, model, was: await querySalable(trx, sku, model) });
  return async () => {
    for (const { sku, model, was } of before) {
      if (was === null || was <= 0) continue;
      if ((await querySalable(trx, sku, model)) === 0) {
        await enqueueEvent(trx, OUT_OF_STOCK_TOPIC, { sku_code: sku, inventory_model_id: model, salable_quantity: 0 });
      }
    }
  };
}
