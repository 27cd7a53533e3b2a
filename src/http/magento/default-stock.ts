// Magento's invariant: a Default Stock (stock_id 1), linked to the source `default` only and
// serving the website `base`, always exists. Stockroute creates it, once, on the first
// Magento request (the JSON:API alone never needs it): the inventory model with stock_id 1,
// the location `default` (Magento's "Default Source", country US, postcode 00000) unless one
// exists, its link, and the market `base` unless one exists. Concurrent first requests are
// safe: every insert is ON CONFLICT DO NOTHING inside one transaction.
import type { Db } from '../../store/db.js';
import { newId } from '../../store/ids.js';
import { inTransaction } from '../../store/transaction.js';

export const DEFAULT_STOCK_ID = 1;
export const DEFAULT_SOURCE_CODE = 'default';
export const DEFAULT_WEBSITE_CODE = 'base';

export async function ensureDefaultStock(db: Db, now: Date): Promise<void> {
  const present = await db.kysely.selectFrom('inventory_models').select('id').where('stock_id', '=', DEFAULT_STOCK_ID).executeTakeFirst();
  if (present) return;
  await inTransaction(db, async (trx) => {
    const stamp = { created_at: now, updated_at: now, metadata: '{}', reference: null, reference_origin: null };
    const model = await trx.insertInto('inventory_models').values({
      id: newId('im'), ...stamp, name: 'Default Stock', stock_id: DEFAULT_STOCK_ID, strategy: 'split_shipments',
      stock_locations_cutoff: 50, manual_stock_decrement: true,
    }).onConflict((oc) => oc.column('stock_id').doNothing()).returning('id').executeTakeFirst();
    if (!model) return;
    let location = await trx.selectFrom('stock_locations').select('id').where('code', '=', DEFAULT_SOURCE_CODE).executeTakeFirst();
    if (!location) {
      const address = await trx.insertInto('addresses').values({
        id: newId('addr'), ...stamp, line_1: null, city: null, zip_code: '00000', state_code: null, country_code: 'US', lat: null, lng: null,
      }).returning('id').executeTakeFirstOrThrow();
      location = await trx.insertInto('stock_locations').values({ id: newId('sl'), ...stamp, code: DEFAULT_SOURCE_CODE, name: 'Default Source', address_id: address.id })
        .returning('id').executeTakeFirstOrThrow();
    }
    await trx.insertInto('inventory_stock_locations').values({ id: newId('isl'), ...stamp, inventory_model_id: model.id, stock_location_id: location.id, priority: 1 })
      .onConflict((oc) => oc.columns(['inventory_model_id', 'stock_location_id']).doNothing()).execute();
    await trx.insertInto('markets').values({ id: newId('mkt'), ...stamp, code: DEFAULT_WEBSITE_CODE, name: 'Main Website', inventory_model_id: model.id })
      .onConflict((oc) => oc.column('code').doNothing()).execute();
  });
}
