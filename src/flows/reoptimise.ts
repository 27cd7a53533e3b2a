// Batch re-optimisation of one inventory model (issue 12), in ONE transaction:
// 1. lock and read the batch (store/reoptimise-batch.ts): the orders not yet released to
//    the warehouse, their shipments, the stock items of their SKUs; the batch's pending
//    reservations are released in memory (the domain sees on hand less what others hold);
// 2. the pure batch search (domain/reoptimise) re-plans them jointly with the model's
//    strategy and fewest_shipments, against the greedy baseline, within the time budget;
// 3. unless it is a dry run, each changed order is rewritten (shipments kept where the
//    location and category stay, stock line items, reservations), the reserved counters
//    move once by their net change, and webhooks are written: orders.reoptimize per changed
//    order, shipments.update / shipments.create / shipments.destroy per shipment;
// 4. the run is stored (reoptimization_runs), dry runs and unsupported strategies too.
// A concurrent placement, approval or picking simply wins: it holds the lock first and the
// run skips the order, or it waits and then sees the new plan.
import { greatCircleTable } from '../domain/distance/great-circle.js';
import { notFound } from '../domain/errors.js';
import { ZERO, add, qty, sub, type Quantity } from '../domain/quantity.js';
import { reoptimiseBatch, type BatchOrder, type BatchResult } from '../domain/reoptimise/index.js';
import { newId } from '../store/ids.js';
import { enqueueEvent } from '../store/outbox.js';
import { lockBatch, moveReserved, rewriteOrder, type BatchOrderRow } from '../store/reoptimise-batch.js';
import type { Row } from '../store/schema.js';
import { inTransaction } from '../store/transaction.js';
import type { FlowContext } from './context.js';
import { placementWrite } from './orders/persist-plan.js';

/** Strategies whose plans have no stock transfers: the only ones a run re-plans. */
export const REOPTIMISABLE_STRATEGIES = ['no_split', 'split_shipments', 'split_by_line_items'] as const;

export interface ReoptimiseOptions {
  readonly modelId: string;
  readonly dryRun?: boolean;
  readonly trigger: 'cli' | 'api' | 'schedule';
  /** Milliseconds for the batch search (default 2000). */
  readonly budgetMs?: number;
  /** Orders per run, oldest placement first (default 500). */
  readonly maxOrders?: number;
}

export interface ChangedOrder {
  readonly order_id: string;
  readonly number: string;
  readonly shipments_before: number;
  readonly shipments_after: number;
  readonly km_before: number;
  readonly km_after: number;
}

export type ReoptimizationRun = Row<'reoptimization_runs'>;

