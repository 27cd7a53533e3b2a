import { describe, expect, it } from 'vitest';
import { countBatches, SIMULATION_START, timedStream, windowBatches, withArrivalTimes } from './arrivals.js';
import { simulate, timeOrders } from './command.js';
import { anOrder } from './test-support.js';
import type { SimOrder } from './types.js';

const at = (o: SimOrder, iso: string): SimOrder => ({ ...o, placedAt: Date.parse(iso) });
const ids = (batches: SimOrder[][]) => batches.map((b) => b.map((o) => o.id));
const many = (n: number) => Array.from({ length: n }, (_, i) => anOrder(`o${i}`, { A: 1 }));

describe('simulated arrival times', () => {
  it('are drawn from the seed at the given rate, increasing from SIMULATION_START', () => {
    const timed = withArrivalTimes(many(2000), 7, 120);
    expect(withArrivalTimes(many(2000), 7, 120)).toEqual(timed);
    expect(withArrivalTimes(many(2000), 8, 120)).not.toEqual(timed);
    const times = timed.map((o) => o.placedAt!);
    expect(times[0]).toBeGreaterThan(SIMULATION_START);
    expect(times.every((t, i) => i === 0 || t >= times[i - 1]!)).toBe(true);
    // 2000 orders at 120/h take about 1000 minutes (Poisson: within a few per cent).
    const minutes = (times[times.length - 1]! - SIMULATION_START) / 60_000;
    expect(minutes).toBeGreaterThan(900);
    expect(minutes).toBeLessThan(1100);
    expect(timed.map(({ placedAt: _, ...o }) => o)).toEqual(many(2000));
  });

  it('refuses a rate that is not above 0', () => {
    expect(() => withArrivalTimes(many(1), 1, 0)).toThrow(/greater than 0/);
  });
});

describe('batches', () => {
  const o = (id: string, iso: string) => at(anOrder(id, { A: 1 }), iso);

  it('close every MINUTES of simulated time from the first arrival, in arrival order', () => {
    const orders = [o('c', '2030-01-01T09:31:00Z'), o('a', '2030-01-01T09:00:00Z'), o('b', '2030-01-01T09:29:59Z'), o('d', '2030-01-01T11:00:00Z'), o('e', '2030-01-01T09:31:00Z')];
    expect(ids(windowBatches(orders, 30))).toEqual([['a', 'b'], ['c', 'e'], ['d']]);
    expect(ids(windowBatches(orders, 180))).toEqual([['a', 'b', 'c', 'e', 'd']]);
    expect(ids(windowBatches(orders, 0.5))).toEqual([['a'], ['b'], ['c', 'e'], ['d']]);
  });

  it('of N orders keep the stream order', () => {
    expect(ids(countBatches(many(5), 2))).toEqual([['o0', 'o1'], ['o2', 'o3'], ['o4']]);
  });
});

describe('--batch-window options', () => {
  it('keeps the times a stream has, gives times to a stream with none, refuses one partly timed', () => {
    const timed = [o1(), o2()];
    expect(timeOrders(timed, { batchWindow: 30, seed: 1 })).toBe(timed);
    expect(timedStream(timeOrders(many(3), { batchWindow: 30, seed: 1 })).kind).toBe('timed');
    expect(timeOrders(many(3), { seed: 1 })).toEqual(many(3));
    expect(() => timeOrders([o1(), anOrder('bare', { A: 1 })], { batchWindow: 30, seed: 1 })).toThrow('--batch-window: order bare has no placed_at');
  });

  it('refuses --batch with --batch-window, and --orders-per-hour without it', async () => {
    const base = { seed: 1, locations: 2, skus: 5, region: 'europe' as const, coverage: 1, progress: false };
    await expect(simulate({ ...base, batch: 10, batchWindow: 30 })).rejects.toThrow('give either --batch or --batch-window, not both');
    await expect(simulate({ ...base, ordersPerHour: 30 })).rejects.toThrow('--orders-per-hour only applies with --batch-window');
  });
});

const o1 = () => at(anOrder('o1', { A: 1 }), '2030-01-01T09:00:00Z');
const o2 = () => at(anOrder('o2', { A: 1 }), '2030-01-01T09:10:00Z');
