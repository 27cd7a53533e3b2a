// First-start bootstrap: an admin integration with generated credentials on an empty
// database, exactly once; or the client given in the environment.
import { afterEach, describe, expect, it } from 'vitest';
import { openTestDb, type TestDb } from '../../store/test-support/engines.js';
import { bootstrapAdmin } from './applications.js';
import { verifySecret } from './secrets.js';

describe('bootstrapAdmin', () => {
  let db: TestDb | undefined;
  afterEach(async () => {
    await db?.close();
    db = undefined;
  });

  it('creates one admin with generated credentials on an empty database, then nothing more', async () => {
    db = await openTestDb('pglite');
    const first = await bootstrapAdmin(db, {}, new Date());
    const created = first.kind === 'created' ? first.credentials : undefined;
    expect(created?.clientSecret.length).toBeGreaterThanOrEqual(32);
    expect(await bootstrapAdmin(db, {}, new Date())).toEqual({ kind: 'exists' });
    const rows = await db.kysely.selectFrom('applications').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: 'integration', role: 'admin', client_id: created?.clientId });
    expect(rows[0]?.client_secret_hash).not.toContain(created?.clientSecret ?? '');
    expect(await verifySecret(created?.clientSecret ?? '', rows[0]?.client_secret_hash ?? '')).toBe(true);
    expect(await verifySecret('wrong', rows[0]?.client_secret_hash ?? '')).toBe(false);

    expect(await bootstrapAdmin(db, { clientId: 'ops-admin', clientSecret: 'from-the-environment' }, new Date())).toEqual({ kind: 'configured' });
    const ops = await db.kysely.selectFrom('applications').selectAll().where('client_id', '=', 'ops-admin').executeTakeFirstOrThrow();
    expect(await verifySecret('from-the-environment', ops.client_secret_hash ?? '')).toBe(true);
    await bootstrapAdmin(db, { clientId: 'ops-admin', clientSecret: 'from-the-environment' }, new Date());
    expect(await db.kysely.selectFrom('applications').select('id').execute()).toHaveLength(2);
  });
});
