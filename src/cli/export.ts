import type { Command } from 'commander';

export function register(program: Command): void {
  program
    .command('export')
    .description('(not built yet)')
    .action(() => {
      process.stderr.write('stockroute export: not built yet\n');
      process.exitCode = 1;
    });
}
