// Mobile and landline numbers as people write them: with +86, spaces, hyphens, brackets or an extension.
// Landline area codes follow the national plan: 010 and 020–029 are the only 2-digit codes after the 0;
// every other code is 0 plus three digits starting 3–9. Local numbers have 7 or 8 digits and never start
// with 0 or 1 (those lead into trunk and service numbers), which is what separates a landline from a
// zero-padded product code such as 0410-0079727.

const MOBILE = /^1[3-9]\d{9}$/;
const DOMESTIC = /^\(?0(\d{2,3})\)?[- ]?(\d{7,8})(?:(?:[- ]|转|ext\.?|x)\d{1,5})?$/i;
const INTERNATIONAL = /^(?:\+|00)86[- ]?\(?(\d{2,3})\)?[- ]?(\d{7,8})(?:(?:[- ]|转|ext\.?|x)\d{1,5})?$/i;

/** The 11 digits of a mainland mobile number (1[3-9] + 9 digits), accepting +86/0086, spaces and hyphens. */
export function mobileDigits(value: string): string | undefined {
  if (!/^[+\d][\d -]*$/.test(value)) return undefined;
  let d = value.replace(/[ -]/g, '');
  if (d.startsWith('+86')) d = d.slice(3);
  else if (d.startsWith('0086')) d = d.slice(4);
  else if (d.length === 13 && d.startsWith('86')) d = d.slice(2);
  return MOBILE.test(d) ? d : undefined;
}

/** True for a mainland mobile number. */
export function isMobile(value: string): boolean {
  return mobileDigits(value) !== undefined;
}

/** True if the digits after the trunk 0 form a real area code of that length (10, 2x, or [3-9]xx). */
function areaCodeValid(area: string): boolean {
  return area.length === 2 ? area === '10' || area.charAt(0) === '2' : /^[3-9]\d\d$/.test(area);
}

/** True if the local number fits the area code: 7–8 digits, not starting with 0 or 1; 8 after 010/02x. */
function localValid(area: string, local: string): boolean {
  return /^[2-9]/.test(local) && (area.length === 3 || local.length === 8);
}

/** True for a landline with an area code: 0571-88123456, (010)65123456, 057188123456, +86-571-…, -ext. */
export function isLandline(value: string): boolean {
  const m = DOMESTIC.exec(value) ?? INTERNATIONAL.exec(value);
  if (!m) return unseparatedLandline(value);
  const [area, local] = [m[1] ?? '', m[2] ?? ''];
  if (areaCodeValid(area) && localValid(area, local)) return true;
  return unseparatedLandline(value);
}

// 057188123456 has no separator, so the regex may split it at the wrong place; try both area-code lengths.
function unseparatedLandline(value: string): boolean {
  if (!/^0\d{9,11}$/.test(value)) return false;
  for (const len of [2, 3]) {
    const area = value.slice(1, 1 + len);
    const local = value.slice(1 + len);
    if (local.length >= 7 && local.length <= 8 && areaCodeValid(area) && localValid(area, local)) return true;
  }
  return false;
}
