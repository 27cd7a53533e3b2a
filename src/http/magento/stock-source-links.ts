// Magento stock-source links ↔ inventory stock locations (a location in a model, with its
// priority): POST /V1/inventory/stock-source-links (upsert), POST …-links-delete, GET …-links
// (searchCriteria) and GET /V1/inventory/get-sources-assigned-to-stock-ordered-by-priority/
// {stockId}. As Magento, no link of the Default Stock may be saved or deleted by API.
import { sql } from 'kysely';
import { Type } from 'typebox';
import { newId } from '../../store/ids.js';
import { inTransaction } from '../../store/transaction.js';
import { DEFAULT_STOCK_ID } from './default-stock.js';
import { MagentoError, fieldError, render, validationFailed, type MagentoErrorItem } from './errors.js';
import { listOf, number, text, type Body } from './input.js';
import { defineRoutes, param, queryOf, type MagentoContext } from './routes.js';
import { parseSearchCriteria, searchList, type Fields } from './search-criteria.js';
import { sourceOut, sourcesQuery } from './sources.js';
import { SourceAnswer, StockSourceLinkAnswer, VoidAnswer, searchResult } from './schemas.js';

const ACL = 'Magento_InventoryApi::stock';

const LinkSchema = Type.Object({ stock_id: Type.Integer(), source_code: Type.String(), priority: Type.Integer({ minimum: 1 }) }, { additionalProperties: true });

interface Link { readonly stockId: number; readonly sourceCode: string; readonly priority: number | undefined }

function readLink(o: Body, requirePriority: boolean): Link {
  const errors: MagentoErrorItem[] = [];
  const sourceCode = text(o, 'source_code') ?? '';
  if (sourceCode.trim() === '') errors.push(fieldError('can not be empty.', 'source_code'));
  const stockId = number(o, 'stock_id', 'int');
  if (stockId === undefined) errors.push(fieldError('can not be empty.', 'stock_id'));
  const priority = number(o, 'priority', 'int');
  if (requirePriority && priority === undefined) errors.push(fieldError('can not be empty.', 'priority'));
  if (priority !== undefined && priority < 1) errors.push(fieldError('should be greater than 0.', 'priority'));
  const [first] = errors;
  if (first) throw validationFailed(errors, `Validation Failed: ${render(first)}`);
  return { stockId: stockId ?? 0, sourceCode, priority };
}

async function saveLinks(ctx: MagentoContext, links: readonly Link[]): Promise<void> {
  for (const l of links) {
    if (l.stockId === DEFAULT_STOCK_ID) throw new MagentoError(400, 'Can not save link for %1 source, as it is related to default stock', [l.sourceCode]);
  }
  const now = ctx.now();
  await inTransaction(ctx.db, async (trx) => {
    for (const l of links) {
      const model = await trx.selectFrom('inventory_models').select('id').where('stock_id', '=', l.stockId).executeTakeFirst();
      const location = await trx.selectFrom('stock_locations').select('id').where('code', '=', l.sourceCode).executeTakeFirst();
      if (!model || !location) throw new MagentoError(400, 'Could not save StockSourceLinks');
      await trx.insertInto('inventory_stock_locations').values({
        id: newId('isl'), inventory_model_id: model.id, stock_location_id: location.id, priority: l.priority ?? 1, created_at: now, updated_at: now, metadata: '{}',
      }).onConflict((oc) => oc.columns(['inventory_model_id', 'stock_location_id']).doUpdateSet({ priority: l.priority ?? 1, updated_at: now })).execute();
    }
  });
}

async function deleteLinks(ctx: MagentoContext, links: readonly Link[]): Promise<void> {
  for (const l of links) {
    if (l.stockId === DEFAULT_STOCK_ID) throw new MagentoError(400, 'Can not delete link for %1 source, as it is related to default stock', [l.sourceCode]);
  }
  try {
    await inTransaction(ctx.db, async (trx) => {
      for (const l of links) {
        await trx.deleteFrom('inventory_stock_locations')
          .where('inventory_model_id', 'in', trx.selectFrom('inventory_models').select('id').where('stock_id', '=', l.stockId))
          .where('stock_location_id', 'in', trx.selectFrom('stock_locations').select('id').where('code', '=', l.sourceCode)).execute();
      }
    });
  } catch (error) {
    // Shipments from that source still point at the link.
    if ((error as { code?: string }).code === '23503') throw new MagentoError(400, 'Could not delete StockSourceLinks');
    throw error;
  }
}

const LINK_FIELDS: Fields = {
  stock_id: { sql: sql.ref('m.stock_id'), kind: 'number' }, source_code: { sql: sql.ref('sl.code'), kind: 'text' }, priority: { sql: sql.ref('isl.priority'), kind: 'number' },
};

export const linkRoutes = defineRoutes([
  {
    method: 'POST', url: '/inventory/stock-source-links', summary: 'Save stock-source links (priority per source)', acl: ACL, response: VoidAnswer, body: Type.Object({ links: Type.Array(LinkSchema) }),
    handler: async (ctx, request) => {
      const links = listOf(request.body, 'links');
      if (links.length === 0) throw new MagentoError(400, 'Input data is empty');
      await saveLinks(ctx, links.map((l) => readLink(l, true)));
      return [];
    },
  },
  {
    method: 'POST', url: '/inventory/stock-source-links-delete', summary: 'Delete stock-source links', acl: ACL, response: VoidAnswer, body: Type.Object({ links: Type.Array(LinkSchema) }),
    handler: async (ctx, request) => {
      const links = listOf(request.body, 'links');
      if (links.length === 0) throw new MagentoError(400, 'Input data is empty');
      await deleteLinks(ctx, links.map((l) => readLink(l, false)));
      return [];
    },
  },
  {
    method: 'GET', url: '/inventory/stock-source-links', summary: 'Find stock-source links by searchCriteria', acl: ACL, response: searchResult(StockSourceLinkAnswer),
    handler: async (ctx, request) => {
      const base = ctx.db.kysely.selectFrom('inventory_stock_locations as isl').innerJoin('inventory_models as m', 'm.id', 'isl.inventory_model_id')
        .innerJoin('stock_locations as sl', 'sl.id', 'isl.stock_location_id').select(['m.stock_id', 'sl.code', 'isl.priority']);
      return searchList(base, parseSearchCriteria(queryOf(request)), LINK_FIELDS, ['stock_id', 'priority', 'source_code'],
        (r) => ({ source_code: r.code, stock_id: r.stock_id, priority: r.priority }));
    },
  },
  {
    method: 'GET', url: '/inventory/get-sources-assigned-to-stock-ordered-by-priority/:stockId', summary: 'The sources of a stock, by priority', acl: ACL, response: Type.Array(SourceAnswer),
    params: Type.Object({ stockId: Type.Integer() }),
    handler: async (ctx, request) => {
      const stockId = Number(param(request, 'stockId'));
      if (!Number.isInteger(stockId)) return [];
      const rows = await sourcesQuery(ctx.db.kysely).innerJoin('inventory_stock_locations as isl', 'isl.stock_location_id', 'sl.id')
        .innerJoin('inventory_models as m', 'm.id', 'isl.inventory_model_id').where('m.stock_id', '=', stockId)
        .orderBy('isl.priority').orderBy('sl.code').execute();
      return rows.map(sourceOut);
    },
  },
]);
