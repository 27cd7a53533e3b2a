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
// (store/placement-pipeline.ts); and placements that arrive while another batch locks and
// plans are placed together in one such transaction, each planned in turn as if alone
// (place-queue.ts, placeTogether below; DOMAIN.md "How a placement is written"). Elsewhere
// (PGlite), or inside a caller's transaction, one by one through Kysely.
import { DomainFailure, fail, notFound, validation } from '../../domain/errors.js';
import { isDomainError } from '../../domain/lifecycle/machine.js';
import { decideOrder } from '../../domain/lifecycle/order-machine.js';
import { sub, toDecimal } from '../../domain/quantity.js';
import type { DistanceTable, Plan, RoutingProblem } from '../../domain/routing.js';
import { planOrder } from '../../domain/strategies/index.js';
import { greatCircleTable } from '../../domain/distance/great-circle.js';
import { oversellRefused, placements } from '../../metrics.js';
import type { Db } from '../../store/db.js';
import { inPipelinedPlacement, type PlacementSteps } from '../../store/placement-pipeline.js';
import { lockPlacementSnapshots, type PlacementSnapshot } from '../../store/placement-snapshot.js';
import { writePlacements, type PlacementWrite, type PlacementWritten } from '../../store/placement-write.js';
import { OUT_OF_STOCK_TOPIC, watchAvailabilityOf } from '../../store/stock-events.js';
import { inTransaction, type Trx } from '../../store/transaction.js';
import type { FlowContext } from '../context.js';
import { placementWrite } from './persist-plan.js';
import { measuredForPlacement } from './place-distances.js';
import { PlacementQueue } from './place-queue.js';

export interface Placement extends PlacementWritten {
  readonly plan: Plan;
}

/** What a placement is asked with: the clock read and the distances measured before its transaction. */
interface PlacementRequest {
  readonly orderId: string;
  /** The caller sees only this market's orders: another market's order is not found. */
  readonly marketId: string | undefined;
  readonly now: Date;
  readonly measured: DistanceTable | undefined;
}

export async function placeOrder(ctx: FlowContext, orderId: string, scope: { readonly marketId?: string } = {}): Promise<Placement> {
  try {
    const request: PlacementRequest = { orderId, marketId: scope.marketId, now: ctx.now(), measured: await measuredForPlacement(ctx, orderId) };
    const queue = placementQueueOf(ctx.db);
    const placed = queue ? await queue.place(request) : await inTransaction(ctx.db, async (trx) => settledValue((await placeTogether(kyselySteps(trx), [request]))[0]!));
    placements.inc({ outcome: 'placed' });
    return placed;
  } catch (error) {
    const insufficient = error instanceof DomainFailure && error.error.code === 'INSUFFICIENT_STOCK';
    if (insufficient) oversellRefused.inc();
    placements.inc({ outcome: insufficient ? 'insufficient_stock' : 'refused' });
    throw error;
  }
}

/**
 * Batches of placements running at once on PostgreSQL (one locks and plans while the other
 * writes; measured with bench/place-profile.ts, more lanes only added lock waits and smaller
 * batches), and the most orders one takes (see place-queue.ts).
 */
export const PLACEMENT_LANES = 2;
export const PLACEMENT_BATCH = 32;
/** A batch that takes longer to lock and plan (some long transaction holds a lock) lets the next start. */
export const PLACEMENT_TURN_MS = 50;
const queues = new WeakMap<Db, PlacementQueue<PlacementRequest, Placement> | null>();

/** The queue of a PostgreSQL database outside any transaction; null elsewhere (PGlite, or a flow joining a transaction). */
function placementQueueOf(db: Db): PlacementQueue<PlacementRequest, Placement> | null {
  let queue = queues.get(db);
  if (queue !== undefined) return queue;
  const connections = db.pgPool?.options.max ?? 0;
  const pipelined = (batch: readonly PlacementRequest[], planned: () => void) => inPipelinedPlacement(db, (steps) => placeTogether(steps, batch, planned));
  queue = db.engine !== 'postgres' || connections === 0 || db.kysely.isTransaction ? null : new PlacementQueue<PlacementRequest, Placement>({
    lanes: Math.max(1, Math.min(PLACEMENT_LANES, Math.floor(connections / 2))),
    maxBatch: PLACEMENT_BATCH,
    turnMs: PLACEMENT_TURN_MS,
    key: (r) => r.orderId,
    together: async (batch, planned) => (await pipelined(batch, planned))!,
    alone: async (request, planned) => settledValue((await pipelined([request], planned))![0]!),
  });
  queues.set(db, queue);
  return queue;
}

