// Shape-only kinds: e-mail addresses and licence plates. Both have strict enough shapes that a regular
// expression is the whole test.

// Local part and domain labels as mail systems accept them in practice (not the full RFC 5322 grammar):
// an @handle or a URL must not pass, a mixed-case address must.
const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?';
const EMAIL = new RegExp(`^[A-Za-z0-9_%+-][A-Za-z0-9._%+-]*@${LABEL}(?:\\.${LABEL})*\\.[A-Za-z]{2,}$`);

/** True for an e-mail address (local@domain.tld). */
export function isEmail(value: string): boolean {
  return value.length <= 254 && EMAIL.test(value);
}

/** The 31 one-character province abbreviations used on mainland plates. */
export const PLATE_PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';

// GA 36-2018: province, issuing-office letter (no I or O), then
// - 5 characters from digits and letters (no I or O) on ordinary plates;
// - small new-energy: D (electric) or F (other) + one letter or digit + 4 digits;
// - large new-energy: 5 digits + D or F;
// - 4 characters + 学 (driving school), 挂 (trailer), 警 (police), 港 / 澳 (cross-border), 领 (consular).
const PLATE_TAILS = [
  '[A-HJ-NP-Z0-9]{5}',
  String.raw`[DF][A-HJ-NP-Z0-9]\d{4}`,
  String.raw`\d{5}[DF]`,
  '[A-HJ-NP-Z0-9]{4}[学挂警港澳领]',
];
const PLATE = new RegExp(`^[${PLATE_PROVINCES}][A-HJ-NP-Z](?:${PLATE_TAILS.join('|')})$`);

/** True for a mainland licence plate, written plainly, with a middle dot or with a space (浙A·12345). */
export function isPlate(value: string): boolean {
  if (value.length < 7 || value.length > 12 || !PLATE_PROVINCES.includes(value.charAt(0))) return false;
  const v = value.replace(/[·•・．.\s-]/g, '').replace(/[a-z]/g, (c) => c.toUpperCase());
  return PLATE.test(v);
}
