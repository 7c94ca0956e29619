// The filter language's shapes: the JSON a client writes (one operator key per node, items by catalogue code)
// and the parsed Filter the platform works with (items resolved to names, values normalised to the form
// ingestion stores, so comparisons and blind indexes see the same text). Only parseFilter makes a Filter.
import { z } from 'zod';
import type { LayoutItem } from '../layout.js';

/** Limits of one parsed filter (request and grant filters alike). */
export const FILTER_LIMITS = {
  /** Nesting depth: a lone comparison has depth 1. */
  maxDepth: 8,
  /** Operator nodes in all (combinators and comparisons). */
  maxNodes: 100,
  /** Values of one `in` list. */
  maxInValues: 1000,
  // Not in the issue's list: 100 full `in` lists would be 100,000 bind parameters, beyond both engines'
  // limits (SQLite 32,766; PostgreSQL 65,535), so the literals of a whole filter are capped too.
  /** Literal values in the whole filter. */
  maxValues: 5000,
  /** Characters (code points) of one string value. */
  maxStringLength: 4096,
} as const;

/** An item as the filter sees it: the catalogue's code (what filters name) and the stored name. */
export interface FilterItem {
  name: string;
  code: string;
  dataType: LayoutItem['dataType'];
  encrypted: boolean;
}

/** A normalised literal: text, a number (or an exact decimal string for number items), a boolean. */
export type Scalar = string | number | boolean;

/** What every comparison node knows of its item. */
export interface LeafBase {
  /** The item's name (the key of rows and layouts). */
  item: string;
  /** The item's code (what the JSON form names). */
  code: string;
  dataType: FilterItem['dataType'];
  encrypted: boolean;
}

/** A parsed, validated filter. */
export type Filter =
  | (LeafBase & { op: 'eq' | 'ne'; value: Scalar })
  | (LeafBase & { op: 'in'; values: Scalar[] })
  | (LeafBase & {
      op: 'range';
      from: Scalar | null;
      to: Scalar | null;
      exclusiveFrom: boolean;
      exclusiveTo: boolean;
    })
  | (LeafBase & { op: 'prefix'; value: string })
  | (LeafBase & { op: 'isNull' })
  | { op: 'and' | 'or'; args: Filter[] }
  | { op: 'not'; arg: Filter };

/** A comparison node of a Filter. */
export type FilterLeaf = Extract<Filter, LeafBase>;

const itemRef = z.string().min(1).max(64);
const scalar = z.union([z.string(), z.number(), z.boolean()]);

/** The JSON bodies of the comparison operators (strict: unknown keys are refused). */
export const leafSchemas = {
  eq: z.strictObject({ item: itemRef, value: scalar }),
  ne: z.strictObject({ item: itemRef, value: scalar }),
  in: z.strictObject({ item: itemRef, values: z.array(scalar).max(FILTER_LIMITS.maxInValues) }),
  range: z
    .strictObject({
      item: itemRef,
      from: scalar.optional(),
      to: scalar.optional(),
      exclusiveFrom: z.boolean().default(false),
      exclusiveTo: z.boolean().default(false),
    })
    .refine((r) => r.from !== undefined || r.to !== undefined, 'a range needs from, to or both'),
  prefix: z.strictObject({ item: itemRef, value: z.string() }),
  isNull: z.strictObject({ item: itemRef }),
} as const;

/** Operator keys of comparisons. */
export type LeafOp = keyof typeof leafSchemas;

/** The JSON form of a filter, as clients write it. */
export type FilterJson =
  | { eq: { item: string; value: Scalar } }
  | { ne: { item: string; value: Scalar } }
  | { in: { item: string; values: Scalar[] } }
  | { range: { item: string; from?: Scalar; to?: Scalar; exclusiveFrom?: boolean; exclusiveTo?: boolean } }
  | { prefix: { item: string; value: string } }
  | { isNull: { item: string } }
  | { and: FilterJson[] }
  | { or: FilterJson[] }
  | { not: FilterJson };

/**
 * The JSON form's shape as a zod schema, for edge schemas and OpenAPI. It checks shape only: limits, items
 * and value types depend on the resource, so parseFilter is what admits a filter.
 */
export const filterJsonSchema: z.ZodType<FilterJson> = z.lazy(() =>
  z.union([
    z.strictObject({ eq: leafSchemas.eq }),
    z.strictObject({ ne: leafSchemas.ne }),
    z.strictObject({ in: leafSchemas.in }),
    z.strictObject({ range: leafSchemas.range }),
    z.strictObject({ prefix: leafSchemas.prefix }),
    z.strictObject({ isNull: leafSchemas.isNull }),
    z.strictObject({ and: z.array(filterJsonSchema).min(1) }),
    z.strictObject({ or: z.array(filterJsonSchema).min(1) }),
    z.strictObject({ not: filterJsonSchema }),
  ]),
);
