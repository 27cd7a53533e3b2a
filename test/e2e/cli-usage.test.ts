// The command line's exit codes for usage: help is 0; an unknown command, an unknown option
// or an invalid option value is 2 (bad input), with the reason on standard error.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const cli = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', ...args], { encoding: 'utf8', timeout: 60_000 });

describe('stockroute usage errors', () => {
  it('prints help with exit 0', () => {
    const res = cli('--help');
    expect(res.status).toBe(0);
    expect(res.stdout).toMatch(/route/);
    expect(res.stdout).toMatch(/simulate/);
  });

  it.each([
    [['nosuch'], /unknown command/],
    [['route', '--bogus'], /unknown option/],
    [['simulate', '--generate', 'many'], /generate/],
  ])('exits 2 for %j', (args, message) => {
    const res = cli(...args);
    expect(res.status).toBe(2);
    expect(res.stderr).toMatch(message);
  });
});
