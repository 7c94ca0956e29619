import { createHash } from 'node:crypto';
import { Transform, type Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createOpener, verifyDetachedJws, type KeyPairInfo, type PublicKeyInfo } from '../../kernel/index.js';
import { createFrameReader, PackageFormatError } from './domain/package-frames.js';
import { isManifest, type PackageManifest } from './domain/package-manifest.js';

// Opening a package (the consumer's side; `orderly package open` and the tests): decrypt with the consumer
// organisation's private key, unframe, hash the data as it passes, then check the manifest: its signature under
// a platform key the caller trusts, and the data digest. The caller writes the data to a temporary place and
// keeps it only when this resolves — nothing of a package that fails a check is to be used.

/** Why a package was refused. */
export class PackageRefused extends Error {}

/** Opens a package from `input`, writing its data to `out`; resolves with the checked manifest. */
export async function openPackage(
  input: Readable,
  out: Writable,
  key: KeyPairInfo,
  platformKeys: (kid: string) => PublicKeyInfo | undefined,
): Promise<PackageManifest> {
  const frames = createFrameReader();
  const hashes = { sha256: createHash('sha256'), sm3: createHash('sm3') };
  const tap = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      hashes.sha256.update(chunk);
      hashes.sm3.update(chunk);
      cb(null, chunk);
    },
  });
  try {
    await pipeline(input, createOpener(key), frames, tap, out);
  } catch (e) {
    const why = e instanceof PackageFormatError ? e.message : 'it does not decrypt and authenticate';
    throw new PackageRefused(`The package is damaged, truncated or not for this key (${why}).`);
  }
  let parts: { manifest: Buffer; signature: Buffer };
  try {
    parts = frames.done();
  } catch (e) {
    throw new PackageRefused(`The package is incomplete (${(e as Error).message}).`);
  }
  const check = verifyDetachedJws(parts.signature.toString('ascii'), parts.manifest, platformKeys);
  if (!check.ok) throw new PackageRefused(`The manifest signature does not verify (${check.reason}).`);
  let manifest: unknown;
  try {
    manifest = JSON.parse(parts.manifest.toString('utf8'));
  } catch {
    throw new PackageRefused('The manifest is not JSON.');
  }
  if (!isManifest(manifest)) throw new PackageRefused('The manifest lacks required fields.');
  const got = hashes[manifest.dataDigest.alg].digest('hex');
  if (got !== manifest.dataDigest.hex)
    throw new PackageRefused('The data does not match the manifest digest.');
  return manifest;
}
