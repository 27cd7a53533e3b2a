import type { Command } from 'commander';

export function register(program: Command): void {
  program
    .command('check')
    .description('(not built yet)')
    .action(() => {
      process.stderr.write('stockroute check: not built yet\n');
      process.exitCode = 1;
    });
}
