// Called in the same transaction after stock arrives at a location or is freed there (an
// increase by adjustment or import, a completed transfer not spoken for, a restock, a
// released reservation): backordered demand is served first-placed-first-served
// (flows/backorders.ts).
import type { Trx } from '../store/transaction.js';
import { allocateBackorders } from './backorders.js';

export interface StockArrival {
  readonly skuCode: string;
  readonly stockLocationId: string;
}

export async function onStockArrived(trx: Trx, arrival: StockArrival): Promise<void> {
  await allocateBackorders(trx, arrival);
}
