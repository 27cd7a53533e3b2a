// `stockroute migrate`: applies the pending schema migrations and says which ran.
import type { Command } from 'commander';
import { migrateToLatest } from '../store/migrate.js';
import { runCommand, withDbOptions } from '../io/cli-support.js';
import { describeDb, openDbFromOptions, type DbOptions } from './open-db.js';

export function register(program: Command): void {
  withDbOptions(
    program
      .command('migrate')
      .description('Apply pending database migrations (the server also applies them on start)'),
  ).action(async (options: DbOptions) => {
    await runCommand('migrate', async () => {
      const db = await openDbFromOptions(options);
      try {
        const { results = [] } = await migrateToLatest(db.kysely);
        const applied = results.filter((r) => r.status === 'Success').map((r) => r.migrationName);
        for (const name of applied) process.stdout.write(`applied ${name}\n`);
        process.stdout.write(applied.length === 0
          ? `${describeDb(options)} is up to date\n`
          : `${describeDb(options)}: ${applied.length} migration${applied.length === 1 ? '' : 's'} applied\n`);
      } finally {
        await db.close();
      }
    });
  });
}
