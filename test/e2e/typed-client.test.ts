// A typed client generated from /openapi.json: openapi-typescript turns the document of a
// listening server into TypeScript types, tsc compiles test/e2e/typed-client/client.ts (an
// openapi-fetch client: create a SKU and an order's prerequisites, place the order, read its
// shipments, and a refused placement's typed error document) against them, and the compiled
// client runs against the same server. A response shape the document gets wrong fails to
// compile or, at run time, the drift check of the HTTP tests (see src/http/test-support/drift.ts).
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import openapiTS, { astToString } from 'openapi-typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApplication } from '../../src/http/auth/applications.js';
import { startLiveServer, type LiveServer } from './http-client.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSC = createRequire(import.meta.url).resolve('typescript/bin/tsc');

describe('a typed client generated from /openapi.json', () => {
  let s: LiveServer;
  let dir: string;
  beforeAll(async () => {
    s = await startLiveServer('pglite');
    // Under node_modules/.cache so that the compiled client resolves openapi-fetch.
    await mkdir(join(ROOT, 'node_modules/.cache'), { recursive: true });
    dir = await mkdtemp(join(ROOT, 'node_modules/.cache/typed-client-'));
  });
  afterAll(async () => {
    await s?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('generates types, compiles a client with tsc, and runs it against the server', async () => {
    const doc = await (await fetch(`${s.origin}/openapi.json`)).json() as Record<string, unknown>;
    const types = astToString(await openapiTS(doc as never));
    await writeFile(join(dir, 'api.d.ts'), types);
    await copyFile(join(ROOT, 'test/e2e/typed-client/client.ts'), join(dir, 'client.ts'));
    await writeFile(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
    await writeFile(join(dir, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { target: 'ES2023', module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['ES2023', 'DOM'], strict: true, skipLibCheck: true, types: [], outDir: '.' },
      files: ['client.ts'],
    }));
    await run(process.execPath, [TSC, '-p', dir]).catch((error: { stdout?: string }) => {
      throw new Error(`tsc refused the client:\n${error.stdout ?? String(error)}`);
    });

    const admin = await createApplication(s.db, { name: 'typed', kind: 'integration', role: 'admin' }, new Date());
    const tokenRes = await fetch(`${s.origin}/oauth/token`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credentials', client_id: admin.clientId, client_secret: admin.clientSecret }),
    });
    const { access_token: token } = await tokenRes.json() as { access_token: string };
    const client = await import(pathToFileURL(join(dir, 'client.js')).href) as { run(baseUrl: string, token: string): Promise<Record<string, unknown>> };
    const outcome = await client.run(s.origin, token);
    expect(outcome.sku).toEqual({ code: 'MUG', name: 'Mug' });
    expect(outcome.orderStatus).toBe('placed');
    expect(outcome.shipments).toEqual([{ status: expect.any(String), lines: 1, location: 'milan' }]);
    expect(outcome.refusal).toMatchObject({ code: 'INSUFFICIENT_STOCK', status: '422', requested: 50 });
  }, 60_000);
});
