// `npm run bench [-- NAME...]`: runs the benchmark modules below in sequence (or only the
// named ones), prints a summary table and writes bench/results.json (figures of modules not
// run this time are kept from the previous file). Adding a benchmark = one line in MODULES:
// its file exports `benchmark: Benchmark` (see benchmark.ts), or `name` and `run` directly.
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import type { Benchmark, Figures } from './benchmark.js';
import { table } from './benchmark.js';

const MODULES: Record<string, () => Promise<object>> = {
  routing: () => import('./routing.js'),
  'hot-sku': () => import('./hot-sku.js'),
  salable: () => import('./salable.js'),
  simulate: () => import('./simulate.js'),
  flows: () => import('./flows.js'),
  'http-api': () => import('./http-api.js'),
  'data-load': () => import('./data-load.js'),
};

const RESULTS = new URL('./results.json', import.meta.url);

interface Results {
  readonly updated_at: string;
  readonly machine: { readonly node: string; readonly platform: string; readonly cpu: string; readonly cpus: number };
  readonly benchmarks: Record<string, { readonly ran_at: string; readonly figures: Figures } | { readonly ran_at: string; readonly error: string }>;
}

async function main(): Promise<number> {
  const asked = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const unknown = asked.filter((name) => !(name in MODULES));
  if (unknown.length > 0) {
    process.stderr.write(`unknown benchmark ${unknown.join(', ')}; known: ${Object.keys(MODULES).join(', ')}\n`);
    return 2;
  }
  const names = asked.length > 0 ? asked : Object.keys(MODULES);
  const previous = await readPrevious();
  const benchmarks = { ...previous?.benchmarks };
  const summary: (string | number)[][] = [];
  let failed = 0;

  for (const name of names) {
    const load = MODULES[name];
    if (load === undefined) continue;
    const ranAt = new Date().toISOString();
    try {
      const benchmark = asBenchmark(name, await load());
      process.stdout.write(`\n== ${benchmark.name}${benchmark.description ? `: ${benchmark.description}` : ''}\n`);
      const figures = await benchmark.run();
      benchmarks[name] = { ran_at: ranAt, figures };
      for (const [metric, value] of Object.entries(figures)) summary.push([name, metric, value]);
    } catch (error) {
      failed += 1;
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      process.stderr.write(`\nbenchmark ${name} failed: ${message}\n`);
      benchmarks[name] = { ran_at: ranAt, error: error instanceof Error ? error.message : String(error) };
      summary.push([name, 'error', error instanceof Error ? error.message : String(error)]);
    }
  }

  const cpus = os.cpus();
  const results: Results = {
    updated_at: new Date().toISOString(),
    machine: { node: process.version, platform: `${os.platform()} ${os.arch()}`, cpu: cpus[0]?.model ?? 'unknown', cpus: cpus.length },
    benchmarks,
  };
  await writeFile(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`\n== summary (${results.machine.cpu}, ${results.machine.cpus} CPUs, Node ${process.version})\n`);
  process.stdout.write(`${table(['benchmark', 'metric', 'value'], summary)}\n`);
  process.stdout.write(`\nwritten to bench/results.json\n`);
  return failed > 0 ? 1 : 0;
}

function asBenchmark(key: string, module: object): Benchmark {
  const candidate = ('benchmark' in module ? module.benchmark : module) as Partial<Benchmark>;
  if (typeof candidate.run !== 'function') throw new Error(`bench/${key}.ts exports neither \`benchmark\` nor \`run\``);
  return { name: typeof candidate.name === 'string' ? candidate.name : key, description: candidate.description ?? '', run: candidate.run.bind(candidate) };
}

async function readPrevious(): Promise<Results | null> {
  try {
    return JSON.parse(await readFile(RESULTS, 'utf8')) as Results;
  } catch {
    return null;
  }
}

process.exitCode = await main();
