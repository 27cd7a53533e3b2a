// Magento stocks ↔ inventory models: GET/POST /V1/inventory/stocks, GET/PUT/DELETE
// /V1/inventory/stocks/{stockId}, GET /V1/inventory/stock-resolver/{type}/{code}.
// A stock created here is an inventory model that behaves as Magento's: all its sources are
// candidates (cutoff 50), stock is deducted when shipped (manual_stock_decrement) and
// placement splits across sources (split_shipments). The Default Stock (1) is never deleted.
import type { FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { Type } from 'typebox';
import { newId } from '../../store/ids.js';
import type { Row } from '../../store/schema.js';
import { inTransaction } from '../../store/transaction.js';
import { DEFAULT_STOCK_ID } from './default-stock.js';
import { MagentoError, fieldError, validationFailed } from './errors.js';
import { envelope, text, type Body } from './input.js';
import { defineRoutes, param, queryOf, type MagentoContext } from './routes.js';
import { parseSearchCriteria, searchList, type Fields } from './search-criteria.js';
import { assignChannels, channelsOf, modelByStockId, readChannels } from './stock-records.js';
import { StockAnswer, StockIdAnswer, VoidAnswer, searchResult } from './schemas.js';

const ACL = 'Magento_InventoryApi::stock';

const StockSchema = Type.Object({
  stock_id: Type.Optional(Type.Integer()), name: Type.String(),
  extension_attributes: Type.Optional(Type.Object({ sales_channels: Type.Optional(Type.Array(Type.Object({ type: Type.Literal('website'), code: Type.String() }))) })),
}, { additionalProperties: true });

const STOCK_FIELDS: Fields = { stock_id: { sql: sql.ref('stock_id'), kind: 'number' }, name: { sql: sql.ref('name'), kind: 'text' } };

async function stockOut(ctx: MagentoContext, models: readonly Pick<Row<'inventory_models'>, 'id' | 'stock_id' | 'name'>[]) {
  const channels = await channelsOf(ctx.db.kysely, models.map((m) => m.id));
  return models.map((m) => ({ stock_id: m.stock_id, name: m.name, extension_attributes: { sales_channels: channels.get(m.id) ?? [] } }));
}

function readName(stock: Body): string {
  const name = text(stock, 'name') ?? '';
  if (name.trim() === '') throw validationFailed([fieldError('can not be empty.', 'name')]);
  return name;
}

async function createStock(ctx: MagentoContext, stock: Body): Promise<number> {
  const name = readName(stock);
  const channels = readChannels(stock);
  const now = ctx.now();
  return inTransaction(ctx.db, async (trx) => {
    const model = await trx.insertInto('inventory_models').values({
      id: newId('im'), name, strategy: 'split_shipments', stock_locations_cutoff: 50, manual_stock_decrement: true, created_at: now, updated_at: now, metadata: '{}',
    }).returningAll().executeTakeFirstOrThrow();
    if (channels) await assignChannels(trx, model, channels, now);
    return model.stock_id;
  });
}

async function updateStock(ctx: MagentoContext, request: FastifyRequest): Promise<number> {
  const stock = envelope(request.body, 'stock');
  const name = readName(stock);
  const channels = readChannels(stock);
  const now = ctx.now();
  return inTransaction(ctx.db, async (trx) => {
    const model = await modelByStockId(trx, param(request, 'stockId'));
    await trx.updateTable('inventory_models').set({ name, updated_at: now }).where('id', '=', model.id).execute();
    if (channels) await assignChannels(trx, model, channels, now);
    return model.stock_id;
  });
}

async function deleteStock(ctx: MagentoContext, raw: string): Promise<void> {
  if (Number(raw) === DEFAULT_STOCK_ID) throw new MagentoError(400, 'Default Stock could not be deleted.');
  const now = ctx.now();
  try {
    await inTransaction(ctx.db, async (trx) => {
      const model = await modelByStockId(trx, raw);
      const fallback = await trx.selectFrom('inventory_models').select('id').where('stock_id', '=', DEFAULT_STOCK_ID).executeTakeFirstOrThrow();
      await trx.updateTable('markets').set({ inventory_model_id: fallback.id, updated_at: now }).where('inventory_model_id', '=', model.id).execute();
      await trx.deleteFrom('inventory_stock_locations').where('inventory_model_id', '=', model.id).execute();
      await trx.deleteFrom('inventory_return_locations').where('inventory_model_id', '=', model.id).execute();
      await trx.deleteFrom('inventory_models').where('id', '=', model.id).execute();
    });
  } catch (error) {
    // Shipments or source selections still point at it (PostgreSQL foreign key violation).
    if ((error as { code?: string }).code === '23503') throw new MagentoError(400, 'Could not delete Stock');
    throw error;
  }
}

export const stockRoutes = defineRoutes([
  {
    method: 'GET', url: '/inventory/stocks', summary: 'Find stocks by searchCriteria', acl: ACL, response: searchResult(StockAnswer),
    handler: async (ctx, request) => {
      const list = await searchList(ctx.db.kysely.selectFrom('inventory_models').select(['id', 'stock_id', 'name']), parseSearchCriteria(queryOf(request)), STOCK_FIELDS, ['stock_id'],
        (r) => r as Pick<Row<'inventory_models'>, 'id' | 'stock_id' | 'name'>);
      return { ...list, items: await stockOut(ctx, list.items) };
    },
  },
  {
    method: 'GET', url: '/inventory/stocks/:stockId', summary: 'Get a stock by id', acl: ACL, response: StockAnswer, params: Type.Object({ stockId: Type.Integer() }),
    handler: async (ctx, request) => (await stockOut(ctx, [await modelByStockId(ctx.db.kysely, param(request, 'stockId'))]))[0],
  },
  {
    method: 'POST', url: '/inventory/stocks', summary: 'Create a stock; answers its stock_id', acl: ACL, response: StockIdAnswer, body: Type.Object({ stock: StockSchema }),
    handler: async (ctx, request) => createStock(ctx, envelope(request.body, 'stock')),
  },
  {
    method: 'PUT', url: '/inventory/stocks/:stockId', summary: 'Update a stock (name, sales channels); answers its stock_id', acl: ACL, response: StockIdAnswer,
    params: Type.Object({ stockId: Type.Integer() }), body: Type.Object({ stock: StockSchema }), handler: updateStock,
  },
  {
    method: 'DELETE', url: '/inventory/stocks/:stockId', summary: 'Delete a stock (never the Default Stock)', acl: ACL, response: VoidAnswer, params: Type.Object({ stockId: Type.Integer() }),
    handler: async (ctx, request) => { await deleteStock(ctx, param(request, 'stockId')); return []; },
  },
  {
    method: 'GET', url: '/inventory/stock-resolver/:type/:code', summary: 'The stock of a sales channel (website code): the whole stock, as Magento', acl: 'Magento_InventoryApi::stock', storefront: true, response: StockAnswer,
    params: Type.Object({ type: Type.Literal('website'), code: Type.String() }),
    handler: async (ctx, request) => {
      const market = param(request, 'type') === 'website'
        ? await ctx.db.kysely.selectFrom('markets as k').innerJoin('inventory_models as m', 'm.id', 'k.inventory_model_id')
          .select(['m.id', 'm.stock_id', 'm.name']).where('k.code', '=', param(request, 'code')).executeTakeFirst()
        : undefined;
      if (!market) throw new MagentoError(404, 'No linked stock found');
      // Magento's StockResolverInterface answers the whole StockInterface, not only its id.
      return (await stockOut(ctx, [market]))[0];
    },
  },
]);
