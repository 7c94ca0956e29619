import fs from 'node:fs';
import { createPrivateKey, createPublicKey } from 'node:crypto';
import type { Command } from 'commander';
import { sm2PrivatePemToHex, type KeyPairInfo, type PublicKeyInfo } from '../kernel/index.js';
import { openPackageTo, PackageRefused } from '../modules/exchange/index.js';
import { printJson } from './output.js';

// `orderly package open`: the consumer's side of a package, offline — no server, no database. It needs the
// organisation's encryption private key and the platform's published keys (GET /api/v1/platform/keys, saved
// as JSON), decrypts, unframes, checks the manifest's signature and the data digest (and, for a file
// resource's package, each file's size and SHA-256), and only then puts the data in place — the CSV or NDJSON
// file, or the files in a directory: a refused package leaves nothing behind.

/** The organisation's key pair from its PKCS#8 private key (X25519 under intl, SM2 under sm). */
export function keyPairFromPrivatePem(pem: string): KeyPairInfo {
  try {
    const key = createPrivateKey(pem);
    if (key.asymmetricKeyType === 'x25519')
      return {
        alg: 'X25519',
        privatePem: pem,
        publicPem: createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString(),
      };
  } catch {
    // not a key OpenSSL knows as X25519: try SM2 below
  }
  const sm2 = sm2PrivatePemToHex(pem);
  // The sm opener works from the private scalar; the public half is not needed to decrypt.
  return {
    alg: 'SM2',
    privatePem: pem,
    privateHex: sm2.privateHex,
    publicPem: '',
    ...(sm2.publicHex && { publicHex: sm2.publicHex }),
  };
}

/** The platform's response-signing keys from the JSON of GET /api/v1/platform/keys. */
export function platformKeysFrom(json: unknown): (kid: string) => PublicKeyInfo | undefined {
  const keys = Array.isArray(json)
    ? (json as { purpose?: string; id?: string; alg?: string; publicKeyPem?: string }[])
    : [];
  return (kid) => {
    const k = keys.find((x) => x.purpose === 'response' && x.id === kid);
    return k?.alg && k.publicKeyPem
      ? { alg: k.alg as PublicKeyInfo['alg'], publicPem: k.publicKeyPem }
      : undefined;
  };
}

export function packageCommands(program: Command): void {
  const pkg = program.command('package').description('Packages (bulk deliveries)');
  pkg
    .command('open <file>')
    .description('Verify, decrypt and check a package offline; writes the data only if every check passes')
    .requiredOption('--key <pem>', "the organisation's encryption private key (PKCS#8 PEM file)")
    .requiredOption('--platform-keys <json>', 'the platform keys (JSON of GET /api/v1/platform/keys)')
    .requiredOption(
      '--out <path>',
      'where to write the data: a file (CSV or NDJSON) for a table package, a directory for a files package',
    )
    .action(async (file: string, o: { key: string; platformKeys: string; out: string }) => {
      const key = keyPairFromPrivatePem(fs.readFileSync(o.key, 'utf8'));
      const trusted = platformKeysFrom(JSON.parse(fs.readFileSync(o.platformKeys, 'utf8')) as unknown);
      try {
        // Staged in `<out>.partial` and moved into place only when every check passed (removed otherwise).
        const opened = await openPackageTo(fs.createReadStream(file), o.out, key, trusted);
        printJson({
          ok: true,
          out: o.out,
          ...('kind' in opened.manifest && { files: opened.written }),
          manifest: opened.manifest,
        });
      } catch (e) {
        if (!(e instanceof PackageRefused)) throw e;
        process.stderr.write(`refused: ${e.message}\n`);
        process.exitCode = 5;
      }
    });
}
