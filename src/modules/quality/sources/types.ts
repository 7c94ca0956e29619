// The contract between a source reader and the ingestion job runner. Every reader streams: it holds at most
// one input chunk (or one fetched batch/page) of records at a time, so memory does not grow with the source.

/** One data record as the source gives it: text cells by source column name (null = missing/empty). */
export interface SourceRecord {
  /** 1-based data record number: files count data records (header excluded, blank rows skipped), remote
   *  sources count records within the pull. Always equals the number of records before it plus one, so a
   *  job that committed up to rowNo N resumes with `skip: N`. */
  rowNo: number;
  values: Record<string, string | null>;
  /** remote sources: the watermark value of this record (for incremental pulls) */
  watermark?: string;
}

/** Options for one pass over a source. */
export interface RecordsOptions {
  /** Data records to skip before the first one yielded (resume after a crash). */
  skip?: number;
  signal?: AbortSignal;
}

/** A readable source of records: a file, a database query or an HTTP API. */
export interface RecordSource {
  /** The column names (header) — for files read from the first row/first object; may read ahead a little. */
  columns(): Promise<string[]>;
  /** Streams records in order, skipping the first `skip` data records (resume after a crash), with bounded memory. */
  records(opts?: RecordsOptions): AsyncIterable<SourceRecord>;
  /** What was detected (encoding, separator, sheet …) for the job summary. */
  describe(): Record<string, string | number>;
}
