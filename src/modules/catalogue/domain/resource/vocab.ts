// The catalogue's controlled vocabularies (GB/T 21063 family, the 2017 编制指南 and GB/T 43697), with the
// Chinese labels people see. Values are stable English identifiers so APIs, exports and code agree.

/** 信息资源分类 top level: 基础 / 主题 / 部门, with the 类 digit of the classification code. */
export const CATEGORIES = { basic: '1', theme: '2', department: '3' } as const;
export type Category = keyof typeof CATEGORIES;
export const CATEGORY_LABELS: Record<Category, string> = { basic: '基础', theme: '主题', department: '部门' };

/** 项 codes of the 基础 class. */
export const BASIC_CLASSES: Record<string, string> = {
  '01': '人口',
  '02': '法人单位',
  '03': '自然资源和空间地理',
  '04': '社会信用',
  '05': '电子证照',
};
/** 项 codes of the 主题 class. */
export const THEME_CLASSES: Record<string, string> = {
  '01': '公共服务',
  '02': '健康保障',
  '03': '社会保障',
  '04': '食品药品安全',
  '05': '安全生产',
  '06': '价格监管',
  '07': '能源安全',
  '08': '信用体系',
  '09': '城乡建设',
  '10': '社区治理',
  '11': '生态环保',
  '12': '应急维稳',
};

export const SHARE_TYPES = ['unconditional', 'conditional', 'none'] as const;
export type ShareType = (typeof SHARE_TYPES)[number];
export const SHARE_TYPE_LABELS: Record<ShareType, string> = {
  unconditional: '无条件共享',
  conditional: '有条件共享',
  none: '不予共享',
};

export const OPEN_TYPES = ['open', 'conditional', 'closed'] as const;
export type OpenType = (typeof OPEN_TYPES)[number];
export const OPEN_TYPE_LABELS: Record<OpenType, string> = {
  open: '无条件开放',
  conditional: '有条件开放',
  closed: '不予开放',
};

/** Why an opening is restricted (STANDARDS §1). */
export const OPEN_REASONS = ['law', 'policy', 'sensitive', 'other'] as const;
export type OpenReason = (typeof OPEN_REASONS)[number];
export const OPEN_REASON_LABELS: Record<OpenReason, string> = {
  law: '法律法规',
  policy: '政策文件',
  sensitive: '涉及敏感信息',
  other: '其他',
};

/** How data may be delivered: the exchange's channels. */
export const METHODS = ['api', 'package', 'subscription', 'verification', 'sandbox'] as const;
export type Method = (typeof METHODS)[number];
export const METHOD_LABELS: Record<Method, string> = {
  api: '接口',
  package: '数据包',
  subscription: '订阅',
  verification: '核验',
  sandbox: '沙箱',
};

export const FORMATS = ['table', 'file', 'api'] as const;
export type Format = (typeof FORMATS)[number];
export const FORMAT_LABELS: Record<Format, string> = { table: '数据库表', file: '文件', api: '接口' };

/** Which delivery methods each format allows: files travel as packages, tables any way, APIs as calls. */
export const FORMAT_METHODS: Record<Format, readonly Method[]> = {
  table: ['api', 'package', 'subscription', 'verification', 'sandbox'],
  file: ['package'],
  api: ['api', 'verification'],
};

export const UPDATE_CYCLES = [
  'realtime',
  'daily',
  'weekly',
  'monthly',
  'quarterly',
  'halfyearly',
  'yearly',
  'irregular',
] as const;
export type UpdateCycle = (typeof UPDATE_CYCLES)[number];
export const UPDATE_CYCLE_LABELS: Record<UpdateCycle, string> = {
  realtime: '实时',
  daily: '每日',
  weekly: '每周',
  monthly: '每月',
  quarterly: '每季度',
  halfyearly: '每半年',
  yearly: '每年',
  irregular: '不定时',
};

export const DATA_TYPES = ['string', 'number', 'date', 'datetime', 'timestamp', 'boolean', 'binary'] as const;
export type DataType = (typeof DATA_TYPES)[number];

/** GB/T 43697 levels, lowest first (the order is the ranking). */
export const NATIONAL_LEVELS = ['general1', 'general2', 'general3', 'general4', 'important', 'core'] as const;
export type NationalLevel = (typeof NATIONAL_LEVELS)[number];
export const NATIONAL_LEVEL_LABELS: Record<NationalLevel, string> = {
  general1: '一般1',
  general2: '一般2',
  general3: '一般3',
  general4: '一般4',
  important: '重要',
  core: '核心',
};

/** Provincial grading (DB33/T 2350 style), lowest first. */
export const PROVINCIAL_LEVELS = ['L1', 'L2', 'L3', 'L4'] as const;
export type ProvincialLevel = (typeof PROVINCIAL_LEVELS)[number];

/** Lifecycle states of a resource. */
export const RESOURCE_STATES = ['draft', 'submitted', 'published', 'withdrawn'] as const;
export type ResourceState = (typeof RESOURCE_STATES)[number];

/** States of one version. */
export const VERSION_STATES = [
  'draft',
  'submitted',
  'returned',
  'published',
  'superseded',
  'discarded',
] as const;
export type VersionState = (typeof VERSION_STATES)[number];

/** Rank of a national level (0 = 一般1 … 5 = 核心). */
export function levelRank(l: NationalLevel): number {
  return NATIONAL_LEVELS.indexOf(l);
}

/** The stricter of two share types (不予 > 有条件 > 无条件). */
export function stricterShare(a: ShareType, b: ShareType): ShareType {
  return SHARE_TYPES.indexOf(a) >= SHARE_TYPES.indexOf(b) ? a : b;
}
