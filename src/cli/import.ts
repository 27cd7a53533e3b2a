import type { Command } from 'commander';

export function register(program: Command): void {
  program
    .command('import')
    .description('(not built yet)')
    .action(() => {
      process.stderr.write('stockroute import: not built yet\n');
      process.exitCode = 1;
    });
}
