import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, isAppError } from '../kernel/index.js';

// The one error shape: {"error":{"code","message","details","requestId"}}. Expected failures carry their own
// code; framework 4xx errors are mapped; anything else is a 500 whose cause goes to the log only.

/** Maps any thrown value to the platform's error body and status. */
export function toErrorReply(
  err: unknown,
  requestId: string,
): { status: number; body: unknown; log: boolean } {
  if (isAppError(err)) {
    return { status: err.status, body: wrap(err.code, err.message, err.details, requestId), log: false };
  }
  const fe = err as Partial<FastifyError> & { statusCode?: number };
  const status = typeof fe.statusCode === 'number' ? fe.statusCode : 500;
  if (status === 429)
    return { status, body: wrap('RATE_LIMITED', 'Too many requests.', null, requestId), log: false };
  if (status >= 400 && status < 500) {
    const code =
      status === 401
        ? 'UNAUTHENTICATED'
        : status === 403
          ? 'FORBIDDEN'
          : status === 404
            ? 'NOT_FOUND'
            : 'VALIDATION_FAILED';
    return {
      status: status === 413 || status === 415 ? status : status,
      body: wrap(code, safeMessage(fe), null, requestId),
      log: false,
    };
  }
  return { status: 500, body: wrap('INTERNAL', 'An internal error occurred.', null, requestId), log: true };
}

function wrap(code: string, message: string, details: unknown, requestId: string) {
  return { error: { code, message, details: details ?? null, requestId } };
}

// Framework messages we pass through are fixed texts about the request's form, never data or SQL.
function safeMessage(e: Partial<FastifyError>): string {
  switch (e.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'The request body is not valid JSON.';
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'The request body is too large.';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'Unsupported content type.';
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return 'Invalid content length.';
    default:
      return 'The request is invalid.';
  }
}

/** Fastify error handler installing the mapping above. */
export function errorHandler(this: unknown, err: unknown, req: FastifyRequest, reply: FastifyReply): void {
  const r = toErrorReply(err, req.id);
  if (r.log) req.log.error({ err }, 'unhandled error');
  else
    req.log.info(
      { code: (r.body as { error: { code: string } }).error.code, status: r.status },
      'request refused',
    );
  if (isAppError(err) && err.code === 'RATE_LIMITED') {
    const retry = (err.details as { retryAfter?: number } | null)?.retryAfter;
    if (retry) void reply.header('retry-after', String(retry));
  }
  void reply.code(r.status).type('application/json; charset=utf-8').send(r.body);
}

export { AppError };
