import { isEncrypted, type LayoutItem } from '../layout.js';
import type { FilterItem } from './ast.js';

/** The filter schema of a resource's catalogue items (encryption as the store applies it). */
export function filterItemsOf(items: readonly (LayoutItem & { code: string })[]): FilterItem[] {
  return items.map((i) => ({ name: i.name, code: i.code, dataType: i.dataType, encrypted: isEncrypted(i) }));
}
