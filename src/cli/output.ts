import { AppError, isAppError } from '../kernel/index.js';

// CLI output: JSON for data (easy to pipe into jq), short messages for people, errors in the same
// code/message/details shape as HTTP.

/** Prints a value as indented JSON. */
export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

/** Prints an error and sets a non-zero exit code. */
export function printError(e: unknown): void {
  if (isAppError(e)) {
    process.stderr.write(`error ${e.code}: ${e.message}\n`);
    const fields = (e.details as { fields?: { field: string; message: string }[] } | null)?.fields;
    for (const f of fields ?? []) process.stderr.write(`  ${f.field}: ${f.message}\n`);
    process.exitCode =
      e.code === 'UNAUTHENTICATED' || e.code === 'TOTP_REQUIRED' ? 3 : e.code === 'FORBIDDEN' ? 4 : 2;
    return;
  }
  process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
}

export { AppError };
