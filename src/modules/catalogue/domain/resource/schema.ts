// The resource document a steward edits: GB/T 21063 elements plus item-level grading. The same document is
// stored per version, so the schema is the contract between the editor, the store and the exports.
import { z } from 'zod';
import { text } from '../../../../kernel/index.js';
import { maskSpecSchema, piiKindSchema } from '../masking/index.js';
import {
  CATEGORIES,
  DATA_TYPES,
  FORMATS,
  METHODS,
  NATIONAL_LEVELS,
  OPEN_REASONS,
  OPEN_TYPES,
  PROVINCIAL_LEVELS,
  SHARE_TYPES,
  UPDATE_CYCLES,
} from './vocab.js';

/** A full resource code: 分类码 (类1 + 项2 + 目3, optional 细目) - provider USCC - 5-digit sequence. */
export const RESOURCE_CODE_RE = /^[1-3]\d{5}(?:\d{1,6})?-[0-9A-HJ-NPQRTUWXY]{18}-\d{5}$/;

const itemName = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,62}$/, 'must be a lower-case identifier (a-z, 0-9, _), starting with a letter');

/** One 信息项 as the steward writes it; optional fields get their defaults in normaliseResource. */
export const itemInputSchema = z.strictObject({
  name: itemName,
  label: text(100),
  code: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,40}$/, 'must be 1-40 letters, digits, dots, dashes or underscores')
    .optional(),
  dataType: z.enum(DATA_TYPES),
  length: z.number().int().min(1).max(1_000_000).optional(),
  scale: z.number().int().min(0).max(30).optional(),
  nullable: z.boolean().default(true),
  primaryKey: z.boolean().default(false),
  piiKind: piiKindSchema.nullable().default(null),
  nationalLevel: z.enum(NATIONAL_LEVELS).optional(),
  provincialLevel: z.enum(PROVINCIAL_LEVELS).optional(),
  shareType: z.enum(SHARE_TYPES).optional(),
  secret: z.boolean().default(false),
  defaultMask: maskSpecSchema.optional(),
  watermarkTolerant: z.boolean().default(false),
  description: z.string().trim().max(500).optional(),
});
export type ItemInput = z.input<typeof itemInputSchema>;

/** The editable resource document (code, provider and state are the platform's). */
export const resourceInputSchema = z.strictObject({
  classification: z.strictObject({
    category: z.enum(Object.keys(CATEGORIES) as [keyof typeof CATEGORIES, ...(keyof typeof CATEGORIES)[]]),
    item: z.string().regex(/^\d{2}$/, 'must be the two-digit 项 code'),
    catalog: z.string().regex(/^\d{3}$/, 'must be the three-digit 目 code'),
    detail: z
      .string()
      .regex(/^\d{1,6}$/, 'must be 1-6 digits')
      .optional(),
  }),
  name: text(200),
  nameEn: z.string().trim().max(200).optional(),
  summary: text(4000),
  format: z.enum(FORMATS),
  items: z.array(itemInputSchema).max(500),
  share: z.strictObject({
    type: z.enum(SHARE_TYPES),
    condition: z.string().trim().max(2000).optional(),
    methods: z.array(z.enum(METHODS)).min(1).max(METHODS.length),
    basis: z.string().trim().max(2000).optional(),
  }),
  open: z.strictObject({
    type: z.enum(OPEN_TYPES),
    condition: z.string().trim().max(2000).optional(),
    reason: z.strictObject({ kind: z.enum(OPEN_REASONS), text: text(2000) }).optional(),
  }),
  updateCycle: z.enum(UPDATE_CYCLES),
  relatedCodes: z.array(z.string().regex(RESOURCE_CODE_RE, 'must be a resource code')).max(50).default([]),
  tags: z.array(text(40)).max(30).default([]),
  spatial: z
    .string()
    .regex(/^\d{6}$/, 'must be a six-digit GB/T 2260 code')
    .optional(),
  contact: z.strictObject({
    name: text(50),
    phone: text(30),
    email: z.email('must be an e-mail address').optional(),
  }),
});
export type ResourceInput = z.input<typeof resourceInputSchema>;
export type ParsedResourceInput = z.output<typeof resourceInputSchema>;
