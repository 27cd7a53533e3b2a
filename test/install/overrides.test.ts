// package.json `overrides` pin two transitive packages to their Node 20 lines:
// content-disposition 2 under @fastify/static (3 wants Node 22) and cookie 1 under
// light-my-request (2 wants Node 22). These check that the code using them still works.
import fastifyStatic from '@fastify/static';
import Fastify from 'fastify';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

describe('overridden transitive packages', () => {
  const app = Fastify();
  afterAll(() => app.close());

  it('@fastify/static names a download with content-disposition 2', async () => {
    const root = mkdtempSync(join(tmpdir(), 'sr-static-'));
    writeFileSync(join(root, 'naïve report.csv'), 'a,b\n1,2\n');
    await app.register(fastifyStatic, { root, serve: false });
    app.get('/download', (_request, reply) => reply.download('naïve report.csv'));
    app.get('/cookies', async (request) => ({ cookie: request.headers.cookie }));
    const response = await app.inject({ url: '/download' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe('a,b\n1,2\n');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="na?ve report.csv"; filename*=UTF-8''na%C3%AFve%20report.csv`);
  });

  it('inject sends cookies through light-my-request with cookie 1', async () => {
    const response = await app.inject({ url: '/cookies', cookies: { session: 'a b', theme: 'dark' } });
    expect(response.json()).toEqual({ cookie: 'session=a%20b; theme=dark' });
  });
});
