import type { Command } from 'commander';

export function register(program: Command): void {
  program
    .command('route')
    .description('(not built yet)')
    .action(() => {
      process.stderr.write('stockroute route: not built yet\n');
      process.exitCode = 1;
    });
}
