// Addresses: a place below the district. A bare region name (浙江省杭州市西湖区, 北山街道) locates an
// administrative area, not a person, and a company name (杭州市某某科技有限公司) carries 市 but no street, so
// both must fail. An address therefore needs a street-level part — road, lane, village, estate, or a house /
// room number — and without a number that part must come after the last administrative marker, so county
// names that happen to contain 路 or 道 (路桥区, 道里区) do not count as streets. 街道 is a township-level
// area, not a street. Certificate and document numbers (浙(2026)淳安县不动产权第0011707号) name places and end in
// 号 too; their 第…号 and (year) forms are never part of an address.

const ADMIN = /[省市区县镇乡旗盟]/g;
const LOCALITY = /路|街|道|巷|弄|胡同|村|组|屯|社区|小区|花园|公寓|大厦|苑|广场/;
const NUMBER = /\d+\s*(?:号|弄|幢|栋|座|单元|室|楼|层|组)|[一二三四五六七八九十]+(?:号|组|弄)/;
const DOCUMENT_NUMBER = /第\s*\d+\s*号|[(（〔[]\d{4}[)）〕\]]/;
const ORGANISATION = /(?:公司|有限|集团|合作社|委员会|局|法院|检察院|银行)$/;
const HAN = /[\u3400-\u9fff]/;

/** True for a street-level address (…路12号, …村3组, …小区5幢2单元301室), with or without the region. */
export function isAddress(value: string): boolean {
  // 街道 counts as an administrative marker (a township), so its 街 and 道 are not read as a street.
  const v = value.replace(/\s+/g, '').replace(/街道/g, '镇');
  if (v.length < 5 || v.length > 120 || !HAN.test(v)) return false;
  if (ORGANISATION.test(v) || DOCUMENT_NUMBER.test(v)) return false;
  const lastAdmin = lastAdminIndex(v);
  if (NUMBER.test(v)) return LOCALITY.test(v) || lastAdmin >= 0;
  return lastAdmin >= 0 && LOCALITY.test(v.slice(lastAdmin + 1));
}

function lastAdminIndex(v: string): number {
  let last = -1;
  for (const m of v.matchAll(ADMIN)) last = m.index;
  return last;
}
