import type { Command } from 'commander';

export function register(program: Command): void {
  program
    .command('geonames')
    .description('(not built yet)')
    .action(() => {
      process.stderr.write('stockroute geonames: not built yet\n');
      process.exitCode = 1;
    });
}
