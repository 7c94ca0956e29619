import { api } from './client';
import { ApiError, errorFromBody } from './errors';
import { qs } from './query';
import { loadSession } from './session';

// The quality API (数据归集 and 数据质量): uploads, ingestion jobs with their counts and quarantined issues,
// the error report, scorecards with history, the validation rules, and the data table's state (see
// /api/openapi.json). Uploads send raw bytes and the error report comes back as CSV, so those two go through
// rawCall below; everything else is JSON through the shared client.

export type IngestMode = 'upsert' | 'append' | 'replace';
export const INGEST_MODES: readonly IngestMode[] = ['upsert', 'append', 'replace'];
export type IngestStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
export type Severity = 'reject' | 'warn';

/** The formats an upload may have, by file-name ending (as the server infers them). */
export const UPLOAD_EXTENSIONS = ['.csv', '.txt', '.tsv', '.json', '.ndjson', '.jsonl', '.xlsx'] as const;

/** POST …/uploads. */
export interface Upload {
  id: string;
  name: string;
  format: string;
  size: number;
  digest: string;
}

/** Read = accepted + rejected, always; warned rows are accepted with a flag. */
export interface IngestCounts {
  read: number;
  accepted: number;
  rejected: number;
  warned: number;
  inserted: number;
  updated: number;
  unchanged: number;
  deleted: number;
}

export interface IngestJob {
  id: string;
  resourceId: string;
  orgId: string;
  source: { kind: string; uploadId: string | null; sourceId: string | null };
  mode: IngestMode;
  mapping: Record<string, string>;
  status: IngestStatus;
  counts: IngestCounts;
  issuesDropped: number;
  detected: Record<string, string | number> | null;
  error: string | null;
  createdAt: string;
  createdBy: string;
  startedAt: string | null;
  finishedAt: string | null;
  updatedAt: string;
}

/** One quarantined problem; `value` is masked when the item is personal or secret. */
export interface IngestIssue {
  rowNo: number;
  item: string;
  ruleId: string;
  kind: string;
  severity: Severity;
  message: string;
  value: string | null;
}

export const DIMENSIONS = [
  'completeness',
  'validity',
  'uniqueness',
  'consistency',
  'timeliness',
  'accuracy',
] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export interface ItemScore {
  item: string;
  completeness: number;
  validity: number;
  consistency: number;
}

export interface Freshness {
  lastLoadedAt: string | null;
  ageHours: number | null;
  periodHours: number | null;
  overdue: boolean;
}

/** GET …/scorecard: the latest card (score 0–100, dimensions 0–1) and the history, oldest first. */
export interface ScorecardAnswer {
  resourceId: string;
  latest: {
    computedAt: string;
    score: number;
    rows: number;
    dimensions: Record<Dimension, number>;
    items: ItemScore[];
    freshness: Freshness;
  } | null;
  history: { computedAt: string; score: number; rows: number; dimensions: Record<Dimension, number> }[];
}

/** A validation rule: which items, what check (kind and parameters), and what a failure does. */
export interface Rule {
  id: string;
  items: string[];
  spec: { kind: string; [param: string]: unknown };
  severity: Severity;
  origin?: 'generated' | 'steward';
}

export interface RuleSet {
  generated: Rule[];
  steward: Rule[];
}

/** GET /datastore/resources/:ref (the provider's stewards, reviewers). */
export interface DataTableState {
  resourceId: string;
  code: string;
  generation: number;
  status: string;
  rowCount: number;
  lastLoadedAt: string | null;
  layoutVersion: number;
  items: { item: string; storage: string; encrypted: boolean; primaryKey: boolean }[];
}

const enc = encodeURIComponent;
const Q = '/api/v1/quality';

/**
 * An authenticated call with a body or an answer that is not JSON. On a 401 the shared client renews the
 * session (one refresh for all calls, or the end of the session) through a cheap read; then this call is
 * sent once more with the new token.
 */
export async function rawCall(
  method: 'GET' | 'POST',
  path: string,
  opts: { body?: Blob; contentType?: string; accept: string; headers?: Record<string, string> },
): Promise<Response> {
  const attempt = async () => {
    const headers: Record<string, string> = { ...opts.headers, accept: opts.accept };
    if (opts.contentType) headers['content-type'] = opts.contentType;
    const token = loadSession()?.accessToken;
    if (token) headers.authorization = `Bearer ${token}`;
    try {
      return await fetch(path, { method, headers, body: opts.body, credentials: 'same-origin' });
    } catch {
      throw new ApiError(0, 'NETWORK', 'The server could not be reached.');
    }
  };
  let res = await attempt();
  if (res.status === 401 && loadSession()) {
    await api('GET', '/api/v1/me');
    res = await attempt();
  }
  if (!res.ok) {
    const text = await res.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    throw errorFromBody(res.status, json);
  }
  return res;
}

/** Uploads a source file as raw bytes; the format follows from its name. */
export async function uploadFile(resourceId: string, file: File): Promise<Upload> {
  const res = await rawCall('POST', `${Q}/resources/${enc(resourceId)}/uploads${qs({ name: file.name })}`, {
    body: file,
    contentType: 'application/octet-stream',
    accept: 'application/json',
  });
  return (await res.json()) as Upload;
}

/** The error report of a job as CSV (UTF-8 with BOM), for saving. */
export async function fetchIssuesCsv(jobId: string): Promise<Blob> {
  const res = await rawCall('GET', `${Q}/jobs/${enc(jobId)}/issues.csv`, { accept: 'text/csv' });
  return res.blob();
}

export const startJob = (
  resourceId: string,
  body: { uploadId: string; mode: IngestMode; mapping?: Record<string, string>; saveMapping?: boolean },
) => api<IngestJob>('POST', `${Q}/resources/${enc(resourceId)}/jobs`, body);
export const listJobs = (resourceId: string, limit = 20) =>
  api<IngestJob[]>('GET', `${Q}/resources/${enc(resourceId)}/jobs${qs({ limit })}`);
export const getJob = (jobId: string) => api<IngestJob>('GET', `${Q}/jobs/${enc(jobId)}`);
export const cancelJob = (jobId: string) => api<IngestJob>('POST', `${Q}/jobs/${enc(jobId)}/cancel`);
/** The issues of rows after+1 … after+rows (a window of row numbers, not of issues). */
export const listIssues = (jobId: string, after: number, rows: number) =>
  api<IngestIssue[]>('GET', `${Q}/jobs/${enc(jobId)}/issues${qs({ after, rows })}`);
export const getScorecard = (ref: string) =>
  api<ScorecardAnswer>('GET', `${Q}/resources/${enc(ref)}/scorecard`);
export const getRules = (ref: string) => api<RuleSet>('GET', `${Q}/resources/${enc(ref)}/rules`);
export const putRules = (resourceId: string, rules: unknown[]) =>
  api<{ steward: Rule[] }>('PUT', `${Q}/resources/${enc(resourceId)}/rules`, { rules });
export const getDataTable = (ref: string) =>
  api<DataTableState>('GET', `/api/v1/datastore/resources/${enc(ref)}`);

/** True while a job may still change. */
export const isActive = (s: IngestStatus) => s === 'queued' || s === 'running';
