// `stockroute serve` as a real process: it prints the admin credentials and URLs, answers
// over TCP, and on SIGTERM closes the server and the database and exits 0.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

describe('stockroute serve', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'stockroute-serve-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('serves until SIGTERM, then shuts down cleanly', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', 'serve', '--port', '0', '--host', '127.0.0.1', '--data-dir', dataDir, '--no-demo'], {
      env: { ...process.env, LOG_LEVEL: 'silent', DATABASE_URL: '', STOCKROUTE_ADMIN_CLIENT_ID: '', STOCKROUTE_ADMIN_CLIENT_SECRET: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => { out += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { out += chunk.toString(); });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const started = Date.now();
    while (!/Admin UI:\s+(\S+)/.test(out)) {
      if (Date.now() - started > 90_000 || child.exitCode !== null) throw new Error(`server did not start:\n${out}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const base = /API:\s+(\S+)\/api/.exec(out)?.[1];
    const clientId = /client_id:\s+(\S+)/.exec(out)?.[1];
    const clientSecret = /client_secret:\s+(\S+)/.exec(out)?.[1];
    const token = await fetch(`${base}/oauth/token`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId ?? '', client_secret: clientSecret ?? '' }),
    });
    expect(token.status).toBe(200);
    const health = await fetch(`${base}/health`);
    expect(health.status).toBe(200);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
