import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Worker threads start by importing their module's graph, and that is all of a short job's start-up (ADR 0007):
// the full-verification worker must reach neither Kysely nor the kernel's index at run time, and the kernel's
// pure door must import no package at all. The graph is read from the sources (type-only imports are erased by
// the compiler and tsx, so they do not count).

const root = path.resolve(import.meta.dirname, '..', '..');

/** The specifiers a file imports at run time (not `import type` / `export type`). */
function runtimeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  const re = /^(?:import|export)\s+(type\s+)?(?:[^;'"]*?\s+from\s+)?['"]([^'"]+)['"]/gm;
  for (const m of text.matchAll(re)) if (!m[1]) out.push(m[2]!);
  return out;
}

/** Every file reached at run time from `entry`, and the packages (non-relative specifiers) it names. */
function graph(entry: string): { files: string[]; packages: string[] } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const spec of runtimeImports(file)) {
      if (!spec.startsWith('.')) packages.add(spec);
      else visit(path.resolve(path.dirname(file), spec).replace(/\.js$/, '.ts'));
    }
  };
  visit(path.join(root, entry));
  return { files: [...files].map((f) => path.relative(root, f)), packages: [...packages] };
}

describe('worker-thread import graphs', () => {
  it('reads type-only imports as erased and value imports as loaded', () => {
    // The probe itself: verify-reads.repository.ts imports Kysely at run time and its leaf type only as a type.
    const g = graph('src/modules/evidence/verify-reads.repository.ts');
    expect(g.packages).toContain('kysely');
    expect(g.files).toContain('src/modules/evidence/leaf-reader.repository.ts');
  });

  it('keeps the full-verification worker off Kysely and the kernel index', () => {
    const g = graph('src/modules/evidence/ledger-verify-worker.ts');
    expect(g.files).toContain('src/modules/evidence/leaf-text.ts');
    expect(g.files).toContain('src/kernel/jcs.ts');
    expect(g.files).not.toContain('src/kernel/index.ts');
    expect(g.packages.sort()).toEqual(['better-sqlite3', 'node:crypto', 'node:worker_threads', 'pg']);
  });

  it('keeps the kernel’s pure door free of packages', () => {
    const g = graph('src/kernel/pure.ts');
    expect(g.packages).toEqual([]);
    expect(g.files.every((f) => f.startsWith('src/kernel/'))).toBe(true);
  });
});
