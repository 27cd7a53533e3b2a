// Batch re-optimisation (issue 12): an order may opt out (`orders.reoptimize`), a model may
// be re-optimised periodically by the server (`inventory_models.reoptimize_every_s`, off when
// null), and every run is stored (reoptimization_runs: what it considered, changed and saved).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE orders ADD COLUMN reoptimize boolean NOT NULL DEFAULT true`.execute(db);
  await sql`ALTER TABLE inventory_models ADD COLUMN reoptimize_every_s integer CHECK (reoptimize_every_s BETWEEN 10 AND 86400)`.execute(db);
  await sql`CREATE TABLE reoptimization_runs (
    id text PRIMARY KEY,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    reference text, reference_origin text, metadata jsonb NOT NULL DEFAULT '{}',
    inventory_model_id text NOT NULL REFERENCES inventory_models(id) ON DELETE CASCADE,
    status text NOT NULL CHECK (status IN ('completed', 'dry_run', 'unsupported')),
    trigger text NOT NULL CHECK (trigger IN ('cli', 'api', 'schedule')),
    orders_considered integer NOT NULL DEFAULT 0,
    orders_skipped integer NOT NULL DEFAULT 0,
    orders_changed integer NOT NULL DEFAULT 0,
    shipments_before integer NOT NULL DEFAULT 0,
    shipments_after integer NOT NULL DEFAULT 0,
    shipments_baseline integer NOT NULL DEFAULT 0,
    km_before double precision NOT NULL DEFAULT 0,
    km_after double precision NOT NULL DEFAULT 0,
    km_baseline double precision NOT NULL DEFAULT 0,
    search_moves integer NOT NULL DEFAULT 0,
    search_stopped text,
    elapsed_ms double precision NOT NULL DEFAULT 0,
    message text,
    changed_orders jsonb NOT NULL DEFAULT '[]')`.execute(db);
  await sql`CREATE INDEX reoptimization_runs_model ON reoptimization_runs (inventory_model_id, created_at)`.execute(db);
  // A run tests every candidate order for transfers and submitted selections, and reads its reservations.
  await sql`CREATE INDEX IF NOT EXISTS stock_transfers_order ON stock_transfers (order_id)`.execute(db);
  await sql`CREATE INDEX IF NOT EXISTS source_selections_order ON source_selections (order_id)`.execute(db);
  await sql`CREATE INDEX IF NOT EXISTS stock_reservations_order ON stock_reservations (order_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS reoptimization_runs`.execute(db);
  await sql`DROP INDEX IF EXISTS stock_transfers_order`.execute(db);
  await sql`DROP INDEX IF EXISTS source_selections_order`.execute(db);
  await sql`DROP INDEX IF EXISTS stock_reservations_order`.execute(db);
  await sql`ALTER TABLE orders DROP COLUMN IF EXISTS reoptimize`.execute(db);
  await sql`ALTER TABLE inventory_models DROP COLUMN IF EXISTS reoptimize_every_s`.execute(db);
}
