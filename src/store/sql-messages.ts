// Statements sent as SQL text in one simple-protocol message, so that several travel in one
// round trip ("BEGIN; EXECUTE a(…); EXECUTE b(…)"): used by the pipelined placement
// (placement-pipeline.ts) and by coalesced reads (coalesced-statements.ts). A statement is
// prepared with SQL PREPARE once per connection, in a message of its own: a prepared
// statement outlives a failed transaction, so sent together with a statement that then failed
// it would exist without being known here, and every later PREPARE of it would fail.
// Parameters become literals formatted by node-postgres itself (prepareValue, escapeLiteral).
// A statement whose table changed columns under it (a newer node migrated) is prepared again
// on its next use: see isStalePlan.
import pg from 'pg';
import pgUtils from 'pg/lib/utils.js';

interface Compiled {
  readonly sql: string;
  readonly parameters: readonly unknown[];
}

const prepared = new WeakMap<pg.PoolClient, Set<string>>();
/** Statements to DEALLOCATE before their next use on a connection (both kinds: SQL PREPARE here, protocol-level in db.ts). */
const stale = new WeakMap<pg.ClientBase, Set<string>>();
const setOf = <C extends object>(map: WeakMap<C, Set<string>>, client: C): Set<string> => {
  const set = map.get(client) ?? new Set<string>();
  map.set(client, set);
  return set;
};

/**
 * Makes the prepared statements after it run with their generic plan, made once per
 * connection. Left to choose (plan_cache_mode auto), PostgreSQL plans a prepared statement
 * afresh whenever its custom plans look cheaper than the generic one, and for our statements
 * over arrays (one text for any number of rows) they nearly always do, so it planned them on
 * every run: the placement's write for half of all batches, the SKU read every time.
 * SET LOCAL lasts until the transaction ends: after BEGIN, the whole transaction; in a
 * message without BEGIN (its statements run as one implicit transaction), that message
 * only, and it is undone when the message fails.
 */
export const GENERIC_PLANS = 'SET LOCAL plan_cache_mode = force_generic_plan;';

/** Prepares `query` as `name` on this connection unless it already was. */
export async function preparedOn(client: pg.PoolClient, name: string, query: Compiled): Promise<void> {
  const known = setOf(prepared, client);
  if (known.has(name)) return;
  await deallocateIfStale(client, name);
  await client.query(`PREPARE ${name} AS ${query.sql}`);
  known.add(name);
}

/**
 * PostgreSQL's refusal to run a prepared statement again once a table it reads gained or lost
 * columns ("cached plan must not change result type"): in a rolling upgrade, a newer node
 * migrated while this one served. Not the caller's fault and gone once the statement is
 * prepared again, so transactions retry it (transaction.ts).
 */
export function isStalePlan(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | null;
  return e?.code === '0A000' && /cached plan must not change result type/.test(String(e.message));
}

/** `name` must be prepared again on `client`: it is deallocated there before its next use. */
export function markStale(client: pg.ClientBase, name: string): void {
  setOf(stale, client).add(name);
}

/** Deallocates `name` on `client` if it was marked stale; it stays marked until that succeeded. */
export async function deallocateIfStale(client: pg.ClientBase, name: string): Promise<void> {
  if (!stale.get(client)?.has(name)) return;
  await client.query(`DEALLOCATE ${name}`);
  stale.get(client)?.delete(name);
}

/** After `error` from statements `names` on `client`: if it is a stale plan, they are prepared again on their next use there. */
export function forgetIfStale(client: pg.PoolClient, names: readonly string[], error: unknown): void {
  if (!isStalePlan(error)) return;
  for (const name of names) if (prepared.get(client)?.delete(name)) markStale(client, name);
}

/** `EXECUTE name(…)` with the query's parameters as literals. */
export function executeText(name: string, query: Compiled): string {
  return `EXECUTE ${name}(${query.parameters.map(literal).join(', ')})`;
}

/** The query's text with its parameters ($1, $2, …) replaced by literals. */
export function inlinedText(query: Compiled): string {
  return query.sql.replace(/\$(\d+)/g, (_, n: string) => literal(query.parameters[Number(n) - 1]));
}

/** A parameter as an SQL literal, formatted as node-postgres formats parameters. */
function literal(value: unknown): string {
  const text = pgUtils.prepareValue(value);
  if (text === null) return 'NULL';
  return pg.escapeLiteral(typeof text === 'string' ? text : text.toString());
}
