import type { Command } from 'commander';
import { readAuditTrail } from '../kernel/index.js';
import { withPlatform } from './run.js';
import { printJson } from './output.js';
import { cliContext } from './session.js';

// Administration commands: each one logs in from the stored session and calls one service, exactly as the
// HTTP route does. Options mirror the API's field names.

function csv(v: string): string[] {
  return v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Adds orgs, users, clients, keys and audit commands. */
export function adminCommands(program: Command): void {
  const orgs = program.command('orgs').description('Organisations (部门/单位)');
  orgs
    .command('list')
    .option('-q, --query <text>')
    .action(async (o: { query?: string }) =>
      withPlatform(async (p) =>
        printJson(await p.identity.organisations.list(await cliContext(p), { q: o.query })),
      ),
    );
  orgs
    .command('show <id>')
    .action(async (id: string) =>
      withPlatform(async (p) => printJson(await p.identity.organisations.get(await cliContext(p), id))),
    );
  orgs
    .command('create')
    .requiredOption('--name <name>')
    .requiredOption('--uscc <code>')
    .requiredOption('--region <code>')
    .requiredOption('--level <level>', 'national | provincial | municipal | county')
    .option('--short-name <name>')
    .option('--parent <id>')
    .option('--contact-name <name>')
    .option('--contact-phone <phone>')
    .option('--contact-email <email>')
    .option('--no-keys', 'do not generate key pairs (register public keys later)')
    .action(async (o: Record<string, string | boolean | undefined>) =>
      withPlatform(async (p) =>
        printJson(
          await p.identity.organisations.create(await cliContext(p), {
            name: o.name as string,
            uscc: o.uscc as string,
            regionCode: o.region as string,
            level: o.level as 'municipal',
            ...(o.shortName !== undefined && { shortName: o.shortName as string }),
            ...(o.parent !== undefined && { parentId: o.parent as string }),
            ...(o.contactName !== undefined && { contactName: o.contactName as string }),
            ...(o.contactPhone !== undefined && { contactPhone: o.contactPhone as string }),
            ...(o.contactEmail !== undefined && { contactEmail: o.contactEmail as string }),
            keys: o.keys === false ? 'none' : 'generate',
          }),
        ),
      ),
    );
  orgs
    .command('disable <id>')
    .action(async (id: string) =>
      withPlatform(async (p) =>
        printJson(await p.identity.organisations.update(await cliContext(p), id, { status: 'disabled' })),
      ),
    );

  const keys = program.command('keys').description("Organisations' key pairs");
  keys
    .command('list <orgId>')
    .action(async (orgId: string) =>
      withPlatform(async (p) => printJson(await p.identity.organisations.keys(await cliContext(p), orgId))),
    );
  keys
    .command('rotate <orgId>')
    .requiredOption('--purpose <purpose>', 'signing | encryption')
    .requiredOption('--profile <profile>', 'intl | sm')
    .action(async (orgId: string, o: { purpose: string; profile: string }) =>
      withPlatform(async (p) =>
        printJson(await p.identity.organisations.rotateKey(await cliContext(p), orgId, o)),
      ),
    );
  keys
    .command('register <orgId>')
    .requiredOption('--purpose <purpose>', 'signing | encryption')
    .requiredOption('--profile <profile>', 'intl | sm')
    .option('--pem-file <file>', 'public key PEM file')
    .option('--hex <hex>', 'SM2 public key as 04||x||y hex')
    .action(async (orgId: string, o: { purpose: string; profile: string; pemFile?: string; hex?: string }) =>
      withPlatform(async (p) => {
        const { readFileSync } = await import('node:fs');
        printJson(
          await p.identity.organisations.registerKey(await cliContext(p), orgId, {
            purpose: o.purpose,
            profile: o.profile,
            ...(o.pemFile && { publicKeyPem: readFileSync(o.pemFile, 'utf8') }),
            ...(o.hex && { publicKeyHex: o.hex }),
          }),
        );
      }),
    );
  program
    .command('platform-keys')
    .description("The platform's public keys; --rotate <purpose> rotates one (secadmin)")
    .option('--rotate <purpose>', 'token | checkpoint | response | webhook')
    .action(async (o: { rotate?: string }) =>
      withPlatform(async (p) =>
        printJson(
          o.rotate
            ? await p.identity.platformKeys.rotate(await cliContext(p), { purpose: o.rotate })
            : p.identity.platformKeys.list(),
        ),
      ),
    );

  const users = program.command('users').description('Users and roles');
  users
    .command('list')
    .option('--org <id>')
    .option('-q, --query <text>')
    .action(async (o: { org?: string; query?: string }) =>
      withPlatform(async (p) =>
        printJson(await p.identity.users.list(await cliContext(p), { orgId: o.org, q: o.query })),
      ),
    );
  users
    .command('create')
    .requiredOption('--org <id>')
    .requiredOption('--username <name>')
    .requiredOption('--display-name <name>')
    .requiredOption('--password <password>')
    .option('--email <email>')
    .option('--roles <roles>', 'comma-separated roles (needs the right to assign them)')
    .action(
      async (o: {
        org: string;
        username: string;
        displayName: string;
        password: string;
        email?: string;
        roles?: string;
      }) =>
        withPlatform(async (p) =>
          printJson(
            await p.identity.users.create(await cliContext(p), {
              orgId: o.org,
              username: o.username,
              displayName: o.displayName,
              password: o.password,
              ...(o.email && { email: o.email }),
              ...(o.roles && { roles: csv(o.roles) as never }),
            }),
          ),
        ),
    );
  users
    .command('grant <userId> <role>')
    .action(async (id: string, role: string) =>
      withPlatform(async (p) =>
        printJson(await p.identity.users.assignRole(await cliContext(p), id, { role })),
      ),
    );
  users
    .command('revoke <userId> <role>')
    .action(async (id: string, role: string) =>
      withPlatform(async (p) => printJson(await p.identity.users.removeRole(await cliContext(p), id, role))),
    );
  users
    .command('unlock <userId>')
    .action(async (id: string) =>
      withPlatform(async (p) => printJson(await p.identity.users.unlock(await cliContext(p), id))),
    );
  users
    .command('disable <userId>')
    .action(async (id: string) =>
      withPlatform(async (p) =>
        printJson(await p.identity.users.update(await cliContext(p), id, { status: 'disabled' })),
      ),
    );
  users
    .command('reset-password <userId>')
    .requiredOption('--password <password>')
    .action(async (id: string, o: { password: string }) =>
      withPlatform(async (p) => {
        await p.identity.users.resetPassword(await cliContext(p), id, { password: o.password });
        process.stdout.write('password reset; the user must log in again\n');
      }),
    );

  const clients = program.command('clients').description('API clients for system-to-system calls');
  clients
    .command('list')
    .option('--org <id>')
    .action(async (o: { org?: string }) =>
      withPlatform(async (p) =>
        printJson(await p.identity.clients.list(await cliContext(p), { orgId: o.org })),
      ),
    );
  clients
    .command('create')
    .requiredOption('--org <id>')
    .requiredOption('--name <name>')
    .requiredOption('--scopes <scopes>', 'comma-separated, e.g. exchange:read,exchange:verify')
    .option(
      '--public-key-file <file>',
      'register a key (private_key_jwt); without it a client secret is issued',
    )
    .option('--ip-allow <ranges>', 'comma-separated addresses or CIDR ranges')
    .action(
      async (o: { org: string; name: string; scopes: string; publicKeyFile?: string; ipAllow?: string }) =>
        withPlatform(async (p) => {
          const { readFileSync } = await import('node:fs');
          printJson(
            await p.identity.clients.create(await cliContext(p), {
              orgId: o.org,
              name: o.name,
              authMethod: o.publicKeyFile ? 'private_key_jwt' : 'client_secret',
              ...(o.publicKeyFile && { publicKeyPem: readFileSync(o.publicKeyFile, 'utf8') }),
              ...(o.ipAllow && { ipAllow: csv(o.ipAllow) }),
              scopes: csv(o.scopes) as never,
            }),
          );
        }),
    );
  clients
    .command('rotate-secret <clientId>')
    .action(async (id: string) =>
      withPlatform(async (p) => printJson(await p.identity.clients.rotateSecret(await cliContext(p), id))),
    );
  clients
    .command('disable <clientId>')
    .action(async (id: string) =>
      withPlatform(async (p) =>
        printJson(await p.identity.clients.update(await cliContext(p), id, { status: 'disabled' })),
      ),
    );

  program
    .command('audit')
    .description('Read the audit trail (auditor)')
    .option('--action <action>')
    .option('--subject <id>')
    .option('--limit <n>', 'max events', '50')
    .action(async (o: { action?: string; subject?: string; limit: string }) =>
      withPlatform(async (p) => {
        printJson(
          await readAuditTrail(await cliContext(p), p.db.kysely, {
            action: o.action,
            subjectId: o.subject,
            limit: Math.min(500, Number(o.limit) || 50),
          }),
        );
      }),
    );
}
