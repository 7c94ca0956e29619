import fs from 'node:fs';
import type { Command } from 'commander';
import {
  AppError,
  authorize,
  generateKeyPair,
  parseKeyPair,
  publicInfo,
  type KeyPairInfo,
} from '../kernel/index.js';
import {
  verifierKey,
  verifyReceipt,
  verifyStoredLedger,
  witnessOnce,
  type WitnessState,
} from '../modules/evidence/index.js';
import { printError, printJson } from './output.js';
import { withPlatform } from './run.js';
import { cliContext } from './session.js';

// Evidence commands. `verify` and `witness` are offline or remote tools: they need no platform login and no
// database — a court or a witness runs them with public keys and its own key only. `ledger verify` reads the
// stored log and so acts as a logged-in auditor.

function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

function collect(v: string, prev: string[]): string[] {
  return [...prev, v];
}

/** Adds ledger, notarise, verify and witness commands. */
export function evidenceCommands(program: Command): void {
  const ledger = program.command('ledger').description('The evidence log');
  ledger
    .command('verify')
    .description('Recompute the log from stored leaves and check every checkpoint (auditor)')
    .action(async () =>
      withPlatform(async (p) => {
        authorize(await cliContext(p), 'audit.read');
        // The URL lets verification workers open their own PostgreSQL connections (SQLite finds its file).
        const r = await verifyStoredLedger(p.db, p.keyring, { databaseUrl: p.config.databaseUrl });
        printJson(r);
        if (!r.ok) process.exitCode = 5;
      }),
    );
  ledger
    .command('add-witness')
    .description("Register a witness's verifier key (secadmin)")
    .requiredOption('--verifier-key <key>')
    .option('--description <text>')
    .action(async (o: { verifierKey: string; description?: string }) =>
      withPlatform(async (p) => printJson(await p.ledgerService.registerWitness(await cliContext(p), o))),
    );
  ledger
    .command('quorum <k>')
    .description('Set the witness quorum (secadmin)')
    .action(async (k: string) =>
      withPlatform(async (p) =>
        printJson(await p.ledgerService.setQuorum(await cliContext(p), { quorum: Number(k) })),
      ),
    );

  program
    .command('notarise <file>')
    .description('Notarise a file: only its digest is sent; prints the receipt')
    .option('--title <text>')
    .option('--alg <alg>', 'sha256 | sm3', 'sha256')
    .option('--out <file>', 'write the receipt here')
    .action(async (file: string, o: { title?: string; alg: 'sha256' | 'sm3'; out?: string }) =>
      withPlatform(async (p) => {
        const { createHash } = await import('node:crypto');
        const digest = createHash(o.alg).update(fs.readFileSync(file)).digest('hex');
        const receipt = await p.notarisations.notarise(await cliContext(p), {
          digestAlg: o.alg,
          digest,
          ...(o.title && { title: o.title }),
        });
        if (o.out) fs.writeFileSync(o.out, JSON.stringify(receipt, null, 2) + '\n');
        printJson(receipt);
      }),
    );

  program
    .command('verify <receipt>')
    .description(
      'Verify a receipt offline: digest → leaf → leaf hash → proof → checkpoint → signatures and cosignatures',
    )
    .requiredOption('--key <verifierKey>', "the log's verifier key (repeatable)", collect, [])
    .option('--witness-key <verifierKey>', 'a trusted witness key (repeatable)', collect, [])
    .option('--quorum <k>', 'cosignatures needed for a final receipt', '0')
    .option('--file <path>', 'the notarised file: its digest must match the receipt')
    .action(
      (receiptFile: string, o: { key: string[]; witnessKey: string[]; quorum: string; file?: string }) => {
        try {
          const r = verifyReceipt(readJson<unknown>(receiptFile), {
            logKeys: o.key,
            witnessKeys: o.witnessKey,
            quorum: Number(o.quorum),
            ...(o.file && { file: fs.readFileSync(o.file) }),
          });
          for (const c of r.checks)
            process.stdout.write(`${c.ok ? 'ok  ' : 'FAIL'} ${c.name.padEnd(22)} ${c.detail}\n`);
          const quorum = Number(o.quorum);
          process.stdout.write(
            r.ok
              ? (r.final || quorum === 0 ? 'VALID' : 'VALID but NOT FINAL (quorum not met)') + '\n'
              : 'INVALID\n',
          );
          process.exitCode = r.ok && (r.final || quorum === 0) ? 0 : 6;
        } catch (e) {
          printError(e);
        }
      },
    );

  const witness = program
    .command('witness')
    .description('Run an independent witness (its own key; no platform login)');
  witness
    .command('keygen')
    .description('Generate a witness key pair; prints the verifier key to register with the platform')
    .requiredOption('--name <name>', 'witness name, e.g. court.hangzhou.example/witness')
    .requiredOption('--out <file>', 'where to keep the private key (0600)')
    .action((o: { name: string; out: string }) => {
      try {
        const key = generateKeyPair('Ed25519');
        fs.writeFileSync(o.out, JSON.stringify({ name: o.name, key }, null, 2) + '\n', { mode: 0o600 });
        process.stdout.write(`${verifierKey(o.name, 'cosignature/v1', publicInfo(key))}\n`);
      } catch (e) {
        printError(e);
      }
    });
  witness
    .command('run')
    .description('Check the latest checkpoint against the last cosigned one and cosign it')
    .requiredOption('--url <url>', 'platform base URL')
    .requiredOption('--key <file>', 'the witness key file (from keygen)')
    .requiredOption('--log-key <verifierKey>', "the log's verifier key (repeatable)", collect, [])
    .requiredOption('--state <file>', 'state file: the last checkpoint this witness cosigned')
    .option('--interval <seconds>', 'keep running, checking every N seconds')
    .action(async (o: { url: string; key: string; logKey: string[]; state: string; interval?: string }) => {
      const { name, key } = readJson<{ name: string; key: KeyPairInfo }>(o.key);
      const cfg = { url: o.url, name, key: parseKeyPair(key), logKeys: o.logKey };
      const once = async () => {
        const state = fs.existsSync(o.state) ? readJson<WitnessState>(o.state) : null;
        const r = await witnessOnce(cfg, state);
        if (r.status === 'cosigned' && r.state) {
          fs.writeFileSync(`${o.state}.tmp`, JSON.stringify(r.state, null, 2) + '\n', { mode: 0o600 });
          fs.renameSync(`${o.state}.tmp`, o.state);
        }
        process.stdout.write(
          `${new Date().toISOString()} ${r.status}${r.size !== undefined ? ` size ${r.size}` : ''}${r.reason ? `: ${r.reason}` : ''}\n`,
        );
        if (r.status === 'refused') throw new AppError('CONFLICT', `refused to cosign: ${r.reason ?? ''}`);
      };
      try {
        await once();
        if (!o.interval) return;
        for (;;) {
          await new Promise((res) => setTimeout(res, Number(o.interval) * 1000));
          await once();
        }
      } catch (e) {
        printError(e);
      }
    });
}
