import { ApiError } from '../../api/errors';
import { qs } from '../../api/query';
import { rawCall } from '../../api/quality';
import type { FilterNode } from '../sharing/types';

// The exchange's records API as "my data" calls it (docs/exchange.md): the same endpoint and checks as an API
// client's, with the user's session. It goes through rawCall rather than the JSON client because the page
// sends a case reference header and shows the evidence id the answer carries in a header.

/** One record as returned: item codes to masked values; `_disputed` when an objection was accepted. */
export type RecordRow = Record<string, unknown> & { _disputed?: boolean };

/** One page of a grant's records with the id of the access event that recorded it. */
export interface RecordsPage {
  grantId: string;
  items: RecordRow[];
  next: string | null;
  evidenceId: string | null;
}

/** What "my data" asks for. */
export interface RecordsQuery {
  filter: FilterNode | null;
  cursor?: string;
  limit: number;
  caseId: string;
}

/** A page of a grant's records (a recorded access); errors as ApiError with the server's details. */
export async function fetchRecords(grantId: string, q: RecordsQuery): Promise<RecordsPage> {
  const path = `/api/v1/exchange/grants/${encodeURIComponent(grantId)}/records${qs({
    filter: q.filter ? JSON.stringify(q.filter) : undefined,
    cursor: q.cursor,
    limit: q.limit,
  })}`;
  const res = await rawCall('GET', path, {
    accept: 'application/json',
    headers: q.caseId ? { 'x-orderly-case-id': q.caseId } : {},
  });
  const body = (await res.json()) as Omit<RecordsPage, 'evidenceId'>;
  return { ...body, evidenceId: res.headers.get('x-orderly-evidence-id') };
}

/** The header's rule (1–100 printable ASCII characters), checked before a query is sent. */
export const CASE_ID = /^[\x20-\x7e]{1,100}$/;

/** Why a read failed, as the page shows it. */
export type Refusal =
  | { kind: 'denied'; reason: string; message: string }
  | { kind: 'outside'; items: string[]; filter: boolean }
  | { kind: 'rate'; retryAfter: number }
  | { kind: 'other'; error: unknown };

/**
 * Sorts a failed read: a 403 about the grant itself (revoked, suspended, expired, not a consumer …) denies
 * access; a 403 naming fields or filter items is a query beyond the grant that the user can correct; 429 says
 * when to try again.
 */
export function refusalOf(e: unknown): Refusal {
  if (!(e instanceof ApiError)) return { kind: 'other', error: e };
  const d = (e.details ?? {}) as {
    reason?: unknown;
    fields?: unknown;
    items?: unknown;
    retryAfter?: unknown;
  };
  if (e.status === 429) return { kind: 'rate', retryAfter: Number(d.retryAfter) || 60 };
  if (e.status !== 403) return { kind: 'other', error: e };
  if (d.reason === 'FIELDS' && Array.isArray(d.fields))
    return { kind: 'outside', items: d.fields.map(String), filter: false };
  if (d.reason === undefined && Array.isArray(d.items))
    return { kind: 'outside', items: d.items.map(String), filter: true };
  return { kind: 'denied', reason: typeof d.reason === 'string' ? d.reason : 'UNKNOWN', message: e.message };
}
