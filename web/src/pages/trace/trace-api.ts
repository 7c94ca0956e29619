import { qs } from '../../api/query';
import { rawCall } from '../../api/quality';

// Leak tracing (docs/watermarks.md "Tracing a leak"): the suspected file goes to POST /exchange/trace as raw
// bytes; the answer names the grant(s) whose watermark the rows carry, or no match. Only the security
// administrator and the auditors may trace; every trace is an audit event (its id comes back).

/** The formats the server reads, by file-name ending. */
export const TRACE_EXTENSIONS = ['.csv', '.ndjson', '.jsonl', '.json', '.xlsx'] as const;

/** One grant's standing in a trace (trace.service.ts TraceCandidate). */
export interface TraceCandidate {
  grantId: string;
  status: string;
  recipient: { orgId: string; name: string | null };
  /** Fitting leaked rows the grant's own rendering reproduces exactly. */
  matched: number;
  /** Matches expected by chance if the grant did not deliver the rows. */
  expectedByChance: number;
  /** log10 of the false-positive bound; null when it underflows (JSON has no −∞). */
  log10FalsePositive: number | null;
  /** The bound as text: "≤ 3.2e-71", "< 1e-300", "1". */
  falsePositive: string;
}

/** The answer of a trace. */
export interface TraceResult {
  verdict: 'match' | 'no_match';
  resourceId: string;
  file: { sha256: string; format: string; rows: number; columns: { header: string; item: string }[] };
  ignoredColumns: string[];
  rowsDistinct: number;
  rowsFitting: number;
  /** Grants named (bound below the threshold), most certain first. */
  named: TraceCandidate[];
  /** Every grant considered, most matches first. */
  candidates: TraceCandidate[];
  threshold: string;
  evidenceId: string;
}

/** Traces a file; `resourceId` skips the detection of the resource by the file's columns. */
export async function traceFile(file: Blob, resourceId?: string): Promise<TraceResult> {
  const res = await rawCall('POST', `/api/v1/exchange/trace${qs({ resourceId })}`, {
    body: file,
    contentType: 'application/octet-stream',
    accept: 'application/json',
  });
  return (await res.json()) as TraceResult;
}

/** Whether a file name has an ending the server reads. */
export function traceable(name: string): boolean {
  const lower = name.toLowerCase();
  return TRACE_EXTENSIONS.some((ext) => lower.endsWith(ext));
}
