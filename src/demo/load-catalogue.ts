// Writes the demo catalogue in ONE transaction with multi-row INSERTs of 1,000 rows:
// addresses, locations, shipping categories, inventory models with their locations and
// return locations, markets, SKUs, stock items, and one 'initial' stock movement per stock
// item with a quantity, so on_hand = Σ movements holds from the first moment.
import type { Db } from '../store/db.js';
import { newId } from '../store/ids.js';
import type { NewRow, TableName } from '../store/schema.js';
import { inTransaction, type Trx } from '../store/transaction.js';
import type { DemoSku } from './catalogue.js';
import { DEMO_LOCATIONS } from './locations.js';
import { DEMO_CATEGORIES, DEMO_MODELS } from './markets.js';
import type { DemoStockItem } from './stock.js';

const CHUNK = 1000;

async function insertChunked<T extends TableName>(trx: Trx, table: T, rows: readonly NewRow<T>[], onChunk?: (n: number) => void): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the table is generic; the rows are typed by NewRow<T>
    await trx.insertInto(table).values(chunk as any).execute();
    onChunk?.(chunk.length);
  }
}

export async function loadCatalogue(db: Db, skus: readonly DemoSku[], stock: readonly DemoStockItem[], onRows: (n: number) => void): Promise<void> {
  await inTransaction(db, async (trx) => {
    const locationIds = new Map(DEMO_LOCATIONS.map((l) => [l.code, newId('sloc')]));
    const addresses = DEMO_LOCATIONS.map(({ code: _c, name: _n, enabled: _e, ...address }) => ({ id: newId('addr'), ...address }));
    await insertChunked(trx, 'addresses', addresses);
    await insertChunked(trx, 'stock_locations', DEMO_LOCATIONS.map((l, i) => ({
      id: locationIds.get(l.code)!, code: l.code, name: l.name, enabled: l.enabled, address_id: addresses[i]!.id,
    })));
    const categoryIds = new Map(DEMO_CATEGORIES.map((c) => [c.code as string, newId('shc')]));
    await insertChunked(trx, 'shipping_categories', DEMO_CATEGORIES.map((c) => ({ id: categoryIds.get(c.code)!, code: c.code, name: c.name })));

    for (const model of DEMO_MODELS) {
      const modelId = newId('im');
      await trx.insertInto('inventory_models').values({ id: modelId, name: model.name, strategy: model.strategy, stock_locations_cutoff: model.cutoff }).execute();
      await insertChunked(trx, 'inventory_stock_locations', model.locations.map((l, i) => {
        const code = typeof l === 'string' ? l : l.code;
        return { id: newId('isl'), inventory_model_id: modelId, stock_location_id: locationIds.get(code)!, priority: i + 1, on_hold: typeof l !== 'string' };
      }));
      await insertChunked(trx, 'inventory_return_locations', model.returnsTo.map((code, i) => ({
        id: newId('irl'), inventory_model_id: modelId, stock_location_id: locationIds.get(code)!, priority: i + 1,
      })));
      await trx.insertInto('markets').values({ id: newId('mkt'), code: model.market.code, name: model.market.name, inventory_model_id: modelId }).execute();
    }

    const skuIds = new Map(skus.map((s) => [s.code, newId('sku')]));
    await insertChunked(trx, 'skus', skus.map((s) => ({
      id: skuIds.get(s.code)!, code: s.code, name: s.name, shipping_category_id: s.category ? categoryIds.get(s.category)! : null,
      weight: s.weight, unit_of_weight: s.unit, do_not_ship: s.doNotShip, do_not_track: s.doNotTrack,
      allow_backorders: s.allowBackorders, quantity_decimal: s.quantityDecimal,
      min_sale_quantity: s.increments ?? 1, quantity_increments: s.increments,
    })), onRows);

    const items = stock.map((s) => ({ ...s, id: newId('si'), skuId: skuIds.get(s.skuCode)!, locationId: locationIds.get(s.locationCode)! }));
    await insertChunked(trx, 'stock_items', items.map((s) => ({
      id: s.id, sku_id: s.skuId, sku_code: s.skuCode, stock_location_id: s.locationId, quantity: s.quantity, status: s.status,
    })), onRows);
    await insertChunked(trx, 'stock_movements', items.filter((s) => s.quantity > 0).map((s) => ({
      id: newId('mov'), stock_item_id: s.id, stock_location_id: s.locationId, sku_code: s.skuCode,
      delta: s.quantity, reason: 'initial', quantity_after: s.quantity,
    })), onRows);
  });
}
