// The compiled server (`node … dist/main.js`, run as `npm start` runs it) in a child process, for
// benchmarks that measure the server alone: its own RSS (peak = VmHWM) and CPU time are read
// from /proc, so neither the load generator nor tsx nor the benchmark's seeding counts.
// dist/ is rebuilt first (tsc -p tsconfig.build.json) when a source file is newer than it.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startScriptNodeFlags } from '../src/heap-policy.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const run = promisify(execFile);

export interface ServerProcess {
  readonly origin: string;
  readonly pid: number;
  /** Resident set size now and its peak so far (VmRSS, VmHWM), MB. */
  memory(): Promise<{ rssMb: number; peakMb: number }>;
  /** User + system CPU time consumed so far, ms. */
  cpuMs(): Promise<number>;
  stop(): Promise<void>;
}

export interface ServerEnv {
  readonly databaseUrl: string;
  readonly adminClientId: string;
  readonly adminClientSecret: string;
}

export async function startCompiledServer(env: ServerEnv): Promise<ServerProcess> {
  await buildIfStale();
  // node's flags from `npm start` (package.json), then BENCH_SERVER_NODE_ARGS, e.g.
  // "--cpu-prof --cpu-prof-dir=/tmp/prof", to profile the server.
  const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const nodeArgs = [...startScriptNodeFlags(pkg.scripts.start), ...(process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean)];
  const child = spawn(process.execPath, [...nodeArgs, join(ROOT, 'dist/main.js')], {
    env: {
      ...process.env, DATABASE_URL: env.databaseUrl, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', STOCKROUTE_MODE: 'test',
      STOCKROUTE_ADMIN_CLIENT_ID: env.adminClientId, STOCKROUTE_ADMIN_CLIENT_SECRET: env.adminClientSecret,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const origin = await listeningOrigin(child);
  const pid = child.pid ?? 0;
  const ticks = Number((await run('getconf', ['CLK_TCK'])).stdout.trim()) || 100;
  return {
    origin, pid,
    memory: async () => {
      const status = await readFile(`/proc/${pid}/status`, 'utf8');
      const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
      return { rssMb: Math.round(kb('VmRSS') / 1024), peakMb: Math.round(kb('VmHWM') / 1024) };
    },
    cpuMs: async () => {
      // /proc/PID/stat: fields after the command name; utime and stime are the 14th and 15th.
      const text = await readFile(`/proc/${pid}/stat`, 'utf8');
      const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticks;
    },
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function listeningOrigin(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the server did not start within 60 s:\n${out}`)), 60_000);
    child.once('exit', (code) => reject(new Error(`the server exited (${code}) before listening:\n${out}`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /API:\s+(http:\/\/[^\s/]+)\/api/.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
  });
}

async function buildIfStale(): Promise<void> {
  const built = await stat(join(ROOT, 'dist/main.js')).then((s) => s.mtimeMs, () => 0);
  if (built > 0 && (await newestSource(join(ROOT, 'src'))) <= built) return;
  process.stdout.write('dist/ is older than src/: building it (tsc -p tsconfig.build.json)\n');
  await run(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.build.json')], { cwd: ROOT });
}

async function newestSource(dir: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, await newestSource(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) newest = Math.max(newest, (await stat(path)).mtimeMs);
  }
  return newest;
}
