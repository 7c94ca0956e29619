import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createConnectionGuard,
  httpJsonSource,
  SourceRefused,
  type HttpJsonSpec,
} from '../../../src/modules/quality/sources/index.js';
import { collect, rejection, rows } from './helpers.js';

// A real HTTP server on 127.0.0.1 plays a department's API; the guard allow-lists 127.0.0.1 for it.

interface Started {
  server: Server;
  base: string;
}

async function start(
  handler: (req: IncomingMessage, res: ServerResponse, url: URL) => void,
): Promise<Started> {
  const server = createServer((req, res) => handler(req, res, new URL(req.url ?? '/', 'http://x')));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const json = (res: ServerResponse, body: unknown, status = 200): void => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
};

const people = Array.from({ length: 25 }, (_, i) => ({ id: i + 1, name: `用户${i + 1}` }));
const requests: string[] = [];
let api: Started;
let other: Started;

beforeAll(async () => {
  other = await start((req, res) => json(res, { items: [{ key: req.headers['x-api-key'] ?? null }] }));
  api = await start((req, res, url) => {
    requests.push(url.pathname + url.search);
    const page = Number(url.searchParams.get('page') ?? '1');
    const size = Number(url.searchParams.get('size') ?? '10');
    switch (url.pathname) {
      case '/paged':
        return json(res, {
          data: { items: people.slice((page - 1) * size, page * size), total: people.length },
        });
      case '/cursor': {
        const after = Number(url.searchParams.get('after') ?? '0');
        const items = people.slice(after, after + 7);
        const next = after + 7 < people.length ? String(after + 7) : null;
        return json(res, { result: { rows: items }, paging: { next } });
      }
      case '/none':
        return json(res, '[{"code": 12345678901234567890, "rate": 0.10}, {"code": 2, "rate": null}]');
      case '/same-page':
        return json(res, { items: [{ a: 1 }] });
      case '/cursor-loop':
        return json(res, { items: [{ a: 1 }], next: 'again' });
      case '/to-private':
        res.writeHead(302, { location: 'http://10.0.0.1/steal' });
        return res.end();
      case '/to-metadata':
        res.writeHead(307, { location: 'http://[::ffff:169.254.169.254]/latest/meta-data' });
        return res.end();
      case '/loop':
        res.writeHead(302, { location: '/loop' });
        return res.end();
      case '/hop': {
        const n = Number(url.searchParams.get('n') ?? '0');
        res.writeHead(301, { location: n >= 2 ? '/none' : `/hop?n=${n + 1}` });
        return res.end();
      }
      case '/to-other':
        res.writeHead(302, { location: `${other.base}/echo` });
        return res.end();
      case '/to-self':
        res.writeHead(302, { location: '/echo' });
        return res.end();
      case '/echo':
        return json(res, { items: [{ key: req.headers['x-api-key'] ?? null }] });
      case '/big':
        return json(res, { items: [{ blob: 'x'.repeat(200_000) }] });
      case '/big-chunked':
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"items": [{"blob": "');
        for (let i = 0; i < 20; i++) res.write('y'.repeat(10_000));
        return res.end('"}]}');
      case '/slow':
        setTimeout(() => json(res, { items: [] }), 2_000);
        return;
      case '/fail':
        return json(res, { error: 'down' }, 503);
      case '/gbk':
        res.writeHead(200, { 'content-type': 'application/json; charset=GBK' });
        return res.end(iconv.encode('{"items": [{"名称": "北京"}]}', 'gbk'));
      case '/bad-json':
        return json(res, '{"items": [{"a": 1},]}');
      case '/no-items':
        return json(res, { data: { rows: [] } });
      default:
        return json(res, { error: 'not found' }, 404);
    }
  });
});

afterAll(async () => {
  for (const s of [api, other]) await new Promise<void>((r) => s.server.close(() => r()));
});

const guard = createConnectionGuard({ platformDb: 'sqlite', allowList: ['127.0.0.1'] });
const spec = (path: string, extra: Partial<HttpJsonSpec> = {}): HttpJsonSpec => ({
  url: `${api.base}${path}`,
  itemsPath: 'items',
  pagination: { kind: 'none' },
  ...extra,
});

describe('httpJsonSource', () => {
  it('follows page pagination until an empty page', async () => {
    requests.length = 0;
    const src = httpJsonSource(
      spec('/paged', {
        itemsPath: 'data.items',
        pagination: { kind: 'page', pageParam: 'page', sizeParam: 'size', size: 10 },
      }),
      guard,
    );
    expect(await src.columns()).toEqual(['id', 'name']);
    const all = await collect(src);
    expect(all.map((r) => r.values.id)).toEqual(people.map((p) => String(p.id)));
    expect(all.map((r) => r.rowNo)).toEqual(people.map((_, i) => i + 1));
    expect(all[0]!.values.name).toBe('用户1');
    expect(requests.filter((r) => r.startsWith('/paged')).slice(1)).toEqual([
      '/paged?page=1&size=10',
      '/paged?page=2&size=10',
      '/paged?page=3&size=10',
      '/paged?page=4&size=10',
    ]);
    expect(src.describe()).toMatchObject({
      kind: 'http',
      pagination: 'page',
      pagesFetched: 4,
      recordsPulled: 25,
    });
    const resumed = await collect(src, { skip: 22 });
    expect(resumed.map((r) => [r.rowNo, r.values.id])).toEqual([
      [23, '23'],
      [24, '24'],
      [25, '25'],
    ]);
  });

  it('follows cursor pagination until there is no next cursor', async () => {
    const src = httpJsonSource(
      spec('/cursor', {
        itemsPath: 'result.rows',
        pagination: { kind: 'cursor', cursorParam: 'after', nextCursorPath: 'paging.next' },
      }),
      guard,
    );
    expect((await rows(src)).map((r) => r.id)).toEqual(people.map((p) => String(p.id)));
  });

  it('reads a single page, keeping numbers as written', async () => {
    expect(await rows(httpJsonSource(spec('/none', { itemsPath: '' }), guard))).toEqual([
      { code: '12345678901234567890', rate: '0.10' },
      { code: '2', rate: null },
    ]);
  });

  it('decodes a response labelled GBK', async () => {
    expect(await rows(httpJsonSource(spec('/gbk'), guard))).toEqual([{ 名称: '北京' }]);
  });

  it('is refused by a guard without the allow-list', async () => {
    const strict = createConnectionGuard({ platformDb: 'sqlite', allowList: [] });
    const e = await rejection(httpJsonSource(spec('/none', { itemsPath: '' }), strict).columns());
    expect(e).toBeInstanceOf(SourceRefused);
    expect(e.message).toMatch(/127\.0\.0\.1 is a loopback address/);
  });

  it('checks every redirect hop: a redirect to a private or metadata address is refused', async () => {
    requests.length = 0;
    const e = await rejection(httpJsonSource(spec('/to-private'), guard).columns());
    expect(e).toBeInstanceOf(SourceRefused);
    expect(e.message).toMatch(/10\.0\.0\.1 is a private address/);
    expect((await rejection(httpJsonSource(spec('/to-metadata'), guard).columns())).message).toMatch(
      /link-local/,
    );
  });

  it('follows at most 3 redirects', async () => {
    // /hop → /hop?n=1 → /hop?n=2 → /none: three redirects
    expect(await rows(httpJsonSource(spec('/hop', { itemsPath: '' }), guard))).toHaveLength(2);
    const e = await rejection(httpJsonSource(spec('/loop'), guard).columns());
    expect(e).toMatchObject({ code: 'REMOTE' });
    expect(e.message).toMatch(/more than 3 redirects/);
  });

  it('drops headers when a redirect leaves the origin, and keeps them within it', async () => {
    const headers = { 'x-api-key': 'secret' };
    expect(await rows(httpJsonSource(spec('/to-self', { headers }), guard))).toEqual([{ key: 'secret' }]);
    expect(await rows(httpJsonSource(spec('/to-other', { headers }), guard))).toEqual([{ key: null }]);
  });

  it('refuses a redirect from https to http', async () => {
    const publicGuard = createConnectionGuard({
      allowList: [],
      lookup: async () => [{ address: '203.0.114.1', family: 4 }],
    });
    const fakeFetch = (async () =>
      new Response(null, {
        status: 302,
        headers: { location: 'http://api.example.gov.cn/items' },
      })) as typeof fetch;
    const e = await rejection(
      httpJsonSource(
        { url: 'https://api.example.gov.cn/items', itemsPath: 'items', pagination: { kind: 'none' } },
        publicGuard,
        fakeFetch,
      ).columns(),
    );
    expect(e).toBeInstanceOf(SourceRefused);
    expect(e.message).toMatch(/from https to plain http/);
  });

  it('limits the response size, declared or streamed', async () => {
    for (const path of ['/big', '/big-chunked']) {
      const e = await rejection(
        httpJsonSource(spec(path), guard, fetch, { maxResponseBytes: 100_000 }).columns(),
      );
      expect(e, path).toMatchObject({ code: 'TOO_LARGE' });
    }
  });

  it('times out a slow server', async () => {
    const e = await rejection(httpJsonSource(spec('/slow'), guard, fetch, { timeoutMs: 200 }).columns());
    expect(e).toMatchObject({ code: 'REMOTE' });
    expect(e.message).toMatch(/timed out after 200 ms/);
  });

  it('reports HTTP errors, bad JSON and a missing items array', async () => {
    expect((await rejection(httpJsonSource(spec('/fail'), guard).columns())).message).toMatch(/HTTP 503/);
    const bad = await rejection(httpJsonSource(spec('/bad-json'), guard).columns());
    expect(bad).toMatchObject({ code: 'FORMAT' });
    expect(bad.message).toMatch(/page 1 from 127\.0\.0\.1:\d+: invalid JSON at line 1, column 21/);
    expect(
      (await rejection(httpJsonSource(spec('/no-items', { itemsPath: 'data.items' }), guard).columns()))
        .message,
    ).toMatch(/no array at "data.items"/);
  });

  it('stops an API that ignores the page parameter or repeats a cursor', async () => {
    const same = httpJsonSource(
      spec('/same-page', { pagination: { kind: 'page', pageParam: 'p', size: 1 } }),
      guard,
    );
    expect((await rejection(collect(same))).message).toMatch(/repeats the previous page/);
    const loop = httpJsonSource(
      spec('/cursor-loop', { pagination: { kind: 'cursor', cursorParam: 'c', nextCursorPath: 'next' } }),
      guard,
    );
    expect((await rejection(collect(loop))).message).toMatch(/cursor "again" twice/);
    const capped = httpJsonSource(
      spec('/paged', {
        itemsPath: 'data.items',
        maxPages: 2,
        pagination: { kind: 'page', pageParam: 'page', sizeParam: 'size', size: 10 },
      }),
      guard,
    );
    expect(await rejection(collect(capped))).toMatchObject({ code: 'TOO_LARGE' });
  });

  it('stops when the signal aborts', async () => {
    const ctl = new AbortController();
    const src = httpJsonSource(spec('/slow'), guard, fetch, { timeoutMs: 5_000 });
    setTimeout(() => ctl.abort(), 50);
    const e = await rejection(collect(src, { signal: ctl.signal }));
    expect(e.name).toBe('AbortError');
  });
});
