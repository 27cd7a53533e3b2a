import type { Command } from 'commander';

export function register(program: Command): void {
  program
    .command('serve')
    .description('(not built yet)')
    .action(() => {
      process.stderr.write('stockroute serve: not built yet\n');
      process.exitCode = 1;
    });
}
