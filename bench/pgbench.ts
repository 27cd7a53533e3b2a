// pgbench's built-in simple-update script on a scratch database of the same PostgreSQL
// server, the yardstick our placement throughput is compared with (same machine, same run).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createTestDatabaseUrl } from '../src/store/test-support/engines.js';

const run = promisify(execFile);

export async function pgbenchSimpleUpdateTps(clients: number, seconds: number): Promise<number> {
  const temp = await createTestDatabaseUrl();
  const u = new URL(temp.url);
  const args = ['-h', u.hostname, '-p', u.port || '5432', '-U', decodeURIComponent(u.username || 'postgres')];
  const env = { ...process.env, ...(u.password ? { PGPASSWORD: decodeURIComponent(u.password) } : {}) };
  const db = u.pathname.slice(1);
  try {
    await run('pgbench', [...args, '-i', '-s', '1', '-q', db], { env });
    const { stdout } = await run('pgbench', [...args, '-c', String(clients), '-j', '2', '-T', String(seconds), '-b', 'simple-update', db], { env });
    const match = /tps = ([\d.]+)/.exec(stdout);
    if (!match?.[1]) throw new Error(`could not read tps from pgbench output:\n${stdout}`);
    return Number(match[1]);
  } finally {
    await temp.drop();
  }
}
