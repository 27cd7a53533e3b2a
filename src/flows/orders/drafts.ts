// Draft (cart) reservations: `_reserve_stock` on a line of a draft order holds its quantity
// for the inventory model's stock_reservation_cutoff seconds, taken from the candidate
// locations by priority. Reserving again replaces the line's earlier draft hold; placing the
// order replaces them with pending reservations; expired ones are swept by
// flows/expired-reservations.ts (and never count once expired).
import { fail } from '../../domain/errors.js';
import { qty, sub, toDecimal } from '../../domain/quantity.js';
import { selectSources } from '../../domain/selection/index.js';
import { createReservation, loadRoutingStock, lockStockItems, releaseReservation, type ReservationRow } from '../../store/stock-ledger.js';
import { inTransaction, type Trx } from '../../store/transaction.js';
import type { FlowContext } from '../context.js';
import { lockLine } from './create.js';
import { modelOf, requireDraft } from './records.js';

export async function reserveLineItemStock(ctx: FlowContext, lineItemId: string): Promise<ReservationRow[]> {
  return inTransaction(ctx.db, async (trx) => {
    const { order, line } = await lockLine(trx, lineItemId);
    requireDraft(order, 'stock can be reserved for a cart line');
    const model = await modelOf(trx, order);
    const stock = await loadRoutingStock(trx, { inventoryModelId: model.id, skuCodes: [line.sku_code], lock: true });
    if (stock.skus[0]?.doNotTrack) return [];
    await releaseLineDrafts(trx, [line.id]);
    const fresh = await loadRoutingStock(trx, { inventoryModelId: model.id, skuCodes: [line.sku_code], lock: false });
    const selection = selectSources({
      strategy: null, algorithm: 'priority', distanceMode: 'driving', stockLocationsCutoff: fresh.stockLocationsCutoff,
      locations: fresh.locations, skus: fresh.skus, stock: fresh.stock, destination: null,
      lines: [{ id: line.id, sku: line.sku_code, quantity: qty(line.quantity) }],
    });
    const chosen = selection.lines[0];
    if (!chosen) return [];
    if (chosen.shortfall > 0 && chosen.backordered < chosen.shortfall) {
      const available = sub(chosen.quantity, chosen.shortfall);
      throw fail({
        code: 'INSUFFICIENT_STOCK', sku: line.sku_code, requested: chosen.quantity, available,
        message: `not enough ${line.sku_code} to reserve: requested ${line.quantity}, available ${toDecimal(available)}`,
      });
    }
    const expiresAt = new Date(ctx.now().getTime() + model.stock_reservation_cutoff * 1000);
    const reservations: ReservationRow[] = [];
    for (const source of chosen.sources) {
      if (source.quantityToDeduct === 0) continue;
      const item = fresh.stock.find((s) => s.location === source.location && s.sku === line.sku_code);
      if (!item) continue;
      reservations.push(await createReservation(trx, {
        stockItemId: item.stockItemId, quantity: source.quantityToDeduct, status: 'draft', orderId: order.id, lineItemId: line.id, expiresAt,
      }));
    }
    return reservations;
  });
}

/** Releases the draft (cart) reservations of these lines; their stock items are locked first. */
export async function releaseLineDrafts(trx: Trx, lineItemIds: readonly string[]): Promise<void> {
  if (lineItemIds.length === 0) return;
  const drafts = await trx.selectFrom('stock_reservations').select(['id', 'stock_item_id'])
    .where('line_item_id', 'in', lineItemIds).where('status', '=', 'draft').execute();
  if (drafts.length === 0) return;
  await lockStockItems(trx, drafts.map((d) => d.stock_item_id));
  for (const d of drafts) await releaseReservation(trx, d.id);
}
