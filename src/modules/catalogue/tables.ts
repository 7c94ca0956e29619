import type { ResourceState, VersionState } from './domain/resource/index.js';

/** A resource: identity, code and the facets of its published version (for listing and facets). */
export interface ResourceRow {
  id: string;
  code: string;
  org_id: string;
  class_code: string;
  seq: number;
  status: ResourceState;
  /** Facets of the version people see (the published one, or the draft before first publication). */
  name: string;
  level: string;
  share_type: string;
  open_type: string;
  format: string;
  update_cycle: string;
  category: string;
  published_version: number | null;
  latest_version: number;
  first_published_at: string | null;
  last_published_at: string | null;
  withdrawn_at: string | null;
  withdrawn_reason: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

/** One version of a resource's document. */
export interface VersionRow {
  resource_id: string;
  version: number;
  status: VersionState;
  doc: string;
  /** Diff against the previously published version, set on publication. */
  diff: string | null;
  review_comment: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  submitted_by: string | null;
  submitted_at: string | null;
  reviewed_by: string | null;
  reviewed_at: string | null;
  published_at: string | null;
}

/** The level policy table (one current row; history lives in the evidence log). */
export interface PolicyRow {
  id: string;
  doc: string;
  revision: number;
  updated_by: string | null;
  updated_at: string;
}

/** A posting of the search index, written on publication. */
export interface SearchTermRow {
  resource_id: string;
  term: string;
  field: string;
  count: number;
}

/** A file in the content-addressed store. */
export interface StoredFileRow {
  digest: string;
  size: number;
  encrypted: number;
  created_at: string;
}

/** A file attached to a file resource. */
export interface ResourceFileRow {
  resource_id: string;
  name: string;
  digest: string;
  size: number;
  media_type: string;
  uploaded_by: string;
  uploaded_at: string;
}

export interface CatalogueTables {
  catalogue_resources: ResourceRow;
  catalogue_versions: VersionRow;
  catalogue_policy: PolicyRow;
  catalogue_search_terms: SearchTermRow;
  catalogue_files: StoredFileRow;
  catalogue_resource_files: ResourceFileRow;
}
