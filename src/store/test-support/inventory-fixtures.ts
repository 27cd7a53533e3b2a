// Fixture builders for stock tests: each inserts one record with sensible defaults and
// returns it; pass only what the test is about (`aSku(db, { allow_backorders: true })`).
// Stock items get their on-hand quantity through an 'initial' movement, so on_hand = Σ
// movements holds in every fixture.
import type { Kysely } from 'kysely';
import { qty } from '../../domain/quantity.js';
import type { Db } from '../db.js';
import { newId } from '../ids.js';
import type { Database, NewRow, Row } from '../schema.js';
import { applyMovement } from '../stock-ledger.js';
import { inTransaction } from '../transaction.js';

let counter = 0;
const next = (prefix: string) => `${prefix}-${++counter}-${Math.random().toString(36).slice(2, 6)}`;
type Overrides<T extends keyof Database> = Partial<NewRow<T>>;

export async function aShippingCategory(k: Kysely<Database>, o: Overrides<'shipping_categories'> = {}): Promise<Row<'shipping_categories'>> {
  const code = o.code ?? next('cat');
  return k.insertInto('shipping_categories').values({ id: newId('shc'), code, name: code, ...o }).returningAll().executeTakeFirstOrThrow();
}

export async function aSku(k: Kysely<Database>, o: Overrides<'skus'> = {}): Promise<Row<'skus'>> {
  const code = o.code ?? next('SKU');
  return k.insertInto('skus').values({ id: newId('sku'), code, name: code, ...o }).returningAll().executeTakeFirstOrThrow();
}

export async function aLocation(k: Kysely<Database>, o: Overrides<'stock_locations'> & { lat?: number; lng?: number } = {}): Promise<Row<'stock_locations'>> {
  const { lat, lng, ...rest } = o;
  let addressId: string | null = null;
  if (lat !== undefined && lng !== undefined) {
    addressId = newId('adr');
    await k.insertInto('addresses').values({ id: addressId, lat, lng, metadata: '{}' }).execute();
  }
  const code = rest.code ?? next('loc');
  return k.insertInto('stock_locations').values({ id: newId('loc'), code, name: code, address_id: addressId, ...rest }).returningAll().executeTakeFirstOrThrow();
}

export async function aModel(k: Kysely<Database>, o: Overrides<'inventory_models'> = {}): Promise<Row<'inventory_models'>> {
  return k.insertInto('inventory_models').values({ id: newId('invm'), name: next('model'), ...o }).returningAll().executeTakeFirstOrThrow();
}

export async function aModelLocation(
  k: Kysely<Database>, modelId: string, locationId: string, o: Overrides<'inventory_stock_locations'> = {},
): Promise<Row<'inventory_stock_locations'>> {
  return k.insertInto('inventory_stock_locations')
    .values({ id: newId('isl'), inventory_model_id: modelId, stock_location_id: locationId, priority: 1, ...o })
    .returningAll().executeTakeFirstOrThrow();
}

export async function aMarket(k: Kysely<Database>, modelId: string, o: Overrides<'markets'> = {}): Promise<Row<'markets'>> {
  const code = o.code ?? next('mkt');
  return k.insertInto('markets').values({ id: newId('mkt'), code, name: code, inventory_model_id: modelId, ...o }).returningAll().executeTakeFirstOrThrow();
}

/** A stock item holding `quantity` on hand, recorded as an 'initial' movement. */
export async function aStockItem(
  db: Db, sku: Row<'skus'>, location: Row<'stock_locations'>, quantity: number, o: Overrides<'stock_items'> = {},
): Promise<Row<'stock_items'>> {
  return inTransaction(db, async (trx) => {
    const item = await trx.insertInto('stock_items')
      .values({ id: newId('si'), sku_id: sku.id, sku_code: sku.code, stock_location_id: location.id, quantity: 0, ...o })
      .returningAll().executeTakeFirstOrThrow();
    if (quantity === 0) return item;
    await applyMovement(trx, { stockItemId: item.id, delta: qty(quantity), reason: 'initial' });
    return trx.selectFrom('stock_items').selectAll().where('id', '=', item.id).executeTakeFirstOrThrow();
  });
}

/** An order in `status` with one line of `quantity` of which `backordered` is backordered. */
export async function anOrderLine(
  k: Kysely<Database>, marketId: string, sku: Row<'skus'>, o: { status?: Row<'orders'>['status']; quantity?: number; backordered?: number } = {},
): Promise<{ order: Row<'orders'>; line: Row<'line_items'> }> {
  const order = await k.insertInto('orders')
    .values({ id: newId('ord'), number: next('R'), market_id: marketId, status: o.status ?? 'placed' })
    .returningAll().executeTakeFirstOrThrow();
  const line = await k.insertInto('line_items')
    .values({ id: newId('li'), order_id: order.id, sku_id: sku.id, sku_code: sku.code, quantity: o.quantity ?? 1, backordered_quantity: o.backordered ?? 0 })
    .returningAll().executeTakeFirstOrThrow();
  return { order, line };
}
