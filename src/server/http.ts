import fs from 'node:fs';
import path from 'node:path';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyRequest } from 'fastify';
import {
  AppError,
  anonymousContext,
  fieldError,
  forbidden,
  newId,
  parseInput,
  type Logger,
  type RawReply,
  type RequestContext,
  type RouteDef,
} from '../kernel/index.js';
import { errorHandler } from './errors.js';
import { toOpenApiSchema } from './openapi.js';
import type { Platform } from './platform.js';

// The HTTP transport: Fastify 5 turning route definitions into routes. It authenticates, parses inputs with
// the route's zod schemas, calls the handler and presents the result or the error — nothing else.

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

export interface ServerOptions {
  logger: Logger;
  /** Folder of the built console (web/dist); served at / when present. */
  webDir?: string;
}

/** Builds the Fastify app for a platform (not yet listening). */
export async function buildServer(platform: Platform, opts: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    // pino's Logger type is wider than Fastify's base logger type; the instance is the same.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
    loggerInstance: opts.logger as FastifyBaseLogger,
    trustProxy: platform.config.trustProxy,
    bodyLimit: 1024 * 1024,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : newId();
    },
    ajv: { customOptions: { strict: false } },
  });
  // zod validates inside each route (field-level 400s in our shape); the JSON Schemas only feed OpenAPI.
  app.setValidatorCompiler(() => (data: unknown) => ({ value: data }));
  app.setErrorHandler(errorHandler);
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });
  // Raw uploads (notarisation) arrive as bytes; only routes that declare rawBody read them.
  app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer' }, (_req, body, done) => {
    done(null, body);
  });
  app.addHook('onSend', async (req, reply) => {
    void reply.header('x-request-id', req.id);
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
  });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) =>
      new AppError('RATE_LIMITED', `Too many requests; retry in ${Math.ceil(ctx.ttl / 1000)} s.`, {
        retryAfter: Math.ceil(ctx.ttl / 1000),
      }),
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Orderly API',
        version: '1',
        description:
          'Orderly (有序) — orderly sharing of government data. Errors: {"error":{"code","message","details","requestId"}}.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  for (const def of platform.routes) registerRoute(app, platform, def);
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const webDir = opts.webDir;
  const hasConsole = webDir !== undefined && fs.existsSync(path.join(webDir, 'index.html'));
  if (hasConsole)
    // wildcard: files are looked up per request, so a rebuilt console is served without a restart; a missing
    // file falls through to the not-found handler below (the SPA fallback).
    await app.register(fastifyStatic, { root: webDir, prefix: '/', wildcard: true, index: ['index.html'] });
  app.setNotFoundHandler((req, reply) => {
    // The console is a single-page app: unknown non-API paths get its index so deep links work.
    if (hasConsole && req.method === 'GET' && !req.url.startsWith('/api/')) {
      return reply.type('text/html; charset=utf-8').sendFile('index.html');
    }
    return reply
      .code(404)
      .send({ error: { code: 'NOT_FOUND', message: 'No such endpoint.', details: null, requestId: req.id } });
  });
  return app;
}

function registerRoute(app: FastifyInstance, platform: Platform, def: RouteDef): void {
  const schema: Record<string, unknown> = { summary: def.summary, tags: def.tags };
  if (def.body) schema.body = toOpenApiSchema(def.body);
  if (def.query) schema.querystring = toOpenApiSchema(def.query);
  if (def.params) schema.params = toOpenApiSchema(def.params);
  if (def.consumes) schema.consumes = def.consumes;
  if (def.auth !== 'public') schema.security = [{ bearer: [] }];
  app.route({
    method: def.method,
    url: def.url,
    schema,
    ...(def.rawBody && { bodyLimit: def.rawBody.maxBytes }),
    config: def.rateLimitPerMinute ? { rateLimit: { max: def.rateLimitPerMinute, timeWindow: 60_000 } } : {},
    handler: async (req, reply) => {
      const ctx = await contextFor(platform, req, def);
      refuseNul(req.params, req.query, req.body);
      const params = def.params ? parseInput(def.params, req.params) : req.params;
      const query = def.query ? parseInput(def.query, req.query) : req.query;
      const body =
        def.rawBody || def.serviceParsesBody
          ? req.body
          : def.body
            ? parseInput(def.body, req.body ?? {})
            : undefined;
      const result = await def.handler({ ctx, params, query, body, headers: req.headers });
      if (isRaw(result)) {
        if (result.headers) void reply.headers(result.headers);
        return reply
          .code(result.status ?? 200)
          .type(result.contentType)
          .send(result.body);
      }
      const status = def.status ?? 200;
      if (status === 204) return reply.code(204).send();
      return reply.code(status).send(result);
    },
  });
}

// PostgreSQL cannot store or even compare text containing U+0000 and fails the whole statement (a 500 on
// one engine, a quiet success on the other), so no input may carry it: refused here for every route alike.
function refuseNul(...inputs: unknown[]): void {
  const find = (v: unknown, path: string[]): string[] | null => {
    if (typeof v === 'string') return v.includes('\u0000') ? path : null;
    if (typeof v !== 'object' || v === null) return null;
    for (const [k, x] of Object.entries(v)) {
      const hit = find(x, [...path, k]);
      if (hit) return hit;
    }
    return null;
  };
  for (const input of inputs) {
    const hit = find(input, []);
    if (hit)
      throw fieldError(hit.join('.') || '(body)', 'INVALID_CHARACTER', 'must not contain NUL characters');
  }
}

function isRaw(x: unknown): x is RawReply {
  return typeof x === 'object' && x !== null && (x as { raw?: unknown }).raw === true;
}

async function contextFor(platform: Platform, req: FastifyRequest, def: RouteDef): Promise<RequestContext> {
  const base = anonymousContext(req.id, req.ip);
  const ua = req.headers['user-agent'];
  if (typeof ua === 'string') base.userAgent = ua.slice(0, 200);
  if (def.auth === 'public') return base;
  const h = req.headers.authorization;
  if (def.auth === 'optional' && h === undefined) return base;
  if (typeof h !== 'string' || !h.startsWith('Bearer ')) {
    throw new AppError('UNAUTHENTICATED', 'Authentication required: send Authorization: Bearer <token>.');
  }
  const actor = await platform.identity.authenticate(h.slice(7).trim(), req.ip);
  if (def.auth === 'user' && actor.kind !== 'user') throw forbidden('user session');
  if (def.auth === 'client' && actor.kind !== 'client') throw forbidden('API client token');
  return { ...base, actor };
}
