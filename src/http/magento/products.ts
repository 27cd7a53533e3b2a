// Magento products, the subset inventory needs ↔ SKUs: POST /V1/products, GET/PUT
// /V1/products/{sku} (PUT creates a missing product, as Magento's does). type_id simple
// (shipped; in the shipping category `default`, created if missing) or virtual
// (do_not_ship). extension_attributes.stock_item: see stock-item-config.ts; its legacy
// `qty` / `is_in_stock` set the source item at the source `default`, as Magento's
// single-source compatibility does. Numeric SKUs may arrive as JSON numbers.
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { newId } from '../../store/ids.js';
import type { Row } from '../../store/schema.js';
import { inTransaction, type Trx } from '../../store/transaction.js';
import { DEFAULT_SOURCE_CODE, DEFAULT_STOCK_ID } from './default-stock.js';
import { MagentoError } from './errors.js';
import { bool, envelope, isRecord, number, text, type Body } from './input.js';
import { defineRoutes, param, type MagentoContext } from './routes.js';
import { saveSourceItems } from './source-items.js';
import { applyStockItem, configOfSku, defaultConfig, skuSettings, stockItemOut } from './stock-item-config.js';
import { ProductAnswer } from './schemas.js';

const ACL = 'Magento_Catalog::products';
const TYPES = ['simple', 'virtual'] as const;

const ProductSchema = Type.Object({
  sku: Type.String(), name: Type.Optional(Type.String()), type_id: Type.Optional(Type.Union([Type.Literal('simple'), Type.Literal('virtual')])),
  extension_attributes: Type.Optional(Type.Object({ stock_item: Type.Optional(Type.Object({
    qty: Type.Optional(Type.Number()), is_in_stock: Type.Optional(Type.Boolean()), is_qty_decimal: Type.Optional(Type.Boolean()),
    use_config_min_sale_qty: Type.Optional(Type.Boolean()), min_sale_qty: Type.Optional(Type.Number()),
    use_config_max_sale_qty: Type.Optional(Type.Boolean()), max_sale_qty: Type.Optional(Type.Number()),
    use_config_enable_qty_inc: Type.Optional(Type.Boolean()), enable_qty_increments: Type.Optional(Type.Boolean()),
    use_config_qty_increments: Type.Optional(Type.Boolean()), qty_increments: Type.Optional(Type.Number()),
    use_config_backorders: Type.Optional(Type.Boolean()), backorders: Type.Optional(Type.Integer({ enum: [0, 1, 2] })),
    use_config_min_qty: Type.Optional(Type.Boolean()), min_qty: Type.Optional(Type.Number()),
    use_config_manage_stock: Type.Optional(Type.Boolean()), manage_stock: Type.Optional(Type.Boolean()),
  }, { additionalProperties: true })) }, { additionalProperties: true })),
}, { additionalProperties: true });

export const productNotFound = () => new MagentoError(404, "The product that was requested doesn't exist. Verify the product and try again.");
const emptyAttribute = (name: string) => new MagentoError(400, 'The "%1" attribute value is empty. Set the attribute and try again.', [name]);

async function defaultCategory(trx: Trx, now: Date): Promise<string> {
  await trx.insertInto('shipping_categories').values({ id: newId('shc'), code: 'default', name: 'Default', created_at: now, updated_at: now, metadata: '{}' })
    .onConflict((oc) => oc.column('code').doNothing()).execute();
  return (await trx.selectFrom('shipping_categories').select('id').where('code', '=', 'default').executeTakeFirstOrThrow()).id;
}

