// `stockroute serve`: the HTTP service (same as `npm start`), with flags for port and data.
import type { Command } from 'commander';
import { applyServerHeapPolicy } from '../heap-policy.js';
import { startServer } from '../server.js';

export function register(program: Command): void {
  program
    .command('serve')
    .description('Run the HTTP API (JSON:API under /api, OpenAPI at /openapi.json, admin UI at /admin)')
    .option('-p, --port <port>', 'port to listen on (default $PORT or 3000)', (v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`--port must be a port number, not ${v}`);
      return n;
    })
    .option('--host <host>', 'address to bind (default $HOST or 0.0.0.0)')
    .option('-d, --data-dir <dir>', 'embedded database folder (ignored when DATABASE_URL is set)')
    .option('--no-demo', 'do not load the demo data on an empty database')
    .action(async (options: { port?: number; host?: string; dataDir?: string; demo: boolean }) => {
      applyServerHeapPolicy();
      await startServer({
        ...(options.port !== undefined ? { port: options.port } : {}),
        ...(options.host ? { host: options.host } : {}),
        ...(options.dataDir ? { dataDir: options.dataDir } : {}),
        demo: options.demo,
      });
    });
}
