import { api } from '../../api/client';
import { qs } from '../../api/query';
import { rawCall } from '../../api/quality';

// The package API (docs/packages.md "API") as the console calls it: ask for a package of a grant, list the
// organisation's packages, read one, and download a ready one. The file is sealed to the consumer
// organisation's encryption key, so the console only saves it; it is opened offline with `orderly package open`.

export type PackageFormat = 'csv' | 'ndjson';
export const PACKAGE_FORMATS: readonly PackageFormat[] = ['csv', 'ndjson'];
export type PackageStatus = 'queued' | 'building' | 'ready' | 'failed';

/** A package as the API shows it (packages.service.ts PackageView). */
export interface PackageView {
  id: string;
  grantId: string;
  resourceId: string;
  /** `files` for a package of a file resource. */
  format: PackageFormat | 'files';
  fields: string[];
  files?: string[];
  status: PackageStatus;
  rows: number | null;
  bytes: number | null;
  fileSha256: string | null;
  error: string | null;
  createdAt: string;
  readyAt: string | null;
  expiresAt: string | null;
}

/**
 * What a consumer asks for. Table resources: the format and, optionally, a subset of the granted items. File
 * resources: nothing (all current files; format and fields do not apply).
 */
export interface PackageRequest {
  format?: PackageFormat;
  fields?: string[];
}

const X = '/api/v1/exchange';
const enc = encodeURIComponent;

export const requestPackage = (grantId: string, body: PackageRequest) =>
  api<PackageView>('POST', `${X}/grants/${enc(grantId)}/packages`, body);
/** The organisation's packages, newest first; one grant's with `grantId`. */
export const listPackages = (p: { grantId?: string; limit?: number } = {}) =>
  api<PackageView[]>('GET', `${X}/packages${qs(p)}`);
export const getPackage = (id: string) => api<PackageView>('GET', `${X}/packages/${enc(id)}`);

/** The sealed package file, for saving (the grant is checked again on every download). */
export async function fetchPackageContent(id: string): Promise<Blob> {
  const res = await rawCall('GET', `${X}/packages/${enc(id)}/content`, {
    accept: 'application/octet-stream',
  });
  return res.blob();
}

/** True while the build may still change the package. */
export const isPending = (s: PackageStatus) => s === 'queued' || s === 'building';

/** The file name a download is saved under (as the server's Content-Disposition names it). */
export const packageFileName = (p: PackageView) => `${p.id}.pkg`;
