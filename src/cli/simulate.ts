import type { Command } from 'commander';

export function register(program: Command): void {
  program
    .command('simulate')
    .description('(not built yet)')
    .action(() => {
      process.stderr.write('stockroute simulate: not built yet\n');
      process.exitCode = 1;
    });
}
