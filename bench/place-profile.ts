// Where a placement's time goes: `N=1000 npx tsx bench/place-profile.ts` places N (≤ 4000)
// two-line orders with 16 workers on a scratch PostgreSQL database (as bench/flows.ts does)
// and prints statements per placement with their mean time (by wrapping pg's Client.query),
// CPU per placement of this process and of the database's backends (from /proc: unlike
// placements/s, hardly moved by whatever else the machine runs), and of the whole machine.
// A diagnostic, not one of `npm run bench`. Options:
// - CPU_PROFILE=file.cpuprofile: a V8 profile of the placements alone (not the seeding);
// - AUTO_EXPLAIN=5ms: plans of statements slower than that, with timings, in PostgreSQL's log;
// - EXPERIMENT=nofk: drops the foreign keys of the tables a placement writes (what they cost);
//   EXPERIMENT=nofk=stock_locations,webhooks only those to these tables (or with these names).
// It prints how often each prepared statement was planned generically or afresh on the
// connections, and the placements' window on CLOCK_MONOTONIC, so that a system-wide
// `perf record -k CLOCK_MONOTONIC -a -g` can be cut to it (`perf report --time START,END`):
// that is how the database's own CPU was split (planning, executor start-up, foreign-key checks).
// It also times this process's socket writes (wall time inside write()). On a 2-vCPU machine
// a write that wakes a database backend often waits while the kernel runs that backend on
// this CPU: measured 0.49 ms per write, 0.07 ms with Node and PostgreSQL pinned apart
// (`taskset`), so each message stalls Node's one thread, which every batch needs.
import { readFileSync } from 'node:fs';
import net from 'node:net';
import pg from 'pg';
import type { Row } from '../src/store/schema.js';
import { flowContext } from '../src/flows/context.js';
import { placeOrder } from '../src/flows/orders/place.js';
import { aLocation, aMarket, aModel, aModelLocation, aShippingCategory, aSku, aStockItem } from '../src/store/test-support/inventory-fixtures.js';
import { analyzeSeeded, withTempPostgres } from './temp-postgres.js';

