import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { HEAP_GROWING_PERCENT, serverHeapFlags, startScriptNodeFlags } from './heap-policy.js';

describe('serverHeapFlags', () => {
  it('sets the growing factor when the operator gave none', () => {
    expect(serverHeapFlags(['--enable-source-maps'], '--max-old-space-size=512')).toEqual([`--heap-growing-percent=${HEAP_GROWING_PERCENT}`]);
  });

  it('leaves a factor given on the command line alone', () => {
    expect(serverHeapFlags(['--heap-growing-percent=30'], '')).toEqual([]);
    expect(serverHeapFlags(['--heap_growing_percent=30'], '')).toEqual([]);
  });

  it('leaves a factor given in NODE_OPTIONS alone', () => {
    expect(serverHeapFlags([], '--max-old-space-size=512 --heap-growing-percent=50')).toEqual([]);
  });
});

describe('the start script (npm start)', () => {
  const pkg = JSON.parse(readFileSync(fileURLToPath(new URL('../package.json', import.meta.url)), 'utf8')) as { scripts: { start: string } };
  // Churns short-lived objects until V8 has grown its young generation as far as it will,
  // then prints the new space's resident size in MB.
  const churn = `let keep = []; for (let i = 0; i < 3e6; i++) { keep.push({ i, s: 'x' + i }); if (keep.length > 20000) keep = []; }
    const s = require('node:v8').getHeapSpaceStatistics().find((x) => x.space_name === 'new_space');
    process.stdout.write(String(s.physical_space_size / 1048576));`;
  const newSpaceMb = (flags: string[]) => Number(execFileSync(process.execPath, [...flags, '-e', churn], { encoding: 'utf8' }));

  it('runs the compiled server under node with its flags', () => {
    expect(pkg.scripts.start).toMatch(/^node .*dist\/main\.js$/);
    expect(startScriptNodeFlags(pkg.scripts.start)).toContain('--max-semi-space-size=8');
  });

  it('caps the young generation at 16 MB', () => {
    expect(newSpaceMb(startScriptNodeFlags(pkg.scripts.start))).toBeLessThanOrEqual(16);
    // V8's own default depends on the machine's memory (16 MB per semi-space on a 24 GB one):
    // a larger cap, given explicitly, shows the churn does grow the young generation past 16 MB.
    expect(newSpaceMb(['--max-semi-space-size=16'])).toBeGreaterThan(16);
  });

  it('names the start scripts that are not node', () => {
    expect(() => startScriptNodeFlags('tsx src/main.ts')).toThrow(/does not run node/);
  });
});
