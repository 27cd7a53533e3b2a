import type { Command } from 'commander';

export function register(program: Command): void {
  program
    .command('demo')
    .description('(not built yet)')
    .action(() => {
      process.stderr.write('stockroute demo: not built yet\n');
      process.exitCode = 1;
    });
}
