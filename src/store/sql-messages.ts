// Statements sent as SQL text in one simple-protocol message, so that several travel in one
// round trip ("BEGIN; EXECUTE a(…); EXECUTE b(…)"): used by the pipelined placement
// (placement-pipeline.ts) and by coalesced reads (coalesced-statements.ts). A statement is
// prepared with SQL PREPARE once per connection, in a message of its own: a prepared
// statement outlives a failed transaction, so sent together with a statement that then failed
// it would exist without being known here, and every later PREPARE of it would fail.
// Parameters become literals formatted by node-postgres itself (prepareValue, escapeLiteral).
import pg from 'pg';
import pgUtils from 'pg/lib/utils.js';

interface Compiled {
  readonly sql: string;
  readonly parameters: readonly unknown[];
}

const prepared = new WeakMap<pg.PoolClient, Set<string>>();

/** Prepares `query` as `name` on this connection unless it already was. */
export async function preparedOn(client: pg.PoolClient, name: string, query: Compiled): Promise<void> {
  const known = prepared.get(client) ?? new Set<string>();
  prepared.set(client, known);
  if (known.has(name)) return;
  await client.query(`PREPARE ${name} AS ${query.sql}`);
  known.add(name);
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
