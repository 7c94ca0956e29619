/** One finding about a code; `error` makes the code invalid, `warning` only flags it for a human. */
export interface CodeIssue {
  code: string;
  message: string;
  severity: 'error' | 'warning';
}

/** Outcome of a check: `ok` is false iff an error was found; `value` (normalised) is present iff `ok`. */
export interface CheckResult<T> {
  ok: boolean;
  value?: T;
  issues: CodeIssue[];
}

/** Builds an error issue. */
export function error(code: string, message: string): CodeIssue {
  return { code, message, severity: 'error' };
}

/** Builds a warning issue. */
export function warning(code: string, message: string): CodeIssue {
  return { code, message, severity: 'warning' };
}

/** A failed result carrying the given issues (used when parsing cannot go on). */
export function reject(...issues: CodeIssue[]): CheckResult<never> {
  return { ok: false, issues };
}

/** Derives `ok` from the issues so no checker can report ok with an error (or drop the value when ok). */
export function finish<T>(issues: CodeIssue[], value: () => T): CheckResult<T> {
  const ok = !issues.some((i) => i.severity === 'error');
  return ok ? { ok, value: value(), issues } : { ok, issues };
}
