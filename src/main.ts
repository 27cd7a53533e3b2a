// Composition root for `npm start`: the HTTP service with configuration from the environment
// (PORT, HOST, DATABASE_URL or STOCKROUTE_DATA_DIR, STOCKROUTE_* settings; see server.ts),
// under the server's garbage-collection policy (heap-policy.ts).
import { applyServerHeapPolicy } from './heap-policy.js';
import { startServer } from './server.js';

applyServerHeapPolicy();
startServer().catch((error: unknown) => {
  process.stderr.write(`stockroute: could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
