// Builds a small inventory world for order-flow tests: a model with locations by priority,
// SKUs (optionally in shipping categories), stock per SKU × location, a market; plus helpers
// to read what the flows wrote. `aWorld(db, { stock: { TEE: { 'eu-1': 5 } } })`.
import type { Kysely } from 'kysely';
import { DomainFailure, type DomainError } from '../../domain/errors.js';
import type { Database, NewRow, Row } from '../../store/schema.js';
import { aLocation, aMarket, aModel, aModelLocation, aShippingCategory, aSku, aStockItem } from '../../store/test-support/inventory-fixtures.js';
import type { TestDb } from '../../store/test-support/engines.js';
import { flowContext, type FlowContext } from '../context.js';
import { createOrder } from '../orders/create.js';

export interface WorldSpec {
  readonly model?: Partial<NewRow<'inventory_models'>>;
  /** code → options; priority defaults to the position + 1 */
  readonly locations?: Record<string, { priority?: number; onHold?: boolean; enabled?: boolean; lat?: number; lng?: number }>;
  readonly skus?: Record<string, Partial<NewRow<'skus'>> & { category?: string }>;
  /** sku → location → on hand */
  readonly stock?: Record<string, Record<string, number>>;
  readonly returnLocations?: readonly string[];
}

export interface World {
  readonly ctx: FlowContext;
  readonly model: Row<'inventory_models'>;
  readonly market: Row<'markets'>;
  readonly location: Record<string, Row<'stock_locations'>>;
  readonly sku: Record<string, Row<'skus'>>;
  /** A draft order with these lines: `order({ TEE: 2 })`. */
  order(lines: Record<string, number>, extra?: Parameters<typeof createOrder>[1]): Promise<Row<'orders'>>;
}

let worlds = 0;

export async function aWorld(db: TestDb, spec: WorldSpec = {}, now?: () => Date): Promise<World> {
  const k = db.kysely;
  const tag = `w${++worlds}${Math.random().toString(36).slice(2, 6)}`;
  const model = await aModel(k, { ...spec.model });
  const location: Record<string, Row<'stock_locations'>> = {};
  for (const [i, [code, o]] of Object.entries(spec.locations ?? { 'eu-1': {} }).entries()) {
    location[code] = await aLocation(k, { code: `${tag}-${code}`, enabled: o.enabled ?? true, ...(o.lat !== undefined && o.lng !== undefined ? { lat: o.lat, lng: o.lng } : {}) });
    await aModelLocation(k, model.id, location[code].id, { priority: o.priority ?? i + 1, on_hold: o.onHold ?? false });
  }
  for (const [i, code] of (spec.returnLocations ?? []).entries()) {
    const l = location[code];
    if (!l) throw new Error(`unknown return location ${code}`);
    await k.insertInto('inventory_return_locations').values({ id: `irl_${tag}_${i}`, inventory_model_id: model.id, stock_location_id: l.id, priority: i + 1, metadata: '{}' }).execute();
  }
  const categories = new Map<string, string>();
  const sku: Record<string, Row<'skus'>> = {};
  const skuSpecs: NonNullable<WorldSpec['skus']> = { ...Object.fromEntries(Object.keys(spec.stock ?? {}).map((c) => [c, {}])), ...spec.skus };
  for (const [code, { category, ...o }] of Object.entries(skuSpecs)) {
    let categoryId: string | null = null;
    if (category !== undefined) {
      if (!categories.has(category)) categories.set(category, (await aShippingCategory(k, { code: `${tag}-${category}` })).id);
      categoryId = categories.get(category) ?? null;
    }
    sku[code] = await aSku(k, { code: `${tag}-${code}`, shipping_category_id: categoryId, ...o });
  }
  for (const [skuCode, at] of Object.entries(spec.stock ?? {})) {
    for (const [loc, quantity] of Object.entries(at)) {
      const s = sku[skuCode];
      const l = location[loc];
      if (!s || !l) throw new Error(`stock for unknown ${skuCode} @ ${loc}`);
      await aStockItem(db, s, l, quantity);
    }
  }
  const market = await aMarket(k, model.id);
  const ctx = flowContext(db, now ? { now } : {});
  return {
    ctx, model, market, location, sku,
    order: (lines, extra = {}) => createOrder(ctx, {
      marketId: market.id, ...extra,
      lines: Object.entries(lines).map(([code, quantity]) => ({ skuCode: sku[code]?.code ?? code, quantity })),
    }),
  };
}

/** On hand and reserved of a SKU at a location, as plain decimals. */
export async function level(k: Kysely<Database>, sku: Row<'skus'>, location: Row<'stock_locations'>): Promise<{ onHand: number; reserved: number }> {
  const item = await k.selectFrom('stock_items').select(['quantity', 'reserved_quantity']).where('sku_id', '=', sku.id).where('stock_location_id', '=', location.id).executeTakeFirst();
  return { onHand: item?.quantity ?? 0, reserved: item?.reserved_quantity ?? 0 };
}

export async function shipmentsOf(k: Kysely<Database>, orderId: string) {
  const shipments = await k.selectFrom('shipments').selectAll().where('order_id', '=', orderId).orderBy('number').execute();
  const lines = await k.selectFrom('stock_line_items').selectAll().where('order_id', '=', orderId).orderBy('id').execute();
  return shipments.map((s) => ({ ...s, items: lines.filter((l) => l.shipment_id === s.id) }));
}

/** The DomainError a promise rejects with (fails the test if it resolves or throws something else). */
export async function domainError(p: Promise<unknown>): Promise<DomainError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof DomainFailure) return e.error;
    throw e;
  }
  throw new Error('expected a DomainFailure');
}
