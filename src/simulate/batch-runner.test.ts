import { describe, expect, it } from 'vitest';
import { runBatched } from './batch-runner.js';
import { runSimulation } from './runner.js';
import { BERLIN, aSku, aSnapshot, aStockRow, anOrder } from './test-support.js';

describe('simulate --batch', () => {
  it('a batch gives the contested mug back to the order that needs it to ship in one parcel', async () => {
    const snapshot = aSnapshot({
      skus: [aSku('MUG'), aSku('TEE')],
      stock: [aStockRow('paris', 'MUG', 1), aStockRow('berlin', 'MUG', 1), aStockRow('berlin', 'TEE', 1)],
    });
    // o1 lives in Berlin and takes Berlin's mug in real time; o2 then needs Paris and Berlin.
    const orders = [anOrder('o1', { MUG: 1 }, BERLIN), anOrder('o2', { MUG: 1, TEE: 1 })];
    const [realTime] = await runSimulation({ snapshot, orders, scenarios: [{ strategy: 'split_shipments', algorithm: 'fewest_shipments' }] });
    expect(realTime!.shipments.total).toBe(3);
    const batched = await runBatched({ snapshot, orders, strategy: 'split_shipments', batch: 2 });
    expect(batched).toMatchObject({ label: 'split_shipments × fewest_shipments, batch 2', ordersPlaced: 2, shipments: { total: 2 } });
    expect(batched.units.shipped).toBe(realTime!.units.shipped);
  });
});

describe('simulate --batch-window', () => {
  const snapshot = aSnapshot({
    skus: [aSku('MUG'), aSku('TEE')],
    stock: [aStockRow('paris', 'MUG', 1), aStockRow('berlin', 'MUG', 1), aStockRow('berlin', 'TEE', 1)],
  });
  const orders = [
    { ...anOrder('o1', { MUG: 1 }, BERLIN), placedAt: Date.parse('2030-01-01T09:00:00Z') },
    { ...anOrder('o2', { MUG: 1, TEE: 1 }), placedAt: Date.parse('2030-01-01T09:10:00Z') },
  ];

  it('re-plans the contested mug when both orders fall in one window, not when the window closed between them', async () => {
    expect(await runBatched({ snapshot, orders, strategy: 'split_shipments', windowMinutes: 30 }))
      .toMatchObject({ label: 'split_shipments × fewest_shipments, window 30 min', ordersPlaced: 2, shipments: { total: 2 } });
    expect(await runBatched({ snapshot, orders, strategy: 'split_shipments', windowMinutes: 5 }))
      .toMatchObject({ label: 'split_shipments × fewest_shipments, window 5 min', ordersPlaced: 2, shipments: { total: 3 } });
  });
});
