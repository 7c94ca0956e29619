import type {
  Category,
  DataType,
  Format,
  MaskSpec,
  Method,
  NationalLevel,
  OpenReason,
  OpenType,
  PiiKind,
  PolicyState,
  ProvincialLevel,
  ShareType,
  UpdateCycle,
} from '../../api/catalogue';

// The catalogue's controlled vocabularies as the console lists them (the server's vocab.ts; labels live in
// the dictionaries under catalogue.*), the default mask of each PII kind and the mask presets the item grid
// offers. The console does not import server code, so these small tables are repeated here.

export const NATIONAL_LEVELS: readonly NationalLevel[] = [
  'general1',
  'general2',
  'general3',
  'general4',
  'important',
  'core',
];
export const PROVINCIAL_LEVELS: readonly ProvincialLevel[] = ['L1', 'L2', 'L3', 'L4'];
export const SHARE_TYPES: readonly ShareType[] = ['unconditional', 'conditional', 'none'];
export const OPEN_TYPES: readonly OpenType[] = ['open', 'conditional', 'closed'];
export const OPEN_REASONS: readonly OpenReason[] = ['law', 'policy', 'sensitive', 'other'];
export const METHODS: readonly Method[] = ['api', 'package', 'subscription', 'verification', 'sandbox'];
export const FORMATS: readonly Format[] = ['table', 'file', 'api'];
export const CATEGORIES: readonly Category[] = ['basic', 'theme', 'department'];
export const UPDATE_CYCLES: readonly UpdateCycle[] = [
  'realtime',
  'daily',
  'weekly',
  'monthly',
  'quarterly',
  'halfyearly',
  'yearly',
  'irregular',
];
export const DATA_TYPES: readonly DataType[] = [
  'string',
  'number',
  'date',
  'datetime',
  'timestamp',
  'boolean',
  'binary',
];
export const PII_KINDS: readonly PiiKind[] = [
  'name',
  'idNumber',
  'mobile',
  'landline',
  'address',
  'email',
  'bankCard',
  'plate',
  'birthDate',
  'uscc',
  'other',
];

/** 项 codes of the 基础 and 主题 classes (labels: catalogue.class.<category>.<code>). */
export const CLASS_ITEMS: Record<Exclude<Category, 'department'>, readonly string[]> = {
  basic: ['01', '02', '03', '04', '05'],
  theme: ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'],
};

/** Which delivery methods each format allows (files travel as packages, APIs as calls). */
export const FORMAT_METHODS: Record<Format, readonly Method[]> = {
  table: METHODS,
  file: ['package'],
  api: ['api', 'verification'],
};

/** Types that take a length. */
export const LENGTH_TYPES: ReadonlySet<DataType> = new Set(['string', 'number', 'binary']);

/** The masking library's default mask of each PII kind (what the server applies when none is given). */
export const DEFAULT_MASKS: Record<PiiKind, MaskSpec> = {
  name: { kind: 'name' },
  idNumber: { kind: 'idNumber', keepFirst: 1, keepLast: 2 },
  mobile: { kind: 'mobile' },
  landline: { kind: 'landline' },
  address: { kind: 'address', hideLast: 8 },
  email: { kind: 'email' },
  bankCard: { kind: 'bankCard' },
  plate: { kind: 'plate' },
  birthDate: { kind: 'dateToYear' },
  uscc: { kind: 'clear' },
  other: { kind: 'keep', first: 0, last: 0 },
};

/** The masks the grid offers, weakest first (docs/masking.md); any other spec read from the server is kept. */
export const MASK_PRESETS: readonly MaskSpec[] = [
  { kind: 'clear' },
  { kind: 'name' },
  { kind: 'idNumber', keepFirst: 1, keepLast: 2 },
  { kind: 'idNumber', keepFirst: 6, keepLast: 4 },
  { kind: 'mobile' },
  { kind: 'landline' },
  { kind: 'address', hideLast: 8 },
  { kind: 'email' },
  { kind: 'bankCard' },
  { kind: 'plate' },
  { kind: 'keep', first: 0, last: 0 },
  { kind: 'dateToYear' },
  { kind: 'region', to: 'city' },
  { kind: 'region', to: 'province' },
  { kind: 'ageBand', width: 10 },
  { kind: 'pseudonym' },
  { kind: 'hash' },
  { kind: 'null' },
];

/** A stable text key of a mask spec (kind first, parameters sorted), for selects and comparisons. */
export function maskKey(spec: MaskSpec): string {
  const params = Object.keys(spec)
    .filter((k) => k !== 'kind' && spec[k] !== undefined)
    .sort();
  return JSON.stringify({ kind: spec.kind, ...Object.fromEntries(params.map((k) => [k, spec[k]])) });
}

/** The spec behind a key made by maskKey. */
export function maskFromKey(key: string): MaskSpec {
  return JSON.parse(key) as MaskSpec;
}

/** Rank of a national level (0 = 一般1 … 5 = 核心). */
export function levelRank(l: NationalLevel): number {
  return NATIONAL_LEVELS.indexOf(l);
}

/** The stricter of two national levels. */
export function maxLevel(a: NationalLevel, b: NationalLevel): NationalLevel {
  return levelRank(a) >= levelRank(b) ? a : b;
}

type Table = PolicyState['table'];

/** The provincial level shown for a national one: the highest provincial level mapping at or below it. */
export function provincialFor(table: Table, level: NationalLevel): ProvincialLevel {
  let best: ProvincialLevel = 'L1';
  for (const p of PROVINCIAL_LEVELS)
    if (levelRank(table.provincialToNational[p]) <= levelRank(level)) best = p;
  return best;
}

/** The national level of an item as the server will grade it: the stricter of both scales given. */
export function itemLevel(
  table: Table | undefined,
  national: NationalLevel | '',
  provincial: ProvincialLevel | '',
): NationalLevel | null {
  const fromProvincial = provincial && table ? table.provincialToNational[provincial] : null;
  if (!national && !fromProvincial) return null;
  return maxLevel(national || 'general1', fromProvincial ?? 'general1');
}
