// Synthetic source datasets of the demo city (杭州市): 人口基本信息, 企业登记信息, 社保参保缴费 and 不动产登记 as
// the four providing departments would hand them over, with deliberate errors listed in a manifest for the quality
// and objection stories. Generated on demand (`orderly demo datasets --out <dir>`), never committed.
import { isIsoDate } from './dates.js';
import type { CheckedOptions } from './generate.js';
import type { DatasetManifest, DatasetOptions } from './types.js';

export type {
  DatasetFile,
  DatasetManifest,
  DatasetOptions,
  DeliberateError,
  DeliberateErrorKind,
} from './types.js';
export {
  DATASETS,
  ENTERPRISES_GBK_FILE,
  ENTERPRISE_COLUMNS,
  PERSON_COLUMNS,
  PROPERTY_COLUMNS,
  SOCIAL_INSURANCE_COLUMNS,
  type ColumnSpec,
  type DatasetName,
  type RowOf,
} from './columns.js';
export { parseCsv, parseCsvObjects, parseDatasetCsv } from './csv-reader.js';

/** Default seed (the day the generator was written); any integer gives another, equally valid city. */
export const DEFAULT_DATASET_SEED = 20261129;
/** Default reference date for ages and contribution months (fixed, so output does not change from day to day). */
export const DEFAULT_DATASET_AS_OF = '2026-10-31';
/** Name of the manifest written beside the files. */
export const MANIFEST_FILE = 'manifest.json';

function checkOptions(opts: DatasetOptions): CheckedOptions {
  const seed = opts.seed ?? DEFAULT_DATASET_SEED;
  const persons = opts.persons ?? 100_000;
  const enterprises = opts.enterprises ?? 20_000;
  const asOf = opts.asOf ?? DEFAULT_DATASET_AS_OF;
  if (!Number.isSafeInteger(seed)) throw new RangeError('seed must be an integer');
  if (!Number.isInteger(persons) || persons < 100 || persons > 10_000_000) {
    throw new RangeError('persons must be an integer from 100 to 10,000,000');
  }
  if (!Number.isInteger(enterprises) || enterprises < 10 || enterprises > 2_000_000) {
    throw new RangeError('enterprises must be an integer from 10 to 2,000,000');
  }
  // Birth dates must not be in the future, or checkIdNumber would reject every newborn's number.
  const today = new Date().toISOString().slice(0, 10);
  if (!isIsoDate(asOf)) throw new RangeError('asOf must be a real YYYY-MM-DD date');
  if (asOf > today || asOf < '2000-01-01') throw new RangeError('asOf must be between 2000-01-01 and today');
  if (typeof opts.outDir !== 'string' || opts.outDir === '') throw new RangeError('outDir is required');
  return { outDir: opts.outDir, seed, persons, enterprises, asOf, onProgress: opts.onProgress };
}

/** Generates the four demo datasets (and the GBK copy of the enterprises) into outDir, plus manifest.json. */
export async function generateDemoDatasets(opts: DatasetOptions): Promise<DatasetManifest> {
  const checked = checkOptions(opts);
  const { runGeneration } = await import('./generate.js');
  return runGeneration(checked, MANIFEST_FILE);
}
