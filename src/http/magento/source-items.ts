// Magento source items ↔ stock items: POST /V1/inventory/source-items (upsert of absolute
// quantities, all rows or none), GET /V1/inventory/source-items (searchCriteria),
// POST /V1/inventory/source-items-delete. status 1 = in_stock, 0 = out_of_stock. Every
// quantity change goes through the stock-item flows (a movement, backorders served), in one
// transaction for the whole request. Rows are validated first, with Magento's messages.
import { sql } from 'kysely';
import { Type } from 'typebox';
import { createStockItem, updateStockItem } from '../../flows/stock-items.js';
import { inTransaction, joinTransaction, type Trx } from '../../store/transaction.js';
import { MagentoError, fieldError, render, validationFailed, type MagentoErrorItem } from './errors.js';
import { listOf, number, text, type Body } from './input.js';
import { defineRoutes, queryOf, type MagentoContext } from './routes.js';
import { parseSearchCriteria, searchList, type Fields } from './search-criteria.js';
import { SourceItemAnswer, VoidAnswer, searchResult } from './schemas.js';

const ACL = 'Magento_InventoryApi::source';

const SourceItemSchema = Type.Object({
  sku: Type.String(), source_code: Type.String(), quantity: Type.Number(), status: Type.Integer({ enum: [0, 1] }),
}, { additionalProperties: true });

export interface SourceItemInput { readonly sku: string; readonly sourceCode: string; readonly quantity: number; readonly status: 'in_stock' | 'out_of_stock' }

/** One row, by Magento's SourceItem validators; the first broken rule is the top message. */
function readRow(o: Body): SourceItemInput {
  const errors: MagentoErrorItem[] = [];
  const sku = text(o, 'sku') ?? '';
  if (sku.trim() === '') errors.push(fieldError('can not be empty.', 'sku'));
  if (sku !== '' && sku !== sku.trim()) errors.push(fieldError('can not contain leading or trailing spaces.', 'sku'));
  const sourceCode = text(o, 'source_code') ?? '';
  if (sourceCode.trim() === '') errors.push(fieldError('can not be empty.', 'source_code'));
  if (/\s/.test(sourceCode)) errors.push(fieldError('can not contain whitespaces.', 'source_code'));
  const quantity = number(o, 'quantity');
  if (quantity === undefined) errors.push(fieldError('should be numeric.', 'quantity'));
  const status = number(o, 'status', 'int');
  if (status === undefined) errors.push(fieldError('should be numeric.', 'status'));
  else if (status !== 0 && status !== 1) errors.push(fieldError('should a known status.', 'status'));
  const [first] = errors;
  if (first) throw validationFailed(errors, `Validation Failed: ${render(first)}`);
  return { sku, sourceCode, quantity: quantity ?? 0, status: status === 1 ? 'in_stock' : 'out_of_stock' };
}

/** Creates or updates the stock item of each row inside `trx` (the caller's transaction). */
export async function saveSourceItems(ctx: MagentoContext, trx: Trx, rows: readonly SourceItemInput[]): Promise<void> {
  const flow = { ...ctx.flow, db: joinTransaction(ctx.db, trx) };
  for (const row of rows) {
    const location = await trx.selectFrom('stock_locations').select('id').where('code', '=', row.sourceCode).executeTakeFirst();
    const sku = await trx.selectFrom('skus').select('id').where('code', '=', row.sku).executeTakeFirst();
    if (!location || !sku) throw new MagentoError(400, 'Could not save Source Item');
    const item = await trx.selectFrom('stock_items').select('id').where('sku_id', '=', sku.id).where('stock_location_id', '=', location.id).executeTakeFirst();
    if (item) await updateStockItem(flow, item.id, { quantity: row.quantity, status: row.status, reason: 'adjustment' });
    else await createStockItem(flow, { skuId: sku.id, stockLocationId: location.id, quantity: row.quantity, status: row.status });
  }
}

export const SOURCE_ITEM_FIELDS: Fields = {
  sku: { sql: sql.ref('si.sku_code'), kind: 'text' }, source_code: { sql: sql.ref('sl.code'), kind: 'text' },
  quantity: { sql: sql.ref('si.quantity'), kind: 'number' }, status: { sql: sql`(CASE WHEN si.status = 'in_stock' THEN 1 ELSE 0 END)`, kind: 'number' },
};

const itemOut = (r: Record<string, unknown>) => ({ sku: r.sku_code, source_code: r.code, quantity: Number(r.quantity), status: r.status === 'in_stock' ? 1 : 0 });

/** Removes a source item and its ledger, unless orders, transfers or reservations still use it. */
async function deleteSourceItems(ctx: MagentoContext, rows: readonly Body[]): Promise<void> {
  await inTransaction(ctx.db, async (trx) => {
    for (const o of rows) {
      const item = await trx.selectFrom('stock_items as si').innerJoin('stock_locations as sl', 'sl.id', 'si.stock_location_id')
        .select(['si.id', 'si.reserved_quantity']).where('si.sku_code', '=', text(o, 'sku') ?? '').where('sl.code', '=', text(o, 'source_code') ?? '')
        .forUpdate().executeTakeFirst();
      if (!item) continue;
      const used = await trx.selectFrom('stock_line_items').select('id').where('stock_item_id', '=', item.id).limit(1).executeTakeFirst()
        ?? await trx.selectFrom('stock_reservations').select('id').where('stock_item_id', '=', item.id).limit(1).executeTakeFirst();
      if (used || item.reserved_quantity > 0) throw new MagentoError(400, 'Could not delete Source Items');
      await trx.deleteFrom('stock_movements').where('stock_item_id', '=', item.id).execute();
      await trx.deleteFrom('stock_items').where('id', '=', item.id).execute();
    }
  });
}

export const sourceItemRoutes = defineRoutes([
  {
    method: 'POST', url: '/inventory/source-items', summary: 'Save source items (absolute quantities; all or nothing)', acl: ACL, response: VoidAnswer,
    body: Type.Object({ sourceItems: Type.Array(SourceItemSchema) }),
    handler: async (ctx, request) => {
      const rows = listOf(request.body, 'sourceItems');
      if (rows.length === 0) throw new MagentoError(400, 'Input data is empty');
      const inputs = rows.map(readRow);
      await inTransaction(ctx.db, (trx) => saveSourceItems(ctx, trx, inputs));
      return [];
    },
  },
  {
    method: 'GET', url: '/inventory/source-items', summary: 'Find source items by searchCriteria', acl: ACL, response: searchResult(SourceItemAnswer),
    handler: async (ctx, request) => {
      const base = ctx.db.kysely.selectFrom('stock_items as si').innerJoin('stock_locations as sl', 'sl.id', 'si.stock_location_id')
        .select(['si.sku_code', 'sl.code', 'si.quantity', 'si.status']);
      return searchList(base, parseSearchCriteria(queryOf(request)), SOURCE_ITEM_FIELDS, ['sku', 'source_code'], itemOut);
    },
  },
  {
    method: 'POST', url: '/inventory/source-items-delete', summary: 'Delete source items', acl: ACL, response: VoidAnswer,
    body: Type.Object({ sourceItems: Type.Array(Type.Object({ sku: Type.String(), source_code: Type.String() }, { additionalProperties: true })) }),
    handler: async (ctx, request) => {
      const rows = listOf(request.body, 'sourceItems');
      if (rows.length === 0) throw new MagentoError(400, 'Input data is empty');
      await deleteSourceItems(ctx, rows);
      return [];
    },
  },
]);
