// Namespaces and the controlled vocabularies DCAT-AP 3 expects, with our catalogue's values mapped onto them.
// EU authority tables (publications.europa.eu) are what DCAT-AP recommends and what harvesters understand, so
// frequencies, access rights, file types, languages, licences and (where a mapping is sound) themes use them.
import type { Category, Format, OpenType, UpdateCycle } from '../resource/index.js';

/** The W3C / DCMI namespaces the export uses, keyed by their usual prefix. */
export const NS = {
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
} as const;

/** Builds full IRIs from local names, one helper per namespace (`dcat('Dataset')`). */
export const dcat = (local: string): string => `${NS.dcat}${local}`;
/** DCMI terms. */
export const dct = (local: string): string => `${NS.dct}${local}`;
/** FOAF. */
export const foaf = (local: string): string => `${NS.foaf}${local}`;
/** vCard. */
export const vcard = (local: string): string => `${NS.vcard}${local}`;
/** SKOS. */
export const skos = (local: string): string => `${NS.skos}${local}`;
/** RDF Schema. */
export const rdfs = (local: string): string => `${NS.rdfs}${local}`;

const EU = 'http://publications.europa.eu/resource/authority/';

/** EU authority-table namespaces, keyed by the prefix the Turtle and JSON-LD use for them. */
export const EU_NS = {
  freq: `${EU}frequency/`,
  access: `${EU}access-right/`,
  filetype: `${EU}file-type/`,
  lang: `${EU}language/`,
  licence: `${EU}licence/`,
  theme: `${EU}data-theme/`,
} as const;

/** IANA media types, the range DCAT-AP recommends for dcat:mediaType and dcat:packageFormat. */
export const IANA_MEDIA = 'https://www.iana.org/assignments/media-types/';

/** 更新周期 → EU frequency table. 实时 is continuous; 不定时 is irregular. */
export const FREQUENCY: Record<UpdateCycle, string> = {
  realtime: `${EU_NS.freq}CONT`,
  daily: `${EU_NS.freq}DAILY`,
  weekly: `${EU_NS.freq}WEEKLY`,
  monthly: `${EU_NS.freq}MONTHLY`,
  quarterly: `${EU_NS.freq}QUARTERLY`,
  halfyearly: `${EU_NS.freq}BIANNUAL`,
  yearly: `${EU_NS.freq}ANNUAL`,
  irregular: `${EU_NS.freq}IRREG`,
};

/** 开放属性 → EU access-right table: 无条件开放 is public, 有条件开放 restricted, 不予开放 non-public. */
export const ACCESS_RIGHTS: Record<OpenType, string> = {
  open: `${EU_NS.access}PUBLIC`,
  conditional: `${EU_NS.access}RESTRICTED`,
  closed: `${EU_NS.access}NON_PUBLIC`,
};

/** One file type a distribution is offered in: the EU file-type IRI and the IANA media type. */
export interface FileType {
  key: 'csv' | 'json' | 'zip';
  format: string;
  mediaType: string;
}

export const FILE_TYPES = {
  csv: { key: 'csv', format: `${EU_NS.filetype}CSV`, mediaType: `${IANA_MEDIA}text/csv` },
  json: { key: 'json', format: `${EU_NS.filetype}JSON`, mediaType: `${IANA_MEDIA}application/json` },
  zip: { key: 'zip', format: `${EU_NS.filetype}ZIP`, mediaType: `${IANA_MEDIA}application/zip` },
} as const satisfies Record<string, FileType>;

/** The file types each resource format is published in (files travel as one package). */
export const FORMAT_FILE_TYPES: Record<Format, readonly FileType[]> = {
  table: [FILE_TYPES.csv, FILE_TYPES.json],
  file: [FILE_TYPES.zip],
  api: [FILE_TYPES.json],
};

/** Chinese, as the EU language table names it (ISO 639-2 ZHO). */
export const LANGUAGE_ZH = `${EU_NS.lang}ZHO`;

/**
 * The default licence of 无条件开放 data: CC BY 4.0 as the EU licence table names it (equivalent to
 * https://creativecommons.org/licenses/by/4.0/). Attribution-only is what open-government-data rules ask
 * for; a deployment may override it in the catalogue info.
 */
export const DEFAULT_LICENCE = `${EU_NS.licence}CC_BY_4_0`;

/** Labels of the EU data themes we map to (skos:Concept needs a skos:prefLabel). */
export const EU_THEME_LABELS = {
  SOCI: 'Population and society',
  ECON: 'Economy and finance',
  ENVI: 'Environment',
  GOVE: 'Government and public sector',
  HEAL: 'Health',
  JUST: 'Justice, legal system and public safety',
  ENER: 'Energy',
  REGI: 'Regions and cities',
} as const;
export type EuTheme = keyof typeof EU_THEME_LABELS;

/**
 * 基础 and 主题 classes (项) → EU data theme. 部门 classes are per-department and have no sound mapping, so
 * they carry only our own classification concept.
 */
export const EU_THEMES: Partial<Record<Category, Record<string, EuTheme>>> = {
  basic: { '01': 'SOCI', '02': 'ECON', '03': 'ENVI', '04': 'ECON', '05': 'GOVE' },
  theme: {
    '01': 'GOVE',
    '02': 'HEAL',
    '03': 'SOCI',
    '04': 'HEAL',
    '05': 'JUST',
    '06': 'ECON',
    '07': 'ENER',
    '08': 'ECON',
    '09': 'REGI',
    '10': 'SOCI',
    '11': 'ENVI',
    '12': 'JUST',
  },
};

/** Local names in our own namespace (`<namespace>shareType` …): only the full export uses most of them. */
export const OWN_TERMS = [
  'shareType',
  'shareCondition',
  'shareBasis',
  'shareMethod',
  'openType',
  'openCondition',
  'openReason',
  'openReasonText',
  'level',
  'provincialLevel',
  'secret',
  'position',
  'item',
  'Item',
  'itemCode',
  'itemName',
  'dataType',
  'length',
  'scale',
  'nullable',
  'primaryKey',
] as const;
export type OwnTerm = (typeof OWN_TERMS)[number];
