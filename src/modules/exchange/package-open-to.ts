import { createHash, type Hash } from 'node:crypto';
import { mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createOpener, verifyDetachedJws, type KeyPairInfo, type PublicKeyInfo } from '../../kernel/index.js';
import { MAX_DATA_FRAME, PackageFormatError } from './domain/package-frames.js';
import {
  isFileEntry,
  isFilesManifest,
  type AnyPackageManifest,
  type PackageFileEntry,
} from './domain/package-files.js';
import { isManifest } from './domain/package-manifest.js';
import { PackageRefused } from './package-open.js';

// Opening a package of either kind into place (`orderly package open`): decrypt with the consumer
// organisation's private key, unframe, hash the data as it passes into a staging place next to `out`
// (`<out>.partial`: a file for a table package, a directory for a files package, where each file is staged
// under its position, never under the name the still unverified package gives it), then check the manifest's
// signature under a trusted platform key, the data digest and — for files — every header against the signed
// list and every file's size and SHA-256. Only then is the data put in place: a table package's data becomes
// the file `out`, a files package's files are moved into the directory `out` under their names. A refused
// package leaves nothing behind.

/** An opened package: its checked manifest and the paths written. */
export interface OpenedPackage {
  manifest: AnyPackageManifest;
  written: string[];
}

const MAX_HEADER_FRAME = 64 * 1024;
const MAX_META_FRAME = 1024 * 1024;

interface Staged {
  header: PackageFileEntry;
  path: string;
  handle: FileHandle;
  hash: Hash;
  size: number;
}

/** Opens a package from `input` into `out` (a file for tables, a directory for files). */
export async function openPackageTo(
  input: Readable,
  out: string,
  key: KeyPairInfo,
  platformKeys: (kid: string) => PublicKeyInfo | undefined,
): Promise<OpenedPackage> {
  const target = path.resolve(out);
  const staging = `${target}.partial`;
  await rm(staging, { recursive: true, force: true });
  try {
    return await openInto(input, target, staging, key, platformKeys);
  } catch (e) {
    await rm(staging, { recursive: true, force: true });
    throw e;
  }
}

