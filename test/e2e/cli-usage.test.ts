// The command line's exit codes for usage: help is 0; an unknown command, an unknown option
// or an invalid option value is 2 (bad input), with the reason on standard error.
import { describe, expect, it } from 'vitest';
import { stockroute } from './cli-run.js';

const cli = (...args: string[]) => stockroute(args);

describe('stockroute usage errors', () => {
  it('prints help with exit 0', async () => {
    const res = await cli('--help');
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/route/);
    expect(res.stdout).toMatch(/simulate/);
  });

  it.each([
    [['nosuch'], /unknown command/],
    [['route', '--bogus'], /unknown option/],
    [['simulate', '--generate', 'many'], /generate/],
  ])('exits 2 for %j', async (args, message) => {
    const res = await cli(...args);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(message);
  });
});
