// Contact formats: mainland mobile and landline numbers and e-mail addresses. Checks take normalised text and
// use split-and-test rather than one large regex, so no input can make them backtrack.
import { normaliseMobile } from './normalise.js';

const MOBILE = /^1[3-9]\d{9}$/;
// Area codes follow the national numbering plan: 010 and 020-029 are the only two-digit codes after the
// trunk 0; all others are three digits starting 3-9. Local numbers have 7-8 digits and never start with 0 or 1.
const DOMESTIC = /^\(?0(\d{2,3})\)?[- ]?(\d{7,8})(?:(?:[- ]|转|ext\.?|x)\d{1,5})?$/i;
const INTERNATIONAL = /^(?:\+|00)86[- ]?\(?(\d{2,3})\)?[- ]?(\d{7,8})(?:(?:[- ]|转|ext\.?|x)\d{1,5})?$/i;
// 400/800 numbers are national service lines, which companies give as their contact number.
const SERVICE = /^[48]00[- ]?\d{3}[- ]?\d{4}$/;
const LOCAL_PART_ATOM = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+$/;
const DOMAIN_LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$/u;
const TOP_LEVEL = /^(?:\p{L}{2,63}|xn--[a-z0-9-]{1,59})$/iu;

/** True for a mainland mobile number (1[3-9] + 9 digits; +86, spaces and hyphens allowed). */
export function isMobile(text: string): boolean {
  return MOBILE.test(normaliseMobile(text));
}

function areaCodeValid(area: string): boolean {
  return area.length === 2 ? area === '10' || area.charAt(0) === '2' : /^[3-9]\d\d$/.test(area);
}

function localValid(area: string, local: string): boolean {
  return /^[2-9]/.test(local) && (area.length === 3 || local.length === 8);
}

// 057188123456 has no separator, so the regex may split it at the wrong place; try both area-code lengths.
function unseparated(text: string): boolean {
  if (!/^0\d{9,11}$/.test(text)) return false;
  return [2, 3].some((len) => {
    const area = text.slice(1, 1 + len);
    const local = text.slice(1 + len);
    return local.length >= 7 && local.length <= 8 && areaCodeValid(area) && localValid(area, local);
  });
}

/** True for a landline with area code (0571-88123456, (010)65123456, +86 571 …, an extension) or 400/800. */
export function isLandline(text: string): boolean {
  if (SERVICE.test(text)) return true;
  const m = DOMESTIC.exec(text) ?? INTERNATIONAL.exec(text);
  if (m && areaCodeValid(m[1] ?? '') && localValid(m[1] ?? '', m[2] ?? '')) return true;
  return unseparated(text);
}

/** True for a plausible e-mail address: dotted ASCII local part, a domain of at least two labels. */
export function isEmail(text: string): boolean {
  if (text.length > 254) return false;
  const at = text.lastIndexOf('@');
  if (at < 1) return false;
  const local = text.slice(0, at);
  const labels = text.slice(at + 1).split('.');
  if (local.length > 64 || !local.split('.').every((a) => LOCAL_PART_ATOM.test(a))) return false;
  if (labels.length < 2 || !labels.every((l) => DOMAIN_LABEL.test(l))) return false;
  return TOP_LEVEL.test(labels[labels.length - 1] ?? '');
}
