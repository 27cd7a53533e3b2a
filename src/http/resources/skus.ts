// skus: what is sold. Salability settings (quantity_decimal, min/max sale quantity,
// increments, out-of-stock threshold) are checked together; a shipping category is required
// unless the SKU is do_not_ship. A single GET adds `inventory` (salable quantity and levels;
// for a sales channel, in its market's inventory model), read with the row in one query
// (which concurrent GETs share: store/sku-inventory-coalesced.ts).
import { Type } from 'typebox';
import { notFound, validation } from '../../domain/errors.js';
import { isWhole, qty } from '../../domain/quantity.js';
import { skuWithInventoryCoalesced } from '../../store/sku-inventory-coalesced.js';
import { defineResource, type AnyRow, type ApiContext, type WriteInput } from './define.js';
import { code, name, nullable, quantity } from './attribute-types.js';
import { anyDb } from './load.js';
import { defaultCreate, defaultUpdate } from './write.js';

const attributes = {
  code: { schema: code(), required: true, filter: true, sort: true },
  name: { schema: name(), required: true, filter: true, sort: true },
  weight: { schema: nullable(quantity()), quantity: true, filter: true, sort: true },
  unit_of_weight: { schema: nullable(Type.String({ enum: ['gr', 'kg', 'oz', 'lb'] })), filter: true },
  do_not_ship: { schema: Type.Boolean(), filter: true },
  do_not_track: { schema: Type.Boolean(), filter: true },
  allow_backorders: { schema: Type.Boolean(), filter: true },
  quantity_decimal: { schema: Type.Boolean(), filter: true },
  min_sale_quantity: { schema: quantity({ positive: true }), quantity: true, filter: true },
  max_sale_quantity: { schema: nullable(quantity({ positive: true })), quantity: true, filter: true },
  quantity_increments: { schema: nullable(quantity({ positive: true })), quantity: true, filter: true },
  out_of_stock_threshold: { schema: quantity(), quantity: true, filter: true },
} as const;

type SkuInput = WriteInput<typeof attributes>;

/** The SKU as it would be after the change must make sense as a whole. */
function checkSalability(current: AnyRow, input: SkuInput): void {
  const next = { ...current, ...input.attributes };
  const category = 'shipping_category' in input.relationships ? input.relationships.shipping_category : current.shipping_category_id;
  if (!next.do_not_ship && !category) throw validation('/data/relationships/shipping_category', 'a shipping category is required unless do_not_ship');
  const min = Number(next.min_sale_quantity ?? 1);
  if (next.max_sale_quantity !== null && next.max_sale_quantity !== undefined && Number(next.max_sale_quantity) < min) {
    throw validation('max_sale_quantity', `max_sale_quantity must be at least min_sale_quantity (${min})`);
  }
  if (!next.quantity_decimal) {
    for (const field of ['min_sale_quantity', 'max_sale_quantity', 'quantity_increments'] as const) {
      const v = next[field] as number | null | undefined;
      if (v !== null && v !== undefined && !isWhole(qty(v))) throw validation(field, `${field} must be a whole number unless quantity_decimal is true`);
    }
  }
}

/** The SKU with its inventory (for a sales channel, in its market's model), one query (shared with concurrent reads). */
async function withInventory(api: ApiContext, id: string) {
  const found = await skuWithInventoryCoalesced(api.flow.db.kysely, { skuId: id, marketId: api.auth.marketId });
  if (!found) throw notFound('skus', id);
  return { row: found.sku as AnyRow, extra: { inventory: found.inventory } };
}

export const skus = defineResource({
  type: 'skus',
  table: 'skus',
  idPrefix: 'sku',
  attributes,
  relationships: {
    shipping_category: { type: 'shipping_categories', toOne: 'shipping_category_id' },
    stock_items: { type: 'stock_items', toMany: { foreignKey: 'sku_id' } },
  },
  access: { salesChannel: 'read' },
  findOne: withInventory,
  create: async (api, input): Promise<string> => {
    checkSalability({}, input);
    return defaultCreate(api, skus, input);
  },
  update: async (api, id, input): Promise<void> => {
    const current = await anyDb(api).selectFrom('skus').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    checkSalability(current, input);
    await defaultUpdate(api, skus, id, input);
  },
});