/** Seconds on CLOCK_MONOTONIC (what `perf record -k CLOCK_MONOTONIC` stamps samples with). */
const monotonic = () => (Number(process.hrtime.bigint()) / 1e9).toFixed(6);
const stats = new Map<string, { n: number; ms: number }>();
let counting = false;
const explained = new WeakSet<object>();
type Query = (this: unknown, text: unknown, values?: unknown, cb?: unknown) => unknown;
const orig = pg.Client.prototype.query as unknown as Query;
(pg.Client.prototype as unknown as { query: Query }).query = function (this: unknown, text: unknown, values?: unknown, cb?: unknown) {
  if (!counting) return orig.call(this, text, values, cb);
  if (process.env.AUTO_EXPLAIN && !explained.has(this as object)) {
    explained.add(this as object);
    void orig.call(this, `LOAD 'auto_explain'; SET auto_explain.log_min_duration = '${process.env.AUTO_EXPLAIN}'; SET auto_explain.log_analyze = on; SET auto_explain.log_timing = on; SET auto_explain.log_nested_statements = off; SET auto_explain.log_triggers = on`);
  }
  const sqlText = typeof text === 'string' ? text : String((text as { text?: unknown }).text);
  const key = sqlText.replace(/\(.*/s, '').replace(/\s+/g, ' ').slice(0, 110);
  const t = performance.now();
  const p = orig.call(this, text, values, cb);
  Promise.resolve(p).finally(() => { const s = stats.get(key) ?? { n: 0, ms: 0 }; s.n++; s.ms += performance.now() - t; stats.set(key, s); });
  return p;
};
const writes = { n: 0, ms: 0 };
type Write = (this: net.Socket, ...args: unknown[]) => boolean;
const origWrite = net.Socket.prototype.write as unknown as Write;
(net.Socket.prototype as unknown as { write: Write }).write = function (this: net.Socket, ...args: unknown[]) {
  if (!counting) return origWrite.apply(this, args);
  const t = performance.now();
  try { return origWrite.apply(this, args); } finally { writes.n++; writes.ms += performance.now() - t; }
};
await withTempPostgres(20, async (db) => {
  const k = db.kysely;
  const nofk = /^nofk(?:=(.+))?$/.exec(process.env.EXPERIMENT ?? '');
  if (nofk) {
    const { sql } = await import('kysely');
    const only = nofk[1]?.split(',');
    const { rows } = await sql<{ t: string; c: string; r: string }>`SELECT conrelid::regclass::text AS t, conname AS c, confrelid::regclass::text AS r FROM pg_constraint WHERE contype = 'f' AND conrelid::regclass::text IN ('shipments','stock_line_items','stock_reservations','webhook_events','stock_transfers')`.execute(k);
    const dropped = rows.filter((r) => !only || only.includes(r.r) || only.includes(r.c));
    for (const r of dropped) await sql.raw(`ALTER TABLE ${r.t} DROP CONSTRAINT ${r.c}`).execute(k);
    console.log(`dropped ${dropped.length} foreign keys: ${dropped.map((r) => r.c).join(', ')}`);
  }
  const model = await aModel(k, { strategy: 'split_shipments', stock_locations_cutoff: 3 });
  const locs = [];
  for (let p = 1; p <= 3; p++) { const l = await aLocation(k, { code: `b-${p}` }); await aModelLocation(k, model.id, l.id, { priority: p }); locs.push(l); }
  const cat = await aShippingCategory(k, { code: 'bench' });
  const skus: Row<'skus'>[] = [];
  for (let i = 0; i < 200; i++) { const s = await aSku(k, { code: `B-${i}`, shipping_category_id: cat.id }); for (const l of locs) await aStockItem(db, s, l, 1e6); skus.push(s); }
  const market = await aMarket(k, model.id);
  const N = Number(process.env.N ?? 1500);
  const orders = Array.from({ length: N }, (_, j) => ({ id: `ord_p_${j}`, number: `P${j}`, market_id: market.id, metadata: '{}' }));
  await k.insertInto('orders').values(orders).execute();
  await k.insertInto('line_items').values(orders.flatMap((o, j) => [skus[(j * 7919) % 200]!, skus[(j * 104729 + 13) % 200]!].map((s, pos) => ({ id: `li_${o.id}_${pos}`, order_id: o.id, sku_id: s.id, sku_code: s.code, quantity: pos + 1, position: pos, metadata: '{}' })))).execute();
  await analyzeSeeded(db);
  const ctx = flowContext(db);
  let next = 0; counting = true;
  const machine = () => { const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number); return { busy: f[0]! + f[1]! + f[2]! + f[5]! + f[6]! + f[7]!, all: f.reduce((a, b) => a + b, 0) }; };
  const { sql } = await import('kysely');
  const backends = async () => (await sql<{ pid: number }>`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`.execute(k)).rows.map((r) => r.pid);
  const ticks = (pid: number) => { try { const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' '); return Number(f[11]) + Number(f[12]); } catch { return 0; } };
  const inspector = process.env.CPU_PROFILE ? new (await import('node:inspector/promises')).Session() : undefined;
  if (inspector) { inspector.connect(); await inspector.post('Profiler.enable'); await inspector.post('Profiler.start'); }
  const pg0 = new Map((await backends()).map((pid) => [pid, ticks(pid)]));
  const m0 = machine();
  const t0 = performance.now(); const c0 = process.cpuUsage(); const mono0 = monotonic();
  await Promise.all(Array.from({ length: 16 }, async () => { while (next < N) await placeOrder(ctx, orders[next++]!.id); }));
  const cpu = process.cpuUsage(c0); const wall = performance.now() - t0; const mono1 = monotonic();
  counting = false;
  const m1 = machine();
  if (inspector) { const { profile } = await inspector.post('Profiler.stop'); (await import('node:fs')).writeFileSync(process.env.CPU_PROFILE!, JSON.stringify(profile)); }
  let pgTicks = 0;
  for (const pid of await backends()) pgTicks += ticks(pid) - (pg0.get(pid) ?? 0);
  console.log(`PostgreSQL backends CPU ${((pgTicks * 10) / N).toFixed(2)} ms/placement`);
  const tick = 1000 / 100; // USER_HZ
  console.log(`machine CPU ${(((m1.busy - m0.busy) * tick) / N).toFixed(2)} ms/placement (all processes; minus Node = the database and the rest)`);
  const rows = [...stats.entries()].sort((a, b) => b[1].ms - a[1].ms);
  let total = 0; for (const [, s] of rows) total += s.n;
  console.log(`${N} placements in ${(wall / 1000).toFixed(1)} s = ${(N / wall * 1000).toFixed(0)}/s; node cpu ${((cpu.user + cpu.system) / 1000 / N).toFixed(2)} ms/placement (user ${(cpu.user / 1000 / N).toFixed(2)}, system ${(cpu.system / 1000 / N).toFixed(2)}); ${(total / N).toFixed(1)} statements/placement`);
  console.log(`placements ran in CLOCK_MONOTONIC ${mono0},${mono1} (perf record -k CLOCK_MONOTONIC …; perf report --time ${mono0},${mono1})`);
  console.log(`socket writes ${(writes.n / N).toFixed(2)}/placement, ${(1000 * writes.ms / Math.max(1, writes.n)).toFixed(0)} µs each inside write() (Node's thread waits)`);
  const clients = await Promise.all(Array.from({ length: 20 }, () => db.pgPool!.connect()));
  const plans = new Map<string, { generic: number; custom: number }>();
  for (const c of clients) {
    for (const r of (await c.query<{ name: string; generic_plans: string; custom_plans: string }>('SELECT name, generic_plans, custom_plans FROM pg_prepared_statements')).rows) {
      const p = plans.get(r.name) ?? { generic: 0, custom: 0 };
      p.generic += Number(r.generic_plans); p.custom += Number(r.custom_plans); plans.set(r.name, p);
    }
    c.release();
  }
  for (const [name, p] of plans) console.log(`prepared ${name}: ${p.generic} generic, ${p.custom} custom plans`);
  for (const [k2, s] of rows) console.log(`${(s.n / N).toFixed(2).padStart(6)}/pl ${(s.ms / s.n).toFixed(2).padStart(7)} ms avg  ${k2}`);
});
