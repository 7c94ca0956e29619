import { createHash } from 'node:crypto';
import { skipCount } from './columns.js';
import { SourceError } from './errors.js';
import type { ConnectionGuard } from './guard.js';
import { guardedGet, type FetchLimits } from './http-fetch.js';
import { parseJsonDocument } from './json-parser.js';
import {
  atPath,
  jsonCell,
  unionKeys,
  valuesFromObject,
  type JsonObject,
  type JsonValue,
} from './json-values.js';
import { createDecoder } from './text-decoding.js';
import type { RecordSource, RecordsOptions, SourceRecord } from './types.js';

// An HTTP JSON API read page by page: one page (at most maxResponseBytes) is in memory at a time. Numbers
// keep their source text, as for JSON files. Pagination stops on an empty page (or a missing next cursor);
// an API that ignores the page parameter (the same page twice) or repeats a cursor is an error rather than
// an endless loop, and maxPages bounds the pull.

/** How the API pages its results. */
export type HttpPagination =
  | { kind: 'page'; pageParam: string; sizeParam?: string; size: number; startAt?: number }
  | { kind: 'cursor'; cursorParam: string; nextCursorPath: string }
  | { kind: 'none' };

/** A registered HTTP JSON source. */
export interface HttpJsonSpec {
  url: string;
  headers?: Record<string, string>;
  /** dot path to the array in each page, e.g. 'data.items' ('' = the page is the array) */
  itemsPath: string;
  pagination: HttpPagination;
  maxPages?: number;
}

/** Per-request limits. */
export interface HttpSourceOptions {
  timeoutMs?: number;
  maxResponseBytes?: number;
  maxRedirects?: number;
}

interface Page {
  pageNo: number;
  items: JsonValue[];
}

function decode(body: Buffer, contentType: string): string {
  // JSON is UTF-8 (RFC 8259), but some department systems still label GBK responses
  const gbk = /charset\s*=\s*"?(gbk|gb2312|gb18030)/i.test(contentType);
  const d = createDecoder(gbk ? 'gb18030' : 'utf-8');
  return d.write(body) + d.end();
}

/** An HTTP JSON API as a record source, following its pagination through the guard. */
export function httpJsonSource(
  spec: HttpJsonSpec,
  guard: ConnectionGuard,
  fetchImpl: typeof fetch = fetch,
  opts: HttpSourceOptions = {},
): RecordSource {
  const limits: FetchLimits = {
    timeoutMs: opts.timeoutMs ?? 30_000,
    maxBytes: opts.maxResponseBytes ?? 16 << 20,
    maxRedirects: opts.maxRedirects ?? 3,
  };
  const maxPages = spec.maxPages ?? 10_000;
  const p = spec.pagination;
  if (p.kind === 'page' && (!Number.isSafeInteger(p.size) || p.size < 1))
    throw new RangeError('page size must be ≥ 1');
  let host = spec.url;
  try {
    host = new URL(spec.url).host;
  } catch {
    // the guard reports a bad URL when the source is read
  }
  const stats = { pages: 0, records: 0 };
  let columns: Promise<string[]> | undefined;

  async function* pages(signal: AbortSignal | undefined): AsyncGenerator<Page> {
    let cursor: string | undefined;
    const cursors = new Set<string>();
    let previous = '';
    for (let pageNo = 1; ; pageNo++) {
      if (pageNo > maxPages) throw new SourceError('TOO_LARGE', `${host} has more than ${maxPages} pages`);
      const url = new URL(spec.url);
      if (p.kind === 'page') {
        url.searchParams.set(p.pageParam, String((p.startAt ?? 1) + pageNo - 1));
        if (p.sizeParam) url.searchParams.set(p.sizeParam, String(p.size));
      } else if (p.kind === 'cursor' && cursor !== undefined) url.searchParams.set(p.cursorParam, cursor);
      const got = await guardedGet(url, spec.headers ?? {}, guard, fetchImpl, limits, signal);
      stats.pages = Math.max(stats.pages, pageNo);
      let doc: JsonValue;
      try {
        doc = parseJsonDocument(decode(got.body, got.contentType));
      } catch (e) {
        if (e instanceof SourceError)
          throw new SourceError(e.code, `page ${pageNo} from ${host}: ${e.message}`);
        throw e;
      }
      const items = atPath(doc, spec.itemsPath);
      if (!Array.isArray(items))
        throw new SourceError(
          'FORMAT',
          `page ${pageNo} from ${host} has no array at ${JSON.stringify(spec.itemsPath)}`,
        );
      if (items.length === 0) return;
      if (p.kind === 'page') {
        const digest = createHash('sha256').update(got.body).digest('hex');
        if (digest === previous)
          throw new SourceError(
            'FORMAT',
            `page ${pageNo} from ${host} repeats the previous page: is "${p.pageParam}" its page parameter?`,
          );
        previous = digest;
      }
      yield { pageNo, items };
      if (p.kind === 'none') return;
      if (p.kind === 'cursor') {
        const next = atPath(doc, p.nextCursorPath);
        if (next instanceof Map || Array.isArray(next) || typeof next === 'boolean') return;
        const text = jsonCell(next ?? null);
        if (text === null) return;
        if (cursors.has(text))
          throw new SourceError('FORMAT', `${host} returned the cursor ${JSON.stringify(text)} twice`);
        cursors.add(text);
        cursor = text;
      }
    }
  }

  const getColumns = (): Promise<string[]> =>
    (columns ??= (async () => {
      for await (const page of pages(undefined))
        return unionKeys(page.items.filter((i): i is JsonObject => i instanceof Map));
      return [];
    })().catch((e: unknown) => {
      columns = undefined; // a remote failure may be transient: let the next call try again
      throw e;
    }));

  async function* records(o: RecordsOptions): AsyncGenerator<SourceRecord> {
    const skip = skipCount(o.skip);
    const cols = await getColumns();
    let rowNo = 0;
    for await (const page of pages(o.signal)) {
      for (const item of page.items) {
        rowNo++;
        if (rowNo <= skip) continue;
        o.signal?.throwIfAborted();
        stats.records = rowNo;
        yield {
          rowNo,
          values: valuesFromObject(cols, item, { rowNo, label: `record ${rowNo} (page ${page.pageNo})` }),
        };
      }
    }
  }

  return {
    columns: async () => [...(await getColumns())],
    records: (o?: RecordsOptions) => records(o ?? {}),
    describe: () => ({
      kind: 'http',
      host,
      pagination: p.kind,
      pagesFetched: stats.pages,
      recordsPulled: stats.records,
    }),
  };
}
