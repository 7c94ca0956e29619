import { SourceError, SourceRefused } from './errors.js';
import type { ConnectionGuard } from './guard.js';

// One guarded GET: redirects are followed by hand (redirect: 'manual') so every hop is checked by the guard
// before it is requested; headers (which may carry an API key) are dropped when a redirect leaves the
// origin, and a redirect from https to http is refused. The body is read with a byte limit and the whole
// exchange, body included, shares one timeout.

/** Limits for one request. */
export interface FetchLimits {
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
}

/** A response body read within the limits. */
export interface FetchedBody {
  body: Buffer;
  contentType: string;
  url: URL;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

async function readLimited(res: Response, maxBytes: number, host: string): Promise<Buffer> {
  const declared = Number(res.headers.get('content-length') ?? '0');
  const tooLarge = (): SourceError =>
    new SourceError('TOO_LARGE', `the response from ${host} is larger than ${maxBytes} bytes`);
  if (declared > maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (!res.body) return Buffer.alloc(0);
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

function failure(
  e: unknown,
  host: string,
  caller: AbortSignal | undefined,
  timeout: AbortSignal,
  ms: number,
): Error {
  if (caller?.aborted) return caller.reason instanceof Error ? caller.reason : new Error('aborted');
  if (e instanceof SourceError) return e;
  if (timeout.aborted) return new SourceError('REMOTE', `the request to ${host} timed out after ${ms} ms`);
  const cause =
    e instanceof Error && e.cause instanceof Error
      ? e.cause.message
      : e instanceof Error
        ? e.message
        : String(e);
  return new SourceError('REMOTE', `the request to ${host} failed: ${cause}`);
}

/** GETs a URL through the guard, following up to `maxRedirects` checked redirects. */
export async function guardedGet(
  start: URL,
  headers: Record<string, string>,
  guard: ConnectionGuard,
  fetchImpl: typeof fetch,
  limits: FetchLimits,
  signal: AbortSignal | undefined,
): Promise<FetchedBody> {
  let current = start;
  let sendHeaders = headers;
  for (let hop = 0; ; hop++) {
    const { url } = await guard.checkUrl(current);
    const timeout = AbortSignal.timeout(limits.timeoutMs);
    const both = signal ? AbortSignal.any([signal, timeout]) : timeout;
    try {
      const res = await fetchImpl(url, {
        method: 'GET',
        headers: { accept: 'application/json', 'user-agent': 'Orderly-Ingest/1', ...sendHeaders },
        redirect: 'manual',
        signal: both,
      });
      if (REDIRECTS.has(res.status)) {
        await res.body?.cancel().catch(() => undefined);
        const location = res.headers.get('location');
        if (!location)
          throw new SourceError('REMOTE', `${url.host} answered ${res.status} without a Location`);
        if (hop >= limits.maxRedirects)
          throw new SourceError(
            'REMOTE',
            `more than ${limits.maxRedirects} redirects starting at ${start.host}`,
          );
        const next = new URL(location, url);
        if (url.protocol === 'https:' && next.protocol === 'http:')
          throw new SourceRefused(`${url.host} redirects from https to plain http`);
        if (next.origin !== url.origin) sendHeaders = {};
        current = next;
        continue;
      }
      if (!res.ok) {
        await res.body?.cancel().catch(() => undefined);
        throw new SourceError('REMOTE', `${url.host} answered HTTP ${res.status} for ${url.pathname}`);
      }
      const body = await readLimited(res, limits.maxBytes, url.host);
      return { body, contentType: res.headers.get('content-type') ?? '', url };
    } catch (e) {
      throw failure(e, url.host, signal, timeout, limits.timeoutMs);
    }
  }
}
