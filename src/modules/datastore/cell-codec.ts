import { canonicalJson, CryptoError, type CryptoProfile } from '../../kernel/index.js';
import type { ColumnSpec, Layout } from './domain/layout.js';

// Rows between their logical values and their stored form. Encrypted items are sealed per cell with the
// resource's data key (the key version in the first byte, the resource, item and row key as associated data,
// so a cell cannot be moved to another row or item unnoticed) and get a keyed blind index for equality
// lookups. The row key is a keyed digest of the primary-key values, so even an encrypted key item (an ID
// number) never appears in clear, and the row hash lets a reload tell changed rows from unchanged ones.

/** A logical cell value as validated ingestion produces it. */
export type CellValue = string | number | boolean | null;

/** The keys one resource's rows are encoded with. */
export interface RowKeys {
  resourceId: string;
  profile: CryptoProfile;
  /** Keyed-digest key for row keys, row hashes and blind indexes (derived per resource). */
  indexKey: Buffer;
  /** The current data key and its version (writes), and every version (reads). */
  dataKey: { version: number; key: Buffer };
  dataKeys: ReadonlyMap<number, Buffer>;
}

/** What opening sealed cells takes (a worker thread can rebuild it from `CellKeysData`, stored-page.ts). */
export type CellKeys = Pick<RowKeys, 'resourceId' | 'profile' | 'dataKeys'>;

/** An encoded row ready for the data table. */
export interface EncodedRow {
  key: string;
  hash: string;
  columns: Record<string, unknown>;
}

function digest(keys: RowKeys, label: string, data: string, bytes = 32): string {
  return keys.profile.hmac(keys.indexKey, `${label}\u0000${data}`).subarray(0, bytes).toString('base64url');
}

/** The canonical text of a value (what blind indexes and ciphertexts cover). */
export function canonicalText(v: Exclude<CellValue, null>): string {
  return typeof v === 'boolean' ? (v ? 'true' : 'false') : String(v);
}

/** The blind index of one item value (equality lookups on encrypted items). */
export function blindIndex(keys: RowKeys, item: string, value: Exclude<CellValue, null>): string {
  return digest(keys, `bi\u0000${item}`, canonicalText(value), 16);
}

/** The row key of the primary-key values, in layout order. */
export function rowKey(keys: RowKeys, layout: Layout, values: Record<string, CellValue>): string {
  const pk = layout.columns.filter((c) => c.primaryKey).map((c) => values[c.item] ?? null);
  return digest(keys, 'key', canonicalJson(pk.map((v) => (v === null ? null : canonicalText(v)))));
}

/** Encodes a validated row. */
export function encodeRow(keys: RowKeys, layout: Layout, values: Record<string, CellValue>): EncodedRow {
  const key = rowKey(keys, layout, values);
  const columns: Record<string, unknown> = {};
  const canon: Record<string, string | null> = {};
  for (const c of layout.columns) {
    const v = values[c.item] ?? null;
    canon[c.item] = v === null ? null : canonicalText(v);
    if (c.encrypted) {
      columns[c.column] = v === null ? null : seal(keys, c, key, v);
      columns[`${c.column}__bi`] = v === null ? null : blindIndex(keys, c.item, v);
    } else columns[c.column] = plain(c, v);
  }
  return { key, hash: digest(keys, 'row', canonicalJson(canon), 16), columns };
}

/**
 * Stored rows (with their `_key`) back to logical values (items of the layout only; a projection decodes, and
 * so decrypts, only what it returns), column by column: each encrypted item's cells are opened as one batch
 * (openCells), which is what makes a page of sealed cells cheap.
 */
