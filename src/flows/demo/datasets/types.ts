// Shared types of the demo dataset generators.
import type { CsvEncoding } from './csv-writer.js';
import type { DatasetName } from './columns.js';

/** Options of generateDemoDatasets. */
export interface DatasetOptions {
  /** Directory for the CSV files and manifest.json (created if missing; files are overwritten). */
  outDir: string;
  /** Seed of every random draw; the same seed, sizes and asOf give byte-identical files. Default 20261129. */
  seed?: number;
  /** Rows of 人口基本信息 before duplicates are added (≥ 100). Default 100,000. */
  persons?: number;
  /** Rows of 企业登记信息 before duplicates are added (≥ 10). Default 20,000. */
  enterprises?: number;
  /** Reference date (YYYY-MM-DD) for ages and the 12 contribution months; never after today. Default 2026-10-31. */
  asOf?: string;
  /** Called every 10,000 rows and once at the end of each file with the rows written so far. */
  onProgress?: (dataset: DatasetName, rows: number) => void;
}

/** One generated file. */
export interface DatasetFile {
  name: string;
  dataset: DatasetName;
  encoding: CsvEncoding;
  /** Data rows (the header is not counted). */
  rows: number;
  bytes: number;
  sha256: string;
}

/** Kinds of deliberate error; see docs/demo-data.md for what each one means and which story uses it. */
export type DeliberateErrorKind =
  | 'csrq_mismatch'
  | 'xb_mismatch'
  | 'sfzh_checksum'
  | 'sfzh_duplicate'
  | 'sfzh_full_width'
  | 'sfzh_lowercase_x'
  | 'uscc_checksum'
  | 'uscc_invalid_char'
  | 'uscc_lowercase'
  | 'uscc_duplicate'
  | 'zczb_not_decimal'
  | 'empty_mandatory';

/** A value made wrong on purpose, recorded here and nowhere in the data. */
export interface DeliberateError {
  dataset: DatasetName;
  /** 1-based data row (row 1 is the first line after the header). */
  row: number;
  column: string;
  kind: DeliberateErrorKind;
  /** What is wrong, in English, with the correct value where there is one. */
  detail: string;
}

/** What was generated: written to manifest.json beside the files. Deterministic (no timestamp) like the files. */
export interface DatasetManifest {
  generator: string;
  seed: number;
  asOf: string;
  persons: number;
  enterprises: number;
  /** Contribution months of the social-insurance file, oldest first (YYYYMM). */
  months: string[];
  files: DatasetFile[];
  deliberateErrors: DeliberateError[];
}

/** What a generator needs from the caller. */
export interface GeneratorContext {
  outDir: string;
  seed: number;
  asOf: string;
  progress: (dataset: DatasetName, rows: number) => void;
}
