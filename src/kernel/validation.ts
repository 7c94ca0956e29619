import { z } from 'zod';
import { validationError, type FieldIssue } from './errors.js';

// Schemas at the edge are zod; this turns a zod failure into the platform's field-level 400 so every
// transport reports bad input the same way.

/** Field-level issues from a zod error; the path is joined with dots ('items.0.code'). */
export function zodIssues(error: z.ZodError, prefix = ''): FieldIssue[] {
  return error.issues.map((i) => ({
    field: [prefix, ...i.path.map(String)].filter(Boolean).join('.') || '(body)',
    code: i.code.toUpperCase(),
    message: i.message,
  }));
}

/** Parses input with a schema or throws a 400 with field-level details. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, prefix = ''): z.output<S> {
  const r = schema.safeParse(input);
  if (!r.success) throw validationError(zodIssues(r.error, prefix));
  return r.data;
}

/** A file name as users give it (uploads, documents): 1–200 characters, no path separators or control characters. */
export function fileName(): z.ZodType<string> {
  return z
    .string()
    .trim()
    .min(1)
    .max(200)
    .refine((n) => !/[/\\]/.test(n) && ![...n].some((ch) => ch.charCodeAt(0) < 0x20), {
      message: 'must be a file name without slashes or control characters',
    });
}

/** Trimmed non-empty string up to max characters. */
export function text(max = 200): z.ZodString {
  return z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
}
