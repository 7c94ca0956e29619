import { z } from 'zod';
import { fileName } from '../../kernel/index.js';

const itemCode = /^[A-Za-z][A-Za-z0-9_]{0,49}$/;

/**
 * Body of `POST …/grants/{grantId}/packages`. Table resources: format (csv when absent), fields, filter. File
 * resources: files (names; all current files when absent) and nothing else (the service tells them apart).
 */
export const createPackageBody = z.strictObject({
  format: z.enum(['csv', 'ndjson']).optional(),
  fields: z
    .array(z.string().regex(itemCode, 'must be an item code'))
    .min(1)
    .max(500)
    .refine((a) => new Set(a).size === a.length, 'must not repeat an item')
    .optional(),
  // The filter language (docs/filter-language.md), ANDed with the grant's row filter.
  filter: z.unknown().optional(),
  files: z
    .array(fileName())
    .min(1)
    .max(500)
    .refine((a) => new Set(a).size === a.length, 'must not repeat a file')
    .optional(),
});

/** Query of the package list. */
export const listPackagesQuery = z.object({
  grantId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** One HTTP byte range (`bytes=a-b`, `bytes=a-` or `bytes=-n`); several ranges are not offered. */
export function parseRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | null | 'bad' {
  if (header === undefined) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return 'bad';
  if (m[1] === '') {
    const n = Number(m[2]);
    if (n === 0) return 'bad';
    return { start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size || end < start) return 'bad';
  return { start, end };
}
