// Resource codes: <分类码>-<provider USCC>-<5-digit sequence>. The sequence is per (分类码, provider) and is
// assigned once, at creation, so the code never changes across versions.
import { CATEGORIES, type Category } from './vocab.js';

/** The classification code: 类 (1 digit) + 项 (2) + 目 (3) + optional 细目. */
export function classificationCode(c: {
  category: Category;
  item: string;
  catalog: string;
  detail?: string | null;
}): string {
  return `${CATEGORIES[c.category]}${c.item}${c.catalog}${c.detail ?? ''}`;
}

/** The full resource code. */
export function resourceCode(classCode: string, providerUscc: string, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > 99_999)
    throw new RangeError('resource sequence must be 1..99999');
  return `${classCode}-${providerUscc}-${String(sequence).padStart(5, '0')}`;
}
