// Magento's salability service over Stockroute's salable quantity (flows/salable.ts):
//   GET /V1/inventory/get-product-salable-quantity/{sku}/{stockId}   → number
//   GET /V1/inventory/is-product-salable/{sku}/{stockId}               → boolean
//   GET /V1/inventory/is-product-salable-for-requested-qty/{sku}/{stockId}/{requestedQty}
//       → { salable, errors: [{ code, message }] }
// salable quantity = Σ (on hand − reserved by placed orders) over the stock's enabled sources
// in stock − backordered demand − min_qty (out_of_stock_threshold), never below 0.
// The requested-qty check runs Magento's conditions in Magento's order: min sale qty, max sale
// qty, increments, decimals (the first broken one is the answer); then manage_stock off or
// backorders (with min_qty ≥ 0) make it salable; else there must be enough salable quantity.
import { Type } from 'typebox';
import { qty, toDecimal } from '../../domain/quantity.js';
import { salableQuantity } from '../../flows/salable.js';
import type { Row } from '../../store/schema.js';
import { MagentoError } from './errors.js';
import { productNotFound } from './products.js';
import { defineRoutes, param, type MagentoContext } from './routes.js';
import { modelByStockId } from './stock-records.js';
import { SalableForQtyAnswer } from './schemas.js';

const ACL = 'Magento_InventoryApi::stock';

async function skuAndModel(ctx: MagentoContext, sku: string, stockId: string): Promise<{ sku: Row<'skus'>; model: Row<'inventory_models'> }> {
  const model = await modelByStockId(ctx.db.kysely, stockId);
  const row = await ctx.db.kysely.selectFrom('skus').selectAll().where('code', '=', sku).executeTakeFirst();
  if (!row) throw productNotFound();
  return { sku: row, model };
}

async function salable(ctx: MagentoContext, sku: Row<'skus'>, model: Row<'inventory_models'>): Promise<number> {
  const q = await salableQuantity(ctx.db, { skuCode: sku.code, inventoryModelId: model.id });
  return q === null ? 0 : toDecimal(q);
}

/** Backorders: salable while any of the stock's enabled sources has the SKU in stock. */
async function inStockSomewhere(ctx: MagentoContext, sku: Row<'skus'>, model: Row<'inventory_models'>): Promise<boolean> {
  const row = await ctx.db.kysely.selectFrom('stock_items as si').innerJoin('stock_locations as sl', 'sl.id', 'si.stock_location_id')
    .innerJoin('inventory_stock_locations as isl', 'isl.stock_location_id', 'sl.id')
    .select('si.id').where('si.sku_id', '=', sku.id).where('si.status', '=', 'in_stock').where('sl.enabled', '=', true)
    .where('isl.inventory_model_id', '=', model.id).limit(1).executeTakeFirst();
  return row !== undefined;
}

export interface SalabilityError { readonly code: string; readonly message: string }

/** Magento's IsCorrectQtyCondition: the first rule the requested quantity breaks. */
export function correctQtyError(sku: Pick<Row<'skus'>, 'min_sale_quantity' | 'max_sale_quantity' | 'quantity_increments' | 'quantity_decimal'>, requested: number): SalabilityError | null {
  const min = Number(sku.min_sale_quantity);
  if (min && requested < min) return { code: 'is_correct_qty-min_sale_qty', message: `The fewest you may purchase is ${toDecimal(qty(min))}.` };
  const max = sku.max_sale_quantity === null ? 0 : Number(sku.max_sale_quantity);
  if (max && requested > max) return { code: 'is_correct_qty-max_sale_qty', message: 'The requested qty exceeds the maximum qty allowed in shopping cart' };
  const increments = sku.quantity_increments === null ? 0 : Number(sku.quantity_increments);
  if (increments && qty(requested) % qty(increments) !== 0) {
    return { code: 'is_correct_qty-qty_increment', message: `You can buy this product only in quantities of ${toDecimal(qty(increments))} at a time.` };
  }
  if (!sku.quantity_decimal && Math.floor(requested) !== requested) return { code: 'is_correct_qty-is_qty_decimal', message: 'You cannot use decimal quantity for this product.' };
  return null;
}

function requestedOf(raw: string): number {
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n)) throw new MagentoError(400, `Error occurred during "requestedQty" processing. The "${raw}" value's type is invalid. The "float" type was expected. Verify and try again.`);
  return n;
}

export const salabilityRoutes = defineRoutes([
  {
    method: 'GET', url: '/inventory/get-product-salable-quantity/:sku/:stockId', summary: 'Salable quantity of a product in a stock', acl: ACL, storefront: true, response: Type.Number({ minimum: 0, description: 'the salable quantity' }),
    params: Type.Object({ sku: Type.String(), stockId: Type.Integer() }),
    handler: async (ctx, request) => {
      const { sku, model } = await skuAndModel(ctx, param(request, 'sku'), param(request, 'stockId'));
      return salable(ctx, sku, model);
    },
  },
  {
    method: 'GET', url: '/inventory/is-product-salable/:sku/:stockId', summary: 'Is a product salable in a stock', acl: ACL, storefront: true, response: Type.Boolean(),
    params: Type.Object({ sku: Type.String(), stockId: Type.Integer() }),
    handler: async (ctx, request) => {
      const model = await modelByStockId(ctx.db.kysely, param(request, 'stockId'));
      const sku = await ctx.db.kysely.selectFrom('skus').selectAll().where('code', '=', param(request, 'sku')).executeTakeFirst();
      if (!sku) return false;
      if (sku.do_not_track) return true;
      if (sku.allow_backorders && Number(sku.out_of_stock_threshold) >= 0) return inStockSomewhere(ctx, sku, model);
      return (await salable(ctx, sku, model)) > 0;
    },
  },
  {
    method: 'GET', url: '/inventory/is-product-salable-for-requested-qty/:sku/:stockId/:requestedQty', summary: 'Can this quantity of a product be sold from a stock', acl: ACL, storefront: true, response: SalableForQtyAnswer,
    params: Type.Object({ sku: Type.String(), stockId: Type.Integer(), requestedQty: Type.Number() }),
    handler: async (ctx, request) => {
      const requested = requestedOf(param(request, 'requestedQty'));
      const { sku, model } = await skuAndModel(ctx, param(request, 'sku'), param(request, 'stockId'));
      const wrong = correctQtyError(sku, requested);
      if (wrong) return { salable: false, errors: [wrong] };
      if (sku.do_not_track || (sku.allow_backorders && Number(sku.out_of_stock_threshold) >= 0 && (await inStockSomewhere(ctx, sku, model)))) return { salable: true, errors: [] };
      if ((await salable(ctx, sku, model)) >= requested) return { salable: true, errors: [] };
      return { salable: false, errors: [{ code: 'is_salable_with_reservations-not_enough_qty', message: 'The requested qty is not available' }] };
    },
  },
]);
