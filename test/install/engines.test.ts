// A fresh `npm install` on the README's Node prints no EBADENGINE warning: every package in
// the lock file (dependencies of dependencies too) declares support for the lowest Node that
// package.json promises, and for the Node running the tests.
import { readFileSync } from 'node:fs';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync(new URL('package-lock.json', root), 'utf8')) as {
  packages: Record<string, { version?: string; engines?: { node?: string } | string[] }>;
};

describe('declared Node engines', () => {
  const lowest = semver.minVersion(manifest.engines.node)?.version ?? '';

  it('package.json promises Node 20.19 or later', () => {
    expect(lowest).toBe('20.19.0');
  });

  it.each([['the lowest promised Node', lowest], ['the Node running the tests', process.versions.node]])(
    'every installed package supports %s (%s)',
    (_label, node) => {
      const refusing = Object.entries(lock.packages)
        .filter(([path, info]) => path !== '' && !Array.isArray(info.engines) && info.engines?.node && !semver.satisfies(node, info.engines.node))
        .map(([path, info]) => `${path.replace(/^.*node_modules\//, '')}@${info.version} wants node ${(info.engines as { node: string }).node}`);
      expect(refusing).toEqual([]);
    },
  );
});
