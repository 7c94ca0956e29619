import { z } from 'zod';
import { fileName } from '../../kernel/index.js';

export const FORMATS = ['csv', 'json', 'ndjson', 'xlsx'] as const;
export type UploadFormat = (typeof FORMATS)[number];
export const MODES = ['upsert', 'append', 'replace'] as const;

export const uploadQuery = z.object({
  name: fileName(),
  format: z.enum(FORMATS).optional(),
});

export const createJobSchema = z
  .strictObject({
    uploadId: z.uuid('must be an upload id').optional(),
    /** A source registered by secadmin (instead of an upload). */
    sourceId: z.uuid('must be a source id').optional(),
    mode: z.enum(MODES).default('upsert'),
    /** item name → source column; saved for the resource when `saveMapping` is true. */
    mapping: z.record(z.string().regex(/^[a-z][a-z0-9_]{0,62}$/), z.string().min(1).max(200)).optional(),
    saveMapping: z.boolean().default(false),
  })
  .refine((b) => !!b.uploadId !== !!b.sourceId, {
    path: ['uploadId'],
    message: 'give either an uploadId or a sourceId',
  });

export const jobsQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });

/** The format of a file from its name, unless given. */
export function formatOf(name: string, given?: UploadFormat): UploadFormat | null {
  if (given) return given;
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  if (ext === 'csv' || ext === 'txt' || ext === 'tsv') return 'csv';
  if (ext === 'json') return 'json';
  if (ext === 'ndjson' || ext === 'jsonl') return 'ndjson';
  if (ext === 'xlsx') return 'xlsx';
  return null;
}