async function saveProduct(ctx: MagentoContext, product: Body, pathSku: string | undefined): Promise<string> {
  const sku = pathSku ?? text(product, 'sku') ?? '';
  if (sku.trim() === '') throw emptyAttribute('sku');
  const now = ctx.now();
  await inTransaction(ctx.db, async (trx) => {
    const locked = await trx.selectFrom('skus').selectAll().where('code', '=', sku).forUpdate().executeTakeFirst();
    const details = locked && await trx.selectFrom('magento_products').select(['type_id', 'use_config']).where('sku_id', '=', locked.id).executeTakeFirst();
    const existing = locked && { ...locked, type_id: details?.type_id, use_config: details?.use_config };
    const name = text(product, 'name') ?? existing?.name ?? '';
    if (name.trim() === '') throw emptyAttribute('name');
    const typeId = text(product, 'type_id') ?? existing?.type_id ?? (existing?.do_not_ship ? 'virtual' : 'simple');
    if (!(TYPES as readonly string[]).includes(typeId)) throw new MagentoError(400, 'Product type "%1" is not supported here; use simple or virtual.', [typeId]);
    const config = applyStockItem(existing ? configOfSku(existing, existing.use_config) : defaultConfig(), product);
    const settings = skuSettings(config);
    if (settings.max_sale_quantity !== null && settings.max_sale_quantity < settings.min_sale_quantity) {
      throw new MagentoError(400, 'The maximum qty allowed in shopping cart must be at least the minimum qty allowed.');
    }
    const columns = {
      name, ...settings, do_not_ship: typeId === 'virtual',
      shipping_category_id: typeId === 'virtual' ? (existing?.shipping_category_id ?? null) : (existing?.shipping_category_id ?? await defaultCategory(trx, now)),
      updated_at: now,
    };
    const skuId = existing?.id ?? newId('sku');
    if (existing) await trx.updateTable('skus').set(columns).where('id', '=', skuId).execute();
    else await trx.insertInto('skus').values({ id: skuId, code: sku, created_at: now, metadata: '{}', ...columns }).execute();
    const stored = { sku_id: skuId, type_id: typeId as 'simple' | 'virtual', use_config: JSON.stringify(config) };
    await trx.insertInto('magento_products').values(stored).onConflict((oc) => oc.column('sku_id').doUpdateSet({ type_id: stored.type_id, use_config: stored.use_config })).execute();
    await legacyStock(ctx, trx, sku, product, settings.do_not_track);
  });
  return sku;
}

/** stock_item.qty / is_in_stock: the source item at the source `default`. */
async function legacyStock(ctx: MagentoContext, trx: Trx, sku: string, product: Body, doNotTrack: boolean): Promise<void> {
  const ext = product.extension_attributes;
  const item = isRecord(ext) && isRecord(ext.stock_item) ? ext.stock_item : {};
  const quantity = number(item, 'qty');
  if (quantity === undefined || doNotTrack) return;
  const inStock = bool(item, 'is_in_stock') ?? quantity > 0;
  await saveSourceItems(ctx, trx, [{ sku, sourceCode: DEFAULT_SOURCE_CODE, quantity, status: inStock ? 'in_stock' : 'out_of_stock' }]);
}

export async function productOut(ctx: MagentoContext, sku: string): Promise<Record<string, unknown>> {
  const row = await ctx.db.kysely.selectFrom('skus as s').leftJoin('magento_products as mp', 'mp.sku_id', 's.id').selectAll('s')
    .select(['mp.type_id', 'mp.use_config']).where('s.code', '=', sku).executeTakeFirst();
  if (!row) throw productNotFound();
  const stock = await ctx.db.kysely.selectFrom('stock_items as si').innerJoin('stock_locations as sl', 'sl.id', 'si.stock_location_id')
    .select(['si.quantity', 'si.status']).where('si.sku_id', '=', row.id).where('sl.code', '=', DEFAULT_SOURCE_CODE).executeTakeFirst();
  return {
    id: row.product_id, sku: row.code, name: row.name, attribute_set_id: 4, status: 1, visibility: 4,
    type_id: row.type_id ?? (row.do_not_ship ? 'virtual' : 'simple'),
    created_at: timestamp(row.created_at), updated_at: timestamp(row.updated_at),
    extension_attributes: {
      website_ids: [1],
      stock_item: {
        item_id: row.product_id, product_id: row.product_id, stock_id: DEFAULT_STOCK_ID,
        qty: stock ? Number(stock.quantity) : 0, is_in_stock: stock ? stock.status === 'in_stock' : false,
        ...stockItemOut(configOfSku(row as Row<'skus'>, row.use_config)),
      },
    },
  };
}

/** Magento's "2026-01-31 10:00:00" (UTC). */
export const timestamp = (d: Date | string) => new Date(d).toISOString().slice(0, 19).replace('T', ' ');

const skuParam = (request: FastifyRequest) => param(request, 'sku');

export const productRoutes = defineRoutes([
  {
    method: 'POST', url: '/products', summary: 'Create or update a product (inventory subset)', acl: ACL, response: ProductAnswer, body: Type.Object({ product: ProductSchema }),
    handler: async (ctx, request) => productOut(ctx, await saveProduct(ctx, envelope(request.body, 'product'), undefined)),
  },
  {
    method: 'GET', url: '/products/:sku', summary: 'Get a product by SKU', acl: ACL, storefront: true, response: ProductAnswer, params: Type.Object({ sku: Type.String() }),
    handler: async (ctx, request) => productOut(ctx, skuParam(request)),
  },
  {
    method: 'PUT', url: '/products/:sku', summary: 'Update (or create) a product by SKU', acl: ACL, response: ProductAnswer,
    params: Type.Object({ sku: Type.String() }), body: Type.Object({ product: ProductSchema }),
    handler: async (ctx, request) => productOut(ctx, await saveProduct(ctx, envelope(request.body, 'product'), skuParam(request))),
  },
]);
