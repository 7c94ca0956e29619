/** Which physical table serves a resource, and its layout. */
export interface DataTableRow {
  resource_id: string;
  code: string;
  generation: number;
  /** JSON of the Layout. */
  layout: string;
  row_count: number;
  /** ready | loading (a full replace is building the next generation). */
  status: string;
  loading_generation: number | null;
  last_loaded_at: string | null;
  updated_at: string;
}

/** A wrapped per-resource key (data keys are versioned; the index key is one per resource). */
export interface DataKeyRow {
  resource_id: string;
  kind: string;
  version: number;
  wrapped: Buffer;
  master_id: string;
  created_at: string;
  retired_at: string | null;
}

export interface DatastoreTables {
  datastore_tables: DataTableRow;
  datastore_keys: DataKeyRow;
}
