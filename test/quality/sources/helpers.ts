import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
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

const SOURCES = pathToFileURL(
  path.resolve(import.meta.dirname, '../../../src/modules/quality/sources/index.ts'),
).href;

/** The heap cap of `readInCappedHeap`: a source that streams fits; the test files' records do not. */
export const HEAP_CAP_MB = 48;

/**
 * Reads every record of `file` through a file source (`csvFileSource`, `jsonArrayFileSource`) in a child
 * process whose old generation is capped at HEAP_CAP_MB — keeping every record when `keep` is set (the control:
 * the records must not fit, so a run that completes proves the source streams). Bounded memory decided by the
 * heap, not by RSS, which a loaded machine inflates. Returns the exit code and the record count printed.
 */
export function readInCappedHeap(
  source: 'csvFileSource' | 'jsonArrayFileSource',
  file: string,
  keep: boolean,
): Promise<{ code: number; out: string }> {
  const code = [
    `const { ${source} } = await import(${JSON.stringify(SOURCES)});`,
    'const kept = []; let n = 0;',
    `for await (const r of ${source}(${JSON.stringify(file)}).records()) { n++; ${keep ? 'kept.push(r);' : ''} }`,
    'process.stdout.write(String(n));',
  ].join('\n');
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [`--max-old-space-size=${HEAP_CAP_MB}`, '--import', 'tsx', '--input-type=module', '-e', code],
      { timeout: 50_000 },
      (err, stdout) =>
        resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, out: stdout }),
    );
  });
}
