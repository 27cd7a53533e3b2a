// `skus.out_of_stock`: after a stock item's availability drops (a decrement or a new
// reservation), each inventory model holding that location is asked for the SKU's salable
// quantity; where it is now 0 the event is written to the outbox in the same transaction.
// Nothing is computed when no webhook listens to the topic (one indexed lookup).
import { enqueueEvent } from './outbox.js';
import { querySalable } from './salable-query.js';
import type { Trx } from './transaction.js';

export const OUT_OF_STOCK_TOPIC = 'skus.out_of_stock';

export async function noteAvailabilityDrop(trx: Trx, at: { skuId: string; skuCode: string; stockLocationId: string }): Promise<void> {
  const listener = await trx.selectFrom('webhooks').select('id')
    .where('topic', '=', OUT_OF_STOCK_TOPIC).where('disabled_at', 'is', null).limit(1).executeTakeFirst();
  if (!listener) return;
  const models = await trx.selectFrom('inventory_stock_locations').select('inventory_model_id')
    .where('stock_location_id', '=', at.stockLocationId).orderBy('inventory_model_id').execute();
  for (const { inventory_model_id } of models) {
    const salable = await querySalable(trx, at.skuCode, inventory_model_id);
    if (salable === 0) {
      await enqueueEvent(trx, OUT_OF_STOCK_TOPIC, { sku_code: at.skuCode, inventory_model_id, salable_quantity: 0 });
    }
  }
}
