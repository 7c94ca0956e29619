import type { MaskSpec, VersionDiff } from '../../api/catalogue';
import { isMessageKey, type Translate } from '../../i18n/i18n';

// Words for the catalogue's values that are more than a label: mask specs, diff counts, changed values.

const num = (v: unknown, fallback: number) => (typeof v === 'number' ? v : fallback);

/** A mask spec in words, e.g. 证件号脱敏（保留前1位、后2位）. */
export function maskText(spec: MaskSpec, t: Translate): string {
  switch (spec.kind) {
    case 'idNumber':
      return t('catalogue.mask.idNumber', { first: num(spec.keepFirst, 1), last: num(spec.keepLast, 2) });
    case 'address':
      return t('catalogue.mask.address', { n: num(spec.hideLast, 8) });
    case 'keep': {
      const first = num(spec.first, 0);
      const last = num(spec.last, 0);
      return first + last === 0 ? t('catalogue.mask.keepNone') : t('catalogue.mask.keep', { first, last });
    }
    case 'region':
      return spec.to === 'province' ? t('catalogue.mask.regionProvince') : t('catalogue.mask.regionCity');
    case 'ageBand':
      return t('catalogue.mask.ageBand', { width: num(spec.width, 10) });
    default: {
      const key = `catalogue.mask.${spec.kind}`;
      return isMessageKey(key) ? t(key) : spec.kind;
    }
  }
}

/** The counts of a diff, for a one-line summary. */
export function diffCounts(d: VersionDiff) {
  return {
    added: d.itemsAdded.length,
    removed: d.itemsRemoved.length,
    retyped: d.itemsRetyped.length,
    restricted: d.itemsRestricted.length,
    changed: d.itemsChanged.length,
    fields: d.fieldsChanged.length,
  };
}

/** True when a diff records no change at all. */
export function diffIsEmpty(d: VersionDiff): boolean {
  return Object.values(diffCounts(d)).every((n) => n === 0);
}

/** A value of a changed item field, readable: labels for levels and types, words for masks. */
export function changeValue(
  field: string,
  v: unknown,
  t: Translate,
  label: (prefix: string, value: string) => string,
): string {
  if (v === null || v === undefined || v === '') return t('common.none');
  if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
  if (field === 'defaultMask' && typeof v === 'object') return maskText(v as MaskSpec, t);
  if (typeof v === 'string') {
    const prefix: Record<string, string> = {
      nationalLevel: 'catalogue.level.',
      piiKind: 'catalogue.pii.',
      dataType: 'catalogue.dataType.',
      shareType: 'catalogue.shareType.',
      effectiveShareType: 'catalogue.shareType.',
    };
    return prefix[field] ? label(prefix[field], v) : v;
  }
  return typeof v === 'number' ? String(v) : JSON.stringify(v);
}
