// Inventory models choose how orders are routed when placed: routing_algorithm (priority,
// distance or fewest_shipments) and the fewest_shipments search's time budget.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE inventory_models
    ADD COLUMN routing_algorithm text NOT NULL DEFAULT 'priority'
      CHECK (routing_algorithm IN ('priority', 'distance', 'fewest_shipments')),
    ADD COLUMN routing_time_budget_ms integer NOT NULL DEFAULT 25
      CHECK (routing_time_budget_ms BETWEEN 1 AND 10000)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE inventory_models DROP COLUMN IF EXISTS routing_algorithm, DROP COLUMN IF EXISTS routing_time_budget_ms`.execute(db);
}
