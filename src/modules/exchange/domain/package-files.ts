import type { PackageManifest } from './package-manifest.js';

// Packages of file resources (docs/packages.md "File resources"). The plaintext frames are those of table
// packages plus one type: each file is an 'F' frame — a JSON header {name, mediaType, size, sha256} — followed
// by that file's bytes as 'D' frames (none for an empty file); then the 'M' manifest and the 'S' signature as
// for tables. The data digest covers the 'D' payloads of all files in order; the manifest lists the files in
// the order of their frames, so the opener can match each header, each file's bytes and the signed list.

/** One delivered file: the catalogue's name, media type, size and SHA-256 (hex) of its bytes. */
export interface PackageFileEntry {
  name: string;
  mediaType: string;
  size: number;
  sha256: string;
}

/** The manifest of a files package (table manifests are unchanged: they carry no `kind`). */
export interface FilesPackageManifest {
  v: 1;
  kind: 'files';
  packageId: string;
  grantId: string;
  resourceId: string;
  providerOrgId: string;
  consumerOrgId: string;
  /** The files, in the order their frames come. */
  files: PackageFileEntry[];
  /** Bytes of all files together. */
  bytes: number;
  /** Digest of the data bytes of all files in order: SHA-256 under intl, SM3 under sm (hex). */
  dataDigest: { alg: 'sha256' | 'sm3'; hex: string };
  /** The delivery's watermark label (keyed by a platform secret). */
  watermarkId: string;
  /** The encryption key the package was sealed to (the consumer organisation's). */
  recipientKeyId: string;
  createdAt: string;
}

/** Either kind of manifest. */
export type AnyPackageManifest = PackageManifest | FilesPackageManifest;

/** The 'F' frame of one file. */
export function fileHeaderFrame(entry: PackageFileEntry): Buffer {
  const { name, mediaType, size, sha256 } = entry;
  const payload = Buffer.from(JSON.stringify({ name, mediaType, size, sha256 }), 'utf8');
  const head = Buffer.alloc(5);
  head.write('F', 0, 'ascii');
  head.writeUInt32BE(payload.length, 1);
  return Buffer.concat([head, payload]);
}

/** Whether a name can be written into a directory as it stands (no path, no dot names, no control bytes). */
export function isSafeFileName(name: string): boolean {
  return (
    name.length > 0 &&
    name.length <= 200 &&
    name !== '.' &&
    name !== '..' &&
    !/[/\\]/.test(name) &&
    ![...name].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)
  );
}

/** Structural check of a file entry (a header or a manifest's list entry). */
export function isFileEntry(x: unknown): x is PackageFileEntry {
  if (typeof x !== 'object' || x === null) return false;
  const f = x as Record<string, unknown>;
  return (
    typeof f.name === 'string' &&
    isSafeFileName(f.name) &&
    typeof f.mediaType === 'string' &&
    typeof f.size === 'number' &&
    Number.isSafeInteger(f.size) &&
    f.size >= 0 &&
    typeof f.sha256 === 'string' &&
    /^[0-9a-f]{64}$/.test(f.sha256)
  );
}

/** Structural check of a parsed files manifest (the signature is checked separately). */
export function isFilesManifest(x: unknown): x is FilesPackageManifest {
  if (typeof x !== 'object' || x === null) return false;
  const m = x as Record<string, unknown>;
  const d = m.dataDigest as Record<string, unknown> | null | undefined;
  return (
    m.v === 1 &&
    m.kind === 'files' &&
    typeof m.packageId === 'string' &&
    typeof m.grantId === 'string' &&
    typeof m.resourceId === 'string' &&
    Array.isArray(m.files) &&
    m.files.every(isFileEntry) &&
    typeof m.bytes === 'number' &&
    typeof d === 'object' &&
    d !== null &&
    (d.alg === 'sha256' || d.alg === 'sm3') &&
    typeof d.hex === 'string'
  );
}
