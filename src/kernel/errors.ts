// Structured errors: every failure that reaches a transport is an AppError with a stable code, so HTTP,
// CLI and console show the same thing and nothing internal (stack, SQL) ever leaks.

/** One field-level problem in a rejected input. */
export interface FieldIssue {
  field: string;
  code: string;
  message: string;
}

export type ErrorCode =
  | 'VALIDATION_FAILED'
  | 'UNAUTHENTICATED'
  | 'TOTP_REQUIRED'
  | 'TOTP_ENROLLMENT_REQUIRED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'GONE'
  | 'RANGE_NOT_SATISFIABLE'
  | 'UNPROCESSABLE'
  | 'RATE_LIMITED'
  | 'LOCKED'
  | 'INTERNAL';

const STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  TOTP_REQUIRED: 401,
  TOTP_ENROLLMENT_REQUIRED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  GONE: 410,
  RANGE_NOT_SATISFIABLE: 416,
  UNPROCESSABLE: 422,
  LOCKED: 423,
  RATE_LIMITED: 429,
  INTERNAL: 500,
};

/** An expected failure with a stable code, a safe message and optional details. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.status = STATUS[code];
    this.details = details;
  }
}

/** 400 with field-level details. */
export function validationError(issues: FieldIssue[], message = 'The request is invalid.'): AppError {
  return new AppError('VALIDATION_FAILED', message, { fields: issues });
}

/** 400 for a single field. */
export function fieldError(field: string, code: string, message: string): AppError {
  return validationError([{ field, code, message }], message);
}

/** 404 that never says whether the thing exists elsewhere. */
export function notFound(what: string): AppError {
  return new AppError('NOT_FOUND', `${what} not found.`);
}

/** 403 with the permission that was missing. */
export function forbidden(permission: string): AppError {
  return new AppError('FORBIDDEN', `Not permitted: ${permission}.`, { permission });
}

/** 409 for a uniqueness or state conflict. */
export function conflict(message: string, field?: string): AppError {
  return new AppError('CONFLICT', message, field ? { field } : undefined);
}

/** True when the value is an AppError. */
export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
