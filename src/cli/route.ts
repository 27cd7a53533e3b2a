// `stockroute route [FILE]`: the engine's whole decision in one call, without a database.
// Reads one routing problem (ROUTE-FORMAT.md) from FILE or standard input and prints the
// plan as pretty JSON; with --ndjson, one problem per line in and one plan per line out.
// Exit 0 with a plan (also when not shippable), 2 for invalid input (the message names the
// field; in NDJSON mode after routing every other line), 1 for an unexpected failure.
import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { Option } from 'commander';
import type { Command } from 'commander';
import type { DistanceProvider } from '../domain/distance/provider.js';
import { DISTANCE_PROVIDERS, distanceConfigFromEnv, distanceProviderFromConfig } from '../distance/index.js';
import type { DistanceProviderName } from '../distance/index.js';
import { DomainFailure } from '../domain/errors.js';
import { parseRouteInput } from './route-format/input.js';
import type { Registries } from './route-format/input.js';
import { answerToJson, formatLine, formatPretty } from './route-format/output.js';
import { engineRegistries, solve } from './route-format/solve.js';

interface RouteOptions {
  readonly ndjson?: boolean;
  readonly provider?: DistanceProviderName;
  readonly osrmUrl?: string;
  readonly osrmTimeout?: number;
}

const EXIT_INVALID = 2;
const EXIT_FAILURE = 1;

const EXAMPLES = `
Examples:
  $ stockroute route problem.json
  $ echo '{"strategy":"split_shipments","locations":[{"code":"eu-1","priority":1}],
      "stock":[{"location":"eu-1","sku":"A","quantity":5.5}],
      "order":{"lines":[{"id":"l1","sku":"A","quantity":2}]}}' | stockroute route
  $ stockroute route --ndjson what-ifs.ndjson > plans.ndjson
  $ stockroute route --provider osrm --osrm-url http://127.0.0.1:5000 problem.json

Input and output are described in ROUTE-FORMAT.md. Without "strategy" the answer is a plain
source selection (no shipments, unshipped_items or transfers keys).
Exit codes: 0 a plan was printed (also when not shippable), 2 invalid input (the message names
the field), 1 unexpected failure.
Environment: STOCKROUTE_DISTANCE_PROVIDER, STOCKROUTE_OSRM_URL, STOCKROUTE_OSRM_TIMEOUT_MS.`;

export function register(program: Command): void {
  program
    .command('route')
    .summary('dry-run routing: a JSON problem in, the plan out (no database)')
    .description('Print the plan the routing engine makes for one problem (ROUTE-FORMAT.md), without touching any database.')
    .argument('[file]', 'the problem as JSON; standard input when absent or "-"')
    .option('--ndjson', 'one problem per line in, one plan per line out; an invalid line prints {"error": …, "line": n} in its place, the other lines are still routed, and the exit code is 2 at the end')
    .addOption(new Option('--provider <name>', 'distance provider for "algorithm": "distance" (default great_circle: offline, every mode is great-circle distance)').choices(DISTANCE_PROVIDERS))
    .option('--osrm-url <url>', 'base URL of an OSRM-compatible routing engine (for --provider osrm)')
    .option('--osrm-timeout <ms>', 'give up on the routing engine after this many milliseconds (default 5000)', (v) => Number(v))
    .addHelpText('after', EXAMPLES)
    .action(async (file: string | undefined, options: RouteOptions) => {
      process.exitCode = await route(file === '-' ? undefined : file, options);
    });
}

