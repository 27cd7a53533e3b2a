// Magento stocks ↔ inventory models by their integer stock_id, and a stock's sales channels
// ↔ the markets pointing at it (one market per website code). Shared by the stock, link,
// salability, source-selection and order services.
import { newId } from '../../store/ids.js';
import type { Row } from '../../store/schema.js';
import type { Trx } from '../../store/transaction.js';
import type { Db } from '../../store/db.js';
import { DEFAULT_STOCK_ID } from './default-stock.js';
import { MagentoError } from './errors.js';
import { isRecord, text } from './input.js';

type Reader = Db['kysely'] | Trx;

export const stockNotFound = (stockId: string | number) => new MagentoError(404, 'Stock with id "%value" does not exist.', { value: String(stockId) });

/** The inventory model with this stock id, or Magento's 404. */
export async function modelByStockId(db: Reader, raw: string | number): Promise<Row<'inventory_models'>> {
  const stockId = Number(raw);
  const model = Number.isInteger(stockId) && stockId > 0 && stockId < 2 ** 31
    ? await db.selectFrom('inventory_models').selectAll().where('stock_id', '=', stockId).executeTakeFirst()
    : undefined;
  if (!model) throw stockNotFound(raw);
  return model;
}

export interface SalesChannel { readonly type: 'website'; readonly code: string }

export async function channelsOf(db: Reader, modelIds: readonly string[]): Promise<Map<string, SalesChannel[]>> {
  const out = new Map<string, SalesChannel[]>(modelIds.map((id) => [id, []]));
  if (modelIds.length === 0) return out;
  const markets = await db.selectFrom('markets').select(['code', 'inventory_model_id']).where('inventory_model_id', 'in', modelIds).orderBy('code').execute();
  for (const m of markets) out.get(m.inventory_model_id)?.push({ type: 'website', code: m.code });
  return out;
}

/** `extension_attributes.sales_channels` of a stock body; undefined when absent. */
export function readChannels(stock: Record<string, unknown>): SalesChannel[] | undefined {
  const ext = stock.extension_attributes;
  if (!isRecord(ext) || ext.sales_channels === undefined) return undefined;
  if (!Array.isArray(ext.sales_channels)) throw new MagentoError(400, 'Error occurred during "sales_channels" processing. A list of { type, code } was expected.');
  return ext.sales_channels.map((c) => {
    const channel = isRecord(c) ? c : {};
    const type = text(channel, 'type') ?? '';
    const code = text(channel, 'code') ?? '';
    if (type !== 'website') throw new MagentoError(400, 'Sales channel type "%1" is not supported; use "website".', [type]);
    if (code.trim() === '') throw new MagentoError(400, 'Validation Failed', undefined, [{ message: '"%field" can not be empty.', parameters: { field: 'code' } }]);
    return { type, code };
  });
}

/**
 * Points the market of each website at this model (creating the market if missing). Markets
 * of this model left out of the list go back to the Default Stock, as a Magento website
 * without a stock of its own is served by it.
 */
export async function assignChannels(trx: Trx, model: Row<'inventory_models'>, channels: readonly SalesChannel[], now: Date): Promise<void> {
  const codes = channels.map((c) => c.code);
  if (model.stock_id !== DEFAULT_STOCK_ID) {
    const fallback = await trx.selectFrom('inventory_models').select('id').where('stock_id', '=', DEFAULT_STOCK_ID).executeTakeFirstOrThrow();
    let leaving = trx.updateTable('markets').set({ inventory_model_id: fallback.id, updated_at: now }).where('inventory_model_id', '=', model.id);
    if (codes.length > 0) leaving = leaving.where('code', 'not in', codes);
    await leaving.execute();
  }
  for (const code of codes) {
    await trx.insertInto('markets').values({ id: newId('mkt'), code, name: code, inventory_model_id: model.id, created_at: now, updated_at: now, metadata: '{}' })
      .onConflict((oc) => oc.column('code').doUpdateSet({ inventory_model_id: model.id, updated_at: now })).execute();
  }
}