export function decodeRows(
  keys: CellKeys,
  layout: Layout,
  rows: readonly Record<string, unknown>[],
  items?: ReadonlySet<string>,
): Record<string, CellValue>[] {
  const out = rows.map((): Record<string, CellValue> => ({}));
  const rowKeys = rows.map((r) => String(r._key));
  for (const c of layout.columns) {
    if (items && !items.has(c.item)) continue;
    if (c.encrypted) {
      const values = openCells(
        keys,
        c,
        rowKeys,
        rows.map((r) => (r[c.column] ?? null) as Uint8Array | null),
      );
      for (let i = 0; i < rows.length; i++) out[i]![c.item] = values[i]!;
    } else
      for (let i = 0; i < rows.length; i++) {
        const raw = rows[i]![c.column];
        out[i]![c.item] = raw === null || raw === undefined ? null : fromStored(c, raw);
      }
  }
  return out;
}

function seal(keys: RowKeys, c: ColumnSpec, key: string, v: Exclude<CellValue, null>): Buffer {
  const aad = Buffer.from(`${keys.resourceId}|${c.item}|${key}`);
  const body = keys.profile.encrypt(keys.dataKey.key, Buffer.from(canonicalText(v), 'utf8'), aad);
  return Buffer.concat([Buffer.from([keys.dataKey.version & 0xff, keys.dataKey.version >> 8]), body]);
}

/**
 * The values of many sealed cells of one item (`cells[i]` of row `rowKeys[i]`; null for a missing cell): the
 * key version in the first two bytes, then the profile's AEAD with resource | item | row key as associated
 * data; the cells of each data key version are opened as one batch (the profile's decryptMany).
 */
export function openCells(
  keys: CellKeys,
  c: Pick<ColumnSpec, 'item' | 'storage'>,
  rowKeys: readonly string[],
  cells: readonly (Uint8Array | null)[],
): CellValue[] {
  const out = new Array<CellValue>(cells.length).fill(null);
  const byVersion = new Map<number, { at: number[]; items: { sealed: Uint8Array; aad: Uint8Array }[] }>();
  const prefix = `${keys.resourceId}|${c.item}|`;
  for (let i = 0; i < cells.length; i++) {
    const sealed = cells[i];
    if (!sealed) continue;
    const version = (sealed[0] ?? 0) | ((sealed[1] ?? 0) << 8);
    let batch = byVersion.get(version);
    if (!batch) byVersion.set(version, (batch = { at: [], items: [] }));
    batch.at.push(i);
    batch.items.push({ sealed: sealed.subarray(2), aad: Buffer.from(prefix + rowKeys[i]!) });
  }
  for (const [version, batch] of byVersion) {
    const dk = keys.dataKeys.get(version);
    if (!dk) throw new CryptoError(`data key version ${version} of the resource is missing`);
    const texts = keys.profile.decryptMany(dk, batch.items);
    for (let j = 0; j < texts.length; j++) out[batch.at[j]!] = fromText(c, texts[j]!.toString('utf8'));
  }
  return out;
}

function plain(c: ColumnSpec, v: CellValue): unknown {
  if (v === null) return null;
  if (c.storage === 'bool') return v === true || v === 'true' ? 1 : 0;
  if (c.storage === 'bytes') return Buffer.from(String(v), 'base64');
  return v;
}

/** The value of a plain stored cell. */
export function fromStored(c: Pick<ColumnSpec, 'storage'>, raw: unknown): CellValue {
  if (c.storage === 'bool') return Number(raw) === 1;
  if (c.storage === 'bytes') return Buffer.from(raw as Uint8Array).toString('base64');
  if (c.storage === 'numeric') return toNumber(String(raw));
  return String(raw);
}

function fromText(c: Pick<ColumnSpec, 'storage'>, text: string): CellValue {
  if (c.storage === 'bool') return text === 'true';
  if (c.storage === 'numeric') return toNumber(text);
  return text;
}

/** Numbers come back as JS numbers when exact, else as their decimal text (PostgreSQL numeric is exact). */
function toNumber(s: string): number | string {
  const n = Number(s);
  return Number.isFinite(n) && (Number.isSafeInteger(n) || String(n) === s.replace(/\.?0+$/, '')) ? n : s;
}
