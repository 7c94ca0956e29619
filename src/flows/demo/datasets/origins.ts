// Where 杭州's migrants come from, for ID numbers issued elsewhere (an ID number keeps its issuing county for life,
// so a resident born in 阜阳 carries 3412xx however long they have lived here). Shares are rough: the rest of 浙江
// first, then the neighbouring and labour-exporting provinces.
import { listChildren, regionName } from '../../../kernel/index.js';
import { Weighted, type Rng } from './random.js';

const PROVINCE_SHARES: readonly (readonly [string, number])[] = [
  ['33', 30],
  ['34', 18],
  ['36', 9],
  ['41', 9],
  ['32', 5],
  ['51', 5],
  ['43', 5],
  ['42', 5],
  ['52', 5],
  ['37', 3],
  ['35', 2],
  ['45', 1.5],
  ['50', 1.5],
  ['23', 1],
  ['62', 1],
  ['14', 1],
  ['13', 1],
  ['53', 1],
];

// Placeholder prefecture names that must not appear in an address.
const PLACEHOLDER = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);

/** A county outside 杭州市 with the address prefix of its full name (省 + 市 + 县). */
export interface OriginCounty {
  code: string;
  address: string;
}

let table: Weighted<OriginCounty> | undefined;

// Built on first use from the kernel's GB/T 2260 snapshot, so every code is current and checkIdNumber accepts it.
function origins(): Weighted<OriginCounty> {
  if (table) return table;
  const entries: [OriginCounty, number][] = [];
  for (const [province, share] of PROVINCE_SHARES) {
    const provinceName = regionName(province) ?? '';
    const counties: OriginCounty[] = [];
    for (const prefecture of listChildren(province)) {
      if (prefecture.code === '330100') continue;
      const city = PLACEHOLDER.has(prefecture.name) ? '' : prefecture.name;
      const children = listChildren(prefecture.code);
      // A prefecture without counties (e.g. 东莞) is its own leaf and issues ID numbers under its own code.
      const leaves = children.length > 0 ? children : [{ code: prefecture.code, name: '' }];
      for (const c of leaves) counties.push({ code: c.code, address: provinceName + city + c.name });
    }
    for (const c of counties) entries.push([c, share / counties.length]);
  }
  table = new Weighted(entries);
  return table;
}

/** A random county outside 杭州市, weighted by how many of 杭州's migrants come from its province. */
export function originCounty(rng: Rng): OriginCounty {
  return origins().draw(rng);
}