export async function reoptimiseModel(ctx: FlowContext, options: ReoptimiseOptions): Promise<ReoptimizationRun> {
  return inTransaction(ctx.db, async (trx) => {
    const started = performance.now();
    const now = ctx.now();
    const exists = await trx.selectFrom('inventory_models').select('id').where('id', '=', options.modelId).executeTakeFirst();
    if (!exists) throw notFound('inventory_model', options.modelId);
    const base = { id: newId('rop'), inventory_model_id: options.modelId, trigger: options.trigger, created_at: now, updated_at: now, metadata: '{}' };
    const model = await trx.selectFrom('inventory_models').select('strategy').where('id', '=', options.modelId).executeTakeFirstOrThrow();
    if (!(REOPTIMISABLE_STRATEGIES as readonly string[]).includes(model.strategy)) {
      return trx.insertInto('reoptimization_runs').values({
        ...base, status: 'unsupported', message: `strategy ${model.strategy} plans stock transfers; runs re-plan only ${REOPTIMISABLE_STRATEGIES.join(', ')}`,
      }).returningAll().executeTakeFirstOrThrow();
    }
    const batch = await lockBatch(trx, options.modelId, options.maxOrders ?? 500);
    const { stock } = batch;
    const heldByBatch = new Map<string, Quantity>();
    for (const o of batch.orders) for (const [item, q] of o.held) heldByBatch.set(item, add(heldByBatch.get(item) ?? ZERO, q));
    const orders: BatchOrder[] = batch.orders.map((o) => ({
      id: o.order.id, lines: o.lines.map((l) => ({ id: l.id, sku: l.sku_code, quantity: l.quantity })), destination: o.destination,
      distances: greatCircleTable(o.destination, stock.locations), current: { takes: o.takes, shipments: o.shipments.length },
    }));
    const result = reoptimiseBatch({
      model: { strategy: stock.strategy, stockLocationsCutoff: stock.stockLocationsCutoff, locations: stock.locations, skus: stock.skus },
      stock: stock.stock.map((s) => ({ location: s.location, sku: s.sku, quantity: s.quantity, status: s.status, reserved: sub(s.reserved, heldByBatch.get(s.stockItemId) ?? ZERO) })),
      orders,
    }, { now: () => performance.now(), ms: options.budgetMs ?? 2000, perOrderMs: batch.model.routing_time_budget_ms });
    const changed = result.orders.flatMap((outcome, i) => (outcome.changed && outcome.plan ? [{ outcome, row: batch.orders[i] as BatchOrderRow }] : []));
    const runId = base.id;
    if (!options.dryRun && changed.length > 0) {
      const deltas = new Map<string, Quantity>();
      for (const { outcome, row } of changed) {
        for (const [item, q] of row.held) deltas.set(item, sub(deltas.get(item) ?? ZERO, q));
        const write = placementWrite({ order: row.order, stock, categoryIds: batch.categoryIds, holds: [], webhooks: [] }, outcome.plan as NonNullable<typeof outcome.plan>, {
          status: row.order.status, paymentStatus: row.order.payment_status, now, transfersOnHold: batch.model.put_stock_transfers_on_hold,
        });
        for (const r of write.reservations) deltas.set(r.stockItemId, add(deltas.get(r.stockItemId) ?? ZERO, qty(r.quantity)));
        const done = await rewriteOrder(trx, { order: row, write }, now);
        const o = row.order;
        await enqueueEvent(trx, 'orders.reoptimize', {
          id: o.id, number: o.number, reoptimization_run_id: runId, shipments_before: outcome.before.shipments, shipments_after: outcome.after.shipments,
          km_before: round(outcome.before.km), km_after: round(outcome.after.km),
        });
        for (const s of done.kept) await enqueueEvent(trx, 'shipments.update', { id: s.id, number: s.number, order_id: o.id, stock_location_id: s.stock_location_id, status: s.status, reason: 'reoptimized' });
        for (const s of done.created) await enqueueEvent(trx, 'shipments.create', { id: s.id, number: s.number, order_id: o.id, stock_location_id: s.stockLocationId, status: s.status });
        for (const s of done.dropped) await enqueueEvent(trx, 'shipments.destroy', { id: s.id, number: s.number, order_id: o.id, reason: 'reoptimized' });
      }
      await moveReserved(trx, deltas);
    }
    return trx.insertInto('reoptimization_runs').values({
      ...base, ...summary(result), status: options.dryRun ? 'dry_run' : 'completed',
      orders_considered: batch.considered, orders_skipped: batch.considered - batch.orders.length, orders_changed: changed.length,
      elapsed_ms: round(performance.now() - started),
      changed_orders: JSON.stringify(changed.map(({ outcome, row }): ChangedOrder => ({
        order_id: row.order.id, number: row.order.number, shipments_before: outcome.before.shipments, shipments_after: outcome.after.shipments,
        km_before: round(outcome.before.km), km_after: round(outcome.after.km),
      }))),
    }).returningAll().executeTakeFirstOrThrow();
  });
}

function summary(r: BatchResult) {
  return {
    shipments_before: r.before.shipments, shipments_after: r.after.shipments, shipments_baseline: r.baseline.shipments,
    km_before: round(r.before.km), km_after: round(r.after.km), km_baseline: round(r.baseline.km),
    search_moves: r.search.moves, search_stopped: r.search.stopped,
    message: r.baseline.feasible ? null : 'the greedy baseline would serve some order less than now; it was not used',
  };
}

const round = (x: number): number => Math.round(x * 1000) / 1000;
