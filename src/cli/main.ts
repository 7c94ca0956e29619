#!/usr/bin/env node
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import {
  anonymousContext,
  createLogger,
  loadConfig,
  migrateToLatest,
  newId,
  openDb,
  systemContext,
} from '../kernel/index.js';
import { generateDemoDatasets, seedDemoCity, type DemoCredential } from '../flows/demo/index.js';
import { buildServer } from '../server/http.js';
import { allMigrations, createPlatform } from '../server/platform.js';
import { withPlatform } from './run.js';
import { adminCommands } from './admin.commands.js';
import { opsCommands } from './ops.commands.js';
import { catalogueCommands } from './catalogue.commands.js';
import { packageCommands } from './package.commands.js';
import { objectionsCommands } from './objections.commands.js';
import { traceCommands } from './trace.commands.js';
import { sharingCommands } from './sharing.commands.js';
import { ingestCommands } from './ingest.commands.js';
import { evidenceCommands } from './evidence.commands.js';
import { printError, printJson } from './output.js';
import { clearSession, cliContext, saveSession } from './session.js';
import { ask } from './prompt.js';

// The `orderly` command. Every command that touches platform data builds the same platform as the server
// and acts as the logged-in user through the same services.

const here = path.dirname(fileURLToPath(import.meta.url));
const webDir = path.resolve(here, '..', '..', 'web', 'dist');

const program = new Command('orderly')
  .description('Orderly (有序) — orderly sharing of government data')
  .version('0.1.0');

program
  .command('serve')
  .description('Run the HTTP server (migrates first)')
  .option('--demo', 'seed the demo city when the database is empty')
  .action(async (opts: { demo?: boolean }) => {
    const config = loadConfig();
    const logger = createLogger(config.logLevel);
    const p = await createPlatform(config, { runner: { logger } });
    if (opts.demo && (await p.identity.bootstrap.isEmpty())) {
      logger.info('empty database: seeding the demo city');
      const creds = await seedDemoCity(p);
      printDemoLogins(creds, path.join(config.dataDir, 'demo-credentials.json'));
    } else if (opts.demo) {
      process.stdout.write(`Demo logins: see ${path.join(config.dataDir, 'demo-credentials.json')}\n`);
    }
    const app = await buildServer(p, { logger, webDir });
    p.startBackground();
    // Idempotent: Ctrl-C reaches both this process and the launcher (bin/orderly.js), which forwards it too.
    let closing: Promise<void> | undefined;
    const close = () =>
      (closing ??= (async () => {
        await app.close();
        await p.close();
        process.exit(0);
      })());
    process.on('SIGINT', () => void close());
    process.on('SIGTERM', () => void close());
    await app.listen({ port: config.port, host: config.host });
    process.stdout.write(
      `Orderly is serving at http://localhost:${config.port} (database: ${p.db.description})\n`,
    );
  });

program
  .command('migrate')
  .description('Apply pending database migrations')
  .action(async () => {
    const config = loadConfig();
    const db = openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    try {
      const applied = await migrateToLatest(db, allMigrations);
      process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'database is up to date\n');
    } catch (e) {
      printError(e);
    } finally {
      await db.close();
    }
  });

program
  .command('bootstrap')
  .description(
    'Create the operator organisation and the first sysadmin, secadmin and auditor (empty database only)',
  )
  .requiredOption('--operator-name <name>', 'name of the data bureau (operator organisation)')
  .requiredOption('--uscc <code>', "the operator's 统一社会信用代码")
  .requiredOption('--region <code>', "the operator's 6-digit 行政区划代码")
  .option('--level <level>', 'national | provincial | municipal | county', 'municipal')
  .action(async (o: { operatorName: string; uscc: string; region: string; level: 'municipal' }) =>
    withPlatform(async (p) => {
      const r = await p.identity.bootstrap.run(systemContext('cli-bootstrap', newId()), {
        operator: { name: o.operatorName, uscc: o.uscc, regionCode: o.region, level: o.level },
        users: [
          { role: 'sysadmin', username: 'sysadmin', displayName: '系统管理员' },
          { role: 'secadmin', username: 'secadmin', displayName: '安全管理员' },
          { role: 'auditor', username: 'auditor', displayName: '安全审计员' },
        ],
      });
      process.stdout.write(
        'Bootstrap complete. Hand each credential to its holder; they are not shown again.\n',
      );
      printJson(r);
    }),
  );

