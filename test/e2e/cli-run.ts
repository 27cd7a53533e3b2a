// Runs `stockroute` as a user does: a real node process (tsx), from the repository root,
// with DATABASE_URL removed so that only --data-dir decides where the database is.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliOptions {
  /** Written to the command's standard input (closed empty otherwise). */
  readonly stdin?: string;
  /** Added to the environment (after DATABASE_URL and the distance settings are cleared). */
  readonly env?: NodeJS.ProcessEnv;
}

/** Runs `stockroute ARGS` asynchronously, so a test server in this process can answer it. */
export function stockroute(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, STOCKROUTE_DISTANCE_PROVIDER: '', STOCKROUTE_OSRM_URL: '', ...options.env };
  if (!options.env || !('DATABASE_URL' in options.env)) delete env.DATABASE_URL;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', ...args], { cwd: root, env, timeout: 240_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
  });
}

export function tempDataDir(): string {
  return join(mkdtempSync(join(tmpdir(), 'sr-cli-')), 'data');
}

export function expectNoStackTrace(stderr: string): boolean {
  return !/\n\s+at .+:\d+:\d+/.test(stderr);
}
