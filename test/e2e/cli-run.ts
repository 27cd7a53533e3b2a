// Runs `stockroute` as a user does: a real node process (tsx), from the repository root,
// with DATABASE_URL removed so that only --data-dir decides where the database is.
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function stockroute(args: readonly string[]): Promise<CliResult> {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', ...args], { cwd: root, env, timeout: 240_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }));
  });
}

export function tempDataDir(): string {
  return join(mkdtempSync(join(tmpdir(), 'sr-cli-')), 'data');
}

export function expectNoStackTrace(stderr: string): boolean {
  return !/\n\s+at .+:\d+:\d+/.test(stderr);
}
