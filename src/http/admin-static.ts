// Serves the built admin UI (admin/dist, from `npm run build`) at /admin. Any /admin path that
// is not a file gets index.html, so the UI's client-side routes survive a reload; hashed
// assets are cached for a year, index.html never. Without a build, /admin says how to make one.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fastifyStatic from '@fastify/static';
import fp from 'fastify-plugin';

export interface AdminStaticOptions {
  /** The built UI; defaults to admin/dist at the package root. */
  readonly distDir?: string;
}

export const DEFAULT_ADMIN_DIST = fileURLToPath(new URL('../../admin/dist', import.meta.url));

const MISSING = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Stockroute admin</title></head>
<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto">
<h1>The admin UI is not built</h1>
<p>This server found no <code>admin/dist</code>. Build it with <code>npm run build</code>
(or <code>npx vite build --config admin/vite.config.ts</code>) and restart the server.</p>
<p>The API works without it: <a href="/openapi.json">/openapi.json</a>.</p></body></html>`;

function noStore(reply: FastifyReply): FastifyReply {
  return reply.header('Cache-Control', 'no-cache');
}

async function serveBuilt(app: FastifyInstance, distDir: string): Promise<void> {
  await app.register(fastifyStatic, {
    root: distDir,
    prefix: '/',
    index: ['index.html'],
    decorateReply: true,
    cacheControl: false,
    setHeaders: (reply, path) => {
      reply.header('Cache-Control', path.includes(join('assets', '')) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  // Client-side routes (/admin/orders/ord_1/ship) get the app; a missing asset stays a 404.
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (request.method !== 'GET' || /\.[a-z0-9]+$/i.test(path)) {
      return reply.code(404).type('text/plain').send('Not found');
    }
    return noStore(reply).type('text/html').sendFile('index.html');
  });
}

async function serveMissing(app: FastifyInstance): Promise<void> {
  const handler = (_req: unknown, reply: FastifyReply) => noStore(reply).code(503).type('text/html').send(MISSING);
  // Not API routes: left out of /openapi.json, as the built UI's static routes are.
  app.get('/', { schema: { hide: true } }, handler);
  app.get('/*', { schema: { hide: true } }, handler);
}

/** Registers /admin. The UI lives in its own encapsulated context (its own 404 and sendFile). */
export const adminStatic = fp<AdminStaticOptions>(
  async (app, options) => {
    const distDir = options.distDir ?? DEFAULT_ADMIN_DIST;
    const built = existsSync(join(distDir, 'index.html'));
    await app.register(async (admin) => (built ? serveBuilt(admin, distDir) : serveMissing(admin)), { prefix: '/admin' });
  },
  { name: 'stockroute-admin-static', fastify: '5.x' },
);
