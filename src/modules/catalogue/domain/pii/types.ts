// Shapes of a PII suggestion; the levels are the catalogue's item levels (GB/T 43697 and DB33/T 2350).
import type { MaskSpec, PiiKind } from '../masking/index.js';
import type { NationalLevel, ProvincialLevel } from '../resource/index.js';

export type { NationalLevel, ProvincialLevel };

/** A cell as it arrives from a sample: text, or missing. */
export type CellValue = string | null | undefined;

/** What the detector proposes for one column; the steward accepts or edits it. */
export interface PiiSuggestion {
  kind: PiiKind;
  /** 0..1 with two decimals: a ranking score from the value share, the kind's reliability and the header. */
  confidence: number;
  /** Sampled values that matched the kind. */
  matched: number;
  /** Non-blank values looked at (placeholders such as 无 or N/A are blanks). */
  sampled: number;
  nationalLevel: NationalLevel;
  provincialLevel: ProvincialLevel;
  mask: MaskSpec;
  /** Short English explanation, e.g. "46 of 48 values are checksum-valid ID numbers". */
  reason: string;
}

/** One column's result: the best suggestion (or null) and weaker readings the steward may prefer. */
export interface ColumnDetection {
  header: string;
  suggestion: PiiSuggestion | null;
  alternatives: PiiSuggestion[];
}

/** A column to detect: its header and a sample of its values. */
export interface ColumnSample {
  header: string;
  values: readonly CellValue[];
}

/** Tuning knobs; the defaults suit an upload preview or the first rows of loaded data. */
export interface DetectOptions {
  /** "Today" for birth-date plausibility (China calendar date); defaults to the current time. */
  asOf?: Date;
  /** Most non-blank values looked at per column (default 500). */
  maxSample?: number;
}