async function route(file: string | undefined, options: RouteOptions): Promise<number> {
  const source = file ?? 'standard input';
  // The reader went away (`… | head`): stop quietly, as Unix tools do.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
  let provider: DistanceProvider;
  try {
    provider = distanceProviderFromConfig(
      distanceConfigFromEnv({
        ...(options.provider ? { provider: options.provider } : {}),
        ...(options.osrmUrl ? { osrmUrl: options.osrmUrl } : {}),
        ...(options.osrmTimeout !== undefined ? { timeoutMs: options.osrmTimeout } : {}),
      }),
    );
  } catch (error) {
    return fail(`stockroute route: ${(error as Error).message}`);
  }
  if (file === undefined && process.stdin.isTTY) {
    return fail('stockroute route: no input: give a FILE or pipe a JSON problem on standard input (see --help)');
  }
  try {
    return options.ndjson ? await routeLines(file, provider) : await routeOne(file, source, provider);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES') return fail(`stockroute route: cannot read ${source}: ${code}`);
    throw error;
  }
}

async function routeOne(file: string | undefined, source: string, provider: DistanceProvider): Promise<number> {
  const text = file === undefined ? await readStdin() : await readFile(file, 'utf8');
  const outcome = await answer(text, engineRegistries(), provider);
  switch (outcome.kind) {
    case 'plan':
      await write(formatPretty(outcome.json));
      return 0;
    case 'invalid':
      return fail(outcome.errors.map((e) => `stockroute route: ${source}: ${e}`).join('\n'));
    case 'failed':
      process.stderr.write(`stockroute route: unexpected failure (a bug; please report it with the input): ${outcome.detail}\n`);
      return EXIT_FAILURE;
    default: {
      const never: never = outcome;
      return never;
    }
  }
}

async function routeLines(file: string | undefined, provider: DistanceProvider): Promise<number> {
  const registries = engineRegistries();
  const stream = file === undefined ? process.stdin : createReadStream(file, 'utf8');
  let exitCode = 0;
  let lineNumber = 0;
  for await (const line of createInterface({ input: stream, crlfDelay: Infinity })) {
    lineNumber += 1;
    if (line.trim() === '') continue;
    const outcome = await answer(line, registries, provider);
    if (outcome.kind === 'plan') {
      await write(formatLine(outcome.json));
      continue;
    }
    const error = outcome.kind === 'invalid' ? outcome.errors.join('; ') : `unexpected failure: ${outcome.message}`;
    if (outcome.kind === 'failed') process.stderr.write(`stockroute route: line ${lineNumber}: ${outcome.detail}\n`);
    exitCode = exitCode === EXIT_INVALID || outcome.kind === 'invalid' ? EXIT_INVALID : EXIT_FAILURE;
    await write(formatLine({ error, line: lineNumber }));
  }
  return exitCode;
}

type Outcome =
  | { readonly kind: 'plan'; readonly json: unknown }
  | { readonly kind: 'invalid'; readonly errors: readonly string[] }
  | { readonly kind: 'failed'; readonly message: string; readonly detail: string };

/** One problem's text → its plan, the input's faults, or an engine failure (never thrown). */
async function answer(text: string, registries: Registries, provider: DistanceProvider): Promise<Outcome> {
  const input = parseRouteInput(text, registries);
  if (!input.ok) return { kind: 'invalid', errors: input.errors };
  try {
    return { kind: 'plan', json: answerToJson(await solve(input.problem, provider)) };
  } catch (error) {
    if (error instanceof DomainFailure && error.error.code === 'VALIDATION_ERROR') {
      return { kind: 'invalid', errors: [`${error.error.field}: ${error.error.message}`] };
    }
    const message = error instanceof Error ? error.message : String(error);
    return { kind: 'failed', message, detail: error instanceof Error ? (error.stack ?? message) : message };
  }
}

async function readStdin(): Promise<string> {
  let text = '';
  process.stdin.setEncoding('utf8');
  for await (const chunk of process.stdin) text += chunk as string;
  return text;
}

/** Writes to stdout, waiting for 'drain' when the pipe is full (long NDJSON runs keep flat memory). */
async function write(text: string): Promise<void> {
  if (!process.stdout.write(text)) await once(process.stdout, 'drain');
}

function fail(message: string): number {
  process.stderr.write(`${message}\n`);
  return EXIT_INVALID;
}
