// Server settings that must survive restarts, e.g. the generated JWT signing secret.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE settings (
    key text PRIMARY KEY, value text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS settings`.execute(db);
}
