// The generation run behind generateDemoDatasets: the four files in join order (persons first, because every other
// dataset refers to them), then manifest.json. Loaded lazily by index.ts so importing the demo flow does not load
// faker and its locales.
import fs from 'node:fs';
import path from 'node:path';
import type { DatasetName } from './columns.js';
import type { CsvFileInfo } from './csv-writer.js';
import { writeEnterprises } from './enterprises.js';
import { writePersons } from './persons.js';
import { writeProperty } from './property.js';
import { contributionMonths, writeSocialInsurance } from './social-insurance.js';
import type { DatasetFile, DatasetManifest, DatasetOptions, GeneratorContext } from './types.js';

/** Options after defaults and checks. */
export type CheckedOptions = Required<Omit<DatasetOptions, 'onProgress'>> &
  Pick<DatasetOptions, 'onProgress'>;

// Bump when the same options would give different bytes, so a manifest says which algorithm made its files.
const GENERATOR = 'orderly-demo-datasets/1';

function fileEntry(dataset: DatasetName, f: CsvFileInfo): DatasetFile {
  return { name: f.name, dataset, encoding: f.encoding, rows: f.rows, bytes: f.bytes, sha256: f.sha256 };
}

/** Writes the four datasets and manifest.json (named `manifestFile`) into o.outDir. */
export async function runGeneration(o: CheckedOptions, manifestFile: string): Promise<DatasetManifest> {
  await fs.promises.mkdir(o.outDir, { recursive: true });
  const reported = new Map<DatasetName, number>();
  const ctx: GeneratorContext = {
    outDir: o.outDir,
    seed: o.seed,
    asOf: o.asOf,
    // The final report of a file whose size is a multiple of 10,000 would repeat the last one; send it once.
    progress: (dataset, rows) => {
      if (reported.get(dataset) === rows) return;
      reported.set(dataset, rows);
      o.onProgress?.(dataset, rows);
    },
  };
  const persons = await writePersons(ctx, o.persons);
  const enterprises = await writeEnterprises(ctx, o.enterprises, persons.people);
  const insurance = await writeSocialInsurance(ctx, persons.people, enterprises.employers);
  const property = await writeProperty(ctx, persons.people);
  const manifest: DatasetManifest = {
    generator: GENERATOR,
    seed: o.seed,
    asOf: o.asOf,
    persons: o.persons,
    enterprises: o.enterprises,
    months: contributionMonths(o.asOf),
    files: [
      fileEntry('persons', persons.file),
      ...enterprises.files.map((f) => fileEntry('enterprises', f)),
      fileEntry('social-insurance', insurance.file),
      fileEntry('property', property.file),
    ],
    deliberateErrors: [...persons.errors, ...enterprises.errors],
  };
  await fs.promises.writeFile(path.join(o.outDir, manifestFile), JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}
