// applications.allowed_origins: the browser origins (https://shop.example.com) whose pages may
// use the application's tokens (CORS; see src/http/browser/origins.ts). A JSON array of
// strings, GIN-indexed because a preflight asks "does any application admit this origin?".
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE applications ADD COLUMN allowed_origins jsonb NOT NULL DEFAULT '[]'::jsonb
    CHECK (jsonb_typeof(allowed_origins) = 'array')`.execute(db);
  await sql`CREATE INDEX applications_allowed_origins ON applications USING gin (allowed_origins)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS applications_allowed_origins`.execute(db);
  await sql`ALTER TABLE applications DROP COLUMN IF EXISTS allowed_origins`.execute(db);
}
