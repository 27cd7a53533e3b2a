// Load generator for bench/http-api.ts, run in a child process so that the benchmark's own
// RSS is the server's alone. argv[2] is JSON (or @FILE): { origin, token, scenario, ids, connections, seconds }.
import { readFileSync } from 'node:fs';
import process from 'node:process';
import autocannon from 'autocannon';

// argv[2] is the JSON itself, or @FILE holding it (thousands of ids exceed one argument's limit).
const arg = process.argv[2];
const { origin, token, scenario, ids, connections, seconds } = JSON.parse(arg.startsWith('@') ? readFileSync(arg.slice(1), 'utf8') : arg);
const JSONAPI = 'application/vnd.api+json';
let n = 0;
const requests = {
  sku_show: { method: 'GET', setupRequest: (r) => ({ ...r, path: `/api/skus/${ids.skus[n++ % ids.skus.length]}` }) },
  stock_items_list: { method: 'GET', setupRequest: (r) => ({ ...r, path: `/api/stock_items?filter[q][sku_code_eq]=${ids.codes[n++ % ids.codes.length]}&include=stock_location` }) },
  order_place: {
    method: 'PATCH',
    setupRequest: (r) => {
      const id = ids.orders[n++];
      if (id === undefined) return null; // every draft placed: stop sending
      return { ...r, path: `/api/orders/${id}`, body: JSON.stringify({ data: { type: 'orders', id, attributes: { _place: true } } }) };
    },
  },
  stock_item_patch: {
    method: 'PATCH',
    setupRequest: (r) => {
      const id = ids.items[n % ids.items.length];
      const quantity = 1000 + (n++ % 7);
      return { ...r, path: `/api/stock_items/${id}`, body: JSON.stringify({ data: { type: 'stock_items', id, attributes: { quantity } } }) };
    },
  },
};
// Placements use each draft once: that run sends exactly one request per draft (however long
// it takes) instead of running for `seconds`, so it never runs out of drafts half-way.
// autocannon ends such a run at its next sample tick, not at the last response: with the
// default tick (1 s) a run of ~10 s read as up to 1 s longer (8000 placements in 10.1 s gave
// 725/s, not 790/s; the durations were all whole seconds + 0.03). Ticks every 50 ms keep that
// error under 1 %; only the per-tick request counts, which nothing here reads, get finer.
const length = scenario === 'order_place' ? { amount: ids.orders.length, sampleInt: 50 } : { duration: seconds };
const result = await autocannon({
  url: origin, connections, ...length,
  headers: { authorization: `Bearer ${token}`, accept: JSONAPI, 'content-type': JSONAPI },
  requests: [requests[scenario]],
});
process.stdout.write(JSON.stringify({
  // Requests over the run's own duration (seconds): `requests.average` counts whole seconds,
  // too coarse for a run of a fixed number of requests (8000 in 7.4 s would read 1143 or 1000).
  rps: result.requests.total / result.duration, p50: result.latency.p50, p99: result.latency.p99, failed: result.non2xx + result.errors + result.timeouts,
  ok: result['2xx'],
}));
