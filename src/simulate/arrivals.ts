// Simulated time for `stockroute simulate --batch-window MINUTES`: arrival times for orders
// that carry none (a Poisson process at --orders-per-hour, drawn from the seed, starting at
// SIMULATION_START), and the cutting of a timed stream into windows of simulated time.
import { seededRandom } from './random.js';
import type { SimOrder } from './types.js';

/** Where generated arrival times start (simulated time; nothing is scheduled for real). */
export const SIMULATION_START = Date.UTC(2030, 0, 1);
export const DEFAULT_ORDERS_PER_HOUR = 60;
/** Mixed into the seed so the arrival times do not change the orders drawn from it. */
const ARRIVAL_STREAM = 0x5eed_a441;

/**
 * The orders with arrival times: exponential gaps of mean 1/ordersPerHour hours (a Poisson
 * process), in stream order. The same seed gives the same times.
 */
export function withArrivalTimes(orders: readonly SimOrder[], seed: number, ordersPerHour: number): SimOrder[] {
  if (!(ordersPerHour > 0) || !Number.isFinite(ordersPerHour)) throw new RangeError(`orders per hour must be a number greater than 0, not ${ordersPerHour}`);
  const random = seededRandom((seed ^ ARRIVAL_STREAM) >>> 0);
  const meanGapMs = 3_600_000 / ordersPerHour;
  let t = SIMULATION_START;
  return orders.map((o) => {
    t += -Math.log(1 - random.float()) * meanGapMs;
    return { ...o, placedAt: Math.round(t) };
  });
}

export type TimedStream = { readonly kind: 'timed'; readonly orders: readonly SimOrder[] } | { readonly kind: 'untimed' } | { readonly kind: 'partly'; readonly missing: string };

/** Whether every order, none, or only some have a placed_at (naming the first one without). */
export function timedStream(orders: readonly SimOrder[]): TimedStream {
  const missing = orders.find((o) => o.placedAt === undefined);
  if (missing === undefined) return { kind: 'timed', orders };
  return orders.some((o) => o.placedAt !== undefined) ? { kind: 'partly', missing: missing.id } : { kind: 'untimed' };
}

/**
 * The orders in arrival order (stable for equal times), cut into windows of `minutes` of
 * simulated time starting at the first arrival: a batch closes every `minutes`. Empty
 * windows are skipped. Every order must have placedAt.
 */
export function windowBatches(orders: readonly SimOrder[], minutes: number): SimOrder[][] {
  const timed = orders.map((o, i) => {
    if (o.placedAt === undefined) throw new RangeError(`order ${o.id} has no placed_at`);
    return { o, i, t: o.placedAt };
  }).sort((a, b) => a.t - b.t || a.i - b.i);
  const first = timed[0]?.t ?? 0;
  const windowMs = minutes * 60_000;
  const batches: SimOrder[][] = [];
  let current = -1;
  for (const { o, t } of timed) {
    const w = Math.floor((t - first) / windowMs);
    if (w !== current) {
      batches.push([]);
      current = w;
    }
    batches[batches.length - 1]!.push(o);
  }
  return batches;
}

/** Fixed-size batches of `size` orders in stream order. */
export function countBatches(orders: readonly SimOrder[], size: number): SimOrder[][] {
  const batches: SimOrder[][] = [];
  for (let i = 0; i < orders.length; i += size) batches.push(orders.slice(i, i + size));
  return batches;
}
