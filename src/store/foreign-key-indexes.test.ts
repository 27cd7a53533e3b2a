// Deleting a row looks it up in every table that references it (the foreign key's check, or
// its ON DELETE SET NULL). The service deletes stock reservations (cart holds released at
// placement, expired, re-optimised), draft line items and reshaped shipments; each such lookup
// must find an index, or it reads the whole referencing table (migration 010: 49 ms per
// reservation with 400,000 stock line items, 0.7 ms with the index).
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enginesUnderTest, openTestDb, type TestDb } from './test-support/engines.js';

const DELETED_BY_THE_SERVICE = ['stock_reservations', 'line_items', 'shipments'];

describe.each(enginesUnderTest())('foreign keys into deleted rows on %s', (engine) => {
  let db: TestDb;
  beforeAll(async () => { db = await openTestDb(engine); });
  afterAll(async () => { await db.close(); });

  it('every foreign key into a table whose rows the service deletes has an index on its columns', async () => {
    const { rows } = await sql<{ fk: string }>`
      SELECT c.conrelid::regclass::text || '.' || (SELECT string_agg(a.attname, ',') FROM unnest(c.conkey) k
        JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k) || ' -> ' || c.confrelid::regclass::text AS fk
      FROM pg_constraint c
      WHERE c.contype = 'f' AND c.confrelid::regclass::text = ANY(${DELETED_BY_THE_SERVICE}::text[])
        AND NOT EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.conrelid
          AND (i.indkey::int2[])[0:array_length(c.conkey, 1) - 1] = c.conkey)
      ORDER BY 1`.execute(db.kysely);
    expect(rows.map((r) => r.fk)).toEqual([]);
  });

  it('releasing a reservation and deleting a shipment look their references up by index, in the generic plans foreign keys use', async () => {
    const plans = await db.kysely.connection().execute(async (c) => {
      await sql`SET enable_seqscan = off`.execute(c);
      await sql`SET plan_cache_mode = force_generic_plan`.execute(c);
      await sql`PREPARE release_lookup(text) AS UPDATE ONLY stock_line_items SET stock_reservation_id = NULL WHERE $1 = stock_reservation_id`.execute(c);
      await sql`PREPARE shipment_lookup(text) AS SELECT 1 FROM ONLY stock_movements x WHERE $1 = shipment_id FOR KEY SHARE OF x`.execute(c);
      try {
        const explain = async (name: string) =>
          (await sql<{ 'QUERY PLAN': string }>`EXPLAIN EXECUTE ${sql.raw(name)}('x')`.execute(c)).rows.map((r) => r['QUERY PLAN']).join('\n');
        return { release: await explain('release_lookup'), shipment: await explain('shipment_lookup') };
      } finally {
        await sql`DEALLOCATE release_lookup`.execute(c);
        await sql`DEALLOCATE shipment_lookup`.execute(c);
        await sql`RESET enable_seqscan`.execute(c);
        await sql`RESET plan_cache_mode`.execute(c);
      }
    });
    expect(plans.release).toContain('stock_line_items_reservation');
    expect(plans.shipment).toContain('stock_movements_shipment');
  });
});
