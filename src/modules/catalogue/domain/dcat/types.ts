// What the DCAT serializer reads: the catalogue's own description and one entry per published resource.
// The caller (the catalogue service) decides which resources go in; the serializer never filters.
import type { ResourceDoc } from '../resource/index.js';

/** The catalogue as a whole (dcat:Catalog). */
export interface DcatCatalogueInfo {
  /** Absolute http(s) origin the IRIs hang from, e.g. https://data.example.gov.cn (no trailing path). */
  baseUrl: string;
  title: string;
  description: string;
  /** The platform operator (数据主管部门); `id` is its USCC. */
  publisher: { name: string; id: string };
  language?: 'zh';
  /** ISO 8601 date-time of the last change to the catalogue. */
  modified: string;
  homepage?: string;
  /** Licence IRI for 无条件开放 data; defaults to CC BY 4.0 (vocabulary.ts). */
  licence?: string;
  /**
   * Namespace of our own terms (orderly:shareType …); defaults to `${baseUrl}/ns#`. A province that cascades
   * several platforms should pin one value everywhere, so the upper level sees one predicate, not one per host.
   */
  namespace?: string;
}

/** One published resource (dcat:Dataset). */
export interface DcatDatasetInput {
  id: string;
  /** The full resource code; it names the dataset IRI and is its dct:identifier. */
  code: string;
  doc: ResourceDoc;
  provider: { name: string; uscc: string };
  version: number;
  /** ISO 8601 date-time of first publication. */
  issued: string;
  /** ISO 8601 date-time of the published version. */
  modified: string;
}

/** Which export: the public one (open resources) or the authenticated full one for cascading. */
export type DcatScope = 'open' | 'full';

/** Serializer options. */
export interface DcatOptions {
  /** 'open' (default) omits sharing attributes; 'full' adds them in our own namespace. */
  scope?: DcatScope;
}
