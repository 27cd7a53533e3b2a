import { describe, expect, it } from 'vitest';
import { qty } from '../domain/quantity.js';
import { ordersFormat, parseOrders } from './orders-file.js';

const ok = (path: string, text: string) => {
  const result = parseOrders(path, text);
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.orders;
};
const errors = (path: string, text: string) => {
  const result = parseOrders(path, text);
  if (result.ok) throw new Error('expected errors');
  return result.errors;
};

describe('CSV order streams', () => {
  it('groups rows by order_id into lines, keeping the destination', () => {
    const orders = ok('o.csv', 'order_id,sku,quantity,lat,lng,country_code,zip_code\n1001,A,2,48.1,11.6,DE,80331\n1002,B,1.5,52.52,13.4,,\n1001,C,1,48.1,11.6,DE,80331\n');
    expect(orders).toEqual([
      {
        id: '1001',
        lines: [{ id: 'l1', sku: 'A', quantity: qty(2) }, { id: 'l2', sku: 'C', quantity: qty(1) }],
        destination: { lat: 48.1, lng: 11.6, countryCode: 'DE', zipCode: '80331' },
      },
      { id: '1002', lines: [{ id: 'l1', sku: 'B', quantity: qty(1.5) }], destination: { lat: 52.52, lng: 13.4, countryCode: null, zipCode: null } },
    ]);
  });

  it('accepts empty coordinates and the five required columns only', () => {
    const [order] = ok('o.csv', 'order_id,sku,quantity,lat,lng\nx,A,1,,\n');
    expect(order!.destination).toEqual({ lat: null, lng: null, countryCode: null, zipCode: null });
  });

  it('reports every bad row with its line number and field', () => {
    const text = 'order_id,sku,quantity,lat,lng\n1,A,2,48,11\n2,B,abc,48,11\n\n3,,1,48,11\n4,D,0,95,11\n5,E,1.00001,48,\n1,F,1,40,11\n';
    expect(errors('o.csv', text)).toEqual([
      'line 3: quantity: must be a number greater than 0 with at most 4 decimals, not "abc"',
      'line 5: sku: must not be empty',
      'line 6: quantity: must be a number greater than 0 with at most 4 decimals, not "0"',
      'line 6: lat: must be a number between -90 and 90, not "95"',
      'line 7: quantity: must be a number greater than 0 with at most 4 decimals, not "1.00001"',
      'line 7: lat and lng must both be given or both be empty',
      "line 8: the destination (lat, lng, country_code, zip_code) differs from order 1's first row on line 2",
    ]);
  });

  it('names missing and unknown header columns, and ragged rows', () => {
    expect(errors('o.csv', 'order,sku,quantity,lat,lng\n1,A,1,1,1\n')).toEqual([
      'line 1: the header has no "order_id" column (columns: order_id,sku,quantity,lat,lng,country_code,zip_code,placed_at)',
      'line 1: "order" is not a known column (columns: order_id,sku,quantity,lat,lng,country_code,zip_code,placed_at)',
    ]);
    expect(errors('o.csv', 'order_id,sku,quantity,lat,lng\n1,A,1,1,1\n2,B,1,1\n')[0]).toMatch(/^line 3: .*columns length is 5, got 4/);
    expect(errors('o.csv', 'order_id,sku,quantity,lat,lng\n')).toEqual([
      'line 1: the CSV has no order rows (expected a header row, then one row per order line)',
    ]);
  });
});

