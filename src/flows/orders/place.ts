// Placing an order (Commerce Layer `_place`), in one transaction of two statements:
// 1. one statement locks the order and every stock item of its SKUs in the model (FOR
//    UPDATE, id order) and reads all a plan needs (store/placement-snapshot.ts); the draft
//    holds it gives back (the order's own, expired ones) count as available again;
// 2. the model's strategy plans over that snapshot, in Node, with the pure domain (planOrder);
// 3. a shortfall on a SKU without backorders refuses the whole placement (INSUFFICIENT_STOCK
//    naming SKU, requested and available) and nothing is written;
// 4. one statement writes shipments, stock line items, pending reservations and transfers,
//    the reserved counters, the backordered quantities, the placed order and its webhook
//    events (store/placement-write.ts). A serialisation failure or deadlock retries it all.
// On PostgreSQL, BEGIN travels with the snapshot and COMMIT with the write: two round trips
// (store/placement-pipeline.ts); elsewhere, or inside a caller's transaction, through Kysely.
import { DomainFailure, fail, validation } from '../../domain/errors.js';
import { isDomainError } from '../../domain/lifecycle/machine.js';
import { decideOrder } from '../../domain/lifecycle/order-machine.js';
import { sub, toDecimal } from '../../domain/quantity.js';
import type { DistanceTable, Plan, RoutingProblem } from '../../domain/routing.js';
import { planOrder } from '../../domain/strategies/index.js';
import { greatCircleTable } from '../../domain/distance/great-circle.js';
import { oversellRefused, placements } from '../../metrics.js';
import { inPipelinedPlacement, type PlacementSteps } from '../../store/placement-pipeline.js';
import { lockPlacementSnapshot, type PlacementSnapshot } from '../../store/placement-snapshot.js';
import { writePlacement, type PlacementWritten } from '../../store/placement-write.js';
import { OUT_OF_STOCK_TOPIC, watchAvailabilityOf } from '../../store/stock-events.js';
import { inTransaction, type Trx } from '../../store/transaction.js';
import type { FlowContext } from '../context.js';
import { placementWrite } from './persist-plan.js';
import { measuredForPlacement } from './place-distances.js';

export interface Placement extends PlacementWritten {
  readonly plan: Plan;
}

export async function placeOrder(ctx: FlowContext, orderId: string): Promise<Placement> {
  try {
    const measured = await measuredForPlacement(ctx, orderId);
    const work = (steps: PlacementSteps) => place(steps, orderId, ctx.now(), measured);
    const placed = (await inPipelinedPlacement(ctx.db, work)) ?? (await inTransaction(ctx.db, (trx) => work(kyselySteps(trx))));
    placements.inc({ outcome: 'placed' });
    return placed;
  } catch (error) {
    const insufficient = error instanceof DomainFailure && error.error.code === 'INSUFFICIENT_STOCK';
    if (insufficient) oversellRefused.inc();
    placements.inc({ outcome: insufficient ? 'insufficient_stock' : 'refused' });
    throw error;
  }
}

/** The placement's two statements inside a Kysely transaction. */
function kyselySteps(trx: Trx): PlacementSteps {
  return {
    snapshot: (orderId, now) => lockPlacementSnapshot(trx, orderId, now),
    write: (w) => writePlacement(trx, w),
    trx: () => trx,
    commit: async () => undefined,
  };
}

async function place(steps: PlacementSteps, orderId: string, now: Date, measured: DistanceTable | undefined): Promise<Placement> {
  const snapshot = await steps.snapshot(orderId, now);
  const { order, lines } = snapshot;
  const change = decideOrder({ status: order.status, paymentStatus: order.payment_status }, '_place');
  if (isDomainError(change)) throw fail(change);
  if (lines.length === 0) throw validation('line_items', `order ${order.number} has no lines to place`);
  const plan = planOrder(routingProblemOf(snapshot), distancesFor(snapshot, measured), { now: () => performance.now() });
  for (const line of plan.selection.lines) {
    if (line.shortfall <= line.backordered) continue;
    const available = sub(line.quantity, line.shortfall);
    throw fail({
      code: 'INSUFFICIENT_STOCK', sku: line.sku, requested: line.quantity, available,
      message: `not enough ${line.sku} for order ${order.number}: requested ${toDecimal(line.quantity)}, available ${toDecimal(available)}`,
    });
  }
  const write = placementWrite(snapshot, plan, {
    status: change.status, paymentStatus: change.paymentStatus, now, transfersOnHold: snapshot.model.put_stock_transfers_on_hold,
  });
  // skus.out_of_stock needs salable quantities before and after; read only when someone listens.
  const listening = snapshot.webhooks.some((w) => w.topic === OUT_OF_STOCK_TOPIC);
  const settle = listening ? await watchAvailabilityOf(steps.trx(), write.reservations.map((r) => r.stockItemId)) : undefined;
  const written = await steps.write(write, settle === undefined);
  await settle?.();
  return { ...written, plan };
}

// Distances for distance and fewest_shipments: what the configured provider measured before
// the transaction (place-distances.ts), else great-circle from the snapshot (offline; with no
// coordinates the engine falls back to priority and records why).
function distancesFor(snapshot: PlacementSnapshot, measured: DistanceTable | undefined): DistanceTable | undefined {
  if (snapshot.model.routing_algorithm === 'priority') return undefined;
  return measured ?? greatCircleTable(snapshot.destination, snapshot.stock.locations);
}

// The model's routing algorithm and time budget decide the plan.
function routingProblemOf(snapshot: PlacementSnapshot): RoutingProblem {
  const { stock, model } = snapshot;
  return {
    strategy: stock.strategy, algorithm: model.routing_algorithm, distanceMode: 'driving', stockLocationsCutoff: stock.stockLocationsCutoff,
    locations: stock.locations, skus: stock.skus, stock: stock.stock, destination: snapshot.destination, timeBudgetMs: model.routing_time_budget_ms,
    lines: snapshot.lines.map((l) => ({ id: l.id, sku: l.sku_code, quantity: l.quantity })),
  };
}
