import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type {
  RecordSource,
  RecordsOptions,
  SourceRecord,
} from '../../../src/modules/quality/sources/index.js';

// Fixture files live in a per-file temporary directory, removed by `cleanup()` in afterAll.

/** A temporary directory for one test file's fixtures. */
export interface Fixtures {
  file(name: string, content: string | Uint8Array): string;
  path(name: string): string;
  cleanup(): void;
}

/** Creates a fixtures directory under the OS temp dir. */
export function fixtures(prefix: string): Fixtures {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `orderly-src-${prefix}-`));
  return {
    file(name, content) {
      const p = path.join(dir, name);
      fs.writeFileSync(p, content);
      return p;
    },
    path: (name) => path.join(dir, name),
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** All records of a source (small sources only). */
export async function collect(source: RecordSource, opts?: RecordsOptions): Promise<SourceRecord[]> {
  const out: SourceRecord[] = [];
  for await (const r of source.records(opts)) out.push(r);
  return out;
}

/** The values of every record as plain objects (records use prototype-less objects). */
export async function rows(
  source: RecordSource,
  opts?: RecordsOptions,
): Promise<Record<string, string | null>[]> {
  return (await collect(source, opts)).map((r) => ({ ...r.values }));
}

/** The error a promise rejects with (fails the test if it resolves). */
export async function rejection(
  p: Promise<unknown>,
): Promise<Error & { code?: string; rowNo?: number; line?: number }> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a rejection');
}
