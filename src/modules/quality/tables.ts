/** An uploaded source file, kept under the data directory until its jobs are done. */
export interface UploadRow {
  id: string;
  resource_id: string;
  org_id: string;
  name: string;
  format: string;
  size: number;
  digest: string;
  uploaded_by: string;
  uploaded_at: string;
}

/** An ingestion job: its source, mode, mapping, state and counts. */
export interface IngestJobRow {
  id: string;
  resource_id: string;
  org_id: string;
  source_kind: string;
  upload_id: string | null;
  source_id: string | null;
  mode: string;
  mapping: string;
  status: string;
  /** Source records consumed by committed batches: where a resumed job continues. */
  committed: number;
  read: number;
  accepted: number;
  rejected: number;
  warned: number;
  inserted: number;
  updated: number;
  unchanged: number;
  deleted: number;
  issues_stored: number;
  issues_dropped: number;
  /** Incremental pulls: the watermark this job starts after (fixed, so a resume skips exactly). */
  watermark_from: string | null;
  /** The watermark of the last committed record. */
  watermark: string | null;
  error: string | null;
  detected: string | null;
  runner_job_id: string | null;
  created_by: string;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  updated_at: string;
}

/** A rule a row broke: rejected rows (quarantine) and warnings, with the value masked if personal. */
export interface IngestIssueRow {
  job_id: string;
  row_no: number;
  item: string;
  rule_id: string;
  kind: string;
  severity: string;
  message: string;
  value: string | null;
}

/** The saved column mapping of a resource (source column → item). */
export interface MappingRow {
  resource_id: string;
  mapping: string;
  updated_by: string;
  updated_at: string;
}

/** One computed scorecard (history is kept). */
export interface ScoreRow {
  id: string;
  resource_id: string;
  computed_at: string;
  score: number;
  rows: number;
  /** JSON of the Scorecard. */
  card: string;
}

/** A steward's own validation rules for a resource (generated rules are not stored). */
export interface RulesRow {
  resource_id: string;
  rules: string;
  updated_by: string;
  updated_at: string;
}

/** A data source connection registered by secadmin; credentials sealed, never shown again. */
export interface SourceRow {
  id: string;
  name: string;
  kind: string;
  /** JSON of the non-secret settings (host, port, database, user, query; or url, paging). */
  config: string;
  /** Sealed JSON of the secrets (password; or request headers). */
  secret: Buffer | null;
  master_id: string | null;
  status: string;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface QualityTables {
  quality_sources: SourceRow;
  quality_scores: ScoreRow;
  quality_rules: RulesRow;
  ingest_uploads: UploadRow;
  ingest_jobs: IngestJobRow;
  ingest_issues: IngestIssueRow;
  ingest_mappings: MappingRow;
}