const demo = program.command('demo').description('The demo city');
demo
  .command('seed', { isDefault: true })
  .description('Seed the demo city: departments, users and logins (empty database only)')
  .action(async () =>
    withPlatform(async (p) => {
      const creds = await seedDemoCity(p);
      printDemoLogins(creds, path.join(p.config.dataDir, 'demo-credentials.json'));
    }),
  );
demo
  .command('datasets')
  .description(
    'Generate the synthetic source datasets (population, enterprises, social insurance, property) as CSV',
  )
  .requiredOption('--out <dir>', 'output folder')
  .option('--seed <n>', 'random seed (same seed, same files)')
  .option('--persons <n>', 'persons in the population registry', '100000')
  .option('--enterprises <n>', 'enterprises in the enterprise registry', '20000')
  .action(async (o: { out: string; seed?: string; persons: string; enterprises: string }) => {
    try {
      const started = Date.now();
      const manifest = await generateDemoDatasets({
        outDir: path.resolve(o.out),
        persons: Number(o.persons),
        enterprises: Number(o.enterprises),
        ...(o.seed && { seed: Number(o.seed) }),
        onProgress: (dataset, rows) =>
          process.stderr.write(`\r${dataset}: ${rows.toLocaleString('en-US')} rows   `),
      });
      process.stderr.write('\n');
      for (const f of manifest.files)
        process.stdout.write(`${f.name}  ${f.rows} rows  ${f.encoding}  sha256 ${f.sha256}\n`);
      process.stdout.write(
        `${manifest.deliberateErrors.length} deliberate errors listed in manifest.json; ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
      );
    } catch (e) {
      printError(e);
    }
  });

program
  .command('login')
  .description('Log in and store a session for later commands')
  .requiredOption('-u, --username <name>')
  .option('-p, --password <password>', 'password (prompted when omitted; ORDERLY_PASSWORD also works)')
  .option('--totp <code>', 'authenticator code (required for sysadmin, secadmin, auditor)')
  .action(async (o: { username: string; password?: string; totp?: string }) =>
    withPlatform(async (p) => {
      const password = o.password ?? process.env.ORDERLY_PASSWORD ?? (await ask('Password: ', true));
      const t = await p.identity.auth.login(anonymousContext(newId(), '127.0.0.1'), {
        username: o.username,
        password,
        ...(o.totp && { totpCode: o.totp }),
      });
      saveSession(p.config.dataDir, t);
      process.stdout.write(`logged in as ${t.user.username} (${t.user.roles.join(', ') || 'no roles'})\n`);
    }),
  );

program
  .command('logout')
  .description('End the stored session')
  .action(async () =>
    withPlatform(async (p) => {
      const ctx = await cliContext(p).catch(() => null);
      if (ctx) await p.identity.auth.logout(ctx);
      clearSession(p.config.dataDir);
      process.stdout.write('logged out\n');
    }),
  );

program
  .command('whoami')
  .description('Show the logged-in user')
  .action(async () => withPlatform(async (p) => printJson(await p.identity.me(await cliContext(p)))));

adminCommands(program);
opsCommands(program);
evidenceCommands(program);
catalogueCommands(program);
ingestCommands(program);
sharingCommands(program);
objectionsCommands(program);
packageCommands(program);
traceCommands(program);

function printDemoLogins(creds: DemoCredential[], file: string): void {
  const lines = creds
    .filter((c) =>
      [
        'sysadmin',
        'secadmin',
        'auditor',
        'dsj.reviewer',
        'gaj.steward',
        'mzj.consumer',
        'gaj.approver',
      ].includes(c.username),
    )
    .map(
      (c) =>
        `  ${c.username.padEnd(14)} ${c.password}${c.totpSecret ? `  TOTP secret ${c.totpSecret}` : ''}   (${c.org} · ${c.roles.join(', ')})`,
    );
  process.stdout.write(`\nDemo logins (all ${creds.length} in ${file}):\n${lines.join('\n')}\n\n`);
}

program.parseAsync(process.argv).catch(printError);
