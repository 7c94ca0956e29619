// Exact decimal handling for number items. Ingestion stores a number as a JS number when the double holds it
// (safe integers, at most 15 significant digits) and as a canonical decimal string otherwise; a filter literal
// is normalised by the same rule so that the blind index of an encrypted number (a digest of its canonical
// text) and an exact comparison both see what ingestion stored.

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d+))?$/;
const MAX_SAFE_DIGITS = 15;

/** The plain decimal text of a finite number or decimal string ("-12.5", no exponent), or null. */
export function decimalText(v: number | string): string | null {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return null;
    return fromExponent(String(v));
  }
  const m = DECIMAL.exec(v);
  if (!m) return null;
  const int = m[2]!.replace(/^0+(?=\d)/, '');
  const frac = (m[3] ?? '').replace(/0+$/, '');
  if (int === '0' && frac === '') return '0';
  return `${m[1] === '-' ? '-' : ''}${int}${frac ? `.${frac}` : ''}`;
}

// String(1e21) is "1e+21" and String(1e-7) is "1e-7": move the point by the exponent to get plain digits.
function fromExponent(s: string): string | null {
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(s);
  if (!m) return null;
  const exp = Number(m[4] ?? 0);
  const digits = `${m[2]}${m[3] ?? ''}`;
  const point = m[2]!.length + exp;
  let int: string;
  let frac: string;
  if (point <= 0) {
    int = '0';
    frac = '0'.repeat(-point) + digits;
  } else if (point >= digits.length) {
    int = digits + '0'.repeat(point - digits.length);
    frac = '';
  } else {
    int = digits.slice(0, point);
    frac = digits.slice(point);
  }
  return decimalText(`${m[1]}${int}${frac ? `.${frac}` : ''}`);
}

/** The value ingestion would store for a decimal: a JS number when exact enough, else the decimal text. */
export function canonicalNumber(text: string): number | string {
  const [int = '', frac = ''] = text.replace(/^-/, '').split('.');
  const n = Number(text);
  const significant = `${int}${frac}`.replace(/^0+/, '').length;
  const exact = frac === '' ? Number.isSafeInteger(n) : significant <= MAX_SAFE_DIGITS;
  return exact ? (n === 0 ? 0 : n) : text;
}

/** Compares two decimal texts exactly: negative, zero or positive. */
export function compareDecimal(a: string, b: string): number {
  const na = a.startsWith('-');
  const nb = b.startsWith('-');
  if (na !== nb) return na ? -1 : 1;
  const c = compareMagnitude(na ? a.slice(1) : a, nb ? b.slice(1) : b);
  return na ? -c : c;
}

function compareMagnitude(a: string, b: string): number {
  const [ai = '', af = ''] = a.split('.');
  const [bi = '', bf = ''] = b.split('.');
  if (ai.length !== bi.length) return ai.length < bi.length ? -1 : 1;
  if (ai !== bi) return ai < bi ? -1 : 1;
  const len = Math.max(af.length, bf.length);
  const x = af.padEnd(len, '0');
  const y = bf.padEnd(len, '0');
  return x === y ? 0 : x < y ? -1 : 1;
}
