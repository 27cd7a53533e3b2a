// Statements built at run time (a list's filters, sorts and includes) keep one text per
// shape: the values are parameters. On PostgreSQL a shape that is executed again and again
// gains most from being a named prepared statement (db.ts: `-- prepared: NAME`): parsing and
// planning the list page statement costs the server more than executing it (0.5 ms against
// 0.1 ms for a filtered stock_items page with its include). The name is derived from the
// text, so every connection and process agrees on it. Each connection keeps what it has
// prepared until it closes, so the number of shapes named is capped; beyond the cap a
// statement runs unnamed, as before.
import { createHash } from 'node:crypto';
import { CompiledQuery, type Kysely } from 'kysely';

const MAX_SHAPES = 200;
const names = new Map<string, string>();

/** The name of a statement's shape, or undefined once MAX_SHAPES are named. */
export function shapeName(text: string): string | undefined {
  let name = names.get(text);
  if (name === undefined) {
    if (names.size >= MAX_SHAPES) return undefined;
    name = `shape_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    names.set(text, name);
  }
  return name;
}

/** The statement text with its prepared-statement mark (db.ts), unless MAX_SHAPES are named already. */
export function preparedText(text: string): string {
  const name = shapeName(text);
  return name === undefined ? text : `-- prepared: ${name}\n${text}`;
}

/** Executes a Kysely-built query as a named prepared statement of its shape; its rows. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function executePrepared<R>(db: Kysely<any>, query: CompiledQuery<R>): Promise<R[]> {
  const { rows } = await db.executeQuery(CompiledQuery.raw(preparedText(query.sql), [...query.parameters]) as CompiledQuery<R>);
  return rows;
}