describe('JSON and NDJSON order streams', () => {
  const order = { id: 'o-1', lines: [{ sku: 'A', quantity: 2 }], shipping_address: { lat: 48.1, lng: 11.6, country_code: 'DE', zip_code: '80331' } };

  it('reads an array, an { orders } object, and one order per line', () => {
    const expected = [{ id: 'o-1', lines: [{ id: 'l1', sku: 'A', quantity: qty(2) }], destination: { lat: 48.1, lng: 11.6, countryCode: 'DE', zipCode: '80331' } }];
    expect(ok('o.json', JSON.stringify([order]))).toEqual(expected);
    expect(ok('o.json', JSON.stringify({ orders: [order] }))).toEqual(expected);
    expect(ok('o.ndjson', `${JSON.stringify(order)}\n\n`)).toEqual(expected);
    expect(ok('orders.txt', `${JSON.stringify(order)}\n${JSON.stringify({ ...order, id: 2 })}\n`)).toHaveLength(2);
  });

  it('names the field of a bad JSON order', () => {
    const bad = [order, { id: 'o-2', lines: [{ sku: 'A', quantity: -1 }] }, { id: 'o-1', lines: [{ sku: 'B', quantity: 1.23456 }] }];
    expect(errors('o.json', JSON.stringify(bad))).toEqual(['orders[1].lines[0].quantity: must be greater than 0']);
    expect(errors('o.json', JSON.stringify([order, { ...order, lines: [{ sku: 'B', quantity: 1.23456 }] }]))).toEqual([
      'orders[1]: id: duplicate order id "o-1"',
      'orders[1]: lines[0].quantity: must be a number with at most 4 decimals',
    ]);
    expect(errors('o.json', '[{"id": 1, "lines": []')[0]).toMatch(/^invalid JSON/);
  });

  it('gives the line number of a bad NDJSON order', () => {
    const text = `${JSON.stringify(order)}\n{"id": "o-2", "lines": [{"sku": "A"}]}\nnot json\n`;
    const found = errors('o.ndjson', text);
    expect(found[0]).toBe('line 2: lines[0].quantity: is required');
    expect(found[1]).toMatch(/^line 3: invalid JSON/);
  });

  it('guesses the format from the name, then the content', () => {
    expect(ordersFormat('a.CSV', '')).toBe('csv');
    expect(ordersFormat('a.jsonl', '')).toBe('ndjson');
    expect(ordersFormat('a', ' [')).toBe('json');
    expect(ordersFormat('a', 'order_id,sku')).toBe('csv');
  });
});

describe('placed_at (simulated arrival time, for --batch-window)', () => {
  it('is read from an optional CSV column, the same on every row of an order', () => {
    const orders = ok('o.csv', 'order_id,sku,quantity,lat,lng,placed_at\n1,A,1,48,11,2030-01-01T09:30:00Z\n1,B,1,48,11,2030-01-01T10:30:00+01:00\n2,A,1,48,11,\n');
    expect(orders.map((o) => [o.id, o.placedAt])).toEqual([['1', Date.parse('2030-01-01T09:30:00Z')], ['2', undefined]]);
    expect(errors('o.csv', 'order_id,sku,quantity,lat,lng,placed_at\n1,A,1,48,11,2030-01-01 09:30\n2,A,1,48,11,2030-01-01T09:30:00Z\n2,B,1,48,11,2030-01-01T09:31:00Z\n')).toEqual([
      'line 2: placed_at: must be an ISO 8601 date-time with a time zone, like 2030-01-01T09:30:00Z, not "2030-01-01 09:30"',
      "line 4: placed_at differs from order 2's first row on line 3",
    ]);
  });

  it('is an optional field of JSON and NDJSON orders', () => {
    const [order] = ok('o.ndjson', '{"id":"a","lines":[{"sku":"A","quantity":1}],"placed_at":"2030-01-01T09:30:00Z"}\n{"id":"b","lines":[{"sku":"A","quantity":1}]}\n');
    expect(order!.placedAt).toBe(Date.parse('2030-01-01T09:30:00Z'));
    expect(errors('o.json', '[{"id":"a","lines":[{"sku":"A","quantity":1}],"placed_at":"yesterday"}]')).toEqual([
      'orders[0]: placed_at: must be an ISO 8601 date-time with a time zone, like 2030-01-01T09:30:00Z, not "yesterday"',
    ]);
  });
});
