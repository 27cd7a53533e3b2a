// pgbench's built-in scripts on a scratch database of the same PostgreSQL server, the
// yardsticks our throughput is compared with (same machine, same run): simple-update for
// placements (a small write transaction), select-only (-S, one primary-key read) for reads.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createTestDatabaseUrl } from '../src/store/test-support/engines.js';

const run = promisify(execFile);

export type PgbenchScript = 'simple-update' | 'select-only';

/** tps of each script, run one after the other on one scratch database (scale 1). */
export async function pgbenchTps(scripts: readonly PgbenchScript[], clients: number, seconds: number): Promise<Record<PgbenchScript, number>> {
  const temp = await createTestDatabaseUrl();
  const u = new URL(temp.url);
  const args = ['-h', u.hostname, '-p', u.port || '5432', '-U', decodeURIComponent(u.username || 'postgres')];
  const env = { ...process.env, ...(u.password ? { PGPASSWORD: decodeURIComponent(u.password) } : {}) };
  const db = u.pathname.slice(1);
  const tps = { 'simple-update': Number.NaN, 'select-only': Number.NaN };
  try {
    await run('pgbench', [...args, '-i', '-s', '1', '-q', db], { env });
    for (const script of scripts) {
      const { stdout } = await run('pgbench', [...args, '-c', String(clients), '-j', '2', '-T', String(seconds), '-b', script, db], { env });
      const match = /tps = ([\d.]+)/.exec(stdout);
      if (!match?.[1]) throw new Error(`could not read tps from pgbench output:\n${stdout}`);
      tps[script] = Number(match[1]);
      process.stdout.write(`pgbench ${script}: ${tps[script].toFixed(0)} tps\n`);
    }
    return tps;
  } finally {
    await temp.drop();
  }
}

export async function pgbenchSimpleUpdateTps(clients: number, seconds: number): Promise<number> {
  return (await pgbenchTps(['simple-update'], clients, seconds))['simple-update'];
}
