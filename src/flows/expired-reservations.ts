// Draft (cart) reservations hold stock until their expires_at; this sweep releases the ones
// whose time has passed (callable periodically, e.g. every minute by the server). Each batch
// is one transaction that takes locks in the same order as every other flow: the stock items
// first, in id order, then the reservation rows (SKIP LOCKED: a concurrent sweep or a flow
// already handling a reservation is left alone, the next sweep gets what remains).
import { lockStockItems, releaseReservation } from '../store/stock-ledger.js';
import { inTransaction } from '../store/transaction.js';
import type { FlowContext } from './context.js';

export async function releaseExpiredReservations(ctx: FlowContext, options: { batchSize?: number } = {}): Promise<number> {
  const batchSize = options.batchSize ?? 500;
  const now = ctx.now();
  let released = 0;
  for (;;) {
    const count = await inTransaction(ctx.db, async (trx) => {
      const due = await trx.selectFrom('stock_reservations').select(['id', 'stock_item_id'])
        .where('status', '=', 'draft').where('expires_at', '<=', now).orderBy('expires_at').limit(batchSize).execute();
      if (due.length === 0) return 0;
      await lockStockItems(trx, due.map((r) => r.stock_item_id));
      const claimed = await trx.selectFrom('stock_reservations').select('id')
        .where('id', 'in', due.map((r) => r.id)).where('status', '=', 'draft').where('expires_at', '<=', now)
        .orderBy('id').forUpdate().skipLocked().execute();
      for (const r of claimed) await releaseReservation(trx, r.id);
      return claimed.length === 0 && due.length > 0 ? -1 : claimed.length;
    });
    if (count <= 0) break;
    released += count;
    if (count < batchSize) break;
  }
  return released;
}
