import { CryptoError, getProfile, type ProfileName } from '../../kernel/index.js';
import { fromStored, openCells, type CellKeys, type CellValue } from './cell-codec.js';
import type { ColumnSpec, Layout } from './domain/layout.js';

// A page of a projection in columns, the way a bulk reader (the exchange's package build) moves it between
// threads: plain items already decoded, encrypted items still sealed — each such column's cells concatenated
// into one buffer of its own, so a page crosses to a worker thread as a few transferred buffers instead of
// thousands of small copies. Opening the cells (AES-GCM or SM4-GCM per cell) costs about as much as reading
// the page, so the reader lets whichever of its threads has time do it (`openStoredPage`). Opening needs the
// resource's data keys; a reader hands them (`CellKeysData`) only to its own worker, for one build.

/** A column of decoded values. */
export interface ValueColumn {
  item: string;
  values: CellValue[];
}

/** A column of sealed cells: cell i is `sealed[ends[i-1] ?? 0 .. ends[i]]`; an empty cell is null. */
export interface SealedColumn {
  item: string;
  storage: ColumnSpec['storage'];
  sealed: Uint8Array;
  ends: Uint32Array;
}

/** One page: row keys, disputed flags and the projected items' columns in the order asked for. */
export interface StoredPage {
  keys: string[];
  disputed: boolean[];
  columns: (ValueColumn | SealedColumn)[];
}

/** The data keys of one resource as plain data (what a worker thread receives). */
export interface CellKeysData {
  resourceId: string;
  profile: ProfileName;
  dataKeys: [number, Uint8Array][];
}

export function isSealedColumn(c: ValueColumn | SealedColumn): c is SealedColumn {
  return 'sealed' in c;
}

/** The keys as data, to post to a worker. */
export function cellKeysData(k: CellKeys): CellKeysData {
  return { resourceId: k.resourceId, profile: k.profile.name, dataKeys: [...k.dataKeys] };
}

/** The keys back from data (in the worker). */
export function cellKeysFrom(d: CellKeysData): CellKeys {
  return {
    resourceId: d.resourceId,
    profile: getProfile(d.profile),
    dataKeys: new Map(d.dataKeys.map(([v, k]) => [v, Buffer.from(k)])),
  };
}

/** Stored rows (as a projection read them) as a page of the `items`, in that order. */
export function storedPage(
  layout: Layout,
  rows: readonly Record<string, unknown>[],
  items: readonly string[],
): StoredPage {
  const columns = items.map((item): ValueColumn | SealedColumn => {
    const c = layout.columns.find((x) => x.item === item);
    if (!c) return { item, values: rows.map(() => null) };
    if (!c.encrypted)
      return { item, values: rows.map((r) => (r[c.column] == null ? null : fromStored(c, r[c.column]))) };
    return { item, storage: c.storage, ...concatenated(rows.map((r) => r[c.column] as Uint8Array | null)) };
  });
  return {
    keys: rows.map((r) => String(r._key)),
    disputed: rows.map((r) => Number(r._disputed) === 1),
    columns,
  };
}

// One buffer with an ArrayBuffer of its own (a pooled Buffer's could not be transferred).
function concatenated(cells: readonly (Uint8Array | null)[]): { sealed: Uint8Array; ends: Uint32Array } {
  let total = 0;
  for (const c of cells) total += c?.length ?? 0;
  const sealed = new Uint8Array(total);
  const ends = new Uint32Array(cells.length);
  let at = 0;
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i];
    if (c) {
      // Sealing never yields an empty cell, and an empty cell here would read as null: refuse it instead.
      if (c.length === 0) throw new CryptoError('an encrypted cell is empty');
      sealed.set(c, at);
      at += c.length;
    }
    ends[i] = at;
  }
  return { sealed, ends };
}

/**
 * The page with its sealed columns opened — all of them, or, with `more`, for as long as it says to go on
 * (asked before each column; the rest stay sealed). A page with nothing left to open is returned as is.
 */
export function openStoredPage(keys: CellKeys, p: StoredPage, more: () => boolean = () => true): StoredPage {
  if (!p.columns.some(isSealedColumn)) return p;
  return {
    ...p,
    columns: p.columns.map((c) => (isSealedColumn(c) && more() ? openColumn(keys, p.keys, c) : c)),
  };
}

function openColumn(keys: CellKeys, rowKeys: readonly string[], c: SealedColumn): ValueColumn {
  const cells = new Array<Uint8Array | null>(rowKeys.length);
  let start = 0;
  for (let i = 0; i < rowKeys.length; i++) {
    const end = c.ends[i]!;
    cells[i] = end === start ? null : c.sealed.subarray(start, end);
    start = end;
  }
  return { item: c.item, values: openCells(keys, c, rowKeys, cells) };
}

/** The buffers a page's sealed columns hold (to transfer rather than copy them). */
export function sealedBuffers(p: StoredPage): ArrayBuffer[] {
  return p.columns.filter(isSealedColumn).flatMap((c) => [c.sealed.buffer, c.ends.buffer] as ArrayBuffer[]);
}
