// A fewest_shipments source selection keeps what its plan is worth: optimality
// {status: proven | budget_exhausted, shipments, lower_bound (, transfers)}, null for the
// other algorithms (and for selections made before this migration).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE source_selections ADD COLUMN optimality jsonb`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE source_selections DROP COLUMN IF EXISTS optimality`.execute(db);
}
