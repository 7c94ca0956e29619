import type { Item } from '../../api/catalogue';
import type { Translate } from '../../i18n/i18n';
import type { FilterNode, FilterValue } from './types';

// A row filter in words (性别 等于 “2”), shown beside its JSON on a grant: item labels for codes, the
// operators as people say them, and brackets only where and/or nest.

const show = (v: FilterValue) => (typeof v === 'string' ? `“${v}”` : String(v));

/** The filter as a sentence over the resource's item labels. */
export function filterText(node: FilterNode, items: readonly Item[], t: Translate): string {
  const name = (code: string) => items.find((i) => i.code === code)?.label ?? code;
  const inner = (n: FilterNode): string => {
    const s = filterText(n, items, t);
    return 'and' in n || 'or' in n ? `（${s}）` : s;
  };
  if ('eq' in node) return `${name(node.eq.item)} ${t('sharing.filter.op.eq')} ${show(node.eq.value)}`;
  if ('ne' in node) return `${name(node.ne.item)} ${t('sharing.filter.op.ne')} ${show(node.ne.value)}`;
  if ('in' in node)
    return `${name(node.in.item)} ${t('sharing.filter.op.in')} ${node.in.values.map(show).join(t('sharing.sep'))}`;
  if ('prefix' in node)
    return `${name(node.prefix.item)} ${t('sharing.filter.op.prefix')} ${show(node.prefix.value)}`;
  if ('isNull' in node) return `${name(node.isNull.item)} ${t('sharing.filter.op.isNull')}`;
  if ('range' in node) {
    const r = node.range;
    const bounds = [
      r.min !== undefined && r.min !== null ? `${r.exclusive ? '>' : '≥'} ${show(r.min)}` : '',
      r.max !== undefined && r.max !== null ? `${r.exclusive ? '<' : '≤'} ${show(r.max)}` : '',
    ].filter(Boolean);
    return `${name(r.item)} ${bounds.join(' ')}`;
  }
  if ('not' in node) return `${t('sharing.filter.op.not')} ${inner(node.not)}`;
  if ('and' in node) return node.and.map(inner).join(` ${t('sharing.filter.op.and')} `);
  return node.or.map(inner).join(` ${t('sharing.filter.op.or')} `);
}
