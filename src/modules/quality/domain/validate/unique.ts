// Duplicate detection within one load job. The database primary key is the final word; this index exists so a
// duplicate is reported with its row number and rule instead of failing a batch insert. Keys are stored as
// 16-byte SHA-256 prefixes (collision odds ~n²/2^129: none in practice), about 60 bytes per key with the Set's
// own overhead, so the default cap of one million keys per rule bounds it near 60 MB.
import { sha256 } from '../../../../kernel/index.js';
import type { CellValue } from './parse.js';

/** Default most keys one unique rule remembers per job. */
export const UNIQUE_CAP = 1_000_000;

/** The 16-byte key of a tuple of cell values (JSON keeps 1 and "1", or ["a,b"] and ["a","b"], apart). */
export function uniqueKey(values: readonly CellValue[]): string {
  return sha256(JSON.stringify(values)).toString('latin1', 0, 16);
}

/** The keys one unique rule has seen in this job, up to a cap. */
export class UniqueIndex {
  private readonly seen = new Set<string>();
  private full = false;

  constructor(private readonly cap: number = UNIQUE_CAP) {}

  /** True if the key was added before. */
  has(key: string): boolean {
    return this.seen.has(key);
  }

  /** Remembers a key; past the cap new keys are dropped and `saturated` turns true (the DB key still holds). */
  add(key: string): void {
    if (this.seen.size >= this.cap) {
      this.full = this.full || !this.seen.has(key);
      return;
    }
    this.seen.add(key);
  }

  /** True once a key was dropped: later duplicates of dropped keys are left to the database. */
  get saturated(): boolean {
    return this.full;
  }

  /** How many keys are remembered. */
  get size(): number {
    return this.seen.size;
  }
}
