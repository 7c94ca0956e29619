import type { IngestIssueRow, IngestJobRow } from './tables.js';

/** An ingestion job as people see it. Read = accepted + rejected, always. */
export function presentJob(j: IngestJobRow) {
  return {
    id: j.id,
    resourceId: j.resource_id,
    orgId: j.org_id,
    source: { kind: j.source_kind, uploadId: j.upload_id, sourceId: j.source_id },
    mode: j.mode,
    mapping: JSON.parse(j.mapping) as Record<string, string>,
    status: j.status,
    counts: {
      read: j.read,
      accepted: j.accepted,
      rejected: j.rejected,
      warned: j.warned,
      inserted: j.inserted,
      updated: j.updated,
      unchanged: j.unchanged,
      deleted: j.deleted,
    },
    issuesDropped: j.issues_dropped,
    detected: j.detected ? (JSON.parse(j.detected) as Record<string, string | number>) : null,
    error: j.error,
    createdAt: j.created_at,
    createdBy: j.created_by,
    startedAt: j.started_at,
    finishedAt: j.finished_at,
    updatedAt: j.updated_at,
  };
}
export type IngestJob = ReturnType<typeof presentJob>;

/** One issue of the error report. */
export function presentIssue(i: IngestIssueRow) {
  return {
    rowNo: i.row_no,
    item: i.item,
    ruleId: i.rule_id,
    kind: i.kind,
    severity: i.severity,
    message: i.message,
    value: i.value,
  };
}
