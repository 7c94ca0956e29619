// Whether a resource document obeys the level policy table. Breaches are explained in words a steward can
// act on (which item raised the level, what the level allows), and the service answers them with a 422.
import { atLeast } from '../masking/index.js';
import type { PolicyTable } from './policy.js';
import type { ResourceDoc } from './types.js';
import {
  METHOD_LABELS,
  NATIONAL_LEVEL_LABELS,
  OPEN_TYPE_LABELS,
  SHARE_TYPE_LABELS,
  type Method,
} from './vocab.js';

/** One breach of the policy. */
export interface PolicyViolation {
  field: string;
  code: 'SHARE_TYPE' | 'OPEN_TYPE' | 'METHOD' | 'MASK_BELOW_MINIMUM';
  message: string;
}

/** Every breach of the policy table by the document (empty when it complies). */
export function checkPolicy(doc: ResourceDoc, table: PolicyTable): PolicyViolation[] {
  const out: PolicyViolation[] = [];
  const rule = table.levels[doc.level];
  const levelName = `${NATIONAL_LEVEL_LABELS[doc.level]} (${doc.provincialLevel})`;
  // Name the items that raised the level, so the steward knows what to change.
  const raisers = doc.items.filter((i) => i.nationalLevel === doc.level).map((i) => i.name);
  const because = raisers.length ? ` because of item(s) ${raisers.slice(0, 5).join(', ')}` : '';
  if (!rule.shareTypes.includes(doc.share.type))
    out.push({
      field: 'share.type',
      code: 'SHARE_TYPE',
      message: `the resource is at level ${levelName}${because}; that level forbids ${SHARE_TYPE_LABELS[doc.share.type]} (allowed: ${rule.shareTypes.map((t) => SHARE_TYPE_LABELS[t]).join('、')})`,
    });
  if (!rule.openTypes.includes(doc.open.type))
    out.push({
      field: 'open.type',
      code: 'OPEN_TYPE',
      message: `the resource is at level ${levelName}${because}; that level forbids ${OPEN_TYPE_LABELS[doc.open.type]} (allowed: ${rule.openTypes.map((t) => OPEN_TYPE_LABELS[t]).join('、')})`,
    });
  const badMethods: Method[] = doc.share.methods.filter((m) => !rule.methods.includes(m));
  if (badMethods.length)
    out.push({
      field: 'share.methods',
      code: 'METHOD',
      message: `the resource is at level ${levelName}${because}; that level forbids delivery by ${badMethods.map((m) => METHOD_LABELS[m]).join('、')} (allowed: ${rule.methods.map((m) => METHOD_LABELS[m]).join('、')})`,
    });
  doc.items.forEach((item, idx) => {
    if (!item.piiKind) return;
    const minimum = table.levels[item.nationalLevel].requiredMasks[item.piiKind];
    if (minimum && !atLeast(item.defaultMask, minimum))
      out.push({
        field: `items.${idx}.defaultMask`,
        code: 'MASK_BELOW_MINIMUM',
        message: `item ${item.name} (${item.piiKind}, ${NATIONAL_LEVEL_LABELS[item.nationalLevel]}) needs a mask at least as strong as ${JSON.stringify(minimum)}`,
      });
  });
  return out;
}

/** Whether applications for these items (all items by default) go through the bureau's pre-review. */
export function needsBureauReview(
  doc: ResourceDoc,
  table: PolicyTable,
  itemNames?: readonly string[],
): boolean {
  const items = itemNames ? doc.items.filter((i) => itemNames.includes(i.name)) : doc.items;
  return items.some((i) => table.levels[i.nationalLevel].bureauReview);
}
