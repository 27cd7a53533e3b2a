// Shared plumbing for the data commands (demo, import, export, geonames): the database
// options every command takes, opening (and migrating) the database, and turning errors into
// a one-line message and an exit status: 2 for bad usage or bad input, 1 for failures.
// No stack traces for expected errors (set STOCKROUTE_DEBUG=1 to see them for the rest).
import type { Command } from 'commander';
import { DomainFailure } from '../domain/errors.js';
import { openDbFromOptions, type DbOptions } from '../cli/open-db.js';
import type { Db } from '../store/db.js';
import { migrateToLatest } from '../store/migrate.js';
import { ImportError, UsageError } from './import-error.js';

export type { DbOptions };

export function withDbOptions(command: Command): Command {
  return exitTwoOnUsageError(command)
    .option('--data-dir <dir>', 'embedded database folder (default: $DATABASE_URL if set, else ./.stockroute/data or $STOCKROUTE_DATA_DIR)')
    .option('--database-url <url>', 'PostgreSQL URL; overrides --data-dir and $DATABASE_URL');
}

/** Commander exits with 1 on a usage error; ours exit with 2 (help still exits 0). */
export function exitTwoOnUsageError(command: Command): Command {
  return command.exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 2));
}

export async function openCliDb(options: DbOptions): Promise<Db> {
  const db = await openDbFromOptions(options);
  try {
    await migrateToLatest(db.kysely);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}

/** Runs a command body with an open database, closing it and mapping errors to exit codes. */
export async function runWithDb(name: string, options: DbOptions, body: (db: Db) => Promise<void>): Promise<void> {
  await runCommand(name, async () => {
    const db = await openCliDb(options);
    try {
      await body(db);
    } finally {
      await db.close();
    }
  });
}

export async function runCommand(name: string, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    const { message, status } = describeError(error);
    process.stderr.write(`stockroute ${name}: ${message}\n`);
    if (status === 1 && process.env.STOCKROUTE_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    process.exitCode = status;
  }
}

export function describeError(error: unknown): { message: string; status: 1 | 2 } {
  if (error instanceof ImportError || error instanceof UsageError) return { message: error.message, status: 2 };
  if (error instanceof DomainFailure) {
    const e = error.error;
    const input = e.code === 'VALIDATION_ERROR' || e.code === 'RECORD_NOT_FOUND' || e.code === 'RECORD_NOT_UNIQUE';
    return { message: e.code === 'VALIDATION_ERROR' ? `${e.field}: ${e.message}` : e.message, status: input ? 2 : 1 };
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ECONNREFUSED') return { message: `cannot connect to the database (${String((error as Error).message)})`, status: 1 };
  return { message: error instanceof Error ? error.message : String(error), status: 1 };
}
