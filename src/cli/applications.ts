// `stockroute applications create|rotate-secret`: recovers API access when the admin
// credentials printed on first start are lost. Both print a client secret once; only its
// hash is stored. Tokens issued before a rotation stay valid until they expire.
import { Option, type Command } from 'commander';
import { createApplication, rotateSecret } from '../http/auth/applications.js';
import { runWithDb, withDbOptions, type DbOptions } from '../io/cli-support.js';

const EXAMPLES = `
Examples:
  $ stockroute applications create --name "Ops admin" --role admin
  $ stockroute applications create --name "BI export" --role read_only --database-url postgres://…/stockroute
  $ stockroute applications rotate-secret 3q2N…             # the client_id whose secret was lost
  $ stockroute applications rotate-secret -- -q2N…          # a client_id made before 2026-11-30 may start with "-"`;

export function register(program: Command): void {
  const applications = program
    .command('applications')
    .description('Create API integrations or rotate a client secret (recovers lost admin credentials)')
    .addHelpText('after', EXAMPLES);

  withDbOptions(
    applications
      .command('create')
      .description('Create an integration and print its client_id and client_secret once')
      .requiredOption('--name <name>', 'a name people will recognise')
      .addOption(new Option('--role <role>', 'what it may do').choices(['admin', 'read_only']).makeOptionMandatory()),
  ).action(async (options: DbOptions & { name: string; role: 'admin' | 'read_only' }) => {
    await runWithDb('applications create', options, async (db) => {
      const created = await createApplication(db, { name: options.name, kind: 'integration', role: options.role }, new Date());
      printCredentials(`Created the ${options.role} integration "${options.name}"`, created);
    });
  });

  withDbOptions(
    applications
      .command('rotate-secret')
      .description('Give an application a new client secret (printed once); the old secret stops working')
      .argument('<client_id>', 'the application\'s client_id'),
  ).action(async (clientId: string, options: DbOptions) => {
    await runWithDb('applications rotate-secret', options, async (db) => {
      const rotated = await rotateSecret(db, clientId, new Date());
      printCredentials(`New secret for "${rotated.name}"`, rotated);
    });
  });
}

function printCredentials(title: string, credentials: { clientId: string; clientSecret: string }): void {
  process.stdout.write(`${title} (shown once; keep the secret safe):\n`);
  process.stdout.write(`  client_id:     ${credentials.clientId}\n`);
  process.stdout.write(`  client_secret: ${credentials.clientSecret}\n`);
}
