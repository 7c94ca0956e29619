// The platform's one error shape, {"error":{"code","message","details","requestId"}}, as a thrown value.

/** One field-level problem (details.fields[] of a VALIDATION_FAILED answer). */
export interface FieldIssue {
  field: string;
  code: string;
  message: string;
}

/** A failed API call. `status` 0 means the server could not be reached. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown = null,
    readonly requestId: string | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Field-level problems, if the server sent any. */
  get fields(): FieldIssue[] {
    const d = this.details as { fields?: unknown } | null;
    return Array.isArray(d?.fields) ? (d.fields as FieldIssue[]) : [];
  }
}

/** Builds an ApiError from a non-2xx response body (which may not be JSON at all). */
export function errorFromBody(status: number, body: unknown): ApiError {
  const e = (body as { error?: Partial<Record<string, unknown>> } | null)?.error;
  if (e && typeof e.code === 'string') {
    return new ApiError(
      status,
      e.code,
      typeof e.message === 'string' ? e.message : e.code,
      e.details ?? null,
      typeof e.requestId === 'string' ? e.requestId : null,
    );
  }
  return new ApiError(status, status >= 500 ? 'INTERNAL' : 'HTTP_ERROR', `HTTP ${status}`);
}
