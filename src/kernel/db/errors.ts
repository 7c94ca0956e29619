// Recognise constraint violations from either engine so services can turn them into 409s.

/** True when the error is a unique-constraint violation (SQLite or PostgreSQL). */
export function isUniqueViolation(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const code = (e as { code?: unknown }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** The constraint or column text of a unique violation, for mapping to a field (never shown to users). */
export function violationText(e: unknown): string {
  if (typeof e !== 'object' || e === null) return '';
  const o = e as { constraint?: unknown; message?: unknown; detail?: unknown };
  return [o.constraint, o.detail, o.message].filter((x) => typeof x === 'string').join(' ');
}
