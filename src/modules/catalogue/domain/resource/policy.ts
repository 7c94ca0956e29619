// The level policy table (owned by secadmin): per national level, which share and open types, which delivery
// methods, which minimum mask per PII kind, and whether the bureau reviews every application. The defaults
// are issue 5 §3's; the provincial scale maps onto the national one through a configurable table.
import { z } from 'zod';
import { defaultMaskFor, maskSpecSchema, PII_KINDS, type MaskSpec, type PiiKind } from '../masking/index.js';
import {
  levelRank,
  METHODS,
  NATIONAL_LEVELS,
  OPEN_TYPES,
  PROVINCIAL_LEVELS,
  SHARE_TYPES,
  type Method,
  type NationalLevel,
  type OpenType,
  type ProvincialLevel,
  type ShareType,
} from './vocab.js';

/** The rules for one level. */
export interface LevelPolicy {
  shareTypes: ShareType[];
  openTypes: OpenType[];
  methods: Method[];
  /** Methods the platform suggests first (the console orders them first); others stay allowed. */
  preferredMethods: Method[];
  /** The weakest mask an item of this level and PII kind may carry by default or in a grant. */
  requiredMasks: Partial<Record<PiiKind, MaskSpec>>;
  /** Whether every application touching this level goes through the bureau's pre-review. */
  bureauReview: boolean;
}

/** The whole table. */
export interface PolicyTable {
  levels: Record<NationalLevel, LevelPolicy>;
  /** Which national level each provincial level corresponds to. */
  provincialToNational: Record<ProvincialLevel, NationalLevel>;
}

const levelPolicySchema = z.strictObject({
  shareTypes: z.array(z.enum(SHARE_TYPES)).min(1),
  openTypes: z.array(z.enum(OPEN_TYPES)).min(1),
  methods: z.array(z.enum(METHODS)).min(1),
  preferredMethods: z.array(z.enum(METHODS)).default([]),
  requiredMasks: z.partialRecord(z.enum(PII_KINDS), maskSpecSchema).default({}),
  bureauReview: z.boolean(),
});

/** Schema of a table sent by secadmin (every level must be present). */
export const policyTableSchema = z
  .strictObject({
    levels: z.strictObject(
      Object.fromEntries(NATIONAL_LEVELS.map((l) => [l, levelPolicySchema])) as Record<
        NationalLevel,
        typeof levelPolicySchema
      >,
    ),
    provincialToNational: z.strictObject(
      Object.fromEntries(PROVINCIAL_LEVELS.map((l) => [l, z.enum(NATIONAL_LEVELS)])) as Record<
        ProvincialLevel,
        z.ZodEnum<{ [K in NationalLevel]: K }>
      >,
    ),
  })
  .superRefine((t, ctx) => {
    // A higher level may never be looser than a lower one: otherwise raising an item's level could widen access.
    for (let i = 1; i < NATIONAL_LEVELS.length; i++) {
      const lo = t.levels[NATIONAL_LEVELS[i - 1]!];
      const hi = t.levels[NATIONAL_LEVELS[i]!];
      for (const key of ['shareTypes', 'openTypes', 'methods'] as const) {
        const extra = (hi[key] as string[]).filter((v) => !(lo[key] as string[]).includes(v));
        if (extra.length)
          ctx.addIssue({
            code: 'custom',
            path: ['levels', NATIONAL_LEVELS[i]!, key],
            message: `must not allow ${extra.join(', ')}, which the lower level ${NATIONAL_LEVELS[i - 1]} forbids`,
          });
      }
      for (const t2 of hi.preferredMethods)
        if (!hi.methods.includes(t2))
          ctx.addIssue({
            code: 'custom',
            path: ['levels', NATIONAL_LEVELS[i]!, 'preferredMethods'],
            message: `${t2} is preferred but not allowed`,
          });
    }
    // The provincial scale must be monotone too.
    for (let i = 1; i < PROVINCIAL_LEVELS.length; i++) {
      const a = t.provincialToNational[PROVINCIAL_LEVELS[i - 1]!];
      const b = t.provincialToNational[PROVINCIAL_LEVELS[i]!];
      if (levelRank(b) < levelRank(a))
        ctx.addIssue({
          code: 'custom',
          path: ['provincialToNational', PROVINCIAL_LEVELS[i]!],
          message: 'must not map below the previous provincial level',
        });
    }
  });

const PERSONAL_KINDS = PII_KINDS.filter((k) => k !== 'uscc');
function maskedPii(): Partial<Record<PiiKind, MaskSpec>> {
  return Object.fromEntries(PERSONAL_KINDS.map((k) => [k, defaultMaskFor(k)]));
}

/** The issue's default table. */
export function defaultPolicyTable(): PolicyTable {
  const all = [...METHODS];
  const open: LevelPolicy = {
    shareTypes: [...SHARE_TYPES],
    openTypes: [...OPEN_TYPES],
    methods: all,
    preferredMethods: [],
    requiredMasks: {},
    bureauReview: false,
  };
  const restricted = (l: Partial<LevelPolicy>): LevelPolicy => ({
    shareTypes: ['conditional', 'none'],
    openTypes: ['closed'],
    methods: all,
    preferredMethods: [],
    requiredMasks: maskedPii(),
    bureauReview: false,
    ...l,
  });
  return {
    levels: {
      general1: open,
      general2: { ...open },
      general3: restricted({ openTypes: ['conditional', 'closed'] }),
      general4: restricted({
        methods: ['api', 'verification', 'sandbox'],
        preferredMethods: ['verification', 'sandbox'],
      }),
      important: restricted({
        methods: ['verification', 'sandbox'],
        preferredMethods: ['verification', 'sandbox'],
        bureauReview: true,
      }),
      core: restricted({
        methods: ['verification', 'sandbox'],
        preferredMethods: ['verification', 'sandbox'],
        bureauReview: true,
      }),
    },
    provincialToNational: { L1: 'general1', L2: 'general2', L3: 'general3', L4: 'general4' },
  };
}

/** The provincial level shown for a national level: the highest provincial level mapping at or below it. */
export function provincialFor(table: PolicyTable, level: NationalLevel): ProvincialLevel {
  let best: ProvincialLevel = 'L1';
  for (const p of PROVINCIAL_LEVELS)
    if (levelRank(table.provincialToNational[p]) <= levelRank(level)) best = p;
  return best;
}

/** The national level a provincial level stands for. */
export function nationalFor(table: PolicyTable, level: ProvincialLevel): NationalLevel {
  return table.provincialToNational[level];
}