async function openInto(
  input: Readable,
  target: string,
  staging: string,
  key: KeyPairInfo,
  platformKeys: (kid: string) => PublicKeyInfo | undefined,
): Promise<OpenedPackage> {
  const hashes = { sha256: createHash('sha256'), sm3: createHash('sm3') };
  let mode: 'table' | 'files' | null = null;
  let table: FileHandle | null = null;
  const files: Staged[] = [];
  let manifestBytes: Buffer | null = null;
  let signature: Buffer | null = null;

  const consume = async (source: AsyncIterable<Buffer>) => {
    let buf: Buffer = Buffer.alloc(0);
    for await (const chunk of source) {
      buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
      while (buf.length >= 5) {
        const type = String.fromCharCode(buf[0]!);
        const len = buf.readUInt32BE(1);
        const max =
          type === 'D'
            ? MAX_DATA_FRAME
            : type === 'F'
              ? MAX_HEADER_FRAME
              : type === 'M' || type === 'S'
                ? MAX_META_FRAME
                : -1;
        if (max < 0) throw new PackageFormatError(`unknown frame ${type}`);
        if (len > max) throw new PackageFormatError(`frame ${type} too long`);
        if (buf.length < 5 + len) break;
        const payload = Buffer.from(buf.subarray(5, 5 + len));
        buf = buf.subarray(5 + len);
        if (signature) throw new PackageFormatError('bytes after the signature');
        if ((type === 'D' || type === 'F') && manifestBytes)
          throw new PackageFormatError('data after the manifest');
        if (type === 'D') {
          hashes.sha256.update(payload);
          hashes.sm3.update(payload);
          if (mode === null) {
            mode = 'table';
            table = await open(staging, 'wx', 0o600);
          }
          if (mode === 'table') await table!.write(payload);
          else {
            const f = files[files.length - 1]!;
            f.size += payload.length;
            if (f.size > f.header.size) throw new PackageFormatError('a file longer than its header says');
            f.hash.update(payload);
            await f.handle.write(payload);
          }
        } else if (type === 'F') {
          if (mode === 'table') throw new PackageFormatError('a file header in a table package');
          if (mode === null) {
            mode = 'files';
            await mkdir(staging, { mode: 0o700 });
          }
          let header: unknown;
          try {
            header = JSON.parse(payload.toString('utf8'));
          } catch {
            throw new PackageFormatError('a file header that is not JSON');
          }
          if (!isFileEntry(header)) throw new PackageFormatError('a malformed file header');
          const p = path.join(staging, String(files.length));
          files.push({
            header,
            path: p,
            handle: await open(p, 'wx', 0o600),
            hash: createHash('sha256'),
            size: 0,
          });
        } else if (type === 'M') {
          if (manifestBytes) throw new PackageFormatError('a second manifest');
          manifestBytes = payload;
        } else {
          if (!manifestBytes) throw new PackageFormatError('a signature before the manifest');
          signature = payload;
        }
      }
    }
    if (buf.length) throw new PackageFormatError('a truncated frame');
  };

  let consumer: Promise<void> | undefined;
  try {
    await pipeline(input, createOpener(key), (source: AsyncIterable<Buffer>) => (consumer = consume(source)));
  } catch (e) {
    // The consumer may still be between two awaits when an earlier stage fails: let it settle first, so every
    // file it opened is known and closed below.
    await consumer?.catch(() => undefined);
    // A local file system problem is not the package's fault.
    if (e instanceof Error && 'syscall' in e) throw e;
    const why = e instanceof PackageFormatError ? e.message : 'it does not decrypt and authenticate';
    throw new PackageRefused(`The package is damaged, truncated or not for this key (${why}).`);
  } finally {
    await (table as FileHandle | null)?.close();
    for (const f of files) await f.handle.close();
  }
  if (!manifestBytes || !signature)
    throw new PackageRefused('The package is incomplete (the manifest or its signature is missing).');
  const manifestBuf: Buffer = manifestBytes;
  const check = verifyDetachedJws((signature as Buffer).toString('ascii'), manifestBuf, platformKeys);
  if (!check.ok) throw new PackageRefused(`The manifest signature does not verify (${check.reason}).`);
  let manifest: unknown;
  try {
    manifest = JSON.parse(manifestBuf.toString('utf8'));
  } catch {
    throw new PackageRefused('The manifest is not JSON.');
  }
  const kind = mode as 'table' | 'files' | null;
  if (isFilesManifest(manifest)) {
    if (kind === 'table') throw new PackageRefused('A files manifest over table data.');
  } else if (isManifest(manifest)) {
    if (kind === 'files') throw new PackageRefused('A table manifest over files.');
  } else throw new PackageRefused('The manifest lacks required fields.');
  const m = manifest;
  if (hashes[m.dataDigest.alg].digest('hex') !== m.dataDigest.hex)
    throw new PackageRefused('The data does not match the manifest digest.');

  if (!('kind' in m)) {
    // A table package (possibly without data: an NDJSON export of no rows).
    if (kind === null) await (await open(staging, 'wx', 0o600)).close();
    await rename(staging, target);
    return { manifest: m, written: [target] };
  }
  if (m.files.length !== files.length)
    throw new PackageRefused('The files do not match the manifest’s list.');
  const names = new Set<string>();
  files.forEach((f, i) => {
    const listed = m.files[i]!;
    const same =
      listed.name === f.header.name &&
      listed.mediaType === f.header.mediaType &&
      listed.size === f.header.size &&
      listed.sha256 === f.header.sha256;
    if (!same) throw new PackageRefused(`File ${i + 1} does not match the manifest’s list.`);
    if (f.size !== listed.size || f.hash.digest('hex') !== listed.sha256)
      throw new PackageRefused(`The file ${listed.name} does not match its size or SHA-256.`);
    if (names.has(listed.name)) throw new PackageRefused(`The file ${listed.name} comes twice.`);
    names.add(listed.name);
  });
  if (kind === null) await mkdir(staging, { mode: 0o700 });
  await mkdir(target, { recursive: true });
  const written: string[] = [];
  for (const f of files) {
    const dest = path.join(target, f.header.name);
    await rename(f.path, dest);
    written.push(dest);
  }
  await rm(staging, { recursive: true, force: true });
  return { manifest: m, written };
}
