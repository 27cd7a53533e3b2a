// The column names of a table, in table order, read from the catalogue once per database
// handle and table. A list that folds a to-one include into its page statement selects the
// related table's columns under aliases of their own (a join's `*` would collide with the
// page's columns), and needs their names for that. The schema does not change under a
// running process (migrations run before the app serves), so the answer is kept.
import { sql, type Kysely } from 'kysely';

const known = new WeakMap<object, Map<string, Promise<readonly string[]>>>();

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function tableColumns(db: Kysely<any>, table: string): Promise<readonly string[]> {
  let tables = known.get(db);
  if (!tables) known.set(db, (tables = new Map()));
  let columns = tables.get(table);
  if (!columns) {
    columns = sql<{ name: string }>`SELECT attname AS name FROM pg_attribute
      WHERE attrelid = to_regclass(${table}::text) AND attnum > 0 AND NOT attisdropped ORDER BY attnum`
      .execute(db).then(({ rows }) => rows.map((r) => r.name));
    // A failed read (a connection dropped) is not remembered: the next list asks again.
    columns.catch(() => tables.delete(table));
    tables.set(table, columns);
  }
  return columns;
}
