// Lost admin credentials: `stockroute applications create` and `rotate-secret` run as real
// processes against the data folder of a server, print credentials once, and the server
// accepts the new ones (and no longer the rotated secret). A restart where an admin exists
// says, in one line, how to get new credentials.
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/server.js';
import { stockroute, tempDataDir } from './cli-run.js';

const credentials = (out: string) => ({
  clientId: /client_id:\s+(\S+)/.exec(out)?.[1] ?? '',
  clientSecret: /client_secret:\s+(\S+)/.exec(out)?.[1] ?? '',
});

async function tokenStatus(url: string, c: { clientId: string; clientSecret: string }): Promise<{ status: number; token: string }> {
  const res = await fetch(`${url}/oauth/token`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ grant_type: 'client_credentials', client_id: c.clientId, client_secret: c.clientSecret }),
  });
  const body = (await res.json()) as { access_token?: string };
  return { status: res.status, token: body.access_token ?? '' };
}

describe('stockroute applications', () => {
  const dataDir = tempDataDir();
  afterAll(() => rmSync(dirname(dataDir), { recursive: true, force: true }));
  const serve = async (lines: string[]) =>
    startServer({ port: 0, host: '127.0.0.1', dataDir, env: { LOG_LEVEL: 'silent' }, demo: false, print: (l) => lines.push(l), handleSignals: false });

  it('creates integrations and rotates a lost secret; the server takes the new credentials', { timeout: 300_000 }, async () => {
    const firstLines: string[] = [];
    await (await serve(firstLines)).close();
    const firstAdmin = credentials(firstLines.join('\n'));
    expect(firstAdmin.clientSecret).not.toBe('');

    const admin = await stockroute(['applications', 'create', '--name', 'Ops admin', '--role', 'admin', '--data-dir', dataDir]);
    expect(admin.stderr).toBe('');
    expect(admin.code).toBe(0);
    expect(admin.stdout).toContain('Created the admin integration "Ops admin" (shown once; keep the secret safe)');
    const reader = await stockroute(['applications', 'create', '--name', 'BI', '--role', 'read_only', '--data-dir', dataDir]);
    expect(reader.code).toBe(0);
    const rotated = await stockroute(['applications', 'rotate-secret', firstAdmin.clientId, '--data-dir', dataDir]);
    expect(rotated.code).toBe(0);
    expect(rotated.stdout).toContain('New secret for "Admin"');
    expect(credentials(rotated.stdout).clientId).toBe(firstAdmin.clientId);
    expect(credentials(rotated.stdout).clientSecret).not.toBe(firstAdmin.clientSecret);

    const lines: string[] = [];
    const server = await serve(lines);
    try {
      const hints = lines.filter((l) => l.includes('applications create'));
      expect(hints).toEqual([
        `An admin exists. Lost its credentials? Run \`npx stockroute applications create --name NAME --role admin --data-dir ${dataDir}\` (or \`applications rotate-secret CLIENT_ID --data-dir ${dataDir}\`)`,
      ]);
      expect(lines.join('\n')).not.toContain('client_secret');
      expect((await tokenStatus(server.url, firstAdmin)).status).toBe(401);
      expect((await tokenStatus(server.url, credentials(rotated.stdout))).status).toBe(200);
      const ops = await tokenStatus(server.url, credentials(admin.stdout));
      expect(ops.status).toBe(200);
      const bi = await tokenStatus(server.url, credentials(reader.stdout));
      expect(bi.status).toBe(200);
      const create = (token: string, code: string) => fetch(`${server.url}/api/shipping_categories`, {
        method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/vnd.api+json' },
        body: JSON.stringify({ data: { type: 'shipping_categories', attributes: { code, name: code } } }),
      });
      expect((await create(ops.token, 'by-ops')).status).toBe(201);
      expect((await create(bi.token, 'by-bi')).status).toBe(403);
    } finally {
      await server.close();
    }
  });

  it('refuses a bad role (exit 2) and an unknown client_id (exit 2), and lists both in --help', { timeout: 300_000 }, async () => {
    const role = await stockroute(['applications', 'create', '--name', 'X', '--role', 'superuser', '--data-dir', dataDir]);
    expect(role.code).toBe(2);
    expect(role.stderr).toMatch(/superuser.*admin, read_only|admin, read_only.*superuser/s);
    const unknown = await stockroute(['applications', 'rotate-secret', 'nosuch', '--data-dir', dataDir]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('application with client_id nosuch not found');
    // A client_id that starts with "-" (older ids could) is given after "--".
    const dashed = await stockroute(['applications', 'rotate-secret', '--data-dir', dataDir, '--', '-nosuch']);
    expect(dashed.code).toBe(2);
    expect(dashed.stderr).toContain('application with client_id -nosuch not found');
    const help = await stockroute(['applications', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/create[\s\S]*rotate-secret/);
    const top = await stockroute(['--help']);
    expect(top.stdout).toContain('applications');
  });
});