function settledValue<T>(settled: PromiseSettledResult<T>): T {
  if (settled.status === 'rejected') throw settled.reason;
  return settled.value;
}

/** The placement's two statements inside a Kysely transaction. */
function kyselySteps(trx: Trx): PlacementSteps {
  return {
    snapshot: (orderIds, now) => lockPlacementSnapshots(trx, orderIds, now),
    write: (ws) => writePlacements(trx, ws),
    trx: () => trx,
    commit: async () => undefined,
    rollback: async () => undefined,
  };
}

/**
 * Places the requested orders in the caller's transaction: one locking snapshot, each order
 * planned in turn over what the ones before it left, one write. An order that cannot be
 * placed gets its error and leaves nothing written; the transaction goes on for the others.
 */
async function placeTogether(steps: PlacementSteps, requests: readonly PlacementRequest[], lockedAndPlanned = () => {}): Promise<PromiseSettledResult<Placement>[]> {
  const now = new Date(Math.max(...requests.map((r) => r.now.getTime())));
  const snapshots = await steps.snapshot(requests.map((r) => r.orderId), now);
  const planned = requests.map((request): PromiseSettledResult<{ plan: Plan; write: PlacementWrite }> => {
    try {
      const placement = planPlacement(snapshots.snapshot(request.orderId), request);
      snapshots.placed(request.orderId, placement.write.reservations);
      return { status: 'fulfilled', value: placement };
    } catch (reason) {
      if (!(reason instanceof DomainFailure)) throw reason;
      return { status: 'rejected', reason };
    }
  });
  const writes = planned.flatMap((p) => (p.status === 'fulfilled' ? [p.value.write] : []));
  lockedAndPlanned();
  if (writes.length === 0) {
    await steps.rollback();
    return planned as PromiseSettledResult<never>[];
  }
  // skus.out_of_stock needs salable quantities before and after; read only when someone listens.
  const listening = snapshots.webhooks.some((w) => w.topic === OUT_OF_STOCK_TOPIC);
  const settle = listening ? await watchAvailabilityOf(steps.trx(), writes.flatMap((w) => w.reservations.map((r) => r.stockItemId))) : undefined;
  const written = await steps.write(writes, settle === undefined);
  await settle?.();
  return planned.map((p) => (p.status === 'rejected' ? p : { status: 'fulfilled', value: { ...written.get(p.value.write.orderId)!, plan: p.value.plan } }));
}

/** An order's plan and the rows it writes; a DomainFailure when it cannot be placed. */
function planPlacement(snapshot: PlacementSnapshot, request: PlacementRequest): { plan: Plan; write: PlacementWrite } {
  const { order, lines } = snapshot;
  if (request.marketId !== undefined && order.market_id !== request.marketId) throw notFound('order', order.id);
  const change = decideOrder({ status: order.status, paymentStatus: order.payment_status }, '_place');
  if (isDomainError(change)) throw fail(change);
  if (lines.length === 0) throw validation('line_items', `order ${order.number} has no lines to place`);
  const plan = planOrder(routingProblemOf(snapshot), distancesFor(snapshot, request.measured), { now: () => performance.now() });
  for (const line of plan.selection.lines) {
    if (line.shortfall <= line.backordered) continue;
    const available = sub(line.quantity, line.shortfall);
    throw fail({
      code: 'INSUFFICIENT_STOCK', sku: line.sku, requested: line.quantity, available,
      message: `not enough ${line.sku} for order ${order.number}: requested ${toDecimal(line.quantity)}, available ${toDecimal(available)}`,
    });
  }
  const write = placementWrite(snapshot, plan, {
    status: change.status, paymentStatus: change.paymentStatus, now: request.now, transfersOnHold: snapshot.model.put_stock_transfers_on_hold,
  });
  return { plan, write };
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
