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
  const listener = await trx.selectFrom('webhooks').select('id')
    .where('topic', '=', OUT_OF_STOCK_TOPIC).where('disabled_at', 'is', null).limit(1).executeTakeFirst();
  if (!listener) return async () => {};
  const item = await trx.selectFrom('stock_items').select(['sku_code', 'stock_location_id']).where('id', '=', stockItemId).executeTakeFirst();
  if (!item) return async () => {};
  const models = await trx.selectFrom('inventory_stock_locations').select('inventory_model_id')
    .where('stock_location_id', '=', item.stock_location_id).orderBy('inventory_model_id').execute();
  const before = new Map<string, number | null>();
  for (const { inventory_model_id: model } of models) before.set(model, await querySalable(trx, item.sku_code, model));
  return async () => {
    for (const [model, was] of before) {
      if (was === null || was <= 0) continue;
      if ((await querySalable(trx, item.sku_code, model)) === 0) {
        await enqueueEvent(trx, OUT_OF_STOCK_TOPIC, { sku_code: item.sku_code, inventory_model_id: model, salable_quantity: 0 });
      }
    }
  };
}
