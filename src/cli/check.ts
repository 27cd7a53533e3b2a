// `stockroute check`: verifies every invariant of DOMAIN.md against the database and prints
// each violation (rule, record, numbers). Exit status 0 when all hold, 1 when any is broken,
// 2 when the database cannot be checked (not migrated, bad options).
import type { Command } from 'commander';
import { sql } from 'kysely';
import { INVARIANTS, checkInvariants } from '../flows/check.js';
import { UsageError } from '../io/import-error.js';
import { runCommand, withDbOptions } from '../io/cli-support.js';
import { describeDb, openDbFromOptions, type DbOptions } from './open-db.js';

export function register(program: Command): void {
  withDbOptions(
    program
      .command('check')
      .description('Verify the stock invariants (on hand = Σ movements, reserved = Σ reservations, no oversell, shipments consistent)')
      .option('--expiry-grace <seconds>', 'how long an expired draft reservation may wait for the sweep', (v) => Number(v), 600),
  ).action(async (options: DbOptions & { expiryGrace: number }) => {
    await runCommand('check', async () => {
      if (!Number.isFinite(options.expiryGrace) || options.expiryGrace < 0) throw new UsageError('--expiry-grace must be a number of seconds ≥ 0');
      const db = await openDbFromOptions(options);
      try {
        const schema = await sql<{ t: string | null }>`SELECT to_regclass('stock_movements')::text AS t`.execute(db.kysely);
        if (!schema.rows[0]?.t) throw new UsageError(`${describeDb(options)} has no Stockroute schema; run \`stockroute migrate\` first`);
        const violations = await checkInvariants(db, { expiryGraceSeconds: options.expiryGrace });
        for (const v of violations) process.stdout.write(`VIOLATION ${v.rule}: ${v.table} ${v.id}: ${v.message}\n`);
        if (violations.length > 0) {
          const rules = new Set(violations.map((v) => v.rule)).size;
          process.stdout.write(`${violations.length} violation${violations.length === 1 ? '' : 's'} of ${rules} of ${INVARIANTS.length} invariants\n`);
          process.exitCode = 1;
        } else {
          process.stdout.write(`all ${INVARIANTS.length} invariants hold (${describeDb(options)})\n`);
        }
      } finally {
        await db.close();
      }
    });
  });
}
