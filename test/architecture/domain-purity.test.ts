// src/domain stays pure: no file under it (tests aside) imports I/O, a database, HTTP,
// logging or an outer layer. Complements the eslint rule, which a disable comment could hush.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../src/domain/', import.meta.url);
const IMPURE = [/^node:/, /^(fs|path|http|https|net|crypto|os|child_process)$/, /^pg$/, /^kysely/, /^fastify/, /^@fastify\//, /^@electric-sql\//, /^pino/, /^prom-client/, /\/(store|http|flows|cli)\//];

function sources(): string[] {
  return (readdirSync(ROOT, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.case.ts') && !f.includes('test-support'))
    .sort();
}

function importsOf(file: string): string[] {
  const text = readFileSync(new URL(file, ROOT), 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/gm)].map(
    (m) => m[1] ?? m[2] ?? m[3] ?? '',
  );
}

describe('src/domain purity', () => {
  it('finds the engine sources it checks', () => {
    expect(sources()).toEqual(expect.arrayContaining(['quantity.ts', 'selection/fill.ts', 'strategies/no-split.ts']));
  });

  it('imports nothing impure', () => {
    const offending = sources().flatMap((file) => importsOf(file).filter((spec) => IMPURE.some((re) => re.test(spec))).map((spec) => `${file}: ${spec}`));
    expect(offending).toEqual([]);
  });

  it('uses no clock, randomness or network', () => {
    const offending = sources().filter((file) => /\b(Date\.now|new Date\(|Math\.random|fetch\(|process\.)/.test(readFileSync(new URL(file, ROOT), 'utf8')));
    expect(offending).toEqual([]);
  });
});
