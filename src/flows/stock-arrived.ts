// Called in the same transaction after stock arrives at a location (an increase by
// adjustment, a completed transfer, a restock).
import type { Trx } from '../store/transaction.js';

export interface StockArrival {
  readonly skuCode: string;
  readonly stockLocationId: string;
}

export async function onStockArrived(_trx: Trx, _arrival: StockArrival): Promise<void> {
  // backorder allocation plugs in here (order flows)
}
