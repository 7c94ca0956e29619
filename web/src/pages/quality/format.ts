import type { Item } from '../../api/catalogue';
import type { Translate } from '../../i18n/i18n';

// Words and numbers for the quality pages: sizes, ages, item names, shares as percentages.

/** A byte count for people: 812 B, 14.2 KB, 3.5 MB. */
export function byteSize(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** A share 0–1 as a percentage with one decimal (99.5%). */
export function percent(x: number): string {
  return `${(Math.round(x * 1000) / 10).toFixed(1)}%`;
}

/** An age in hours, as hours under two days and as days beyond. */
export function ageText(hours: number, t: Translate): string {
  return hours < 48
    ? t('quality.freshness.hours', { n: Math.round(hours * 10) / 10 })
    : t('quality.freshness.days', { n: Math.round((hours / 24) * 10) / 10 });
}

/** The band of a score (0–100): 优秀 ≥ 90, 良好 ≥ 75, 合格 ≥ 60, else 待改进. */
export function scoreBand(score: number): 'excellent' | 'good' | 'fair' | 'poor' {
  if (score >= 90) return 'excellent';
  if (score >= 75) return 'good';
  if (score >= 60) return 'fair';
  return 'poor';
}

/** An item's label by its identifier (the identifier itself when the resource no longer has it). */
export function itemLabeller(items: readonly Item[]): (name: string) => string {
  const labels = new Map(items.map((i) => [i.name, i.label]));
  return (name) => labels.get(name) ?? name;
}

/** A detected CSV separator in words. */
export function separatorText(sep: string, t: Translate): string {
  if (sep === ',') return t('quality.separator.comma');
  if (sep === '\t') return t('quality.separator.tab');
  if (sep === ';') return t('quality.separator.semicolon');
  if (sep === '|') return t('quality.separator.pipe');
  return sep;
}
