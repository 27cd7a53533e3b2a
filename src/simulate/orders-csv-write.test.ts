import { describe, expect, it } from 'vitest';
import { generateOrders } from './generate-orders.js';
import { generateSnapshot } from './generate-snapshot.js';
import { parseOrdersCsv } from './orders-csv.js';
import { ordersToCsv } from './orders-csv-write.js';
import { anOrder } from './test-support.js';

describe('writing orders as CSV', () => {
  it('writes one row per line under the header the reader expects', () => {
    expect(ordersToCsv([anOrder('o1', { A: 2, B: 1.5 }, { lat: 48.1, lng: 11.6 }), anOrder('o,2', { C: 1 }, null)])).toBe(
      'order_id,sku,quantity,lat,lng,country_code,zip_code\no1,A,2,48.1,11.6,,\no1,B,1.5,48.1,11.6,,\n"o,2",C,1,,,,\n',
    );
  });

  it('reads back a generated stream exactly', () => {
    const snapshot = generateSnapshot({ seed: 2, locations: 4, skus: 50, region: 'north_america', expectedOrders: 200, coverage: 1, stockLocationsCutoff: 4 });
    const orders = generateOrders(snapshot, 200, 2);
    expect(parseOrdersCsv(ordersToCsv(orders))).toEqual({ ok: true, orders });
  });
});

describe('writing timed orders as CSV', () => {
  it('adds placed_at only when some order has a time, and reads it back', async () => {
    const { withArrivalTimes } = await import('./arrivals.js');
    const orders = withArrivalTimes([anOrder('o1', { A: 2 }), anOrder('o2', { B: 1 })], 3, 60);
    const csv = ordersToCsv(orders);
    expect(csv.split('\n')[0]).toBe('order_id,sku,quantity,lat,lng,country_code,zip_code,placed_at');
    expect(parseOrdersCsv(csv)).toEqual({ ok: true, orders: orders.map((o) => ({ ...o, placedAt: Math.round(o.placedAt!) })) });
  });
});
