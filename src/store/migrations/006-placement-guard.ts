// The placement write's last guard, raised inside the statement: if a locked stock item
// refused its reservation, the statement fails with a serialisation failure (40001, retried
// by the caller) instead of returning counts for Node to compare. On PostgreSQL the COMMIT
// travels in the same message as the write (placement-pipeline.ts), so a check in Node would
// come after the commit; an error in the statement makes PostgreSQL skip the COMMIT.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE FUNCTION stockroute_placement_guard(expected bigint, made bigint) RETURNS bigint
    LANGUAGE plpgsql VOLATILE AS $$
    BEGIN
      IF made <> expected THEN
        RAISE EXCEPTION '% of % locked stock items no longer had the planned availability', expected - made, expected
          USING ERRCODE = '40001';
      END IF;
      RETURN made;
    END
    $$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP FUNCTION IF EXISTS stockroute_placement_guard(bigint, bigint)`.execute(db);
}
