import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../support/engines.js';
import { expectError, invalidFields, send, tokenFor } from '../support/identity-helpers.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';

// The HTTP edge: one error shape that never leaks internals, request ids, the login rate limit, security
// headers, the OpenAPI document and the health endpoints.

const engines = await testEngines();

/** Asserts the error shape holds nothing internal: no stack frames, no SQL, no file paths. */
function expectClean(res: LightMyRequestResponse): void {
  const body = res.json<{ error: Record<string, unknown> }>();
  expect(Object.keys(body.error).sort()).toEqual(['code', 'details', 'message', 'requestId']);
  expect(res.body).not.toMatch(/\bat .+:\d+:\d+|node_modules|\.ts\b|\bselect\b|\binsert\b|\bfrom "|stack/i);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
}

describe.each(engines)('HTTP edge on %s', (engine) => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform(engine);
  });
  afterAll(async () => t.close());

  it('answers malformed, empty, oversized and mistyped bodies in the error shape', async () => {
    const json = { 'content-type': 'application/json' };
    const malformed = await send(t, 'POST', '/api/v1/auth/login', {
      payload: '{"username": "x",',
      headers: json,
    });
    expect(expectError(malformed, 400, 'VALIDATION_FAILED').message).toBe(
      'The request body is not valid JSON.',
    );
    expectClean(malformed);
    const empty = await send(t, 'POST', '/api/v1/auth/login', { payload: '', headers: json });
    expectError(empty, 400, 'VALIDATION_FAILED');
    expectClean(empty);
    const huge = await send(t, 'POST', '/api/v1/auth/login', {
      payload: JSON.stringify({ username: 'x', password: 'y'.repeat(1_100_000) }),
      headers: json,
    });
    expect(huge.statusCode).toBe(413);
    expectClean(huge);
    const xml = await send(t, 'POST', '/api/v1/auth/login', {
      payload: '<login/>',
      headers: { 'content-type': 'application/xml' },
    });
    expect(xml.statusCode).toBe(415);
    expectClean(xml);
    const text = await send(t, 'POST', '/api/v1/auth/login', {
      payload: 'hello',
      headers: { 'content-type': 'text/plain' },
    });
    expect(invalidFields(text)).toEqual(['(body)']);
    const array = await send(t, 'POST', '/api/v1/auth/login', { payload: '[1,2]', headers: json });
    expect(invalidFields(array)).toEqual(['(body)']);
  });

  it('answers unknown routes and methods with 404 NOT_FOUND in the error shape', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/nothing-here'],
      ['DELETE', '/api/v1/organisations'],
      ['GET', '/api/v2/users'],
    ] as const) {
      const res = await send(t, method, url);
      const e = expectError(res, 404, 'NOT_FOUND');
      expect(e.details).toBeNull();
      expectClean(res);
    }
  });

  it('refuses NUL characters in any input with a field-level 400 instead of a database error', async () => {
    const sys = await tokenFor(t, 'sysadmin');
    const login = await send(t, 'POST', '/api/v1/auth/login', {
      payload: { username: 'a\u0000b', password: 'x' },
    });
    expect(invalidFields(login)).toEqual(['username']);
    expectClean(login);
    const search = await send(t, 'GET', '/api/v1/users?q=%00', { token: sys });
    expect(invalidFields(search)).toEqual(['q']);
    const token = await send(t, 'POST', '/api/v1/auth/token', {
      payload: 'grant_type=client_credentials&client_id=%00&client_secret=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(invalidFields(token)).toEqual(['client_id']);
    const nested = await send(t, 'POST', '/api/v1/clients', {
      token: sys,
      payload: {
        orgId: 'x',
        name: 'n',
        authMethod: 'client_secret',
        scopes: ['exchange:read'],
        ipAllow: ['1.2.3.4', '\u0000'],
      },
    });
    expect(invalidFields(nested)).toEqual(['ipAllow.1']);
  });

  it('echoes a well-formed x-request-id and replaces a malformed one', async () => {
    const given = 'trace-0123456789abcdef';
    const ok = await send(t, 'GET', '/healthz', { headers: { 'x-request-id': given } });
    expect(ok.headers['x-request-id']).toBe(given);
    const err = await send(t, 'GET', '/api/v1/me', { headers: { 'x-request-id': given } });
    expect(expectError(err, 401, 'UNAUTHENTICATED').requestId).toBe(given);
    for (const bad of ['short', 'has spaces in it!', 'x'.repeat(65), '<script>alert(1)</script>']) {
      const res = await send(t, 'GET', '/healthz', { headers: { 'x-request-id': bad } });
      expect(res.headers['x-request-id']).not.toBe(bad);
      expect(res.headers['x-request-id']).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
    }
    const a = await send(t, 'GET', '/healthz');
    const b = await send(t, 'GET', '/healthz');
    expect(a.headers['x-request-id']).not.toBe(b.headers['x-request-id']);
  });

  it('rate-limits login per client address: 429 RATE_LIMITED with retry-after', async () => {
    const ip = '198.51.100.99';
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) {
      // An invalid body is refused cheaply but still counts against the limit.
      statuses.push(
        (await send(t, 'POST', '/api/v1/auth/login', { payload: {}, remoteAddress: ip })).statusCode,
      );
    }
    expect(new Set(statuses)).toEqual(new Set([400]));
    const limited = await send(t, 'POST', '/api/v1/auth/login', { payload: {}, remoteAddress: ip });
    const e = expectError(limited, 429, 'RATE_LIMITED');
    expectClean(limited);
    const retry = Number(limited.headers['retry-after']);
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(60);
    expect(e.details).toEqual({ retryAfter: retry });
    // Another address is not affected, and neither are routes without a limit.
    expect(
      (await send(t, 'POST', '/api/v1/auth/login', { payload: {}, remoteAddress: '198.51.100.100' }))
        .statusCode,
    ).toBe(400);
    expect((await send(t, 'GET', '/healthz', { remoteAddress: ip })).statusCode).toBe(200);
  });

  it('sends security headers on API answers and errors alike', async () => {
    for (const res of [await send(t, 'GET', '/healthz'), await send(t, 'GET', '/api/v1/me')]) {
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    }
  });

  it('describes every identity route in /api/openapi.json, with bearer security where needed', async () => {
    const res = await send(t, 'GET', '/api/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json<{
      openapi: string;
      paths: Record<string, Record<string, { security?: unknown[]; summary?: string }>>;
    }>();
    expect(doc.openapi).toMatch(/^3\./);
    const identity = t.platform.routes.filter((r) =>
      /^\/api\/v1\/(auth|me|organisations|users|clients|platform)\b/.test(r.url),
    );
    expect(identity.length).toBeGreaterThanOrEqual(29);
    for (const r of identity) {
      const path = r.url.replace(/:(\w+)/g, '{$1}');
      const op = doc.paths[path]?.[r.method.toLowerCase()];
      expect(op, `${r.method} ${path}`).toBeDefined();
      expect(op!.summary).toBe(r.summary);
      if (r.auth === 'public') expect(op!.security).toBeUndefined();
      else expect(op!.security).toEqual([{ bearer: [] }]);
    }
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/audit/events', '/healthz', '/readyz']),
    );
  });

  it('answers /healthz and /readyz', async () => {
    const health = await send(t, 'GET', '/healthz');
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ status: 'ok' });
    const ready = await send(t, 'GET', '/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', engine, profile: 'intl' });
  });

  it('serves public reference data and platform public keys without login', async () => {
    const provinces = await send(t, 'GET', '/api/v1/reference/regions');
    expect(provinces.statusCode).toBe(200);
    expect(provinces.json<{ items: { code: string }[] }>().items.map((i) => i.code)).toContain('330000');
    const children = await send(t, 'GET', '/api/v1/reference/regions?parent=330100');
    expect(children.json<{ items: { code: string }[] }>().items.map((i) => i.code)).toContain('330106');
    expect(invalidFields(await send(t, 'GET', '/api/v1/reference/regions?parent=33'))).toEqual(['parent']);
    const keys = await send(t, 'GET', '/api/v1/platform/keys');
    expect(keys.statusCode).toBe(200);
    const list = keys.json<{ purpose: string; current: boolean }[]>();
    expect(new Set(list.filter((k) => k.current).map((k) => k.purpose))).toEqual(
      new Set(['token', 'checkpoint', 'response', 'webhook']),
    );
    expect(keys.body).not.toMatch(/PRIVATE|privatePem|privateHex/);
  });
});
