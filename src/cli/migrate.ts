import type { Command } from 'commander';

export function register(program: Command): void {
  program
    .command('migrate')
    .description('(not built yet)')
    .action(() => {
      process.stderr.write('stockroute migrate: not built yet\n');
      process.exitCode = 1;
    });
}
