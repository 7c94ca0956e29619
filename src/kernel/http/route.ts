import type { Readable } from 'node:stream';
import type { z } from 'zod';
import type { RequestContext } from '../context.js';

// Framework-free route definitions: a module declares its HTTP edge as data (method, path, zod schemas,
// who may call) and a handler that calls one service. The server turns these into Fastify routes and
// OpenAPI, so every module's edge behaves the same.

/** Who may call a route: anyone, a logged-in user, an API client, either, or anyone with an optional token. */
export type RouteAuth = 'public' | 'user' | 'client' | 'any' | 'optional';

/** What a handler receives: the context and the parsed inputs. */
export interface RouteInput<B, Q, P> {
  ctx: RequestContext;
  body: B;
  query: Q;
  params: P;
  headers: Record<string, string | string[] | undefined>;
}

/** A handler's answer when it needs more than a JSON body. */
export interface RawReply {
  raw: true;
  status?: number;
  contentType: string;
  /** Bytes, or a stream for large bodies (package downloads), sent as it is read. */
  body: string | Buffer | Readable;
  headers?: Record<string, string>;
}

/** One HTTP route. */
export interface RouteDef<B = unknown, Q = unknown, P = unknown> {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Path under the server root, Fastify style ('/api/v1/users/:id'). */
  url: string;
  summary: string;
  tags: string[];
  auth: RouteAuth;
  body?: z.ZodType<B>;
  /**
   * The service parses the body itself, first thing (hot paths: a 1,000-subject verification): `body` is then
   * only documented, and the handler gets the JSON as it came, so it is parsed once, not twice.
   */
  serviceParsesBody?: boolean;
  query?: z.ZodType<Q>;
  params?: z.ZodType<P>;
  /** Content type of the body when not JSON (e.g. the token endpoint's form encoding). */
  consumes?: string[];
  /** Status on success (200 by default; 204 sends no body). */
  status?: number;
  /** The body arrives as raw bytes (Buffer) with this content type, not parsed as JSON (file uploads). */
  rawBody?: { contentType: string; maxBytes: number };
  /** Route-specific rate limit (requests per minute per IP), e.g. for login. */
  rateLimitPerMinute?: number;
  handler(input: RouteInput<B, Q, P>): Promise<unknown>;
}

/** Defines a route with inferred input types. */
export function route<B = undefined, Q = undefined, P = undefined>(def: RouteDef<B, Q, P>): RouteDef {
  return def;
}

/** Marks a non-JSON reply. */
export function rawReply(
  contentType: string,
  body: string | Buffer | Readable,
  status = 200,
  headers?: Record<string, string>,
): RawReply {
  return { raw: true, contentType, body, status, ...(headers && { headers }) };
}
