// `stockroute <command>`: one file per command, each exporting register(program).
import { Command } from 'commander';
import { register as applications } from './applications.js';
import { register as check } from './check.js';
import { register as demo } from './demo.js';
import { register as exportCsv } from './export.js';
import { register as geonames } from './geonames.js';
import { register as importCsv } from './import.js';
import { register as migrate } from './migrate.js';
import { register as reoptimize } from './reoptimize.js';
import { register as route } from './route.js';
import { register as serve } from './serve.js';
import { register as simulate } from './simulate.js';

export function buildProgram(): Command {
  const program = new Command('stockroute')
    .description('Multi-source inventory and order routing: engine, service and tools')
    .showHelpAfterError()
    .configureHelp({ sortSubcommands: true })
    // Bad usage (unknown option, missing argument, invalid value) exits 2 like bad input;
    // help and version exit 0. Subcommands inherit this.
    .exitOverride((error) => {
      process.exit(error.code === 'commander.helpDisplayed' || error.code === 'commander.help' || error.code === 'commander.version' ? 0 : 2);
    });
  for (const register of [serve, migrate, applications, check, route, demo, importCsv, exportCsv, geonames, simulate, reoptimize]) register(program);
  return program;
}

await buildProgram().parseAsync(process.argv);
